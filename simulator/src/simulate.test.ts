import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mmcMeanWait } from "./erlang.ts";
import { EventQueue } from "./heap.ts";
import { mmcScenario, plainMeanWait, plainMmcWaits } from "./mmc-check.ts";
import { figuresOf } from "./report.ts";
import { Scenario, expectedVisits } from "./scenario.ts";
import { simulate, type Visit } from "./simulate.ts";

const shipped = (name: string) => Scenario.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "scenarios", `${name}.json`), "utf8")));

describe("an M/M/c hall", () => {
  const cases = [
    { arrivalsPerMinute: 0.35, meanServiceMinutes: 6, servers: 3 },
    { arrivalsPerMinute: 0.12, meanServiceMinutes: 7, servers: 1 },
    { arrivalsPerMinute: 0.9, meanServiceMinutes: 5, servers: 5 },
  ];

  it.each(cases)("through the real engine waits exactly as first come, first served (%o)", (p) => {
    const s = mmcScenario(p);
    for (const seed of [1, 2, 3]) {
      const engine = simulate(s, { seed }).visits;
      const plain = plainMmcWaits(s, seed);
      expect(engine.length).toBe(plain.length);
      engine.forEach((v, i) => {
        expect(v.issuedMinute).toBeCloseTo(plain[i]!.issuedMinute, 6);
        // The engine's clock counts whole milliseconds.
        expect(Math.abs(v.waitMinutes - plain[i]!.waitMinutes)).toBeLessThan(1e-3);
      });
    }
  });

  it.each(cases)("agrees with Erlang C within 5 % over a long run (%o)", (p) => {
    const { mean, n } = plainMeanWait(mmcScenario(p), { minutes: 6_000_000 });
    const theory = mmcMeanWait(p);
    expect(n).toBeGreaterThan(100_000);
    expect(Math.abs(mean / theory - 1)).toBeLessThan(0.05);
  });
});

describe("a simulated day", () => {
  it("is the same day for the same seed, and another day for another seed", () => {
    const s = shipped("district");
    const a = simulate(s, { seed: 7 });
    const b = simulate(s, { seed: 7 });
    expect(b.visits).toEqual(a.visits);
    expect(b.state).toEqual(a.state);
    const c = simulate(s, { seed: 8 });
    expect(c.visits.map((v) => v.waitMinutes)).not.toEqual(a.visits.map((v) => v.waitMinutes));
  });

  it("is the same day whether or not it records the band each ticket showed (the policy and planner tests skip them)", () => {
    const s = shipped("district");
    const banded = simulate(s, { seed: 11 });
    const plain = simulate(s, { seed: 11, bands: false });
    expect(banded.visits.some((v) => v.band !== null)).toBe(true);
    expect(plain.visits.every((v) => v.band === null)).toBe(true);
    expect(plain.visits).toEqual(banded.visits.map((v) => ({ ...v, band: null })));
    expect(plain.state).toEqual(banded.state);
  });

  it.each(["commune", "district", "provincial"])("of the shipped %s scenario accounts for every citizen and ends with every desk free", (name) => {
    const s = shipped(name);
    const r = simulate(s);
    expect(r.visits.length).toBe(r.state.order.length);
    const tickets = Object.values(r.state.tickets);
    expect(tickets.filter((t) => t.status === "called" || t.status === "serving" || t.status === "parked")).toEqual([]);
    expect(Object.values(r.state.counters).every((c) => c.status === "closed" && c.currentTicketId === null)).toBe(true);
    for (const v of r.visits) {
      const t = r.state.tickets[v.ticketId]!;
      expect(v.served).toBe(t.status === "done");
      expect(v.waitMinutes).toBeGreaterThanOrEqual(0);
      if (!v.called) expect(t.status).toBe("waiting");
    }
    for (const c of r.counters) expect(c.busyMinutes).toBeLessThanOrEqual(c.staffedMinutes + 1e-9);
    // Arrivals follow the scenario's daily volume (a Poisson count: within 4 standard deviations).
    const expected = s.fields.reduce((sum, f) => sum + expectedVisits(f), 0);
    expect(Math.abs(r.visits.length - expected)).toBeLessThan(4 * Math.sqrt(expected) + 5 * s.noShowRate * expected);
  });
});

describe("scenario files", () => {
  const base = () => JSON.parse(readFileSync(join(import.meta.dirname, "..", "scenarios", "commune.json"), "utf8"));
  it.each([
    ["a counter taking an unknown field", (s: any) => s.counters[0].fieldIds.push("khong-co"), /unknown field khong-co/],
    ["a field no counter takes", (s: any) => s.counters.forEach((c: any) => (c.fieldIds = c.fieldIds.filter((f: string) => f !== "dat-dai"))), /no counter takes field dat-dai/],
    ["arrivals that never stop", (s: any) => (s.fields[0].arrivalsPerHour["16:30"] = 3), /last time must have rate 0/],
    ["a shift that ends before it starts", (s: any) => (s.counters[0].shifts[0] = { from: "11:30", to: "07:00" }), /from must be before to/],
    ["a bad time", (s: any) => (s.counters[0].shifts[0].from = "7h"), /HH:mm/],
  ])("refuse %s, saying what is wrong", (_what, spoil, message) => {
    const s = base();
    spoil(s);
    const r = Scenario.safeParse(s);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(message);
  });
});

describe("the event queue", () => {
  it("gives events in time order, and same-time events in the order they were added", () => {
    const q = new EventQueue<{ t: number; name: string }>();
    for (const [t, name] of [[5, "a"], [1, "b"], [5, "c"], [3, "d"], [1, "e"], [9, "f"]] as const) q.push({ t, name });
    const out: string[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(e.name);
    expect(out).toEqual(["b", "e", "d", "a", "c", "f"]);
  });
});

describe("wait figures", () => {
  const visit = (waitMinutes: number, band: [number, number] | null, served = true): Visit => ({
    ticketId: `t${waitMinutes}`,
    fieldId: "f",
    priority: false,
    issuedMinute: 480,
    waitMinutes,
    served,
    called: served,
    band: band && { minMinutes: band[0], maxMinutes: band[1] },
  });
  it("count the 15-minute share, the 90th percentile and the honesty of the bands", () => {
    const f = figuresOf("f", [visit(2, [0, 5]), visit(8, [0, 5]), visit(14, [10, 20]), visit(16, [10, 20]), visit(40, null, false)]);
    expect(f).toMatchObject({ visits: 5, served: 4, unserved: 1, within15: 0.6, longestWait: 40, bandInside: 0.75, p90Wait: 40 });
    expect(f.meanWait).toBeCloseTo(16);
    expect(f.bandMae).toBeCloseTo((0.5 + 5.5 + 1 + 1) / 4);
  });
});
