import { describe, expect, it } from "vitest";
import { apply, formatNumber, ticketId } from "./apply.ts";
import { rollover, ticketForRequest } from "./day.ts";
import { Desk, DAY, T0, at, buildConfig, config, configWithRules, fixtureInput, freshDay, hanoi, idOf, refusal, run, step } from "../test/fixture.ts";
import type { Command, Millis } from "./types.ts";

describe("issuing a ticket", () => {
  it("gives each service its own sequence, starting from its numberRange", () => {
    const d = new Desk();
    const issued = ["birth", "birth", "marriage", "birth", "land", "permit", "marriage"].map((s) => d.issue(s));
    expect(issued).toEqual(["A001", "A002", "B001", "A003", "C001", "D1", "B002"]);
    expect(d.state.seq).toEqual({ birth: 3, marriage: 2, land: 1, permit: 1 });
  });

  it.each([
    ["A", 1, 999, "A001"],
    ["A", 23, 999, "A023"],
    ["A", 999, 999, "A999"],
    ["D", 1, 3, "D1"],
    ["AB", 7, 9999, "AB0007"],
    ["C", 42, 50, "C42"],
    ["C", 0, 99, "C00"],
  ] as const)("writes code %s, sequence %i with range up to %i as %s", (code, seq, to, expected) => {
    expect(formatNumber(code, seq, to)).toBe(expected);
  });

  it("gives a retried tap the ticket it already got, and a new tap a new one", () => {
    const d = new Desk().at(1);
    expect(d.do({ type: "issueTicket", serviceId: "birth", requestKey: "kiosk-1:tap-0001" })).toHaveLength(1);
    const before = d.state;
    d.later(1);
    expect(d.do({ type: "issueTicket", serviceId: "birth", requestKey: "kiosk-1:tap-0001" })).toEqual([]);
    expect(d.state).toEqual(before);
    expect(ticketForRequest(d.state, "kiosk-1:tap-0001")?.number).toBe("A001");
    d.do({ type: "issueTicket", serviceId: "birth", requestKey: "kiosk-1:tap-0002" });
    expect(d.state.order).toHaveLength(2);
    expect(ticketForRequest(d.state, "kiosk-2:tap-0001")).toBeUndefined();
  });

  it("starts at numberRange.from when it is not 1", () => {
    const cfg = buildConfig({
      ...fixtureInput,
      services: fixtureInput.services.map((s) => (s.id === "birth" ? { ...s, numberRange: { from: 100, to: 1999 } } : s)),
    });
    const d = new Desk(cfg);
    expect([d.issue("birth"), d.issue("birth")]).toEqual(["A0100", "A0101"]);
  });

  it("records a waiting ticket queued at its issue time, with an id made of the day and number", () => {
    const d = new Desk().at(3);
    const events = d.do({ type: "issueTicket", serviceId: "birth", priorityGroupId: "elderly" });
    const t = d.ticket("A001");
    expect(t).toMatchObject({
      id: `${DAY}-A001`,
      number: "A001",
      seq: 1,
      serviceId: "birth",
      originalServiceId: "birth",
      priorityGroupId: "elderly",
      status: "waiting",
      issuedAt: at(3),
      queuedAt: at(3),
      calledAt: null,
      waitEndedAt: null,
      counterId: null,
      targetCounterId: null,
      recalls: 0,
      transfers: 0,
      rated: false,
    });
    expect(ticketId(DAY, "A001")).toBe(t.id);
    expect(d.state.order).toEqual([t.id]);
    expect(events).toEqual([{ type: "ticket.issued", at: at(3), ticketId: t.id }]);
  });

  it("treats an omitted priority group as a regular ticket", () => {
    const d = new Desk();
    d.do({ type: "issueTicket", serviceId: "birth" });
    expect(d.ticket("A001").priorityGroupId).toBeNull();
  });

  it("refuses with NUMBER_RANGE_EXHAUSTED once a service has used its last number, and other services go on", () => {
    const d = new Desk();
    expect([d.issue("permit"), d.issue("permit"), d.issue("permit")]).toEqual(["D1", "D2", "D3"]);
    const before = d.state;
    expect(d.refused({ type: "issueTicket", serviceId: "permit" })).toBe("NUMBER_RANGE_EXHAUSTED");
    expect(d.state).toEqual(before);
    expect(d.issue("land")).toBe("C001");
  });

  it("keeps the range exhausted even after the issued tickets are served or cancelled", () => {
    const d = new Desk().open("c4");
    d.issue("permit");
    d.issue("permit");
    d.issue("permit");
    d.serve("c4", 5);
    d.do({ type: "cancel", ticketId: idOf("D2") });
    expect(d.refused({ type: "issueTicket", serviceId: "permit" })).toBe("NUMBER_RANGE_EXHAUSTED");
  });

  it("restarts numbers on a new service day", () => {
    const d = new Desk();
    d.issue("birth");
    d.issue("birth");
    const next = new Desk(config, "2026-11-28");
    expect(next.issue("birth")).toBe("A001");
    expect(next.ticket("A001").id).toBe("2026-11-28-A001");
  });

  it("keeps counting until the configured reset time (05:00 Hanoi), then starts again at 001", () => {
    let state = rollover(config, null, hanoi(2026, 11, 27, 8, 0)).state;
    state = run(state, { type: "issueTicket", serviceId: "birth" }, hanoi(2026, 11, 27, 8, 0));
    state = run(state, { type: "issueTicket", serviceId: "birth" }, hanoi(2026, 11, 27, 16, 0));

    // 04:59 the next morning still belongs to the 27th.
    const lateNight = hanoi(2026, 11, 28, 4, 59);
    const sameDay = rollover(config, state, lateNight);
    expect(sameDay.turned).toBe(false);
    state = run(sameDay.state, { type: "issueTicket", serviceId: "birth" }, lateNight);
    expect(state.tickets[`${DAY}-A003`]?.number).toBe("A003");

    // 05:00 starts the 28th.
    const morning = hanoi(2026, 11, 28, 5, 0);
    const newDay = rollover(config, state, morning);
    expect(newDay.turned).toBe(true);
    const fresh = run(newDay.state, { type: "issueTicket", serviceId: "birth" }, morning);
    expect(fresh.day).toBe("2026-11-28");
    expect(fresh.order).toEqual(["2026-11-28-A001"]);
  });

  it.each([
    [{ type: "issueTicket", serviceId: "passport" }, "UNKNOWN_SERVICE"],
    [{ type: "issueTicket", serviceId: "birth", priorityGroupId: "veteran" }, "UNKNOWN_PRIORITY_GROUP"],
  ] as [Command, string][])("refuses %j with %s", (cmd, code) => {
    expect(refusal(freshDay(), cmd, T0)).toBe(code);
  });

  it("refuses a priority group that exists but is disabled", () => {
    const cfg = buildConfig({
      ...fixtureInput,
      priorityGroups: fixtureInput.priorityGroups.map((g) => (g.id === "merit" ? { ...g, enabled: false } : g)),
    });
    expect(refusal(freshDay(cfg), { type: "issueTicket", serviceId: "birth", priorityGroupId: "merit" }, T0, cfg)).toBe(
      "UNKNOWN_PRIORITY_GROUP",
    );
  });

  it.each(["elderly", "pregnant", "disability", "merit"])("accepts the %s priority group", (group) => {
    const d = new Desk();
    d.issue("birth", group);
    expect(d.ticket("A001").priorityGroupId).toBe(group);
  });
});

describe("opening a counter", () => {
  it("opens a closed counter for an officer", () => {
    const d = new Desk();
    const events = d.do({ type: "openCounter", counterId: "c1", staffId: "lan", staffName: "Lan" });
    expect(d.counter("c1")).toMatchObject({ status: "open", staffId: "lan", staffName: "Lan", currentTicketId: null });
    expect(events).toEqual([{ type: "counter.opened", at: T0, counterId: "c1", staffId: "lan", tookOverFrom: null }]);
  });

  it("refuses an unknown counter with UNKNOWN_COUNTER", () => {
    expect(new Desk().refused({ type: "openCounter", counterId: "c9", staffId: "lan", staffName: "Lan" })).toBe("UNKNOWN_COUNTER");
  });

  it("lets the same officer open their own counter again", () => {
    const d = new Desk().open("c1", "lan").open("c1", "lan");
    expect(d.counter("c1")).toMatchObject({ status: "open", staffId: "lan" });
  });

  it("refuses a counter another officer holds with COUNTER_TAKEN", () => {
    const d = new Desk().open("c1", "lan");
    expect(d.refused({ type: "openCounter", counterId: "c1", staffId: "minh", staffName: "Minh" })).toBe("COUNTER_TAKEN");
    expect(d.refused({ type: "openCounter", counterId: "c1", staffId: "minh", staffName: "Minh", takeover: false })).toBe(
      "COUNTER_TAKEN",
    );
  });

  it("hands the counter over on an explicit takeover, keeping the citizen at the desk", () => {
    const d = new Desk().open("c1", "lan");
    d.issue("birth");
    d.call("c1");
    const events = d.do({ type: "openCounter", counterId: "c1", staffId: "minh", staffName: "Minh", takeover: true });
    expect(d.counter("c1")).toMatchObject({ status: "open", staffId: "minh", staffName: "Minh", currentTicketId: idOf("A001") });
    expect(events).toEqual([{ type: "counter.opened", at: T0, counterId: "c1", staffId: "minh", tookOverFrom: "lan" }]);
  });

  it("reopens a paused counter on takeover but keeps it paused for its own officer", () => {
    const own = new Desk().open("c1", "lan");
    own.do({ type: "pauseCounter", counterId: "c1", reason: "lunch" });
    own.open("c1", "lan");
    expect(own.counter("c1")).toMatchObject({ status: "paused", pauseReason: "lunch" });

    const taken = new Desk().open("c1", "lan");
    taken.do({ type: "pauseCounter", counterId: "c1", reason: "lunch" });
    expect(taken.refused({ type: "openCounter", counterId: "c1", staffId: "minh", staffName: "Minh" })).toBe("COUNTER_TAKEN");
    taken.do({ type: "openCounter", counterId: "c1", staffId: "minh", staffName: "Minh", takeover: true });
    expect(taken.counter("c1")).toMatchObject({ status: "open", pauseReason: null, staffId: "minh" });
  });

  it("closes the officer's free first counter when they open a second one", () => {
    const d = new Desk().open("c1", "lan");
    const events = d.do({ type: "openCounter", counterId: "c2", staffId: "lan", staffName: "Lan" });
    expect(d.counter("c1")).toMatchObject({ status: "closed", staffId: null, staffName: null });
    expect(d.counter("c2")).toMatchObject({ status: "open", staffId: "lan" });
    expect(events.map((e) => e.type)).toEqual(["counter.closed", "counter.opened"]);
  });

  it("refuses with COUNTER_BUSY when the officer's first counter still has a citizen", () => {
    const d = new Desk().open("c1", "lan");
    d.issue("birth");
    d.call("c1");
    expect(d.refused({ type: "openCounter", counterId: "c2", staffId: "lan", staffName: "Lan" })).toBe("COUNTER_BUSY");
    expect(d.counter("c2").status).toBe("closed");
  });

  it("leaves other officers' counters alone", () => {
    const d = new Desk().open("c1", "lan").open("c2", "minh");
    expect(d.counter("c1")).toMatchObject({ status: "open", staffId: "lan" });
    expect(d.counter("c2")).toMatchObject({ status: "open", staffId: "minh" });
  });
});

describe("calling the next ticket", () => {
  it("calls the waiting ticket: it is called at this counter, and the counter holds it", () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.later(7);
    const events = d.do({ type: "callNext", counterId: "c1" });
    expect(d.ticket("A001")).toMatchObject({ status: "called", counterId: "c1", calledAt: at(7), waitEndedAt: at(7), recalls: 0 });
    expect(d.counter("c1").currentTicketId).toBe(idOf("A001"));
    expect(events).toEqual([{ type: "ticket.called", at: at(7), ticketId: idOf("A001"), counterId: "c1", reason: "regular" }]);
  });

  it.each<[string, (d: Desk) => void, string]>([
    ["closed", () => {}, "COUNTER_CLOSED"],
    ["paused", (d) => d.open("c1").do({ type: "pauseCounter", counterId: "c1" }), "COUNTER_PAUSED"],
    [
      "busy",
      (d) => {
        d.open("c1");
        d.call("c1");
      },
      "COUNTER_BUSY",
    ],
  ])("refuses a %s counter with %s", (_label, arrange, code) => {
    const d = new Desk();
    d.issue("birth");
    d.issue("birth");
    arrange(d);
    expect(d.refused({ type: "callNext", counterId: "c1" })).toBe(code);
  });

  it("refuses an unknown counter with UNKNOWN_COUNTER", () => {
    expect(new Desk().refused({ type: "callNext", counterId: "c9" })).toBe("UNKNOWN_COUNTER");
  });

  it("answers ok with no events and an unchanged state when nobody waits", () => {
    const d = new Desk().open("c1");
    const before = d.state;
    const r = apply(config, before, { type: "callNext", counterId: "c1" }, at(1));
    expect(r).toEqual({ ok: true, state: before, events: [] });
  });

  it("answers ok with no events when only other services' citizens wait", () => {
    const d = new Desk().open("c3");
    d.issue("birth");
    d.issue("permit");
    const before = d.state;
    const r = apply(config, before, { type: "callNext", counterId: "c3" }, at(1));
    expect(r).toEqual({ ok: true, state: before, events: [] });
  });
});

describe("recalling", () => {
  it("counts the recall and refreshes the call time", () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.call("c1");
    d.later(1);
    const events = d.do({ type: "recall", ticketId: idOf("A001") });
    d.later(1);
    d.do({ type: "recall", ticketId: idOf("A001") });
    expect(d.ticket("A001")).toMatchObject({ recalls: 2, calledAt: at(2), waitEndedAt: at(0), status: "called" });
    expect(events).toEqual([{ type: "ticket.recalled", at: at(1), ticketId: idOf("A001"), counterId: "c1" }]);
  });

  it.each<[string, (d: Desk) => void]>([
    ["waiting", () => {}],
    ["serving", (d) => d.do({ type: "start", ticketId: idOf("A001") })],
    ["done", (d) => (d.do({ type: "start", ticketId: idOf("A001") }), d.do({ type: "complete", ticketId: idOf("A001") }))],
  ])("is only for called tickets: a %s ticket gives INVALID_TRANSITION", (status, arrange) => {
    const d = new Desk().open("c1");
    d.issue("birth");
    if (status !== "waiting") d.call("c1");
    arrange(d);
    expect(d.ticket("A001").status).toBe(status);
    expect(d.refused({ type: "recall", ticketId: idOf("A001") })).toBe("INVALID_TRANSITION");
  });

  it("refuses a ticket that does not exist with UNKNOWN_TICKET", () => {
    expect(new Desk().refused({ type: "recall", ticketId: idOf("A404") })).toBe("UNKNOWN_TICKET");
  });
});

describe("starting and completing a service", () => {
  it("starts a called ticket and completes it, freeing the counter and counting the service", () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.call("c1");
    d.later(1);
    const started = d.do({ type: "start", ticketId: idOf("A001") });
    expect(d.ticket("A001")).toMatchObject({ status: "serving", startedAt: at(1) });
    expect(d.counter("c1").currentTicketId).toBe(idOf("A001"));
    expect(started).toEqual([{ type: "ticket.started", at: at(1), ticketId: idOf("A001"), counterId: "c1" }]);

    d.later(9);
    const completed = d.do({ type: "complete", ticketId: idOf("A001") });
    expect(d.ticket("A001")).toMatchObject({ status: "done", finishedAt: at(10), servedBy: "c1" });
    expect(d.counter("c1")).toMatchObject({ currentTicketId: null, served: 1 });
    expect(completed).toEqual([{ type: "ticket.completed", at: at(10), ticketId: idOf("A001"), counterId: "c1" }]);
  });

  it.each<[Command["type"], string]>([
    ["start", "waiting"],
    ["start", "serving"],
    ["start", "done"],
    ["start", "parked"],
    ["complete", "waiting"],
    ["complete", "called"],
    ["complete", "done"],
    ["complete", "parked"],
  ])("refuses to %s a %s ticket with INVALID_TRANSITION", (type, status) => {
    const d = new Desk().open("c1");
    d.issue("birth");
    const id = idOf("A001");
    if (status !== "waiting") d.call("c1");
    if (status === "serving" || status === "done") d.do({ type: "start", ticketId: id });
    if (status === "done") d.do({ type: "complete", ticketId: id });
    if (status === "parked") d.do({ type: "park", ticketId: id });
    expect(d.ticket("A001").status).toBe(status);
    expect(d.refused({ type, ticketId: id } as Command)).toBe("INVALID_TRANSITION");
  });
});

describe("marking a no-show", () => {
  const calledTicket = (cfg = config) => {
    const d = new Desk(cfg).open("c1");
    d.issue("birth");
    d.issue("birth");
    d.call("c1");
    return d;
  };

  it.each([0, 1])("refuses with NO_SHOW_TOO_EARLY after only %i recall(s)", (recalls) => {
    const d = calledTicket();
    for (let i = 0; i < recalls; i++) d.do({ type: "recall", ticketId: idOf("A001") });
    expect(d.refused({ type: "noShow", ticketId: idOf("A001") })).toBe("NO_SHOW_TOO_EARLY");
  });

  it("accepts after recallsBeforeNoShow recalls, ends the ticket and frees the counter for the next citizen", () => {
    const d = calledTicket();
    d.do({ type: "recall", ticketId: idOf("A001") });
    d.do({ type: "recall", ticketId: idOf("A001") });
    d.later(2);
    const events = d.do({ type: "noShow", ticketId: idOf("A001") });
    expect(d.ticket("A001")).toMatchObject({ status: "no_show", finishedAt: at(2) });
    expect(d.counter("c1").currentTicketId).toBeNull();
    expect(events).toEqual([{ type: "ticket.noShow", at: at(2), ticketId: idOf("A001"), counterId: "c1" }]);
    expect(d.call("c1")).toBe("A002");
  });

  it("accepts at once when the rules ask for no recalls", () => {
    const d = calledTicket(configWithRules({ recallsBeforeNoShow: 0 }));
    d.do({ type: "noShow", ticketId: idOf("A001") });
    expect(d.ticket("A001").status).toBe("no_show");
  });

  it("is only for called tickets: serving and waiting tickets give INVALID_TRANSITION", () => {
    const d = calledTicket();
    expect(d.refused({ type: "noShow", ticketId: idOf("A002") })).toBe("INVALID_TRANSITION");
    d.do({ type: "start", ticketId: idOf("A001") });
    expect(d.refused({ type: "noShow", ticketId: idOf("A001") })).toBe("INVALID_TRANSITION");
  });
});

describe("requeueing a no-show", () => {
  const noShow = (d: Desk, number: string) => {
    d.do({ type: "recall", ticketId: idOf(number) });
    d.do({ type: "recall", ticketId: idOf(number) });
    d.do({ type: "noShow", ticketId: idOf(number) });
  };

  it("puts it back waiting, queued from now, ready for a fresh call", () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.later(5);
    d.call("c1");
    noShow(d, "A001");
    d.later(3);
    const events = d.do({ type: "requeue", ticketId: idOf("A001") });
    expect(d.ticket("A001")).toMatchObject({
      status: "waiting",
      issuedAt: at(0),
      queuedAt: at(8),
      calledAt: null,
      waitEndedAt: null,
      finishedAt: null,
      counterId: null,
      recalls: 0,
    });
    expect(events).toEqual([{ type: "ticket.requeued", at: at(8), ticketId: idOf("A001") }]);
  });

  it("puts it at the back: citizens who came in the meantime are called first", () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.call("c1");
    d.later(2);
    d.issue("birth");
    noShow(d, "A001");
    d.later(1);
    d.do({ type: "requeue", ticketId: idOf("A001") });
    d.later(1);
    d.issue("birth");
    expect(d.call("c1")).toBe("A002");
    d.do({ type: "cancel", ticketId: idOf("A002") });
    expect(d.call("c1")).toBe("A001");
  });

  it.each(["waiting", "called", "done"])("refuses a %s ticket with INVALID_TRANSITION", (status) => {
    const d = new Desk().open("c1");
    d.issue("birth");
    if (status !== "waiting") d.call("c1");
    if (status === "done") (d.do({ type: "start", ticketId: idOf("A001") }), d.do({ type: "complete", ticketId: idOf("A001") }));
    expect(d.refused({ type: "requeue", ticketId: idOf("A001") })).toBe("INVALID_TRANSITION");
  });
});

describe("transferring", () => {
  it("to another service keeps the original queue place, so it goes before younger tickets there", () => {
    const d = new Desk().open("c1").open("c2");
    d.issue("birth"); // A001 at 0
    d.later(2);
    d.issue("marriage"); // B001 at 2
    d.later(2);
    d.issue("marriage"); // B002 at 4
    d.later(1);
    d.call("c1");
    const events = d.do({ type: "transfer", ticketId: idOf("A001"), toServiceId: "marriage", note: "needs marriage papers" });
    expect(d.ticket("A001")).toMatchObject({
      status: "waiting",
      number: "A001",
      serviceId: "marriage",
      originalServiceId: "birth",
      queuedAt: at(0),
      counterId: null,
      targetCounterId: null,
      transfers: 1,
      note: "needs marriage papers",
    });
    expect(d.counter("c1").currentTicketId).toBeNull();
    expect(events).toEqual([
      { type: "ticket.transferred", at: at(5), ticketId: idOf("A001"), fromCounterId: "c1", toServiceId: "marriage", toCounterId: null },
    ]);
    expect(d.call("c2")).toBe("A001");
    expect(d.call("c1")).toBe("B001");
  });

  it("from serving clears the start, so the next counter starts afresh", () => {
    const d = new Desk().open("c1").open("c3");
    d.issue("birth");
    d.call("c1");
    d.do({ type: "start", ticketId: idOf("A001") });
    d.do({ type: "transfer", ticketId: idOf("A001"), toServiceId: "land" });
    expect(d.ticket("A001")).toMatchObject({ status: "waiting", startedAt: null, calledAt: null, serviceId: "land" });
    expect(d.call("c3")).toBe("A001");
    expect(d.ticket("A001").status).toBe("called");
  });

  it("to a counter makes only that counter able to call it", () => {
    const d = new Desk().open("c1").open("c2").open("c3");
    d.issue("birth");
    d.call("c1");
    d.do({ type: "transfer", ticketId: idOf("A001"), toCounterId: "c3" });
    expect(d.ticket("A001")).toMatchObject({ status: "waiting", targetCounterId: "c3", serviceId: "birth" });
    expect(d.call("c1")).toBeNull();
    expect(d.call("c2")).toBeNull();
    expect(d.call("c3")).toBe("A001");
  });

  it("to a counter puts it first there, before older and priority tickets", () => {
    const d = new Desk().open("c1").open("c3");
    d.issue("land"); // C001 at 0
    d.issue("land", "elderly"); // C002 at 0
    d.later(1);
    d.issue("birth"); // A001 at 1
    d.later(1);
    d.call("c1");
    d.do({ type: "transfer", ticketId: idOf("A001"), toCounterId: "c3" });
    expect(d.call("c3")).toBe("A001");
    expect(d.lastReason).toBe("transferred");
  });

  it("to a service and a counter at once moves both", () => {
    const d = new Desk().open("c1").open("c4");
    d.issue("birth");
    d.call("c1");
    d.do({ type: "transfer", ticketId: idOf("A001"), toServiceId: "land", toCounterId: "c4" });
    expect(d.ticket("A001")).toMatchObject({ serviceId: "land", targetCounterId: "c4" });
    expect(d.events[0]).toMatchObject({ toServiceId: "land", toCounterId: "c4" });
    expect(d.call("c4")).toBe("A001");
  });

  it.each<[string, Partial<Extract<Command, { type: "transfer" }>>, string]>([
    ["to an unknown service", { toServiceId: "passport" }, "UNKNOWN_SERVICE"],
    ["to an unknown counter", { toCounterId: "c9" }, "UNKNOWN_COUNTER"],
  ])("refuses a transfer %s", (_label, patch, code) => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.call("c1");
    expect(d.refused({ type: "transfer", ticketId: idOf("A001"), ...patch })).toBe(code);
  });

  it.each(["waiting", "parked", "done"])("refuses to transfer a %s ticket with INVALID_TRANSITION", (status) => {
    const d = new Desk().open("c1");
    d.issue("birth");
    if (status !== "waiting") d.call("c1");
    if (status === "parked") d.do({ type: "park", ticketId: idOf("A001") });
    if (status === "done") (d.do({ type: "start", ticketId: idOf("A001") }), d.do({ type: "complete", ticketId: idOf("A001") }));
    expect(d.refused({ type: "transfer", ticketId: idOf("A001"), toServiceId: "marriage" })).toBe("INVALID_TRANSITION");
  });
});

describe("parking and unparking", () => {
  const parkedAfter = (started: boolean) => {
    const d = new Desk().open("c1").open("c2");
    d.issue("birth");
    d.issue("birth");
    d.call("c1");
    if (started) d.do({ type: "start", ticketId: idOf("A001") });
    d.later(1);
    d.do({ type: "park", ticketId: idOf("A001") });
    return d;
  };

  it("park frees the counter, which can call the next citizen, while the ticket remembers its counter", () => {
    const d = parkedAfter(false);
    expect(d.ticket("A001")).toMatchObject({ status: "parked", counterId: "c1" });
    expect(d.counter("c1").currentTicketId).toBeNull();
    expect(d.events).toEqual([{ type: "ticket.parked", at: at(1), ticketId: idOf("A001"), counterId: "c1" }]);
    expect(d.call("c1")).toBe("A002");
  });

  it.each([
    [false, "called"],
    [true, "serving"],
  ] as const)("unpark by the same counter resumes it (started: %s → %s)", (started, status) => {
    const d = parkedAfter(started);
    d.later(4);
    const events = d.do({ type: "unpark", ticketId: idOf("A001"), counterId: "c1" });
    expect(d.ticket("A001")).toMatchObject({ status, counterId: "c1", calledAt: at(5) });
    expect(d.counter("c1").currentTicketId).toBe(idOf("A001"));
    expect(events).toEqual([{ type: "ticket.unparked", at: at(5), ticketId: idOf("A001"), counterId: "c1" }]);
  });

  it("refuses an unpark from another counter with NOT_YOUR_COUNTER", () => {
    expect(parkedAfter(false).refused({ type: "unpark", ticketId: idOf("A001"), counterId: "c2" })).toBe("NOT_YOUR_COUNTER");
  });

  it("refuses an unpark while the counter serves someone else with COUNTER_BUSY", () => {
    const d = parkedAfter(false);
    d.call("c1");
    expect(d.refused({ type: "unpark", ticketId: idOf("A001"), counterId: "c1" })).toBe("COUNTER_BUSY");
  });

  it.each<[string, (d: Desk) => void, string]>([
    ["paused", (d) => d.do({ type: "pauseCounter", counterId: "c1" }), "COUNTER_PAUSED"],
    ["closed", (d) => d.do({ type: "closeCounter", counterId: "c1" }), "COUNTER_CLOSED"],
  ])("refuses an unpark at a %s counter with %s", (_label, arrange, code) => {
    const d = parkedAfter(false);
    arrange(d);
    expect(d.refused({ type: "unpark", ticketId: idOf("A001"), counterId: "c1" })).toBe(code);
  });

  it("refuses to park a waiting ticket and to unpark one that is not parked", () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    expect(d.refused({ type: "park", ticketId: idOf("A001") })).toBe("INVALID_TRANSITION");
    d.call("c1");
    expect(d.refused({ type: "unpark", ticketId: idOf("A001"), counterId: "c1" })).toBe("INVALID_TRANSITION");
  });
});

describe("cancelling", () => {
  it("cancels a waiting ticket: it never gets called", () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.later(3);
    const events = d.do({ type: "cancel", ticketId: idOf("A001") });
    expect(d.ticket("A001")).toMatchObject({ status: "cancelled", finishedAt: at(3) });
    expect(events).toEqual([{ type: "ticket.cancelled", at: at(3), ticketId: idOf("A001"), counterId: null }]);
    expect(d.call("c1")).toBeNull();
  });

  it.each(["called", "serving"])("cancels a %s ticket and frees its counter", (status) => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.call("c1");
    if (status === "serving") d.do({ type: "start", ticketId: idOf("A001") });
    const events = d.do({ type: "cancel", ticketId: idOf("A001") });
    expect(d.ticket("A001").status).toBe("cancelled");
    expect(d.counter("c1").currentTicketId).toBeNull();
    expect(events[0]).toMatchObject({ counterId: "c1" });
  });

  it("cancels a parked ticket without touching what its counter does now", () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.issue("birth");
    d.call("c1");
    d.do({ type: "park", ticketId: idOf("A001") });
    d.call("c1");
    d.do({ type: "cancel", ticketId: idOf("A001") });
    expect(d.ticket("A001").status).toBe("cancelled");
    expect(d.counter("c1").currentTicketId).toBe(idOf("A002"));
  });

  it.each(["done", "cancelled", "no_show"])("refuses to cancel a %s ticket with INVALID_TRANSITION", (status) => {
    const d = new Desk().open("c1");
    d.issue("birth");
    const id = idOf("A001");
    if (status === "cancelled") d.do({ type: "cancel", ticketId: id });
    else d.call("c1");
    if (status === "done") (d.do({ type: "start", ticketId: id }), d.do({ type: "complete", ticketId: id }));
    if (status === "no_show") {
      d.do({ type: "recall", ticketId: id });
      d.do({ type: "recall", ticketId: id });
      d.do({ type: "noShow", ticketId: id });
    }
    expect(d.ticket("A001").status).toBe(status);
    expect(d.refused({ type: "cancel", ticketId: id })).toBe("INVALID_TRANSITION");
  });
});

describe("pausing, resuming and closing a counter", () => {
  it("pauses a free open counter with its reason, and resumes it", () => {
    const d = new Desk().open("c1");
    expect(d.do({ type: "pauseCounter", counterId: "c1", reason: "lunch" })).toEqual([{ type: "counter.paused", at: T0, counterId: "c1" }]);
    expect(d.counter("c1")).toMatchObject({ status: "paused", pauseReason: "lunch", staffId: "staff-c1" });
    expect(d.do({ type: "resumeCounter", counterId: "c1" })).toEqual([{ type: "counter.resumed", at: T0, counterId: "c1" }]);
    expect(d.counter("c1")).toMatchObject({ status: "open", pauseReason: null });
  });

  it("closes a counter, forgetting its officer and its priority streak", () => {
    const d = new Desk().open("c1");
    d.issue("birth", "elderly");
    d.serve("c1", 1);
    expect(d.counter("c1").priorityStreak).toBe(1);
    expect(d.do({ type: "closeCounter", counterId: "c1" })).toEqual([{ type: "counter.closed", at: at(1), counterId: "c1" }]);
    expect(d.counter("c1")).toMatchObject({ status: "closed", staffId: null, staffName: null, priorityStreak: 0, served: 1 });
  });

  it("closes a paused counter", () => {
    const d = new Desk().open("c1");
    d.do({ type: "pauseCounter", counterId: "c1", reason: "lunch" });
    d.do({ type: "closeCounter", counterId: "c1" });
    expect(d.counter("c1")).toMatchObject({ status: "closed", pauseReason: null });
  });

  const busy = () => {
    const d = new Desk().open("c1");
    d.issue("birth");
    d.call("c1");
    return d;
  };

  it.each<[string, () => Desk, Command, string]>([
    ["pause a busy counter", busy, { type: "pauseCounter", counterId: "c1" }, "COUNTER_BUSY"],
    ["close a busy counter", busy, { type: "closeCounter", counterId: "c1" }, "COUNTER_BUSY"],
    ["pause a closed counter", () => new Desk(), { type: "pauseCounter", counterId: "c1" }, "COUNTER_CLOSED"],
    ["resume a closed counter", () => new Desk(), { type: "resumeCounter", counterId: "c1" }, "COUNTER_CLOSED"],
    ["close a closed counter", () => new Desk(), { type: "closeCounter", counterId: "c1" }, "COUNTER_CLOSED"],
    ["resume an open counter", () => new Desk().open("c1"), { type: "resumeCounter", counterId: "c1" }, "INVALID_TRANSITION"],
    ["pause an unknown counter", () => new Desk(), { type: "pauseCounter", counterId: "c9" }, "UNKNOWN_COUNTER"],
    ["resume an unknown counter", () => new Desk(), { type: "resumeCounter", counterId: "c9" }, "UNKNOWN_COUNTER"],
    ["close an unknown counter", () => new Desk(), { type: "closeCounter", counterId: "c9" }, "UNKNOWN_COUNTER"],
  ])("refuses to %s", (_label, arrange, cmd, code) => {
    expect(arrange().refused(cmd)).toBe(code);
  });

  it("a busy counter can pause or close once its citizen is done", () => {
    const d = busy();
    d.do({ type: "start", ticketId: idOf("A001") });
    d.do({ type: "complete", ticketId: idOf("A001") });
    d.do({ type: "pauseCounter", counterId: "c1" });
    d.do({ type: "closeCounter", counterId: "c1" });
    expect(d.counter("c1").status).toBe("closed");
  });
});

/** A001 served at counter 1 for six minutes, finished just now. */
const served = () => {
  const d = new Desk().open("c1");
  d.issue("birth");
  d.serve("c1", 6);
  return d;
};

describe("rating", () => {

  it("records a rating for a done ticket with the counter that served it", () => {
    const d = served();
    const events = d.do({ type: "rate", ticketId: idOf("A001"), level: "unsatisfied", reasons: ["long_wait"] });
    expect(d.state.ratings).toEqual([
      { ticketId: idOf("A001"), level: "unsatisfied", reasons: ["long_wait"], at: at(6), counterId: "c1", serviceId: "birth" },
    ]);
    expect(d.ticket("A001").rated).toBe(true);
    expect(events).toEqual([{ type: "rating.recorded", at: at(6), ticketId: idOf("A001"), counterId: "c1" }]);
  });

  it("records no reasons when none are given", () => {
    const d = served();
    d.do({ type: "rate", ticketId: idOf("A001"), level: "satisfied" });
    expect(d.state.ratings[0]?.reasons).toEqual([]);
  });

  it("closes the rating the configured time after the visit finished (60 minutes by default)", () => {
    const inTime = served().later(60);
    inTime.do({ type: "rate", ticketId: idOf("A001"), level: "satisfied" });
    expect(inTime.state.ratings).toHaveLength(1);
    const d = served();
    expect(d.cfg.rules.ratingWindowMinutes).toBe(60);
    d.later(61);
    expect(d.refused({ type: "rate", ticketId: idOf("A001"), level: "unsatisfied" })).toBe("RATING_CLOSED");
    expect(d.state.ratings).toHaveLength(0);
  });

  it("accepts only one rating per ticket: the second is ALREADY_RATED", () => {
    const d = served();
    d.do({ type: "rate", ticketId: idOf("A001"), level: "very_satisfied" });
    expect(d.refused({ type: "rate", ticketId: idOf("A001"), level: "unsatisfied" })).toBe("ALREADY_RATED");
    expect(d.state.ratings).toHaveLength(1);
  });

  it.each(["waiting", "called", "serving", "cancelled"])("refuses to rate a %s ticket with INVALID_TRANSITION", (status) => {
    const d = new Desk().open("c1");
    d.issue("birth");
    const id = idOf("A001");
    if (status === "cancelled") d.do({ type: "cancel", ticketId: id });
    if (status === "called" || status === "serving") d.call("c1");
    if (status === "serving") d.do({ type: "start", ticketId: id });
    expect(d.refused({ type: "rate", ticketId: id, level: "satisfied" })).toBe("INVALID_TRANSITION");
  });

  it("refuses an unknown ticket with UNKNOWN_TICKET", () => {
    expect(new Desk().refused({ type: "rate", ticketId: idOf("A001"), level: "satisfied" })).toBe("UNKNOWN_TICKET");
  });
});

describe("the rating pad at a counter", () => {
  const pad = (level: "very_satisfied" | "satisfied" | "unsatisfied" = "satisfied") => ({ type: "rateAtCounter" as const, counterId: "c1", level });

  it("rates the citizen the counter finished last, with the counter that served them", () => {
    const d = served();
    const events = d.do(pad("very_satisfied"));
    expect(d.state.ratings).toEqual([{ ticketId: idOf("A001"), level: "very_satisfied", reasons: [], at: d.now, counterId: "c1", serviceId: "birth" }]);
    expect(events).toEqual([{ type: "rating.recorded", at: d.now, ticketId: idOf("A001"), counterId: "c1" }]);
  });

  it("finds nobody to rate once the citizen is rated, or before anyone was served", () => {
    const d = served();
    d.do(pad());
    expect(d.refused(pad("unsatisfied"))).toBe("NOT_FOUND");
    expect(new Desk().open("c1").refused(pad())).toBe("NOT_FOUND");
    expect(d.state.ratings).toHaveLength(1);
  });

  it("belongs to the next citizen once they are called: the one before can no longer be rated there", () => {
    const d = served();
    d.issue("birth");
    d.call("c1");
    expect(d.refused(pad("unsatisfied"))).toBe("NOT_FOUND");
    expect(d.ticket("A001").rated).toBe(false);
  });

  it("closes with the same rating window as the kiosk's", () => {
    const d = served().later(61);
    expect(d.refused(pad())).toBe("RATING_CLOSED");
    expect(served().later(60).do(pad())).toHaveLength(1);
  });

  it("refuses an unknown counter with UNKNOWN_COUNTER", () => {
    expect(served().refused({ type: "rateAtCounter", counterId: "c9", level: "satisfied" })).toBe("UNKNOWN_COUNTER");
  });
});

describe("every ticket command", () => {
  it.each<Command["type"]>(["recall", "start", "complete", "noShow", "requeue", "transfer", "park", "cancel", "rate"])(
    "%s refuses a ticket that does not exist with UNKNOWN_TICKET",
    (type) => {
      const cmd = { type, ticketId: idOf("Z999"), counterId: "c1", level: "satisfied" } as Command;
      expect(refusal(freshDay(), cmd, T0)).toBe("UNKNOWN_TICKET");
    },
  );

  it("unpark refuses a ticket that does not exist with UNKNOWN_TICKET", () => {
    expect(refusal(freshDay(), { type: "unpark", ticketId: idOf("Z999"), counterId: "c1" }, T0)).toBe("UNKNOWN_TICKET");
  });
});

describe("the state as a whole", () => {
  const script: [Command, Millis][] = [
    [{ type: "openCounter", counterId: "c1", staffId: "lan", staffName: "Lan" }, at(0)],
    [{ type: "openCounter", counterId: "c2", staffId: "minh", staffName: "Minh" }, at(0)],
    [{ type: "issueTicket", serviceId: "birth" }, at(1)],
    [{ type: "issueTicket", serviceId: "marriage", priorityGroupId: "pregnant" }, at(2)],
    [{ type: "issueTicket", serviceId: "birth" }, at(3)],
    [{ type: "callNext", counterId: "c1" }, at(4)],
    [{ type: "callNext", counterId: "c2" }, at(4)],
    [{ type: "start", ticketId: idOf("A001") }, at(5)],
    [{ type: "recall", ticketId: idOf("B001") }, at(6)],
    [{ type: "complete", ticketId: idOf("A001") }, at(12)],
    [{ type: "rate", ticketId: idOf("A001"), level: "satisfied" }, at(13)],
    [{ type: "transfer", ticketId: idOf("B001"), toServiceId: "birth" }, at(14)],
    [{ type: "callNext", counterId: "c1" }, at(15)],
  ];
  const replay = () => {
    let state = freshDay();
    const events = [];
    for (const [cmd, now] of script) {
      const r = step(state, cmd, now);
      state = r.state;
      events.push(...r.events);
    }
    return { state, events };
  };

  it("is deterministic: the same commands at the same times give deep-equal states and events", () => {
    expect(replay()).toEqual(replay());
  });

  it("grows its version by one per event", () => {
    const { state, events } = replay();
    expect(state.version).toBe(events.length);
  });

  // At the end of the script: A001 done and rated, B001 called at c1, A002 waiting, c2 open and free.
  it.each<[Command, boolean]>([
    [{ type: "issueTicket", serviceId: "birth" }, true],
    [{ type: "openCounter", counterId: "c3", staffId: "hoa", staffName: "Hoa" }, true],
    [{ type: "callNext", counterId: "c2" }, true],
    [{ type: "recall", ticketId: idOf("B001") }, true],
    [{ type: "start", ticketId: idOf("B001") }, true],
    [{ type: "complete", ticketId: idOf("B001") }, false],
    [{ type: "noShow", ticketId: idOf("B001") }, false],
    [{ type: "requeue", ticketId: idOf("B001") }, false],
    [{ type: "transfer", ticketId: idOf("B001"), toCounterId: "c2" }, true],
    [{ type: "park", ticketId: idOf("B001") }, true],
    [{ type: "unpark", ticketId: idOf("B001"), counterId: "c1" }, false],
    [{ type: "cancel", ticketId: idOf("A002") }, true],
    [{ type: "cancel", ticketId: idOf("B001") }, true],
    [{ type: "pauseCounter", counterId: "c2" }, true],
    [{ type: "resumeCounter", counterId: "c2" }, false],
    [{ type: "closeCounter", counterId: "c2" }, true],
    [{ type: "closeCounter", counterId: "c1" }, false],
    [{ type: "rate", ticketId: idOf("A001"), level: "satisfied" }, false],
  ])("is never changed in place: %j (accepted: %s)", (cmd, accepted) => {
    const frozen = deepFreeze(replay().state);
    const snapshot = structuredClone(frozen);
    expect(apply(config, frozen, cmd, at(20)).ok).toBe(accepted);
    expect(frozen).toEqual(snapshot);
  });

  it("answers a refusal without a state", () => {
    const r = apply(config, freshDay(), { type: "callNext", counterId: "c1" }, T0);
    expect(r).toEqual({ ok: false, error: { code: "COUNTER_CLOSED", message: expect.any(String) } });
  });
});

function deepFreeze<T>(x: T): T {
  if (x && typeof x === "object") {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}


describe("a transfer with nowhere to go", () => {
  it("is refused and leaves the ticket at the counter", () => {
    const counterId = config.counters[0]!.id;
    let s = run(freshDay(), { type: "issueTicket", serviceId: config.counters[0]!.serviceIds[0]! }, T0);
    s = run(s, { type: "openCounter", counterId, staffId: "u1", staffName: "Cán bộ" }, T0);
    s = run(s, { type: "callNext", counterId }, T0);
    const id = s.order[0]!;
    expect(refusal(s, { type: "transfer", ticketId: id }, T0 + 1000)).toBe("BAD_REQUEST");
    expect(s.tickets[id]!.status).toBe("called");
  });
});

describe("ticket ids from outside", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])("finds no ticket called %s", (id) => {
    const s = run(freshDay(), { type: "issueTicket", serviceId: config.services[0]!.id }, T0);
    for (const type of ["recall", "start", "complete", "noShow", "requeue", "park", "cancel"] as const) {
      expect(refusal(s, { type, ticketId: id }, T0)).toBe("UNKNOWN_TICKET");
    }
    expect(refusal(s, { type: "rate", ticketId: id, level: "satisfied" }, T0)).toBe("UNKNOWN_TICKET");
  });
});

describe("transfers to a counter", () => {
  it("are refused while that counter is closed, since only it could call the ticket", () => {
    const [from, to] = [config.counters[0]!, config.counters[1]!];
    let s = run(freshDay(), { type: "issueTicket", serviceId: from.serviceIds[0]! }, T0);
    s = run(s, { type: "openCounter", counterId: from.id, staffId: "u1", staffName: "Cán bộ" }, T0);
    s = run(s, { type: "callNext", counterId: from.id }, T0);
    expect(refusal(s, { type: "transfer", ticketId: s.order[0]!, toCounterId: to.id }, T0)).toBe("COUNTER_CLOSED");
  });
});

describe("remote numbers", () => {
  it("join the queue only at check-in, with the reservation's token as their follow token", () => {
    const d = new Desk().at(0);
    d.issue("birth");
    expect(d.do({ type: "reserve", serviceId: "birth", token: "tok-remote-00000001", phoneHash: "p1" })).toEqual([
      { type: "ticket.reserved", at: at(0), serviceId: "birth" },
    ]);
    // At home: nobody's place changes, no number is taken.
    expect(d.state.order).toHaveLength(1);
    d.later(30).issue("birth");
    const events = d.do({ type: "checkIn", token: "tok-remote-00000001" });
    expect(events.map((e) => e.type)).toEqual(["ticket.issued"]);
    const t = d.ticket("A003");
    expect(t).toMatchObject({ followToken: "tok-remote-00000001", issuedAt: at(30), queuedAt: at(30), status: "waiting" });
    expect(d.state.reservations!["tok-remote-00000001"]!.ticketId).toBe(t.id);
    // A second scan changes nothing.
    expect(d.do({ type: "checkIn", token: "tok-remote-00000001" })).toEqual([]);
    expect(d.state.order).toHaveLength(3);
  });

  it("allow a phone its daily share, and refuse an unknown check-in", () => {
    const d = new Desk().at(0);
    d.do({ type: "reserve", serviceId: "birth", token: "tok-remote-00000001", phoneHash: "p1" });
    d.do({ type: "reserve", serviceId: "marriage", token: "tok-remote-00000002", phoneHash: "p1" });
    expect(d.refused({ type: "reserve", serviceId: "birth", token: "tok-remote-00000003", phoneHash: "p1" })).toBe("RATE_LIMITED");
    d.do({ type: "reserve", serviceId: "birth", token: "tok-remote-00000004", phoneHash: "p2" });
    expect(d.refused({ type: "reserve", serviceId: "nope", token: "tok-remote-00000005", phoneHash: "p3" })).toBe("UNKNOWN_SERVICE");
    expect(d.refused({ type: "checkIn", token: "tok-remote-99999999" })).toBe("UNKNOWN_TICKET");
  });
});
