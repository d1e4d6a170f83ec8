import { describe, expect, it } from "vitest";
import { Desk, config, idOf } from "@motcua/engine/fixture";
import { emptyBucket, figuresOf, merge, summarizeDay } from "./summary.ts";

const staff = [{ id: "s1", displayName: "Nguyễn Thị Hoa" }];

describe("a day's summary", () => {
  /** c1 serves A001 (waited 2 min, 6 min of service), A002 (waited 20, no-show), transfers A003; A004 still waits. */
  const day = () => {
    const d = new Desk().open("c1").at(0);
    d.issue("birth");
    d.issue("birth");
    d.issue("birth");
    d.later(2);
    d.do({ type: "callNext", counterId: "c1" });
    d.do({ type: "start", ticketId: idOf("A001") });
    d.later(6);
    d.do({ type: "complete", ticketId: idOf("A001") });
    d.do({ type: "rate", ticketId: idOf("A001"), level: "satisfied" });
    d.later(12);
    d.do({ type: "callNext", counterId: "c1" });
    d.do({ type: "recall", ticketId: idOf("A002") });
    d.do({ type: "recall", ticketId: idOf("A002") });
    d.do({ type: "noShow", ticketId: idOf("A002") });
    d.do({ type: "callNext", counterId: "c1" });
    d.do({ type: "transfer", ticketId: idOf("A003"), toServiceId: "marriage" });
    d.issue("birth");
    return d;
  };

  it("counts each visit once in each grouping, and the officer only for what they finished", () => {
    const d = day();
    const s = summarizeDay({ services: config.services, staff }, d.state, d.now);
    expect(s.overall).toMatchObject({ issued: 4, served: 1, noShows: 1, transfers: 1, waits: 3, ratings: 1, happy: 1 });
    // A transferred visit belongs to the counter that ends up with it; the transfer, to the one that made it.
    expect(s.byCounter.c1).toMatchObject({ issued: 2, served: 1, noShows: 1, transfers: 1 });
    expect(Object.values(s.byField).reduce((n, b) => n + b.issued, 0)).toBe(4);
    expect(Object.keys(s.byStaff)).toHaveLength(1);
    // The officer finished A001 and marked A002 absent.
    expect(Object.values(s.byStaff)[0]).toMatchObject({ issued: 2, served: 1, noShows: 1, services: 1, serviceSum: 6 });
  });

  it("gives the plan's figures: waits, the 15-minute share, service time, satisfaction", () => {
    const d = day();
    const f = figuresOf(summarizeDay({ services: config.services, staff }, d.state, d.now).overall);
    // Waits: 2 min (A001), 20 min (A002), 20 min (A003); A004 has just come.
    expect(f).toMatchObject({ waitMedian: 20, waitP90: 20, within15Share: 0.333, serviceMean: 6, serviceMedian: 6, satisfactionRate: 1 });
    expect(f.waitMean).toBeCloseTo(14, 1);
  });

  it("counts a citizen never called as a miss once 15 minutes have passed, and at a finished day's end", () => {
    // A004 was never called; A003 was (its wait ended at the first call, before its transfer).
    const d = day();
    const soon = summarizeDay({ services: config.services, staff }, d.state, d.now + 10 * 60_000);
    const late = summarizeDay({ services: config.services, staff }, d.state, d.now + 16 * 60_000);
    const ended = summarizeDay({ services: config.services, staff }, d.state, Number.POSITIVE_INFINITY);
    expect([soon.overall.missed, late.overall.missed, ended.overall.missed]).toEqual([0, 1, 1]);
  });

  it("merges days into spans without losing a visit, and reads quantiles from the merged histograms", () => {
    const d = day();
    const one = summarizeDay({ services: config.services, staff }, d.state, d.now).overall;
    const two = merge(merge(emptyBucket(), one), one);
    expect(two.issued).toBe(8);
    expect(Object.values(two.waitHist).reduce((a, b) => a + b, 0)).toBe(6);
    expect(figuresOf(two)).toMatchObject({ waitMedian: 20, within15Share: 0.333 });
    expect(figuresOf(emptyBucket())).toMatchObject({ waitMedian: null, within15Share: null, satisfactionRate: null });
  });
});
