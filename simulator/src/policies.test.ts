import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mmcMeanWait, mmcServiceLevel } from "./erlang.ts";
import { mmcScenario } from "./mmc-check.ts";
import { comparePolicies, figuresOver, formatComparison, pooledErlangFloor, pooledIntervalsOf, pooledPerHalfHour, withPolicy } from "./policies.ts";
import { Scenario, takesAppointments, withoutAppointments } from "./scenario.ts";

const shipped = (name: string) => Scenario.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "scenarios", `${name}.json`), "utf8")));

describe("policies as shapes of the same hall", () => {
  it.each(["commune", "district", "provincial"])("dedicated gives every field of %s a counter and each counter its own field first", (name) => {
    const s = shipped(name);
    const d = withPolicy(s, "dedicated");
    for (const f of s.fields) expect(d.counters.some((c) => c.fieldIds.includes(f.id))).toBe(true);
    d.counters.forEach((c, i) => expect(c.fieldIds[0]).toBe(s.counters[i]!.fieldIds[0]));
    expect(d.priorityShare).toBe(0);
    expect(d.counters.reduce((n, c) => n + c.shifts.length, 0)).toBe(s.counters.reduce((n, c) => n + c.shifts.length, 0));
  });

  it("pooled lets every counter take every field, its own fields still first", () => {
    const s = shipped("district");
    const p = withPolicy(s, "pooled");
    p.counters.forEach((c, i) => {
      expect(c.fieldIds.slice(0, s.counters[i]!.fieldIds.length)).toEqual(s.counters[i]!.fieldIds);
      expect([...c.fieldIds].sort()).toEqual(s.fields.map((f) => f.id).sort());
    });
  });
});

describe("the pooled Erlang C reference", () => {
  it("is Erlang C itself for a steady M/M/c hall", () => {
    const p = { arrivalsPerMinute: 0.35, meanServiceMinutes: 6, servers: 3 };
    expect(pooledErlangFloor(mmcScenario(p))).toBeCloseTo(mmcMeanWait(p), 6);
  });

  it("is unbounded when a peak exceeds the officers on duty", () => {
    expect(pooledErlangFloor(mmcScenario({ arrivalsPerMinute: 0.6, meanServiceMinutes: 6, servers: 3 }))).toBe(Infinity);
  });
});

describe("the pooled hall per half hour (Erlang C + backlog)", () => {
  it("is Erlang C itself for a steady M/M/c hall", () => {
    const p = { arrivalsPerMinute: 0.35, meanServiceMinutes: 6, servers: 3 };
    const day = pooledPerHalfHour(mmcScenario(p));
    expect(day.meanWait).toBeCloseTo(mmcMeanWait(p), 9);
    expect(day.withinShare).toBeCloseTo(mmcServiceLevel({ ...p, withinMinutes: 15 }), 9);
  });

  it("reads a scenario's arrivals, service means, shifts and desks", () => {
    // λ = 2/min of 1-minute services; one officer from 07:00, two more from 07:30 (by hand in
    // erlang.test.ts: half-hour means 10 and 5, the day 7.5).
    const hall = (desks?: number) =>
      Scenario.parse({
        name: "by hand",
        ...(desks ? { desks } : {}),
        fields: [
          { id: "a", name: "A", nameEn: "A", arrivalsPerHour: { "07:00": 60, "08:00": 0 }, serviceMinutes: { mean: 0.5 } },
          { id: "b", name: "B", nameEn: "B", arrivalsPerHour: { "07:00": 60, "08:00": 0 }, serviceMinutes: { mean: 1.5 } },
        ],
        counters: [
          { id: "q1", number: 1, fieldIds: ["a"], shifts: [{ from: "07:00", to: "08:00" }] },
          { id: "q2", number: 2, fieldIds: ["b"], shifts: [{ from: "07:30", to: "08:00" }] },
          { id: "q3", number: 3, fieldIds: ["b"], shifts: [{ from: "07:30", to: "08:00" }] },
        ],
      });
    const stretches = pooledIntervalsOf(hall());
    expect(stretches.map((x) => [x.from, x.minutes, x.arrivalsPerMinute, x.meanServiceMinutes, x.servers])).toEqual([
      [420, 30, 2, 1, 1],
      [450, 30, 2, 1, 3],
    ]);
    expect(pooledPerHalfHour(hall()).meanWait).toBeCloseTo(7.5, 3);
    expect(pooledIntervalsOf(hall(2)).map((x) => x.servers)).toEqual([1, 2]);
  });

  it("gives the break between sessions a stretch with nobody on duty", () => {
    const s = shipped("provincial");
    const stretches = pooledIntervalsOf(s);
    const lunch = stretches.find((x) => x.from === 11 * 60 + 30)!;
    expect(lunch).toMatchObject({ minutes: 120, servers: 0, arrivalsPerMinute: 0 });
    expect(stretches.filter((x) => x !== lunch).every((x) => x.minutes === 30 && x.servers === 19)).toBe(true);
    expect(stretches.reduce((n, x) => n + x.arrivalsPerMinute * x.minutes, 0)).toBeCloseTo(1200, 0);
  });

  it.each([
    ["commune", 6.85, 0.893],
    ["district", 2.85, 0.947],
    ["provincial", 7.8, 0.755],
  ] as const)("is finite and the same every time on %s, where the whole-day figure is ∞", (name, mean, share) => {
    const s = shipped(name);
    expect(pooledErlangFloor(s)).toBe(Infinity);
    const day = pooledPerHalfHour(s);
    expect(pooledPerHalfHour(s)).toEqual(day);
    expect(day.meanWait).toBeCloseTo(mean, 2);
    expect(day.withinShare).toBeCloseTo(share, 3);
    const table = formatComparison(s, [], Infinity, 8, day);
    expect(table).toContain("pooled Erlang C: ∞");
    expect(table).toMatch(/pooled, per half hour \(Erlang C \+ backlog\)\s+\d+\.\d\s+\d+\.\d/);
  });
});

describe("the engine's call order against dedicated FIFO (same citizens, 8 days)", () => {
  // The call order's claim is about a hall where everyone walks in: the scenarios as they were
  // before appointments (the same citizens, the same figures).
  // Days enough that a small field's p90 is more than the third-longest of a few dozen waits: 40
  // commune days (80 visits a day), 24 district days (300), 8 provincial days (1,200). On single
  // weeks of the commune the rule can fail (seeds 400–407: certification p90 52.6 against 23.1 in a
  // week that was heavy for everyone; see simulator/README.md).
  const DAYS: Record<string, number> = { commune: 40, district: 24, provincial: 8 };
  // With the aging limit at the 15-minute target (45 before), a specialist takes a citizen of
  // another field who has waited past 15 minutes: the hall's worst p90 falls, and the specialist's
  // own field pays a little. Measured: commune certification 31.6 against 26.0 under FIFO (×1.22),
  // district land 11.2 against 9.6 (×1.17), provincial civil status 26.0 against 18.4 (×1.41);
  // at 45 every field was within ×1.1 (see docs/benchmarks.md, "The aging limit").
  const FIELD_P90_BOUND = 1.5;
  it.each(["commune", "district", "provincial"])("on the %s scenario, everyone walking in: shorter mean wait, more called within 15 minutes, no field starved", (name) => {
    const s = withoutAppointments(shipped(name));
    const [dedicated, engine] = comparePolicies(s, Array.from({ length: DAYS[name]! }, (_, i) => i + 1), { bands: false });
    expect(engine!.overall.meanWait).toBeLessThan(dedicated!.overall.meanWait);
    expect(engine!.overall.within15).toBeGreaterThan(dedicated!.overall.within15);
    const worst = (x: typeof engine) => Math.max(...x!.fields.map((f) => f.p90Wait));
    expect(worst(engine)).toBeLessThan(worst(dedicated));
    engine!.fields.forEach((f, i) => {
      expect(f.id).toBe(dedicated!.fields[i]!.id);
      expect(f.p90Wait, `${f.id}: p90 under the engine vs dedicated FIFO`).toBeLessThanOrEqual(dedicated!.fields[i]!.p90Wait * FIELD_P90_BOUND);
    });
  }, 180_000);

  it.each(["district", "provincial"])(
    "on the %s scenario with a fifth of four fields booking: still shorter and more within 15 minutes than FIFO, holders called at their slot",
    (name) => {
      const s = shipped(name);
      expect(takesAppointments(s)).toBe(true);
      const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
      // Dedicated FIFO is a naive system: no appointments, everyone walks in.
      const dedicated = figuresOver("dedicated", withPolicy(s, "dedicated"), seeds, { bands: false });
      const engine = figuresOver("engine", s, seeds, { bands: false });
      expect(dedicated.appointments).toBeNull();
      expect(engine.overall.meanWait).toBeLessThan(dedicated.overall.meanWait);
      expect(engine.overall.within15).toBeGreaterThan(dedicated.overall.within15);
      // Under 3 minutes with the aging limit at 45; at 15 a walk-in past the target is called
      // before a slot that has begun (district 4.4, provincial 3.2).
      expect(engine.appointments!.meanFromSlot).toBeLessThan(5);
      // 95 % with the aging limit at 45; at 15 (district 86 %, provincial 91 %) the walk-ins past
      // the target go first. The cost of the limit to booked citizens, in docs/benchmarks.md.
      expect(engine.appointments!.within15).toBeGreaterThanOrEqual(0.85);
      // The walk-ins pay for the booked times, most in a busy field with few counters of its own:
      // with two places a slot on business registration's two counters its walk-ins' p90 was 13 %
      // over FIFO's; the scenario books one a slot there, and no field starves.
      engine.fields.forEach((f, i) => {
        expect(f.p90Wait, `${f.id}: p90 under the engine with appointments vs dedicated FIFO`).toBeLessThanOrEqual(dedicated.fields[i]!.p90Wait * FIELD_P90_BOUND);
      });
    },
    180_000,
  );
});
