import type { RatingLevel } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { statsToday } from "./stats.ts";
import { Desk, MINUTE, at, config, freshDay, idOf } from "../test/fixture.ts";

/**
 * Three birth citizens arrive at 0 and are called at 5, 10 and 20 minutes (waits 5, 10, 20);
 * A004 arrives at 1 and A005 at 10 and both still wait at minute 20.
 */
function morning(): Desk {
  const d = new Desk().open("c1");
  d.at(0);
  d.issue("birth");
  d.issue("birth");
  d.issue("birth");
  d.at(1).issue("birth");
  d.at(5).call("c1");
  d.do({ type: "start", ticketId: idOf("A001") });
  d.at(10).do({ type: "complete", ticketId: idOf("A001") });
  d.issue("birth"); // A005
  d.call("c1");
  d.do({ type: "start", ticketId: idOf("A002") });
  d.at(20).do({ type: "complete", ticketId: idOf("A002") });
  d.call("c1");
  return d;
}

describe("today's figures", () => {
  it("are empty on a day without tickets", () => {
    expect(statsToday(config, freshDay(), at(0))).toMatchObject({
      issued: 0,
      served: 0,
      waiting: 0,
      noShows: 0,
      cancelled: 0,
      averageWaitMinutes: null,
      longestCurrentWaitMinutes: null,
      averageServiceMinutes: null,
      calledWithin15Share: null,
      ratings: 0,
      satisfactionRate: null,
    });
  });

  it("count issued, served and waiting citizens, and measure waits and services", () => {
    const d = morning();
    expect(d.ticket("A003").status).toBe("called");
    expect(statsToday(config, d.state, at(20))).toMatchObject({
      day: "2026-11-27",
      issued: 5,
      served: 2,
      waiting: 2,
      // (5 + 10 + 20) / 3, to one decimal.
      averageWaitMinutes: 11.7,
      // A004 has waited since minute 1.
      longestCurrentWaitMinutes: 19,
      // (5 + 10) / 2.
      averageServiceMinutes: 7.5,
    });
  });

  it("count a citizen still waiting past 15 minutes as a miss of the 15-minute target", () => {
    const d = morning();
    // Called within 15: A001 (5), A002 (10). Missed: A003 (20), A004 (still waiting, 19). A005 (10) is not decided yet.
    expect(statsToday(config, d.state, at(20)).calledWithin15Share).toBe(0.5);
  });

  it.each([
    ["exactly 15 minutes is within the target", 15, 1],
    ["15 minutes and 1 ms misses it", 15 + 1 / MINUTE, 0.5],
  ])("treat a wait of %s, whether called or still waiting", (_label, minutes, share) => {
    const called = new Desk().open("c1");
    called.issue("birth");
    called.issue("birth");
    called.at(1).call("c1");
    called.at(minutes).do({ type: "cancel", ticketId: idOf("A001") });
    called.call("c1");
    expect(statsToday(config, called.state, called.now).calledWithin15Share).toBe(share);

    const waiting = new Desk();
    waiting.issue("birth");
    waiting.at(1).issue("birth");
    waiting.at(2).open("c1").call("c1");
    // A002 has waited `minutes` minutes and is still waiting.
    const now = at(1 + minutes);
    expect(statsToday(config, waiting.state, now).calledWithin15Share).toBe(share);
  });

  it("end a transferred citizen's wait at their first call", () => {
    const d = new Desk().open("c1").open("c3");
    d.issue("birth");
    d.at(4).call("c1");
    d.at(6).do({ type: "transfer", ticketId: idOf("A001"), toServiceId: "land" });
    d.at(40);
    const stats = statsToday(config, d.state, d.now);
    expect(stats.averageWaitMinutes).toBe(4);
    expect(stats.calledWithin15Share).toBe(1);
  });

  it("count no-shows and cancellations", () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.issue("birth");
    d.issue("birth");
    d.call("c1");
    d.do({ type: "recall", ticketId: idOf("A001") });
    d.do({ type: "recall", ticketId: idOf("A001") });
    d.do({ type: "noShow", ticketId: idOf("A001") });
    d.do({ type: "cancel", ticketId: idOf("A002") });
    expect(statsToday(config, d.state, d.now)).toMatchObject({ issued: 3, noShows: 1, cancelled: 1, waiting: 1, served: 0 });
  });
});

describe("satisfaction", () => {
  const rated = (levels: RatingLevel[]) => {
    const d = new Desk().open("c1");
    for (const _ of levels) d.issue("birth");
    for (const level of levels) {
      const n = d.serve("c1", 5);
      d.do({ type: "rate", ticketId: idOf(n), level });
    }
    return statsToday(config, d.state, d.now);
  };

  it.each<[RatingLevel[], number | null]>([
    [[], null],
    [["very_satisfied"], 1],
    [["satisfied"], 1],
    [["unsatisfied"], 0],
    [["very_satisfied", "satisfied", "unsatisfied"], 0.667],
    [["satisfied", "unsatisfied", "unsatisfied", "unsatisfied"], 0.25],
    [["very_satisfied", "very_satisfied", "unsatisfied", "satisfied", "unsatisfied"], 0.6],
  ])("with ratings %j is (very satisfied + satisfied) / all = %s", (levels, rate) => {
    const stats = rated(levels);
    expect(stats.ratings).toBe(levels.length);
    expect(stats.satisfactionRate).toBe(rate);
  });
});

describe("breakdowns", () => {
  it("split the figures per service and per counter", () => {
    const d = new Desk().open("c1").open("c2");
    d.issue("birth"); // A001
    d.issue("marriage"); // B001
    d.issue("birth"); // A002
    d.at(3);
    d.serve("c1", 4); // A001 by c1
    d.serve("c2", 6); // B001 by c2
    d.do({ type: "rate", ticketId: idOf("A001"), level: "unsatisfied" });
    d.do({ type: "rate", ticketId: idOf("B001"), level: "very_satisfied" });
    d.at(13);
    const stats = statsToday(config, d.state, d.now);

    const birth = stats.perService.find((r) => r.id === "birth");
    const marriage = stats.perService.find((r) => r.id === "marriage");
    expect(birth).toMatchObject({ issued: 2, served: 1, waiting: 1, averageWaitMinutes: 3, averageServiceMinutes: 4, ratings: 1, satisfactionRate: 0 });
    expect(marriage).toMatchObject({ issued: 1, served: 1, waiting: 0, averageWaitMinutes: 7, averageServiceMinutes: 6, ratings: 1, satisfactionRate: 1 });
    expect(stats.perService.map((r) => r.id)).toEqual(["birth", "marriage", "land", "permit"]);

    const c1 = stats.perCounter.find((r) => r.id === "c1");
    const c2 = stats.perCounter.find((r) => r.id === "c2");
    expect(c1).toMatchObject({ issued: 1, served: 1, ratings: 1, satisfactionRate: 0, averageServiceMinutes: 4 });
    expect(c2).toMatchObject({ issued: 1, served: 1, ratings: 1, satisfactionRate: 1, averageServiceMinutes: 6 });
    expect(stats.perCounter.find((r) => r.id === "c3")).toMatchObject({ issued: 0, averageWaitMinutes: null, satisfactionRate: null });
  });
});

describe("the longest wait now", () => {
  it("starts again when a citizen is transferred: a long service before is not a wait", () => {
    const d = new Desk().open("c1").at(0);
    d.issue("birth");
    d.at(1).call("c1");
    d.do({ type: "start", ticketId: idOf("A001") });
    // Thirty minutes at the first counter, then sent on to another service.
    d.at(31).do({ type: "transfer", ticketId: idOf("A001"), toServiceId: "marriage" });
    const s = statsToday(config, d.state, at(33));
    expect(s.longestCurrentWaitMinutes).toBe(2);
    expect(s.perService.find((r) => r.id === "marriage")?.longestCurrentWaitMinutes).toBe(2);
    // Its place in the queue still follows its issue time.
    expect(d.ticket("A001").queuedAt).toBe(at(0));
  });
});
