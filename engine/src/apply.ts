import type { ErrorCode, RatingLevel } from "@motcua/protocol";
import { goesAhead, pickNext } from "./call-order.ts";
import { keepIndex, noteWritten } from "./day-index.ts";
import { noteStaged } from "./staging.ts";
import { isServed, notServed } from "./served.ts";
import { closedCounter, findCounter, findTicket, ticketByFollowToken, ticketForRequest } from "./day.ts";
import type {
  Command,
  CounterRecord,
  DayState,
  EngineConfig,
  ExpectedAppointment,
  EngineEvent,
  Millis,
  Result,
  TicketRecord,
} from "./types.ts";

type Step = { state: DayState; events: EngineEvent[] } | { error: { code: ErrorCode; message: string } };
const fail = (code: ErrorCode, message: string): Step => ({ error: { code, message } });

/** Set only inside `applyInPlace`, whose caller gives up the input state (its tickets and order). */
let reuseTickets = false;

const withTicket = (state: DayState, t: TicketRecord): DayState => {
  if (!reuseTickets) return { ...state, tickets: { ...state.tickets, [t.id]: t } };
  noteStaged(state.tickets, t.id);
  noteWritten(state, t);
  state.tickets[t.id] = t;
  return { ...state };
};
/** The day's order with one more ticket: copied, or (in place) grown, so a day costs O(tickets) and not O(tickets²). */
const appended = (order: string[], id: string): string[] => {
  if (!reuseTickets) return [...order, id];
  order.push(id);
  return order;
};
const withCounter = (state: DayState, id: string, patch: Partial<CounterRecord>): DayState => {
  return { ...state, counters: { ...state.counters, [id]: { ...counterRecord(state, id), ...patch } } };
};
/** Frees the counter that holds this ticket, if any does. */
const release = (state: DayState, t: TicketRecord): DayState =>
  t.counterId && state.counters[t.counterId]?.currentTicketId === t.id
    ? withCounter(state, t.counterId, { currentTicketId: null })
    : state;

const counterRecord = (state: DayState, id: string): CounterRecord =>
  findCounter(state, id) ?? closedCounter();

export const formatNumber = (code: string, seq: number, to: number): string =>
  code + String(seq).padStart(String(to).length, "0");

export const ticketId = (day: string, number: string): string => `${day}-${number}`;

type Handler<C extends Command> = (config: EngineConfig, state: DayState, cmd: C, now: Millis) => Step;
type Handlers = { [T in Command["type"]]: Handler<Extract<Command, { type: T }>> };

function getTicket(state: DayState, id: string): TicketRecord | Step {
  return findTicket(state, id) ?? fail("UNKNOWN_TICKET", `No ticket ${id} today.`);
}
const isStep = (x: TicketRecord | Step): x is Step => !("number" in x);

function requireStatus(t: TicketRecord, allowed: TicketRecord["status"][], action: string): Step | null {
  return allowed.includes(t.status)
    ? null
    : fail("INVALID_TRANSITION", `Ticket ${t.number} is ${t.status}; ${action} needs ${allowed.join(" or ")}.`);
}

function requireWorkingCounter(config: EngineConfig, state: DayState, counterId: string): Step | null {
  if (!config.counters.some((c) => c.id === counterId)) return fail("UNKNOWN_COUNTER", `No counter ${counterId}.`);
  const c = counterRecord(state, counterId);
  if (c.status === "closed") return fail("COUNTER_CLOSED", `Counter ${counterId} is closed; open it first.`);
  if (c.status === "paused") return fail("COUNTER_PAUSED", `Counter ${counterId} is paused; resume it first.`);
  return null;
}

/** A finished ticket's rating, within the one rating window the rules set. */
function rateTicket(config: EngineConfig, state: DayState, t: TicketRecord, level: RatingLevel, reasons: string[], now: Millis): Step {
  const window = config.rules.ratingWindowMinutes * 60_000;
  if (t.finishedAt !== null && now - t.finishedAt > window) {
    return fail("RATING_CLOSED", `Ticket ${t.number} finished more than ${config.rules.ratingWindowMinutes} minutes ago; it can no longer be rated.`);
  }
  const next: DayState = {
    ...withTicket(state, { ...t, rated: true }),
    ratings: [...state.ratings, { ticketId: t.id, level, reasons, at: now, counterId: t.servedBy, serviceId: t.serviceId }],
  };
  return { state: next, events: [{ type: "rating.recorded", at: now, ticketId: t.id, counterId: t.servedBy }] };
}

/** The ticket a counter finished last today, if any. */
function lastServedAt(state: DayState, counterId: string): TicketRecord | undefined {
  let last: TicketRecord | undefined;
  for (const id of state.order) {
    const t = state.tickets[id]!;
    if (t.servedBy === counterId && t.status === "done" && t.finishedAt !== null && (!last || t.finishedAt > last.finishedAt!)) last = t;
  }
  return last;
}

const handlers: Handlers = {
  issueTicket(config, state, cmd, now) {
    // The same tap again (its answer was lost): the ticket it already got, nothing new.
    if (cmd.requestKey !== undefined && ticketForRequest(state, cmd.requestKey)) return { state, events: [] };
    const service = config.services.find((s) => s.id === cmd.serviceId);
    if (!service) return fail("UNKNOWN_SERVICE", `No service ${cmd.serviceId}.`);
    if (!isServed(config, service.id)) return fail(notServed(service.id).code, notServed(service.id).message);
    const group = cmd.priorityGroupId ?? null;
    if (group !== null && !config.priorityGroups.some((g) => g.id === group && g.enabled)) {
      return fail("UNKNOWN_PRIORITY_GROUP", `No priority group ${group}.`);
    }
    const { from, to } = service.numberRange;
    const last = Object.hasOwn(state.seq, service.id) ? state.seq[service.id]! : from - 1;
    let seq = Math.max(last, from - 1) + 1;
    // A number stays unique for the day even if a config change made two services share a prefix.
    while (seq <= to && findTicket(state, ticketId(state.day, formatNumber(service.code, seq, to)))) seq++;
    if (seq > to) {
      return fail(
        "NUMBER_RANGE_EXHAUSTED",
        `Service ${service.id} has issued every number ${formatNumber(service.code, from, to)}–${formatNumber(service.code, to, to)} today.`,
      );
    }
    const number = formatNumber(service.code, seq, to);
    const ticket: TicketRecord = {
      id: ticketId(state.day, number),
      number,
      seq,
      serviceId: service.id,
      originalServiceId: service.id,
      priorityGroupId: group,
      status: "waiting",
      issuedAt: now,
      queuedAt: now,
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
      ...(cmd.requestKey !== undefined ? { requestKey: cmd.requestKey } : {}),
      ...(cmd.followToken !== undefined ? { followToken: cmd.followToken } : {}),
      ...(cmd.appointmentAt !== undefined ? { appointmentAt: cmd.appointmentAt } : {}),
    };
    const next: DayState = {
      ...withTicket(state, ticket),
      seq: { ...state.seq, [service.id]: seq },
      order: appended(state.order, ticket.id),
    };
    return { state: next, events: [{ type: "ticket.issued", at: now, ticketId: ticket.id }] };
  },

  openCounter(config, state, cmd, now) {
    if (!config.counters.some((c) => c.id === cmd.counterId)) return fail("UNKNOWN_COUNTER", `No counter ${cmd.counterId}.`);
    const c = counterRecord(state, cmd.counterId);
    const events: EngineEvent[] = [];
    let tookOverFrom: string | null = null;
    if (c.status !== "closed" && c.staffId !== cmd.staffId) {
      if (!cmd.takeover) {
        return fail("COUNTER_TAKEN", `Counter ${cmd.counterId} is open by ${c.staffName ?? "another officer"}; take over explicitly.`);
      }
      tookOverFrom = c.staffId;
    }
    // One officer, one counter: leaving a free counter closes it; leaving a busy one is refused.
    let next = state;
    for (const [id, other] of Object.entries(state.counters)) {
      if (id === cmd.counterId || other.staffId !== cmd.staffId || other.status === "closed") continue;
      if (other.currentTicketId) return fail("COUNTER_BUSY", `Finish the ticket at counter ${id} before opening another.`);
      next = withCounter(next, id, { status: "closed", staffId: null, staffName: null, pauseReason: null, priorityStreak: 0 });
      events.push({ type: "counter.closed", at: now, counterId: id });
    }
    next = withCounter(next, cmd.counterId, {
      status: c.status === "paused" && !tookOverFrom ? "paused" : "open",
      staffId: cmd.staffId,
      staffName: cmd.staffName,
      pauseReason: c.status === "paused" && !tookOverFrom ? c.pauseReason : null,
    });
    events.push({ type: "counter.opened", at: now, counterId: cmd.counterId, staffId: cmd.staffId, tookOverFrom });
    return { state: next, events };
  },

  callNext(config, state, cmd, now) {
    const bad = requireWorkingCounter(config, state, cmd.counterId);
    if (bad) return bad;
    const c = counterRecord(state, cmd.counterId);
    if (c.currentTicketId) {
      const cur = state.tickets[c.currentTicketId];
      return fail("COUNTER_BUSY", `Counter ${cmd.counterId} still has ticket ${cur?.number ?? c.currentTicketId}; complete, transfer or mark it first.`);
    }
    const pick = pickNext(config, state, cmd.counterId, now);
    if (!pick) return { state, events: [] };
    const t = pick.ticket;
    const called: TicketRecord = {
      ...t,
      status: "called",
      calledAt: now,
      waitEndedAt: t.waitEndedAt ?? now,
      counterId: cmd.counterId,
      recalls: 0,
    };
    const streak = goesAhead(t, now) ? c.priorityStreak + 1 : 0;
    const next = withCounter(withTicket(state, called), cmd.counterId, { currentTicketId: t.id, priorityStreak: streak });
    return {
      state: next,
      events: [{ type: "ticket.called", at: now, ticketId: t.id, counterId: cmd.counterId, reason: pick.reason }],
    };
  },

  recall(_config, state, cmd, now) {
    const t = getTicket(state, cmd.ticketId);
    if (isStep(t)) return t;
    const bad = requireStatus(t, ["called"], "recall");
    if (bad) return bad;
    const next = withTicket(state, { ...t, recalls: t.recalls + 1, calledAt: now });
    return { state: next, events: [{ type: "ticket.recalled", at: now, ticketId: t.id, counterId: t.counterId! }] };
  },

  start(_config, state, cmd, now) {
    const t = getTicket(state, cmd.ticketId);
    if (isStep(t)) return t;
    const bad = requireStatus(t, ["called"], "start");
    if (bad) return bad;
    const next = withTicket(state, { ...t, status: "serving", startedAt: now });
    return { state: next, events: [{ type: "ticket.started", at: now, ticketId: t.id, counterId: t.counterId! }] };
  },

  complete(_config, state, cmd, now) {
    const t = getTicket(state, cmd.ticketId);
    if (isStep(t)) return t;
    const bad = requireStatus(t, ["serving"], "complete");
    if (bad) return bad;
    const counterId = t.counterId!;
    const c = counterRecord(state, counterId);
    const done: TicketRecord = { ...t, status: "done", finishedAt: now, servedBy: counterId, ...(c.staffId ? { servedByStaff: c.staffId } : {}) };
    const next = withCounter(withTicket(state, done), counterId, { currentTicketId: null, served: c.served + 1 });
    return { state: next, events: [{ type: "ticket.completed", at: now, ticketId: t.id, counterId }] };
  },

  noShow(config, state, cmd, now) {
    const t = getTicket(state, cmd.ticketId);
    if (isStep(t)) return t;
    const bad = requireStatus(t, ["called"], "no-show");
    if (bad) return bad;
    if (t.recalls < config.rules.recallsBeforeNoShow) {
      return fail(
        "NO_SHOW_TOO_EARLY",
        `Recall ticket ${t.number} ${config.rules.recallsBeforeNoShow - t.recalls} more time(s) before marking it no-show.`,
      );
    }
    // The officer who marked it absent ended the visit: reports count the no-show in their row.
    const staffId = counterRecord(state, t.counterId!).staffId;
    const next = release(withTicket(state, { ...t, status: "no_show", finishedAt: now, ...(staffId ? { servedByStaff: staffId } : {}) }), t);
    return { state: next, events: [{ type: "ticket.noShow", at: now, ticketId: t.id, counterId: t.counterId! }] };
  },

  requeue(_config, state, cmd, now) {
    const t = getTicket(state, cmd.ticketId);
    if (isStep(t)) return t;
    const bad = requireStatus(t, ["no_show"], "requeue");
    if (bad) return bad;
    // The citizen missed the call: back in line from now, and the next call ends this visit's wait.
    const back: TicketRecord = {
      ...t,
      status: "waiting",
      queuedAt: now,
      calledAt: null,
      waitEndedAt: null,
      finishedAt: null,
      counterId: null,
      recalls: 0,
    };
    return { state: withTicket(state, back), events: [{ type: "ticket.requeued", at: now, ticketId: t.id }] };
  },

  transfer(config, state, cmd, now) {
    const t = getTicket(state, cmd.ticketId);
    if (isStep(t)) return t;
    const bad = requireStatus(t, ["called", "serving"], "transfer");
    if (bad) return bad;
    if (cmd.toServiceId === undefined && cmd.toCounterId === undefined) {
      return fail("BAD_REQUEST", "Say where to transfer the ticket: a service, a counter, or both.");
    }
    if (cmd.toServiceId !== undefined && !config.services.some((s) => s.id === cmd.toServiceId)) {
      return fail("UNKNOWN_SERVICE", `No service ${cmd.toServiceId}.`);
    }
    if (cmd.toServiceId !== undefined && cmd.toCounterId === undefined && !isServed(config, cmd.toServiceId)) {
      return fail(notServed(cmd.toServiceId).code, notServed(cmd.toServiceId).message);
    }
    if (cmd.toCounterId !== undefined && !config.counters.some((c) => c.id === cmd.toCounterId)) {
      return fail("UNKNOWN_COUNTER", `No counter ${cmd.toCounterId}.`);
    }
    // Only the target counter may call a ticket sent to it: it must be open to do so.
    if (cmd.toCounterId !== undefined && counterRecord(state, cmd.toCounterId).status === "closed") {
      return fail("COUNTER_CLOSED", `Counter ${cmd.toCounterId} is closed; transfer to an open counter or to a service.`);
    }
    const fromCounterId = t.counterId!;
    const moved: TicketRecord = {
      ...t,
      status: "waiting",
      serviceId: cmd.toServiceId ?? t.serviceId,
      targetCounterId: cmd.toCounterId ?? null,
      // queuedAt stays: the citizen keeps the place earned by the original issue time.
      waitingSince: now,
      transferredFrom: [...(t.transferredFrom ?? []), t.counterId!],
      counterId: null,
      calledAt: null,
      startedAt: null,
      recalls: 0,
      transfers: t.transfers + 1,
      note: cmd.note ?? t.note,
    };
    const next = release(withTicket(state, moved), t);
    return {
      state: next,
      events: [
        {
          type: "ticket.transferred",
          at: now,
          ticketId: t.id,
          fromCounterId,
          toServiceId: moved.serviceId,
          toCounterId: moved.targetCounterId,
        },
      ],
    };
  },

  park(_config, state, cmd, now) {
    const t = getTicket(state, cmd.ticketId);
    if (isStep(t)) return t;
    const bad = requireStatus(t, ["called", "serving"], "park");
    if (bad) return bad;
    const next = release(withTicket(state, { ...t, status: "parked" }), t);
    return { state: next, events: [{ type: "ticket.parked", at: now, ticketId: t.id, counterId: t.counterId! }] };
  },

  unpark(config, state, cmd, now) {
    const t = getTicket(state, cmd.ticketId);
    if (isStep(t)) return t;
    const bad = requireStatus(t, ["parked"], "unpark");
    if (bad) return bad;
    if (t.counterId !== cmd.counterId) return fail("NOT_YOUR_COUNTER", `Ticket ${t.number} is parked at another counter.`);
    const notWorking = requireWorkingCounter(config, state, cmd.counterId);
    if (notWorking) return notWorking;
    if (counterRecord(state, cmd.counterId).currentTicketId) {
      return fail("COUNTER_BUSY", `Counter ${cmd.counterId} is busy; finish its ticket before taking back ${t.number}.`);
    }
    const back: TicketRecord = { ...t, status: t.startedAt !== null ? "serving" : "called", calledAt: now };
    const next = withCounter(withTicket(state, back), cmd.counterId, { currentTicketId: t.id });
    return { state: next, events: [{ type: "ticket.unparked", at: now, ticketId: t.id, counterId: cmd.counterId }] };
  },

  cancel(_config, state, cmd, now) {
    const t = getTicket(state, cmd.ticketId);
    if (isStep(t)) return t;
    const bad = requireStatus(t, ["waiting", "called", "serving", "parked"], "cancel");
    if (bad) return bad;
    const next = release(withTicket(state, { ...t, status: "cancelled", finishedAt: now }), t);
    return { state: next, events: [{ type: "ticket.cancelled", at: now, ticketId: t.id, counterId: t.counterId }] };
  },

  pauseCounter(config, state, cmd, now) {
    if (!config.counters.some((c) => c.id === cmd.counterId)) return fail("UNKNOWN_COUNTER", `No counter ${cmd.counterId}.`);
    const c = counterRecord(state, cmd.counterId);
    if (c.status === "closed") return fail("COUNTER_CLOSED", `Counter ${cmd.counterId} is closed.`);
    if (c.currentTicketId) return fail("COUNTER_BUSY", `Finish the current ticket before a break.`);
    const next = withCounter(state, cmd.counterId, { status: "paused", pauseReason: cmd.reason ?? null });
    return { state: next, events: [{ type: "counter.paused", at: now, counterId: cmd.counterId }] };
  },

  resumeCounter(config, state, cmd, now) {
    if (!config.counters.some((c) => c.id === cmd.counterId)) return fail("UNKNOWN_COUNTER", `No counter ${cmd.counterId}.`);
    const c = counterRecord(state, cmd.counterId);
    if (c.status === "closed") return fail("COUNTER_CLOSED", `Counter ${cmd.counterId} is closed; open it.`);
    if (c.status === "open") return fail("INVALID_TRANSITION", `Counter ${cmd.counterId} is not paused.`);
    const next = withCounter(state, cmd.counterId, { status: "open", pauseReason: null });
    return { state: next, events: [{ type: "counter.resumed", at: now, counterId: cmd.counterId }] };
  },

  closeCounter(config, state, cmd, now) {
    if (!config.counters.some((c) => c.id === cmd.counterId)) return fail("UNKNOWN_COUNTER", `No counter ${cmd.counterId}.`);
    const c = counterRecord(state, cmd.counterId);
    if (c.status === "closed") return fail("COUNTER_CLOSED", `Counter ${cmd.counterId} is already closed.`);
    if (c.currentTicketId) return fail("COUNTER_BUSY", `Finish the current ticket before closing the counter.`);
    const next = withCounter(state, cmd.counterId, {
      status: "closed",
      staffId: null,
      staffName: null,
      pauseReason: null,
      priorityStreak: 0,
    });
    return { state: next, events: [{ type: "counter.closed", at: now, counterId: cmd.counterId }] };
  },

  rate(config, state, cmd, now) {
    const t = getTicket(state, cmd.ticketId);
    if (isStep(t)) return t;
    const bad = requireStatus(t, ["done"], "a rating");
    if (bad) return bad;
    if (t.rated) return fail("ALREADY_RATED", `Ticket ${t.number} has already been rated.`);
    return rateTicket(config, state, t, cmd.level, cmd.reasons ?? [], now);
  },

  rateAtCounter(config, state, cmd, now) {
    if (!config.counters.some((c) => c.id === cmd.counterId)) return fail("UNKNOWN_COUNTER", `No counter ${cmd.counterId}.`);
    const t = lastServedAt(state, cmd.counterId);
    // Once the next citizen is called, the pad belongs to them: the one before has gone.
    if (!t || t.rated || counterRecord(state, cmd.counterId).currentTicketId !== null) {
      return fail("NOT_FOUND", `Nobody to rate at counter ${cmd.counterId} just now.`);
    }
    return rateTicket(config, state, t, cmd.level, [], now);
  },

  reserve(config, state, cmd, now) {
    if (!config.services.some((s) => s.id === cmd.serviceId)) return fail("UNKNOWN_SERVICE", `No service ${cmd.serviceId}.`);
    if (!isServed(config, cmd.serviceId)) return fail(notServed(cmd.serviceId).code, notServed(cmd.serviceId).message);
    const all = Object.values(state.reservations ?? {});
    if (Object.hasOwn(state.reservations ?? {}, cmd.token)) return fail("BAD_REQUEST", "This reservation token is taken.");
    const mine = all.filter((r) => r.phoneHash === cmd.phoneHash).length;
    if (mine >= config.rules.remotePerPhonePerDay) {
      // The same words as the network limit: the answer must not tell who took numbers today.
      return fail("RATE_LIMITED", "The daily limit of remote numbers is reached.");
    }
    const reservations = { ...state.reservations, [cmd.token]: { serviceId: cmd.serviceId, phoneHash: cmd.phoneHash, at: now, ticketId: null } };
    return { state: { ...state, reservations }, events: [{ type: "ticket.reserved", at: now, serviceId: cmd.serviceId }] };
  },

  checkIn(config, state, cmd, now) {
    const r = Object.hasOwn(state.reservations ?? {}, cmd.token) ? state.reservations![cmd.token]! : undefined;
    if (!r) return fail("UNKNOWN_TICKET", "No such remote number today.");
    // Checked in already (a second scan): the ticket stands, nothing new.
    if (r.ticketId !== null) return { state, events: [] };
    if (r.cancelledAt !== undefined) return fail("INVALID_TRANSITION", "This remote number was given up; take a number at the kiosk.");
    // The citizen is here: only now does the number join the queue, from this moment.
    const issued = issueStep(config, state, { type: "issueTicket", serviceId: r.serviceId, followToken: cmd.token }, now);
    if ("error" in issued) return issued;
    const ticketId = issued.events.find((e) => e.type === "ticket.issued")!.ticketId;
    const reservations = { ...issued.state.reservations, [cmd.token]: { ...r, ticketId } };
    return { state: { ...issued.state, reservations }, events: issued.events };
  },

  cancelReservation(_config, state, cmd, now) {
    const r = Object.hasOwn(state.reservations ?? {}, cmd.token) ? state.reservations![cmd.token]! : undefined;
    if (!r) return fail("UNKNOWN_TICKET", "No such remote number today.");
    if (r.cancelledAt !== undefined) return { state, events: [] };
    if (r.ticketId !== null) return fail("INVALID_TRANSITION", "This number is in the queue already; ask at the counter to give it up.");
    const reservations = { ...state.reservations, [cmd.token]: { ...r, cancelledAt: now } };
    return { state: { ...state, reservations }, events: [{ type: "reservation.cancelled", at: now, serviceId: r.serviceId }] };
  },

  expectAppointments(config, state, cmd, now) {
    const expected: Record<string, ExpectedAppointment> = {};
    for (const a of cmd.appointments) {
      if (!config.services.some((s) => s.id === a.serviceId)) return fail("UNKNOWN_SERVICE", `No service ${a.serviceId}.`);
      expected[a.token] = { serviceId: a.serviceId, at: a.at };
    }
    return { state: { ...state, expected }, events: [{ type: "appointments.expected", at: now, count: cmd.appointments.length }] };
  },

  checkInAppointment(config, state, cmd, now) {
    // Checked in already (a second scan, or the code typed after the QR): the ticket stands.
    if (ticketByFollowToken(state, cmd.token)) return { state, events: [] };
    const issued = issueStep(
      config,
      state,
      { type: "issueTicket", serviceId: cmd.serviceId, followToken: cmd.token, ...(cmd.late ? {} : { appointmentAt: cmd.slotAt }) },
      now,
    );
    if ("error" in issued) return issued;
    const { [cmd.token]: _arrived, ...expected } = issued.state.expected ?? {};
    return { state: { ...issued.state, expected }, events: issued.events };
  },
};

/** `handlers` (below) as plain functions, for the commands that build on another. */
const issueStep = (config: EngineConfig, state: DayState, cmd: Extract<Command, { type: "issueTicket" }>, now: Millis): Step => handlers.issueTicket(config, state, cmd, now);

/** The queue as a function: the same state, command and clock always give the same result. */
export function apply(config: EngineConfig, state: DayState, command: Command, now: Millis): Result {
  const handler = handlers[command.type] as Handler<Command>;
  const step = handler(config, state, command, now);
  if ("error" in step) return { ok: false, error: step.error };
  return { ok: true, state: { ...step.state, version: state.version + step.events.length }, events: step.events };
}

/**
 * `apply` for a caller that never looks at the input state again (the simulator replaying
 * a day): the day's ticket table is updated in place instead of copied, which turns a
 * command's cost from O(tickets) into O(1). Same rules, same result, same events; a
 * refused command changes nothing. The returned state is always a new object, so caches
 * keyed by state stay correct; the input state must not be used afterwards.
 */
export function applyInPlace(config: EngineConfig, state: DayState, command: Command, now: Millis): Result {
  keepIndex(state);
  reuseTickets = true;
  try {
    return apply(config, state, command, now);
  } finally {
    reuseTickets = false;
  }
}
