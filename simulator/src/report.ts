import { TARGET_WAIT_MINUTES } from "@motcua/protocol";
import type { SimResult, Visit } from "./simulate.ts";

export interface WaitFigures {
  id: string;
  visits: number;
  served: number;
  /** Citizens still waiting when the last officer left. */
  unserved: number;
  meanWait: number;
  p90Wait: number;
  within15: number;
  longestWait: number;
  /** Share whose actual wait fell inside the band their ticket showed, and the midpoint's mean error. */
  bandInside: number | null;
  bandMae: number | null;
}

export interface DayReport {
  scenario: string;
  seed: number;
  overall: WaitFigures;
  fields: WaitFigures[];
  utilisation: { counterId: string; share: number; staffedMinutes: number }[];
  /** Only for a day on which citizens booked. */
  appointments: AppointmentFigures | null;
}

/** Booked citizens and everyone else, told apart. */
export interface AppointmentFigures {
  /** Booked citizens the kiosk checked in within the window: appointment tickets. */
  onTime: number;
  /** Booked citizens who came after the window and got an ordinary ticket. */
  late: number;
  /** Citizens who wanted to book and found every slot of the day full: they walked in. */
  noSlot: number;
  /**
   * Appointment tickets, minutes from the slot's start (or from the check-in, when later) to the
   * call; a citizen called before their slot waited none of it.
   */
  meanFromSlot: number;
  p90FromSlot: number;
  within5: number;
  within15: number;
  /** Everyone without an appointment ticket (late bookers too), waits from their ticket as usual. */
  walkIns: WaitFigures;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/**
 * The wait a visit counts in the figures: from the ticket to the call, except that an appointment
 * ticket counts from its slot (or from check-in, when later). Coming early for a booked time is
 * not waiting for the center; a counter that is free may still call such a citizen early.
 */
export const countedWait = (v: Visit): number => (v.booking?.onTime ? waitFromSlot(v) : v.waitMinutes);

/** Wait figures; the band is judged against the whole wait from the ticket, which is what it foretold. */
export function figuresOf(id: string, visits: Visit[]): WaitFigures {
  const waits = visits.map(countedWait).sort((a, b) => a - b);
  const banded = visits.filter((v) => v.band !== null);
  const inside = banded.filter((v) => v.waitMinutes >= v.band!.minMinutes && v.waitMinutes <= v.band!.maxMinutes).length;
  const mae = banded.reduce((s, v) => s + Math.abs(v.waitMinutes - (v.band!.minMinutes + v.band!.maxMinutes) / 2), 0);
  return {
    id,
    visits: visits.length,
    served: visits.filter((v) => v.served).length,
    unserved: visits.filter((v) => !v.called).length,
    meanWait: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : 0,
    p90Wait: quantile(waits, 0.9),
    within15: waits.length ? waits.filter((w) => w <= TARGET_WAIT_MINUTES).length / waits.length : 1,
    longestWait: waits.length ? waits[waits.length - 1]! : 0,
    bandInside: banded.length ? inside / banded.length : null,
    bandMae: banded.length ? mae / banded.length : null,
  };
}

/** Minutes an appointment ticket waited past its slot (or its check-in, if later); 0 if called before. */
export function waitFromSlot(v: Visit): number {
  return Math.max(0, v.issuedMinute + v.waitMinutes - Math.max(v.booking!.slotMinute, v.issuedMinute));
}

/** The appointment holders' figures and the walk-ins' beside them; null if nobody booked. */
export function appointmentFiguresOf(visits: Visit[], noSlot = 0): AppointmentFigures | null {
  const booked = visits.filter((v) => v.booking !== undefined);
  if (booked.length === 0 && noSlot === 0) return null;
  const holders = booked.filter((v) => v.booking!.onTime);
  const waits = holders.map(countedWait).sort((a, b) => a - b);
  const share = (limit: number) => (waits.length ? waits.filter((w) => w <= limit).length / waits.length : 1);
  return {
    onTime: holders.length,
    late: booked.length - holders.length,
    noSlot,
    meanFromSlot: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : 0,
    p90FromSlot: quantile(waits, 0.9),
    within5: share(5),
    within15: share(TARGET_WAIT_MINUTES),
    walkIns: figuresOf("walk-ins", visits.filter((v) => !v.booking?.onTime)),
  };
}

/** Two lines for a day (or days) with appointments: the holders from their slot, the walk-ins from their ticket. */
export function formatAppointments(a: AppointmentFigures, label = ""): string[] {
  const w = a.walkIns;
  return [
    `appointments${label}: ${a.onTime} checked in on time, ${a.late} late (→ walk-ins), ${a.noSlot} found no free slot (→ walk-ins); ` +
      `from slot to call: mean ${min(a.meanFromSlot)}, p90 ${min(a.p90FromSlot)}, ≤5 min ${pct(a.within5)}, ≤15 min ${pct(a.within15)}`,
    `walk-ins${label}: ${w.visits} visits, mean wait ${min(w.meanWait)}, p90 ${min(w.p90Wait)}, ≤15 min ${pct(w.within15)}, unserved ${w.unserved}`,
  ];
}

export function report(r: SimResult, fieldIds: string[]): DayReport {
  return {
    scenario: r.scenario,
    seed: r.seed,
    overall: figuresOf("all", r.visits),
    fields: fieldIds.map((id) => figuresOf(id, r.visits.filter((v) => v.fieldId === id))),
    utilisation: r.counters.map((c) => ({
      counterId: c.counterId,
      staffedMinutes: c.staffedMinutes,
      share: c.staffedMinutes > 0 ? c.busyMinutes / c.staffedMinutes : 0,
    })),
    appointments: appointmentFiguresOf(r.visits, r.appointments.noSlot),
  };
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(0)}%`);
const min = (x: number) => x.toFixed(1);

/** A plain-text table, one row per field and one for the whole hall. */
export function formatReport(d: DayReport): string {
  const header = ["field", "visits", "unserved", "mean wait", "p90 wait", "≤15 min", "longest", "in band", "band MAE"];
  const rows = [...d.fields, d.overall].map((f) => [
    f.id,
    String(f.visits),
    String(f.unserved),
    min(f.meanWait),
    min(f.p90Wait),
    pct(f.within15),
    min(f.longestWait),
    pct(f.bandInside),
    f.bandMae === null ? "–" : min(f.bandMae),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const util = d.utilisation.map((u) => `${u.counterId} ${pct(u.share)}`).join(", ");
  return [
    `${d.scenario} (seed ${d.seed}) — waits in minutes`,
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    `counter utilisation: ${util}`,
    ...(d.appointments ? formatAppointments(d.appointments) : []),
  ].join("\n");
}
