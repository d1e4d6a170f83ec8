import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apply, applyInPlace } from "./apply.ts";
import { isEligible } from "./call-order.ts";
import { replay as journalReplay } from "./journal.ts";
import { staged } from "./staging.ts";
import { keepIndex, liveIndex, type DayIndex } from "./day-index.ts";
import { aheadOf, expectedWait } from "./estimate.ts";
import { counterView } from "./views.ts";
import { MINUTE, T0, config, freshDay } from "../test/fixture.ts";
import type { Command, DayState, EngineEvent, Millis, Result } from "./types.ts";

/*
 * Random days at the fixture's shop. Commands are generated abstractly ("start some called
 * ticket", "unpark at its own counter") and resolved against the state they meet, so that most
 * of them hit a ticket in the right state while some still aim at the wrong one; the resolved
 * commands are recorded so the determinism check replays exactly the same list.
 */

const COUNTERS = ["c1", "c2", "c3", "c4"];
const SERVICES = ["birth", "marriage", "land", "permit"];
const GROUPS = ["elderly", "pregnant", "disability", "merit"];
const STAFF = ["lan", "minh", "hoa", "tuan", "mai"];

type TicketOp = "recall" | "start" | "complete" | "noShow" | "requeue" | "park" | "cancel";
type Op =
  | { k: "issue"; service: string; group: string | null }
  | { k: "open"; counter: string; staff: string | null; takeover: boolean }
  | { k: "callNext"; counter: string; pick: number; wild: boolean }
  | { k: TicketOp; pick: number; wild: boolean }
  | { k: "transfer"; pick: number; wild: boolean; toService: string | undefined; toCounter: string | undefined }
  | { k: "unpark"; pick: number; wild: boolean; own: boolean; counter: string }
  | { k: "pause" | "resume" | "close"; counter: string };

/** A counter id, now and then one the shop does not have. */
const counterArb = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...COUNTERS) }, { weight: 1, arbitrary: fc.constant("c9") });
const pickArb = fc.nat({ max: 1000 });
/** Mostly aim at a ticket in the right state; one time in eight at any ticket. */
const wild = fc.integer({ min: 0, max: 7 }).map((n) => n === 0);

/**
 * Each random day has its own character, so that together they reach every rule: how many
 * citizens come and how many of them are priority, how busy the officers are, and whether the
 * clock makes long jumps (which is what makes tickets overdue).
 */
interface DayStyle {
  issueWeight: number;
  priorityWeight: number;
  minutesWeight: number;
  jumpWeight: number;
}

const opArb = (style: DayStyle): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: style.issueWeight,
      arbitrary: fc.record({
        k: fc.constant("issue" as const),
        service: fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...SERVICES) }, { weight: 1, arbitrary: fc.constant("passport") }),
        group: fc.oneof(
          { weight: 10 - style.priorityWeight, arbitrary: fc.constant(null) },
          { weight: style.priorityWeight, arbitrary: fc.constantFrom(...GROUPS) },
          { weight: 1, arbitrary: fc.constant("veteran") },
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        k: fc.constant("open" as const),
        counter: counterArb,
        // Usually the counter's own officer; sometimes anyone, to meet takeovers and second counters.
        staff: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...STAFF) }),
        takeover: fc.boolean(),
      }),
    },
    { weight: 12, arbitrary: fc.record({ k: fc.constant("callNext" as const), counter: counterArb, pick: pickArb, wild }) },
    { weight: 6, arbitrary: fc.record({ k: fc.constant("recall" as const), pick: pickArb, wild }) },
    { weight: 9, arbitrary: fc.record({ k: fc.constant("start" as const), pick: pickArb, wild }) },
    { weight: 10, arbitrary: fc.record({ k: fc.constant("complete" as const), pick: pickArb, wild }) },
    { weight: 4, arbitrary: fc.record({ k: fc.constant("noShow" as const), pick: pickArb, wild }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant("requeue" as const), pick: pickArb, wild }) },
    {
      weight: 2,
      arbitrary: fc.record({
        k: fc.constant("transfer" as const),
        pick: pickArb,
        wild,
        toService: fc.option(
          fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...SERVICES) }, { weight: 1, arbitrary: fc.constant("passport") }),
          { nil: undefined },
        ),
        toCounter: fc.option(counterArb, { nil: undefined, freq: 2 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ k: fc.constant("park" as const), pick: pickArb, wild }) },
    {
      weight: 2,
      arbitrary: fc.record({
        k: fc.constant("unpark" as const),
        pick: pickArb,
        wild,
        own: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
        counter: counterArb,
      }),
    },
    { weight: 1, arbitrary: fc.record({ k: fc.constant("cancel" as const), pick: pickArb, wild }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant("pause" as const), counter: counterArb }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant("resume" as const), counter: counterArb }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant("close" as const), counter: counterArb }) },
  );

/** Time between two commands: mostly seconds, sometimes minutes, on some days long jumps. */
const gapArb = (style: DayStyle): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 16, arbitrary: fc.integer({ min: 0, max: MINUTE }) },
    { weight: style.minutesWeight, arbitrary: fc.integer({ min: MINUTE, max: 5 * MINUTE }) },
    { weight: style.jumpWeight, arbitrary: fc.integer({ min: 10 * MINUTE, max: 90 * MINUTE }) },
  );

const styleArb: fc.Arbitrary<DayStyle> = fc.record({
  issueWeight: fc.integer({ min: 4, max: 30 }),
  priorityWeight: fc.integer({ min: 1, max: 9 }),
  minutesWeight: fc.integer({ min: 0, max: 4 }),
  jumpWeight: fc.integer({ min: 0, max: 2 }),
});

/** A day: some counters open at the start, then up to ~80 commands in all. */
const scriptArb: fc.Arbitrary<[number, Op][]> = fc
  .tuple(styleArb, fc.subarray(COUNTERS, { minLength: 1 }))
  .chain(([style, opening]) =>
    fc.array(fc.tuple(gapArb(style), opArb(style)), { minLength: 20, maxLength: 80 - opening.length, size: "max" }).map((rest) => [
      ...opening.map((counter): [number, Op] => [0, { k: "open", counter, staff: null, takeover: false }]),
      ...rest,
    ]),
  );

/** Which ticket statuses each ticket command is meant for. */
const WANTED: Record<TicketOp | "transfer" | "unpark", string[]> = {
  recall: ["called"],
  start: ["called"],
  complete: ["serving"],
  noShow: ["called"],
  requeue: ["no_show"],
  park: ["called", "serving"],
  cancel: ["waiting", "called", "serving", "parked"],
  transfer: ["called", "serving"],
  unpark: ["parked"],
};

function pickTicket(state: DayState, op: { k: keyof typeof WANTED; pick: number; wild: boolean }): string {
  const all = state.order;
  if (all.length === 0) return `${state.day}-Z999`;
  let fitting = all.filter((id) => WANTED[op.k].includes(state.tickets[id]!.status));
  if (op.k === "recall" || op.k === "noShow") {
    // Keep recalling the same citizen, so that no-shows become possible.
    const most = Math.max(-1, ...fitting.map((id) => state.tickets[id]!.recalls));
    fitting = fitting.filter((id) => state.tickets[id]!.recalls === most);
  }
  const pool = op.wild || fitting.length === 0 ? all : fitting;
  return pool[op.pick % pool.length]!;
}

function resolve(state: DayState, op: Op): Command {
  switch (op.k) {
    case "issue":
      return { type: "issueTicket", serviceId: op.service, priorityGroupId: op.group };
    case "open": {
      const staff = op.staff ?? `officer-${op.counter}`;
      return { type: "openCounter", counterId: op.counter, staffId: staff, staffName: staff.toUpperCase(), takeover: op.takeover };
    }
    case "callNext": {
      // Mostly an open, free counter, as officers press "next" when their desk is free; sometimes any counter.
      const open = COUNTERS.filter((id) => state.counters[id]?.status === "open");
      const free = open.filter((id) => state.counters[id]?.currentTicketId === null);
      const pool = free.length > 0 ? free : open;
      const counterId = op.wild || pool.length === 0 ? op.counter : pool[op.pick % pool.length]!;
      return { type: "callNext", counterId };
    }
    case "transfer": {
      const cmd: Command = { type: "transfer", ticketId: pickTicket(state, op) };
      if (op.toService !== undefined) cmd.toServiceId = op.toService;
      if (op.toCounter !== undefined) cmd.toCounterId = op.toCounter;
      return cmd;
    }
    case "unpark": {
      const ticketId = pickTicket(state, op);
      const own = state.tickets[ticketId]?.counterId;
      return { type: "unpark", ticketId, counterId: op.own && own ? own : op.counter };
    }
    case "pause":
      return { type: "pauseCounter", counterId: op.counter, reason: "break" };
    case "resume":
      return { type: "resumeCounter", counterId: op.counter };
    case "close":
      return { type: "closeCounter", counterId: op.counter };
    default:
      return { type: op.k, ticketId: pickTicket(state, op) };
  }
}

/** (a) numbers are unique, `order` and `tickets` agree, and no ticket ever disappears. */
function checkTickets(state: DayState, previousIds: string[], issued: number): void {
  const ids = Object.keys(state.tickets);
  expect(ids.length).toBe(issued);
  expect(state.order.length).toBe(issued);
  expect(new Set(state.order).size).toBe(state.order.length);
  for (const id of state.order) expect(state.tickets[id], `order holds ${id}`).toBeDefined();
  for (const id of previousIds) expect(state.tickets[id], `ticket ${id} disappeared`).toBeDefined();
  expect(state.order.slice(0, previousIds.length)).toEqual(previousIds);
  const numbers = ids.map((id) => state.tickets[id]!.number);
  expect(new Set(numbers).size, `duplicate numbers in ${numbers.join(",")}`).toBe(numbers.length);
}

/** (b) a counter's current ticket is called or serving there, and every such ticket has its counter pointing back. */
function checkCounters(state: DayState): void {
  for (const [counterId, c] of Object.entries(state.counters)) {
    if (c.currentTicketId === null) continue;
    const t = state.tickets[c.currentTicketId];
    expect(t, `counter ${counterId} points at a missing ticket`).toBeDefined();
    expect(["called", "serving"], `counter ${counterId} holds ${t!.number}`).toContain(t!.status);
    expect(t!.counterId).toBe(counterId);
    expect(c.status, `counter ${counterId} holds ${t!.number} while closed`).not.toBe("closed");
  }
  for (const t of Object.values(state.tickets)) {
    if (t.status !== "called" && t.status !== "serving") continue;
    expect(t.counterId, `${t.number} is ${t.status} at no counter`).not.toBeNull();
    expect(state.counters[t.counterId!]?.currentTicketId, `${t.number} is ${t.status} but counter ${t.counterId} does not hold it`).toBe(t.id);
  }
}

/** The indexed position of each waiting ticket equals a plain count of who goes first. */
function checkPositions(state: DayState, now: Millis): void {
  const idx = new Map(state.order.map((id, i) => [id, i] as const));
  for (const t of Object.values(state.tickets)) {
    if (t.status !== "waiting") continue;
    const first = (o: (typeof t)) =>
      (o.priorityGroupId !== null && t.priorityGroupId === null) ||
      ((o.priorityGroupId !== null) === (t.priorityGroupId !== null) &&
        (o.queuedAt < t.queuedAt || (o.queuedAt === t.queuedAt && idx.get(o.id)! < idx.get(t.id)!)));
    const expected = Object.values(state.tickets).filter((o) => o.id !== t.id && o.status === "waiting" && o.serviceId === t.serviceId && first(o)).length;
    expect(aheadOf(state, t), `people ahead of ${t.number}`).toBe(expected);
  }
  // A counter's list, read from the index, is exactly who it may call, oldest first, and what it parked.
  for (const c of config.counters) {
    const view = counterView(config, state, c.id, now);
    const eligible = state.order.map((id) => state.tickets[id]!).filter((t) => isEligible(config, c.id, t));
    const byAge = eligible.map((t, i) => [t, i] as const).sort((a, b) => a[0].queuedAt - b[0].queuedAt || a[1] - b[1]);
    expect(view.waiting.map((t) => t.id), `waiting list of ${c.id}`).toEqual(byAge.map(([t]) => t.id));
    for (const t of view.waiting) {
      const band = t.estimatedWait!;
      expect(band.minMinutes % 5 === 0 && band.maxMinutes % 5 === 0, `band of ${t.number} on five-minute steps`).toBe(true);
      expect(band.maxMinutes - band.minMinutes, `band of ${t.number} too wide`).toBeLessThanOrEqual(Math.max(10, 0.3 * (band.minMinutes + band.maxMinutes)));
    }
    const parked = state.order.filter((id) => state.tickets[id]!.status === "parked" && state.tickets[id]!.counterId === c.id);
    expect(view.parked.map((t) => t.id), `parked at ${c.id}`).toEqual(parked);
  }
}

/** (c) a counter never calls someone while an older, overdue citizen it could serve waits. */
function checkAging(before: DayState, counterId: string, events: EngineEvent[], now: Millis): void {
  const limit = config.rules.agingLimitMinutes * MINUTE;
  const called = events.find((e) => e.type === "ticket.called");
  const eligible = Object.values(before.tickets).filter((u) => isEligible(config, counterId, u));
  if (!called) {
    // "Nobody to call" must mean nobody this counter may call.
    expect(eligible.map((u) => u.number), `${counterId} called nobody`).toEqual([]);
    return;
  }
  const t = before.tickets[called.ticketId]!;
  expect(isEligible(config, counterId, t), `${counterId} called ${t.number}, which it may not`).toBe(true);
  for (const u of eligible) {
    if (u.id === t.id) continue;
    const overdueAndOlder = now - u.queuedAt >= limit && u.queuedAt < t.queuedAt;
    expect(overdueAndOlder, `${counterId} called ${t.number} (queued ${t.queuedAt}) at ${now} while ${u.number} (queued ${u.queuedAt}) was overdue`).toBe(
      false,
    );
  }
}

type Step = [Command, Millis];

/** Plays a generated script; returns the resolved commands and the final state. */
function play(script: [number, Op][], tally?: Map<string, number>): { steps: Step[]; state: DayState; results: boolean[] } {
  let state = freshDay();
  let now = T0;
  let issued = 0;
  const steps: Step[] = [];
  const results: boolean[] = [];
  for (const [gap, op] of script) {
    now += gap;
    const cmd = resolve(state, op);
    const snapshot = structuredClone(state);
    const previousIds = [...state.order];
    const r: Result = apply(config, state, cmd, now);
    steps.push([cmd, now]);
    results.push(r.ok);
    try {
      // The state passed in is never changed, whether the command succeeds or not.
      expect(state).toEqual(snapshot);
      if (!r.ok) {
        expect(r.error.code).toMatch(/^[A-Z_]+$/);
        count(tally, `refused ${r.error.code}`);
      } else {
        expect(r.state.version).toBe(state.version + r.events.length);
        for (const e of r.events) expect(e.at).toBe(now);
        if (cmd.type === "issueTicket") issued++;
        if (cmd.type === "callNext") checkAging(state, cmd.counterId, r.events, now);
        for (const e of r.events) count(tally, e.type === "ticket.called" ? `called ${e.reason}` : e.type);
        state = r.state;
      }
      checkTickets(state, previousIds, issued);
      checkCounters(state);
      checkPositions(state, now);
    } catch (e) {
      // Say which commands led here, in a form that can be pasted into a unit test.
      const trace = steps.map(([c, t], i) => `  ${i + 1}. +${(t - T0) / 1000}s ${JSON.stringify(c)} -> ${results[i] ? "ok" : "refused"}`);
      (e as Error).message += `\nafter these commands:\n${trace.join("\n")}`;
      throw e;
    }
  }
  return { steps, state, results };
}

/** A live index as plain, comparable data: which tickets wait, are parked, count toward the means. */
const indexShown = (ix: DayIndex) => ({
  waiting: [...ix.waiting].sort(),
  parked: [...ix.parked].sort(),
  position: [...ix.position].sort(),
  done: [...ix.done].sort().map(([k, v]) => [k, v.map((t) => t.id)]),
});

const count = (tally: Map<string, number> | undefined, key: string) => tally?.set(key, (tally.get(key) ?? 0) + 1);

function replay(steps: Step[], step: typeof apply = apply): { state: DayState; results: boolean[] } {
  let state = freshDay();
  const results: boolean[] = [];
  for (const [cmd, now] of steps) {
    const r = step(config, state, cmd, now);
    results.push(r.ok);
    if (r.ok) state = r.state;
  }
  return { state, results };
}

describe("random days at the shop", () => {
  it("keep every invariant after every command, and replay to the same state", () => {
    const tally = new Map<string, number>();
    fc.assert(
      fc.property(scriptArb, (script) => {
        const first = play(script, tally);
        const again = replay(first.steps);
        expect(again.results).toEqual(first.results);
        expect(again.state).toEqual(first.state);
        // The simulator's in-place variant reaches the very same day.
        const inPlace = replay(first.steps, applyInPlace);
        expect(inPlace.results).toEqual(first.results);
        expect(inPlace.state).toEqual(first.state);
      }),
      { numRuns: 500 },
    );

    // The generator must reach every corner, or the invariants above prove little.
    const reached = [
      "ticket.issued",
      "counter.opened",
      "ticket.recalled",
      "ticket.started",
      "ticket.completed",
      "ticket.noShow",
      "ticket.requeued",
      "ticket.transferred",
      "ticket.parked",
      "ticket.unparked",
      "ticket.cancelled",
      "counter.paused",
      "counter.resumed",
      "counter.closed",
      "called aged",
      "called priority",
      "called regular",
      "called fairness",
      "called transferred",
      "refused NUMBER_RANGE_EXHAUSTED",
      "refused COUNTER_TAKEN",
      "refused NOT_YOUR_COUNTER",
      "refused NO_SHOW_TOO_EARLY",
    ];
    for (const what of reached) expect(tally.get(what) ?? 0, `never saw ${what}`).toBeGreaterThan(0);
  }, 60_000);

  it("reach the same day in place, staged and hidden, and replayed from a journal", () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const first = play(script);
        const inPlace = replay(first.steps, applyInPlace);
        // Its live index answers as a scan of the copied day does: places, estimates, counters' lists.
        const end = first.steps.at(-1)![1];
        for (const id of first.state.order) {
          const a = first.state.tickets[id]!;
          const b = inPlace.state.tickets[id]!;
          if (a.status !== "waiting") continue;
          expect(aheadOf(inPlace.state, b)).toBe(aheadOf(first.state, a));
          expect(expectedWait(config, inPlace.state, b, end)).toBe(expectedWait(config, first.state, a, end));
        }
        for (const c of COUNTERS) expect(counterView(config, inPlace.state, c, end)).toEqual(counterView(config, first.state, c, end));
        // The server's batches: applied in place on the live day, hidden until stored, then shown.
        const half = Math.floor(first.steps.length / 2);
        const live = replay(first.steps.slice(0, half), applyInPlace).state;
        const copied = replay(first.steps.slice(0, half)).state;
        let batched = live;
        const { stage } = staged(live, () => {
          for (const [cmd, now] of first.steps.slice(half)) {
            const r = applyInPlace(config, batched, cmd, now);
            if (r.ok) batched = r.state;
          }
        });
        stage.hide();
        expect(live).toEqual(copied);
        // Its live index too is as a day of that state would have it made afresh.
        const fresh = structuredClone(copied);
        keepIndex(fresh);
        expect(indexShown(liveIndex(live)!)).toEqual(indexShown(liveIndex(fresh)!));
        const mid = first.steps[half]?.[1] ?? T0;
        for (const c of COUNTERS) expect(counterView(config, { ...live }, c, mid)).toEqual(counterView(config, copied, c, mid));
        stage.show();
        expect(batched).toEqual(first.state);
        for (const c of COUNTERS) expect(counterView(config, { ...batched }, c, end)).toEqual(counterView(config, first.state, c, end));
        // The server's journal: the applied commands alone, replayed onto a snapshot from midway.
        const entries = first.steps.filter((_, i) => first.results[i]).map(([command, at], i) => ({ seq: i + 1, at, command }));
        const cut = Math.floor(entries.length / 2);
        const midway = journalReplay(config, freshDay(), 0, entries.slice(0, cut));
        const resumed = journalReplay(config, structuredClone(midway.state), cut, entries);
        expect(resumed.refused).toEqual([]);
        expect(resumed.seq).toBe(entries.length);
        expect(resumed.state).toEqual(first.state);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
