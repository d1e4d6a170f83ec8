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
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

export function figuresOf(id: string, visits: Visit[]): WaitFigures {
  const waits = visits.map((v) => v.waitMinutes).sort((a, b) => a - b);
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
    within15: waits.length ? waits.filter((w) => w <= 15).length / waits.length : 1,
    longestWait: waits.length ? waits[waits.length - 1]! : 0,
    bandInside: banded.length ? inside / banded.length : null,
    bandMae: banded.length ? mae / banded.length : null,
  };
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
  ].join("\n");
}
