import { minutesOf } from "@motcua/engine";
import { erlangC, timeVaryingMeanWait, type QueueInterval, type TimeVaryingWait } from "./erlang.ts";
import { appointmentFiguresOf, figuresOf, formatAppointments, type AppointmentFigures, type WaitFigures } from "./report.ts";
import { arrivalSteps, expectedVisits, hhmm, openSpans, rateAt, staffHoursOf, withoutAppointments, type Scenario } from "./scenario.ts";
import { simulate } from "./simulate.ts";

/**
 * Call-order policies, each run through the real engine by shaping what counters may take:
 * - dedicated: each counter takes only its own (first) field, first come first served, no
 *   priority and no appointments (everyone walks in) — what naive systems do;
 * - engine: the scenario as configured: counters take their fields in preference order,
 *   priority with a fairness cap, aging;
 * - pooled: every counter takes every field (a bound on what routing alone can do).
 */
export const POLICIES = ["dedicated", "engine", "pooled"] as const;
export type Policy = (typeof POLICIES)[number];

export function withPolicy(s: Scenario, policy: Policy): Scenario {
  switch (policy) {
    case "dedicated": {
      // Each counter keeps its own field; a field left with no counter of its own (a commune's
      // two officers for four fields) goes to the counter with the least expected work.
      const counters = s.counters.map((c) => ({ ...c, fieldIds: [c.fieldIds[0]!] }));
      const work = (fieldId: string) => {
        const f = s.fields.find((x) => x.id === fieldId)!;
        return expectedVisits(f) * f.serviceMinutes.mean;
      };
      for (const f of s.fields) {
        if (counters.some((c) => c.fieldIds.includes(f.id))) continue;
        const load = (c: (typeof counters)[number]) => c.fieldIds.reduce((sum, id) => sum + work(id), 0);
        const lightest = counters.filter((c) => s.counters.find((o) => o.id === c.id)!.fieldIds.includes(f.id)).sort((a, b) => load(a) - load(b))[0]
          ?? [...counters].sort((a, b) => load(a) - load(b))[0]!;
        lightest.fieldIds.push(f.id);
      }
      return { ...withoutAppointments(s), priorityShare: 0, counters };
    }
    case "engine":
      return s;
    case "pooled": {
      const all = s.fields.map((f) => f.id);
      return { ...s, counters: s.counters.map((c) => ({ ...c, fieldIds: [...c.fieldIds, ...all.filter((f) => !c.fieldIds.includes(f))] })) };
    }
  }
}

export interface PolicyFigures {
  policy: string;
  staffHours: number;
  overall: WaitFigures;
  fields: WaitFigures[];
  /** Appointment holders and walk-ins apart, when citizens book. */
  appointments: AppointmentFigures | null;
}

/**
 * One way of running the hall over several seeded days, pooled. `bands: false` skips recording
 * the wait band each ticket showed (nine tenths of a simulated day's cost) when only waits count.
 */
export function figuresOver(policy: string, s: Scenario, seeds: number[], opts: { bands?: boolean } = {}): PolicyFigures {
  const days = seeds.map((seed) => simulate(s, { seed, ...opts }));
  const visits = days.flatMap((d) => d.visits);
  return {
    policy,
    staffHours: staffHoursOf(s),
    overall: figuresOf("all", visits),
    fields: s.fields.map((f) => figuresOf(f.id, visits.filter((v) => v.fieldId === f.id))),
    appointments: appointmentFiguresOf(visits, days.reduce((n, d) => n + d.appointments.noSlot, 0)),
  };
}

/** The same citizens (same seeds: common random numbers) under each policy. */
export function comparePolicies(s: Scenario, seeds: number[], opts: { bands?: boolean } = {}): PolicyFigures[] {
  return POLICIES.map((policy) => figuresOver(policy, withPolicy(s, policy), seeds, opts));
}

/**
 * The fully pooled Erlang C floor: half hour by half hour, every officer on duty serves every
 * field, as an M/M/c queue in steady state, weighted by arrivals. Infinity if any half hour is
 * overloaded (then `pooledPerHalfHour` carries the overload over as a backlog).
 */
export function pooledErlangFloor(s: Scenario): number {
  let weighted = 0;
  let arrivals = 0;
  for (let m = 0; m < 24 * 60; m += 30) {
    const mid = m + 15;
    let lambda = 0;
    let work = 0;
    for (const f of s.fields) {
      const r = rateAt(arrivalSteps(f), mid);
      lambda += r;
      work += r * f.serviceMinutes.mean;
    }
    if (lambda === 0) continue;
    const servers = s.counters.filter((c) => c.shifts.some((x) => minutesOf(x.from) <= mid && mid < minutesOf(x.to))).length;
    const meanService = work / lambda;
    const a = work;
    const wq = a >= servers ? Infinity : erlangC(a, servers) / (servers / meanService - lambda);
    weighted += wq * lambda * 30;
    arrivals += lambda * 30;
  }
  return arrivals === 0 ? 0 : weighted / arrivals;
}

/** Citizens expected from a field's arrival steps between two minutes. */
function arrivalsBetween(steps: { from: number; perMinute: number }[], from: number, to: number): number {
  let n = 0;
  steps.forEach((x, i) => {
    const end = i + 1 < steps.length ? steps[i + 1]!.from : Infinity;
    const overlap = Math.min(end, to) - Math.max(x.from, from);
    if (overlap > 0) n += x.perMinute * overlap;
  });
  return n;
}

/** A half hour (or the break between sessions) of the fully pooled hall. */
export interface PooledInterval extends QueueInterval {
  /** Minutes from local midnight. */
  from: number;
}

/**
 * The scenario as the fully pooled hall sees it, stretch by stretch: each session of the opening
 * hours in 30-minute intervals from its start (the last one shorter if the session is), the
 * breaks between sessions (and any arrivals before the first or after the last) as stretches of
 * their own. λ: every field's arrivals over the stretch (the scenario's step functions); s: the
 * fields' mean service times weighted by those arrivals; c: officers on duty at the stretch's
 * midpoint (their shifts), at most the hall's desks.
 */
export function pooledIntervalsOf(s: Scenario): PooledInterval[] {
  const fields = s.fields.map((f) => ({ steps: arrivalSteps(f), mean: f.serviceMinutes.mean }));
  const spans = openSpans(s);
  const firstArrival = Math.min(...fields.map((f) => f.steps[0]!.from));
  const lastArrival = Math.max(...fields.map((f) => f.steps.at(-1)!.from));
  const bounds: number[] = [];
  if (firstArrival < spans[0]!.from) bounds.push(firstArrival);
  for (const x of spans) {
    for (let m = x.from; m < x.to; m += 30) bounds.push(m);
    bounds.push(x.to);
  }
  if (lastArrival > spans.at(-1)!.to) bounds.push(lastArrival);
  const desks = s.desks ?? Infinity;
  const out: PooledInterval[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!;
    const to = bounds[i + 1]!;
    if (!(to > from)) continue;
    const mid = (from + to) / 2;
    let n = 0;
    let work = 0;
    for (const f of fields) {
      const k = arrivalsBetween(f.steps, from, to);
      n += k;
      work += k * f.mean;
    }
    const onDuty = s.counters.filter((c) => c.shifts.some((x) => minutesOf(x.from) <= mid && mid < minutesOf(x.to))).length;
    out.push({ from, minutes: to - from, arrivalsPerMinute: n / (to - from), meanServiceMinutes: n > 0 ? work / n : 1, servers: Math.min(onDuty, desks) });
  }
  return out;
}

/** The fully pooled hall per half hour: Erlang C where the hall keeps up, the backlog's clearing time where it does not. */
export interface PooledPerHalfHour extends TimeVaryingWait {
  stretches: PooledInterval[];
}

export function pooledPerHalfHour(s: Scenario): PooledPerHalfHour {
  const stretches = pooledIntervalsOf(s);
  return { ...timeVaryingMeanWait(stretches, { withinMinutes: 15 }), stretches };
}

/** Where the pooled hall falls behind: the largest backlog (officer-minutes of work) and when. */
function peakBacklog(p: PooledPerHalfHour): { work: number; at: number } {
  let peak = { work: 0, at: 0 };
  p.intervals.forEach((x, i) => {
    if (x.backlogAtEnd > peak.work) peak = { work: x.backlogAtEnd, at: p.stretches[i]!.from + p.stretches[i]!.minutes };
  });
  return peak;
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

const PER_HALF_HOUR = "pooled, per half hour (Erlang C + backlog)";

/**
 * Side by side: mean and p90 wait, the 15-minute share, and the worst field's p90; then the
 * whole-day pooled Erlang C figure and, if given, the pooled hall per half hour.
 */
export function formatComparison(s: Scenario, rows: PolicyFigures[], floor: number, days: number, perHalfHour?: PooledPerHalfHour): string {
  const header = ["policy", "staff-h", "mean wait", "p90 wait", "≤15 min", "worst field p90", "unserved", "in band"];
  const body = rows.map((r) => {
    const worst = r.fields.reduce((a, b) => (b.p90Wait > a.p90Wait ? b : a));
    return [
      r.policy,
      r.staffHours.toFixed(1),
      r.overall.meanWait.toFixed(1),
      r.overall.p90Wait.toFixed(1),
      pct(r.overall.within15),
      `${worst.p90Wait.toFixed(1)} (${worst.id})`,
      String(r.overall.unserved),
      r.overall.bandInside === null ? "–" : pct(r.overall.bandInside),
    ];
  });
  body.push(["pooled Erlang C", "", Number.isFinite(floor) ? floor.toFixed(1) : "∞", "", "", "", "", ""]);
  if (perHalfHour) {
    body.push([PER_HALF_HOUR, staffHoursOf(s).toFixed(1), perHalfHour.meanWait.toFixed(1), "", pct(perHalfHour.withinShare), "", "", ""]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const note = Number.isFinite(floor)
    ? "pooled Erlang C: every officer on duty takes every field, steady state hour by hour"
    : "pooled Erlang C: ∞ — at a peak the work arriving exceeds the officers on duty, even fully pooled";
  const peak = perHalfHour ? peakBacklog(perHalfHour) : null;
  const perHalfHourNote = perHalfHour
    ? `${PER_HALF_HOUR}: every officer on duty takes every field; arrivals in a half hour the hall keeps up with wait Erlang C's mean, ` +
      `those behind work left over from a peak wait until the officers have cleared it (a fluid backlog` +
      (peak && peak.work > 0 ? `: at most ${(peak.work / 60).toFixed(1)} officer-hours, at ${hhmm(peak.at)})` : `: none here)`) +
      "; an estimate for an ideally pooled hall (no randomness across half hours, no no-shows), not a bound"
    : null;
  const booked = rows.flatMap((r) => (r.appointments ? formatAppointments(r.appointments, ` (${r.policy})`) : []));
  return [
    `policies compared on ${s.name} (${days} seeded days, waits in minutes)`,
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map(line),
    note,
    ...(perHalfHourNote ? [perHalfHourNote] : []),
    ...booked,
  ].join("\n");
}
