import { describe, expect, it } from "vitest";
import { isEligible, isOverdue, pickNext } from "./call-order.ts";
import { Desk, MINUTE, T0, at, config, configWithRules, idOf } from "../test/fixture.ts";
import type { TicketRecord } from "./types.ts";

/** Calls the next ticket at a counter and clears the desk again; returns "number reason". */
function callAndFinish(d: Desk, counterId: string): string {
  const n = d.call(counterId);
  if (n === null) return "nobody";
  const reason = d.lastReason;
  d.do({ type: "cancel", ticketId: idOf(n) });
  return `${n} ${reason}`;
}

const waitingTicket = (patch: Partial<TicketRecord>): TicketRecord => ({
  id: idOf("A001"),
  number: "A001",
  seq: 1,
  serviceId: "birth",
  originalServiceId: "birth",
  priorityGroupId: null,
  status: "waiting",
  issuedAt: T0,
  queuedAt: T0,
  calledAt: null,
  waitEndedAt: null,
  startedAt: null,
  finishedAt: null,
  counterId: null,
  targetCounterId: null,
  servedBy: null,
  recalls: 0,
  transfers: 0,
  rated: false,
  note: null,
  ...patch,
});

describe("who may call a ticket", () => {
  it.each<[string, string, Partial<TicketRecord>, boolean]>([
    ["a counter serving the ticket's service", "c1", {}, true],
    ["a counter that serves it as second choice", "c2", {}, true],
    ["a counter that does not serve the service", "c3", {}, false],
    ["the counter the ticket was transferred to, even for another service", "c3", { targetCounterId: "c3" }, true],
    ["a counter serving the service when the ticket was transferred elsewhere", "c1", { targetCounterId: "c3" }, false],
    ["nobody, once the ticket is called", "c1", { status: "called" }, false],
    ["nobody, once the ticket is parked", "c1", { status: "parked" }, false],
    ["nobody, once the ticket is done", "c1", { status: "done" }, false],
    ["nobody, once the ticket is cancelled", "c1", { status: "cancelled" }, false],
    ["nobody, once the ticket is a no-show", "c1", { status: "no_show" }, false],
    ["no unknown counter", "c9", {}, false],
  ])("%s (%s)", (_label, counterId, patch, expected) => {
    expect(isEligible(config, counterId, waitingTicket(patch))).toBe(expected);
  });
});

describe("when a ticket is overdue", () => {
  it.each([
    ["no time", false, 0],
    ["29 minutes", false, 29 * MINUTE],
    ["30 minutes less 1 ms", false, 30 * MINUTE - 1],
    ["exactly 30 minutes", true, 30 * MINUTE],
    ["90 minutes", true, 90 * MINUTE],
  ])("after waiting %s, overdue is %s", (_label, overdue, waited) => {
    expect(isOverdue(config, waitingTicket({}), T0 + waited)).toBe(overdue);
  });

  it("counts from the queue time, not the issue time", () => {
    const requeued = waitingTicket({ issuedAt: T0, queuedAt: at(20) });
    expect(isOverdue(config, requeued, at(40))).toBe(false);
    expect(isOverdue(config, requeued, at(50))).toBe(true);
  });
});

describe("priority before regular", () => {
  it("calls a priority citizen before a regular one who came earlier", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("birth");
    d.at(1).issue("birth", "elderly");
    d.at(2);
    expect(callAndFinish(d, "c1")).toBe("A002 priority");
    expect(callAndFinish(d, "c1")).toBe("A001 regular");
    expect(callAndFinish(d, "c1")).toBe("nobody");
  });

  it.each(["elderly", "pregnant", "disability", "merit"])("treats the %s group as priority", (group) => {
    const d = new Desk().open("c1");
    d.at(0).issue("birth");
    d.at(1).issue("birth", group);
    expect(callAndFinish(d.at(2), "c1")).toBe("A002 priority");
  });

  it("serves priority citizens among themselves in arrival order, whatever their group", () => {
    const d = new Desk(configWithRules({ fairnessCap: 10 })).open("c1");
    d.at(0).issue("birth", "merit");
    d.at(1).issue("birth", "elderly");
    d.at(2).issue("birth", "pregnant");
    d.at(3);
    expect([callAndFinish(d, "c1"), callAndFinish(d, "c1"), callAndFinish(d, "c1")]).toEqual([
      "A001 priority",
      "A002 priority",
      "A003 priority",
    ]);
  });

  it("calls regular citizens in arrival order, with reason regular", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("birth");
    d.at(1).issue("birth");
    d.at(2).issue("birth");
    d.at(3);
    expect([callAndFinish(d, "c1"), callAndFinish(d, "c1"), callAndFinish(d, "c1")]).toEqual([
      "A001 regular",
      "A002 regular",
      "A003 regular",
    ]);
  });
});

describe("the fairness cap", () => {
  it("after fairnessCap (2) priority calls in a row, calls a waiting regular citizen", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("birth"); // A001 regular
    d.at(1).issue("birth"); // A002 regular
    for (let i = 0; i < 5; i++) d.at(2).issue("birth", "elderly"); // A003..A007
    d.at(3);
    const calls = Array.from({ length: 8 }, () => callAndFinish(d, "c1"));
    expect(calls).toEqual([
      "A003 priority",
      "A004 priority",
      "A001 fairness",
      "A005 priority",
      "A006 priority",
      "A002 fairness",
      // No regular citizen is left: priority goes on past the cap.
      "A007 priority",
      "nobody",
    ]);
  });

  it("counts the streak per counter", () => {
    const d = new Desk().open("c1").open("c2");
    d.at(0).issue("birth");
    for (let i = 0; i < 4; i++) d.at(1).issue("birth", "pregnant");
    d.at(2);
    expect(callAndFinish(d, "c1")).toBe("A002 priority");
    expect(callAndFinish(d, "c1")).toBe("A003 priority");
    expect(callAndFinish(d, "c2")).toBe("A004 priority");
    expect(d.counter("c1").priorityStreak).toBe(2);
    expect(d.counter("c2").priorityStreak).toBe(1);
    expect(callAndFinish(d, "c1")).toBe("A001 fairness");
    expect(d.counter("c1").priorityStreak).toBe(0);
  });

  it("follows the configured cap", () => {
    const d = new Desk(configWithRules({ fairnessCap: 1 })).open("c1");
    d.at(0).issue("birth");
    d.at(0).issue("birth");
    d.at(1).issue("birth", "merit");
    d.at(1).issue("birth", "merit");
    d.at(1).issue("birth", "merit");
    d.at(2);
    expect(Array.from({ length: 5 }, () => callAndFinish(d, "c1"))).toEqual([
      "A003 priority",
      "A001 fairness",
      "A004 priority",
      "A002 fairness",
      "A005 priority",
    ]);
  });

  it("starts the streak afresh when the counter closes", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("birth");
    for (let i = 0; i < 3; i++) d.at(1).issue("birth", "disability");
    d.at(2);
    callAndFinish(d, "c1");
    callAndFinish(d, "c1");
    d.do({ type: "closeCounter", counterId: "c1" });
    d.open("c1");
    expect(callAndFinish(d, "c1")).toBe("A004 priority");
  });
});

describe("the counter's service preference", () => {
  it("calls its first service before its second, even if the second's citizen came earlier", () => {
    const d = new Desk().open("c1").open("c2");
    d.at(0).issue("marriage"); // B001
    d.at(1).issue("birth"); // A001
    d.at(2);
    expect(callAndFinish(d, "c1")).toBe("A001 regular");
    const e = new Desk().open("c1").open("c2");
    e.at(0).issue("birth");
    e.at(1).issue("marriage");
    expect(callAndFinish(e.at(2), "c2")).toBe("B001 regular");
  });

  it("falls back to its later services when the first has nobody waiting", () => {
    const d = new Desk().open("c4");
    d.at(0).issue("land");
    d.at(1).issue("permit");
    d.at(2).issue("land");
    d.at(3);
    expect([callAndFinish(d, "c4"), callAndFinish(d, "c4"), callAndFinish(d, "c4")]).toEqual([
      "D1 regular",
      "C001 regular",
      "C002 regular",
    ]);
  });

  it("applies within the priority class too", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("marriage", "elderly");
    d.at(1).issue("birth", "elderly");
    expect(callAndFinish(d.at(2), "c1")).toBe("A001 priority");
  });

  it("does not outrank priority: a priority citizen of the second service goes before a regular one of the first", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("birth");
    d.at(1).issue("marriage", "merit");
    expect(callAndFinish(d.at(2), "c1")).toBe("B001 priority");
  });
});

describe("aging", () => {
  it.each([
    ["29:00", "A002 priority", 29],
    ["29:59.999", "A002 priority", 30 - 1 / 60_000],
    ["30:00", "A001 aged", 30],
    ["45:00", "A001 aged", 45],
  ])("a regular citizen issued at 0 and a priority one at 20: a call at %s picks %s", (_label, expected, minute) => {
    const d = new Desk().open("c1");
    d.at(0).issue("birth");
    d.at(20).issue("birth", "elderly");
    expect(callAndFinish(d.at(minute), "c1")).toBe(expected);
  });

  it("beats the counter's service preference", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("marriage");
    d.at(10).issue("birth");
    expect(callAndFinish(d.at(29), "c1")).toBe("A001 regular");
    const e = new Desk().open("c1");
    e.at(0).issue("marriage");
    e.at(10).issue("birth");
    expect(callAndFinish(e.at(30), "c1")).toBe("B001 aged");
  });

  it("puts an overdue priority citizen first even when the fairness cap would call a regular one", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("birth", "elderly");
    d.at(0).issue("birth", "elderly");
    d.at(0).issue("birth", "elderly");
    d.at(25).issue("birth");
    d.at(31);
    expect(callAndFinish(d, "c1")).toBe("A001 aged");
    expect(callAndFinish(d, "c1")).toBe("A002 aged");
    // Two priority calls in a row; the third priority citizen is past the limit and still goes first.
    expect(callAndFinish(d, "c1")).toBe("A003 aged");
    expect(callAndFinish(d, "c1")).toBe("A004 regular");
  });

  it("beats a ticket transferred to this counter", () => {
    const d = new Desk().open("c1").open("c3");
    d.at(0).issue("land"); // C001
    d.at(5).issue("birth"); // A001
    d.at(6).call("c1");
    d.do({ type: "transfer", ticketId: idOf("A001"), toCounterId: "c3" });
    d.at(30);
    expect(callAndFinish(d, "c3")).toBe("C001 aged");
    expect(callAndFinish(d, "c3")).toBe("A001 transferred");
  });

  it("calls the longest-waiting overdue citizen first, regular or not", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("marriage");
    d.at(1).issue("birth", "elderly");
    d.at(2).issue("birth");
    d.at(40);
    expect([callAndFinish(d, "c1"), callAndFinish(d, "c1"), callAndFinish(d, "c1")]).toEqual([
      "B001 aged",
      "A001 aged",
      "A002 aged",
    ]);
  });

  it("only considers citizens this counter may serve", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("land");
    d.at(35).issue("birth");
    d.at(36).issue("birth", "merit");
    expect(callAndFinish(d.at(40), "c1")).toBe("A002 priority");
  });

  it("keeps a transferred citizen's age: the queue place from the original issue counts", () => {
    const d = new Desk().open("c1").open("c2");
    d.at(0).issue("birth"); // A001
    d.at(1).call("c1");
    d.do({ type: "transfer", ticketId: idOf("A001"), toServiceId: "marriage" });
    d.at(20).issue("marriage", "pregnant"); // B001
    expect(callAndFinish(d.at(29), "c2")).toBe("B001 priority");
    d.at(29).issue("marriage", "pregnant"); // B002
    expect(callAndFinish(d.at(30), "c2")).toBe("A001 aged");
  });

  it("restarts a requeued citizen's age at the requeue", () => {
    const d = new Desk().open("c1");
    d.at(0).issue("birth"); // A001
    d.at(1).call("c1");
    d.do({ type: "recall", ticketId: idOf("A001") });
    d.do({ type: "recall", ticketId: idOf("A001") });
    d.do({ type: "noShow", ticketId: idOf("A001") });
    d.at(10).do({ type: "requeue", ticketId: idOf("A001") });
    d.at(20).issue("birth", "elderly"); // A002
    expect(callAndFinish(d.at(35), "c1")).toBe("A002 priority");
  });
});

describe("pickNext", () => {
  it("returns null for an unknown counter or when nobody is eligible", () => {
    const d = new Desk();
    d.issue("land");
    expect(pickNext(config, d.state, "c9", T0)).toBeNull();
    expect(pickNext(config, d.state, "c1", T0)).toBeNull();
  });

  it("only looks: it leaves the state as it was", () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    const snapshot = structuredClone(d.state);
    expect(pickNext(config, d.state, "c1", at(5))).toMatchObject({ ticket: { number: "A001" }, reason: "regular" });
    expect(d.state).toEqual(snapshot);
  });
});
