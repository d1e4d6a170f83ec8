import { describe, expect, it } from "vitest";
import { aheadOf, bandOf, expectedWait, serviceMinutes, waitingFor } from "./estimate.ts";
import { Desk, at, buildConfig, config, configWithRules, fixtureInput, idOf } from "../test/fixture.ts";
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
    expect(toTicket(config, d.state, d.ticket(number), d.now).ahead).toBe(expected);
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
    expect(toTicket(config, d.state, d.ticket("A002"), d.now)).toMatchObject({ status: "called", ahead: 0, estimatedWait: null });
  });

  it("counts who waits per service", () => {
    const d = queue();
    expect(["birth", "marriage", "land", "permit"].map((s) => waitingFor(d.state, s))).toEqual([4, 1, 0, 0]);
  });
});

describe("the band around a projected wait", () => {
  // Starts at 80 % of the projection, rounded down to 5, and is as wide as the rule allows:
  // at most 10 minutes, or 60 % of its midpoint when that is more.
  it.each([
    [0, 0, 5],
    [2, 0, 10],
    [10, 5, 15],
    [20, 15, 25],
    [30, 20, 35],
    [50, 40, 70],
    [130, 100, 185],
  ])("%i minutes: %i–%i", (minutes, minMinutes, maxMinutes) => {
    expect(bandOf(minutes)).toEqual({ minMinutes, maxMinutes });
  });

  it("keeps the width rule, five-minute steps and the projection inside, and grows with the projection", () => {
    let last = bandOf(0);
    for (let m = 0; m <= 300; m += 0.25) {
      const b = bandOf(m);
      const width = b.maxMinutes - b.minMinutes;
      expect(b.minMinutes % 5).toBe(0);
      expect(b.maxMinutes % 5).toBe(0);
      expect(width).toBeGreaterThanOrEqual(5);
      expect(width).toBeLessThanOrEqual(Math.max(10, 0.6 * ((b.minMinutes + b.maxMinutes) / 2)));
      expect(b.minMinutes).toBeLessThanOrEqual(m);
      expect(b.maxMinutes).toBeGreaterThanOrEqual(m);
      expect(b.minMinutes).toBeGreaterThanOrEqual(last.minMinutes);
      expect(b.maxMinutes).toBeGreaterThanOrEqual(last.maxMinutes);
      last = b;
    }
  });
});

describe("the projected wait", () => {
  // Birth takes 10 minutes until measured; the shop opens 07:00–11:30 and 13:30–17:00, and the
  // fixture's clock starts at 08:00. Counter 1 takes birth before marriage, counter 2 the reverse.
  const shown = (d: Desk, number: string) => toTicket(config, d.state, d.ticket(number), d.now).estimatedWait;
  const births = (d: Desk, n: number) => Array.from({ length: n }, () => d.issue("birth"));

  it("is nothing at a free counter, then one service per citizen ahead", () => {
    const d = shop(["c1"]);
    births(d, 3);
    expect(["A001", "A002", "A003"].map((n) => shown(d, n))).toEqual([
      { minMinutes: 0, maxMinutes: 5 },
      { minMinutes: 5, maxMinutes: 15 }, // 10 minutes
      { minMinutes: 15, maxMinutes: 25 }, // 20 minutes
    ]);
  });

  it("counts about half a service for the citizen at the counter", () => {
    const d = shop(["c1"]);
    births(d, 3);
    d.call("c1");
    d.do({ type: "start", ticketId: idOf("A001") });
    expect(shown(d, "A002")).toEqual({ minMinutes: 0, maxMinutes: 10 }); // 5 minutes
    expect(shown(d, "A003")).toEqual({ minMinutes: 10, maxMinutes: 20 }); // 15 minutes
  });

  it("puts a counter's second service behind its first, citizens still to come included, until overdue", () => {
    const d = shop(["c1"]);
    d.issue("marriage");
    births(d, 2);
    // Nobody waits for marriage, but counter 1 calls the two births, then births still to come
    // (two in the last half hour: one every 15 minutes), until the marriage is overdue at 30.
    expect(aheadOf(d.state, d.ticket("B001"))).toBe(0);
    expect(shown(d, "B001")).toEqual({ minMinutes: 20, maxMinutes: 35 }); // 30 minutes
    d.open("c2");
    expect(shown(d, "B001")).toEqual({ minMinutes: 0, maxMinutes: 5 });
  });

  it("counts only the open counters that take the service", () => {
    const d = shop(["c1"]);
    births(d, 4);
    expect(shown(d, "A004")).toEqual({ minMinutes: 20, maxMinutes: 35 }); // 30 minutes at one counter
    d.open("c2");
    expect(shown(d, "A004")).toEqual({ minMinutes: 5, maxMinutes: 15 }); // 10 minutes at two
    d.do({ type: "pauseCounter", counterId: "c2" });
    expect(shown(d, "A004")).toEqual({ minMinutes: 20, maxMinutes: 35 });
    d.do({ type: "resumeCounter", counterId: "c2" });
    d.open("c3"); // land only
    expect(shown(d, "A004")).toEqual({ minMinutes: 5, maxMinutes: 15 });
  });

  it("adds the lunch break to a wait that reaches it", () => {
    const d = shop([]).at(190).open("c1"); // 11:10
    births(d, 3);
    expect(shown(d, "A002")).toEqual({ minMinutes: 5, maxMinutes: 15 }); // called 11:20
    // Counter 1 is free again at 11:30, when the morning ends: A003 is called at 13:30.
    expect(shown(d, "A003")).toEqual({ minMinutes: 110, maxMinutes: 200 }); // 140 minutes
  });

  it("expects the counters of a service to open with the hall when none is open yet", () => {
    const d = shop([]).at(-70); // 06:50
    births(d, 3);
    // Counters 1 and 2 both take birth from 07:00: the bands count from then, and say so.
    expect(["A001", "A002", "A003"].map((n) => shown(d, n))).toEqual([
      { minMinutes: 0, maxMinutes: 5 },
      { minMinutes: 0, maxMinutes: 5 },
      { minMinutes: 5, maxMinutes: 15 },
    ]);
    const first = toTicket(config, d.state, d.state.tickets[idOf("A001")]!, d.now);
    expect(first.callsFrom).toBe(new Date(at(-60)).toISOString());
  });

  it("grows with the number of people ahead", () => {
    const d = shop(["c1"]);
    births(d, 40);
    const bands = d.state.order.map((id) => toTicket(config, d.state, d.state.tickets[id]!, d.now).estimatedWait!);
    for (let n = 1; n < bands.length; n++) {
      expect(bands[n]!.minMinutes).toBeGreaterThanOrEqual(bands[n - 1]!.minMinutes);
      expect(bands[n]!.maxMinutes).toBeGreaterThanOrEqual(bands[n - 1]!.maxMinutes);
    }
    expect(bands[39]!.minMinutes).toBeGreaterThan(bands[1]!.maxMinutes);
  });

  it("follows a backlog longer than the replay at the pace the replay found", () => {
    const cfg = buildConfig({
      ...fixtureInput,
      services: fixtureInput.services.map((s) => (s.id === "birth" ? { ...s, numberRange: { from: 1, to: 1999 } } : s)),
    });
    const d = new Desk(cfg).open("c1");
    for (let i = 0; i < 1500; i++) d.issue("birth");
    const waits = d.state.order.map((id) => expectedWait(cfg, d.state, d.state.tickets[id]!, d.now));
    expect(waits.every((w) => w !== null)).toBe(true);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThanOrEqual(waits[i - 1]!);
    // One counter at ten minutes a citizen: the last is about 1,499 services away, as the 1,000th is 999 (both past the replay).
    expect(waits[1499]! / waits[999]!).toBeCloseTo(1499 / 999, 1);
  });

  it("follows each service past the replay at that service's own pace", () => {
    // 400 land citizens at counter 3 (15 minutes each) and then 600 births at counter 1 (10 minutes):
    // both lines take about 6,000 minutes, plus the lunch break; the replay reaches neither end.
    const d = new Desk().open("c1").open("c3");
    for (let i = 0; i < 400; i++) d.issue("land");
    for (let i = 0; i < 600; i++) d.issue("birth");
    const last = (serviceId: string) => {
      const id = d.state.order.filter((x) => d.state.tickets[x]!.serviceId === serviceId).at(-1)!;
      return expectedWait(config, d.state, d.state.tickets[id]!, d.now)!;
    };
    expect(last("land") / 6120).toBeCloseTo(1, 1);
    expect(last("birth") / 6120).toBeCloseTo(1, 1);
  });

  it("keeps an officer who works through lunch working", () => {
    const d = shop([]).at(220); // 11:40, lunch until 13:30
    d.open("c1");
    births(d, 2);
    expect(shown(d, "A001")).toEqual({ minMinutes: 0, maxMinutes: 5 });
    expect(shown(d, "A002")).toEqual({ minMinutes: 5, maxMinutes: 15 }); // 10 minutes, not the break
  });

  it("uses the configured minutes until a service is measured", () => {
    const state = shop([]).state;
    expect(["birth", "marriage", "land", "permit"].map((s) => serviceMinutes(config, state, s))).toEqual([10, 6, 15, 8]);
  });

  it("uses the measured service times once citizens are done", () => {
    const d = shop(["c1"]);
    births(d, 7);
    expect(shown(d, "A007")).toEqual({ minMinutes: 45, maxMinutes: 80 }); // 6 × 10 = 60 minutes
    d.serve("c1", 4);
    d.serve("c1", 6);
    expect(serviceMinutes(config, d.state, "birth")).toBe(5);
    expect(toTicket(config, d.state, d.ticket("A007"), d.now)).toMatchObject({ ahead: 4, estimatedWait: { minMinutes: 15, maxMinutes: 25 } }); // 4 × 5
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

  it("shows in the summaries each service's queue and the band of a citizen who takes a ticket now", () => {
    const d = shop(["c1"]);
    births(d, 3);
    const birth = serviceSummaries(config, d.state, d.now).find((s) => s.id === "birth");
    // Behind three births at one counter: 30 minutes.
    expect(birth).toMatchObject({ code: "A", waiting: 3, estimatedWait: { minMinutes: 20, maxMinutes: 35 }, counterNumbers: [1, 2] });
  });
});
