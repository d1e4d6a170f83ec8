import { minutesOf } from "../../queue-server/src/engine/index.ts";
import { erlangC } from "./erlang.ts";
import { appointmentFiguresOf, figuresOf, formatAppointments, type AppointmentFigures, type WaitFigures } from "./report.ts";
import { arrivalSteps, expectedVisits, rateAt, staffHoursOf, withoutAppointments, type Scenario } from "./scenario.ts";
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

/** One way of running the hall over several seeded days, pooled. */
export function figuresOver(policy: string, s: Scenario, seeds: number[]): PolicyFigures {
  const days = seeds.map((seed) => simulate(s, { seed }));
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
export function comparePolicies(s: Scenario, seeds: number[]): PolicyFigures[] {
  return POLICIES.map((policy) => figuresOver(policy, withPolicy(s, policy), seeds));
}

/**
 * The fully pooled Erlang C floor: hour by hour, every officer on duty serves every field,
 * as an M/M/c queue in steady state, weighted by arrivals. Infinity if any hour is overloaded.
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

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/** Side by side: mean and p90 wait, the 15-minute share, and the worst field's p90. */
export function formatComparison(s: Scenario, rows: PolicyFigures[], floor: number, days: number): string {
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
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const note = Number.isFinite(floor)
    ? "pooled Erlang C: every officer on duty takes every field, steady state hour by hour"
    : "pooled Erlang C: ∞ — at a peak the work arriving exceeds the officers on duty, even fully pooled";
  const booked = rows.flatMap((r) => (r.appointments ? formatAppointments(r.appointments, ` (${r.policy})`) : []));
  return [
    `policies compared on ${s.name} (${days} seeded days, waits in minutes)`,
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map(line),
    note,
    ...booked,
  ].join("\n");
}
