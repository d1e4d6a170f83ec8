import { describe, expect, it } from "vitest";
import { aheadOf, serversFor, serviceMinutes, waitBand, waitingFor } from "./estimate.ts";
import { Desk, config, configWithRules, idOf } from "./test-fixture.ts";
import { serviceSummaries, toTicket } from "./views.ts";

/** A shop where counter 1 (birth first) is open, and optionally counter 2 too. */
const shop = (openCounters: string[] = ["c1"]) => {
  const d = new Desk();
  for (const c of openCounters) d.open(c);
  return d;
};

describe("how many are ahead", () => {
  // A001 regular @0, A002 elderly @1, A003 regular @2, A004 merit @3, B001 regular @0,
  // A005 regular @4 then cancelled, A006 regular @5 then called.
  const queue = () => {
    const d = shop(["c1"]);
    d.at(0).issue("birth");
    d.at(0).issue("marriage");
    d.at(1).issue("birth", "elderly");
    d.at(2).issue("birth");
    d.at(3).issue("birth", "merit");
    d.at(4).issue("birth");
    d.do({ type: "cancel", ticketId: idOf("A005") });
    return d;
  };

  it.each([
    ["A001", "a regular citizen waits behind every priority citizen of the service", 2],
    ["A003", "a regular citizen also waits behind older regular ones", 3],
    ["A002", "the first priority citizen has nobody ahead", 0],
    ["A004", "a later priority citizen waits behind older priority ones only", 1],
    ["B001", "other services do not count", 0],
  ])("%s: %s (%i)", (number, _label, expected) => {
    const d = queue();
    expect(aheadOf(d.state, d.ticket(number))).toBe(expected);
    expect(toTicket(config, d.state, d.ticket(number)).ahead).toBe(expected);
  });

  it("does not count citizens who are called, cancelled or done", () => {
    const d = queue();
    d.at(6).call("c1"); // A002, priority
    expect(aheadOf(d.state, d.ticket("A001"))).toBe(1);
    expect(aheadOf(d.state, d.ticket("A003"))).toBe(2);
  });

  it("gives the first of two citizens issued in the same millisecond nobody ahead, as they are called in issue order", () => {
    const d = shop(["c1"]);
    d.at(0).issue("birth");
    d.at(0).issue("birth");
    expect(aheadOf(d.state, d.ticket("A001"))).toBe(0);
    expect(aheadOf(d.state, d.ticket("A002"))).toBe(1);
    expect(d.call("c1")).toBe("A001");
  });

  it("shows no position and no band for a ticket that no longer waits", () => {
    const d = queue();
    d.at(6).call("c1");
    expect(toTicket(config, d.state, d.ticket("A002"))).toMatchObject({ status: "called", ahead: 0, estimatedWait: null });
  });

  it("counts who waits per service", () => {
    const d = queue();
    expect(["birth", "marriage", "land", "permit"].map((s) => waitingFor(d.state, s))).toEqual([4, 1, 0, 0]);
  });
});

describe("the wait band", () => {
  // Birth takes 10 minutes by default; with one open counter, n people ahead means 10·n minutes,
  // shown as [⌊0.8·e⌋₅, max(min + 5, ⌈1.25·e⌉₅)].
  it.each([
    [0, 0, 5],
    [1, 5, 15],
    [2, 15, 25],
    [3, 20, 40],
    [10, 80, 125],
  ])("with %i ahead at one open counter: %i–%i minutes", (ahead, minMinutes, maxMinutes) => {
    expect(waitBand(config, shop(["c1"]).state, "birth", ahead)).toEqual({ minMinutes, maxMinutes });
  });

  it("grows with the number of people ahead", () => {
    const state = shop(["c1"]).state;
    const bands = Array.from({ length: 40 }, (_, n) => waitBand(config, state, "birth", n));
    for (let n = 1; n < bands.length; n++) {
      expect(bands[n]!.minMinutes).toBeGreaterThanOrEqual(bands[n - 1]!.minMinutes);
      expect(bands[n]!.maxMinutes).toBeGreaterThanOrEqual(bands[n - 1]!.maxMinutes);
    }
    expect(bands[39]!.minMinutes).toBeGreaterThan(bands[1]!.maxMinutes);
  });

  it("always spans at least five minutes, on five-minute steps", () => {
    const state = shop(["c1"]).state;
    for (let n = 0; n < 40; n++) {
      const b = waitBand(config, state, "marriage", n);
      expect(b.maxMinutes - b.minMinutes).toBeGreaterThanOrEqual(5);
      expect(b.minMinutes % 5).toBe(0);
      expect(b.maxMinutes % 5).toBe(0);
    }
  });

  it("shrinks as more counters for the service open", () => {
    expect(waitBand(config, shop(["c1"]).state, "birth", 3)).toEqual({ minMinutes: 20, maxMinutes: 40 });
    expect(waitBand(config, shop(["c1", "c2"]).state, "birth", 3)).toEqual({ minMinutes: 10, maxMinutes: 20 });
    for (let n = 0; n < 30; n++) {
      const one = waitBand(config, shop(["c1"]).state, "birth", n);
      const two = waitBand(config, shop(["c1", "c2"]).state, "birth", n);
      expect(two.maxMinutes).toBeLessThanOrEqual(one.maxMinutes);
      expect(two.minMinutes).toBeLessThanOrEqual(one.minMinutes);
    }
  });

  it.each<[string, string[], string | null, number]>([
    ["no counter is open: every counter configured for it", [], null, 2],
    ["one of two is open", ["c1"], null, 1],
    ["both are open", ["c1", "c2"], null, 2],
    ["one is open and the other paused", ["c1", "c2"], "c2", 1],
    ["only counters of other services are open", ["c3", "c4"], null, 2],
  ])("counts the counters that serve birth when %s", (_label, open, paused, expected) => {
    const d = shop(open);
    if (paused) d.do({ type: "pauseCounter", counterId: paused });
    expect(serversFor(config, d.state, "birth")).toBe(expected);
  });

  it("uses the configured minutes until a service is measured", () => {
    const state = shop([]).state;
    expect(["birth", "marriage", "land", "permit"].map((s) => serviceMinutes(config, state, s))).toEqual([10, 6, 15, 8]);
  });

  it("uses the measured service times once citizens are done", () => {
    const d = shop(["c1"]);
    d.issue("birth");
    d.issue("birth");
    for (let i = 0; i < 5; i++) d.issue("birth");
    expect(waitBand(config, d.state, "birth", 4)).toEqual({ minMinutes: 30, maxMinutes: 50 });
    d.serve("c1", 4);
    d.serve("c1", 6);
    expect(serviceMinutes(config, d.state, "birth")).toBe(5);
    // 4 ahead × 5 minutes at one counter = 20 → 16..25 → 15–25 (it was 40 → 30–50 on the 10-minute default).
    expect(waitBand(config, d.state, "birth", 4)).toEqual({ minMinutes: 15, maxMinutes: 25 });
    expect(toTicket(config, d.state, d.ticket("A007"))).toMatchObject({ ahead: 4, estimatedWait: { minMinutes: 15, maxMinutes: 25 } });
  });

  it("measures only done services of the same service, from start to finish", () => {
    const d = shop(["c1", "c3"]);
    d.issue("birth");
    d.issue("birth");
    d.issue("land");
    d.serve("c3", 40);
    d.call("c1");
    d.later(30); // called but never started: the wait at the desk is not service time
    d.do({ type: "start", ticketId: idOf("A001") });
    d.later(3);
    d.do({ type: "complete", ticketId: idOf("A001") });
    d.call("c1");
    d.do({ type: "start", ticketId: idOf("A002") });
    d.later(50);
    d.do({ type: "cancel", ticketId: idOf("A002") });
    expect(serviceMinutes(config, d.state, "birth")).toBe(3);
    expect(serviceMinutes(config, d.state, "land")).toBe(40);
    expect(serviceMinutes(config, d.state, "marriage")).toBe(6);
  });

  it("averages only the serviceTimeSample most recent services", () => {
    const cfg = configWithRules({ serviceTimeSample: 2 });
    const d = new Desk(cfg).open("c1");
    for (let i = 0; i < 3; i++) d.issue("birth");
    d.serve("c1", 20);
    d.serve("c1", 4);
    d.serve("c1", 6);
    expect(serviceMinutes(cfg, d.state, "birth")).toBe(5);
  });

  it("shows each service's queue and band in the summaries", () => {
    const d = shop(["c1"]);
    for (let i = 0; i < 3; i++) d.issue("birth");
    const birth = serviceSummaries(config, d.state).find((s) => s.id === "birth");
    expect(birth).toMatchObject({ code: "A", waiting: 3, estimatedWait: { minMinutes: 20, maxMinutes: 40 }, counterNumbers: [1, 2] });
  });
});
