import {
  fail,
  ok,
  type Ack,
  type Failure,
  type CounterKey,
  type CounterState,
  type CounterView,
  type IssueTicketRequest,
  type RatingLevel,
  type RatingRequest,
  type Ticket,
  type TransferRequest,
} from "@motcua/protocol";
import { counterState, counterView, findCounter, findTicket, issueRefusal, ticketForRequest, toTicket, type Command, type DayState, type TicketRecord } from "@motcua/engine";
import type { z } from "zod";
import { heldCounter } from "../auth/authorize.ts";
import { newSecret } from "../auth/passwords.ts";
import type { Principal } from "../auth/principal.ts";
import type { App } from "./context.ts";

/**
 * Every action a person or device takes on the queue, each once. A REST route and a socket
 * handler both call these; they only authenticate, validate against the protocol and shape the
 * answer. The rules are the engine's; the order and durability are the queue service's.
 */

/** The verbs an officer applies to a ticket they hold (REST /tickets/:id/<verb>, sockets ticket:<verb>). */
export type TicketVerb = "recall" | "start" | "complete" | "noShow" | "requeue" | "park" | "cancel";

/** A ticket as an answer carries it (its place and wait band), from `state`: the day now, or as a command left it. */
export const ticketOf = (app: App, id: string, state: DayState = app.service.state, at = app.service.now()): Ticket =>
  toTicket(app.service.config, state, state.tickets[id]!, at);

/** Today's ticket by its id, as a kiosk or an officer looks it up (ids are guessable: never citizens). */
export const ticketToday = (app: App, id: string): Ack<Ticket> =>
  findTicket(app.service.state, id) ? ok(ticketOf(app, id)) : fail("UNKNOWN_TICKET", `No ticket ${id} today.`);

/** The refusal a kiosk past its ticket limit gets, whichever way it asked. */
export const tooManyTickets = (): Failure => fail("RATE_LIMITED", "Too many tickets from this kiosk just now; please wait a moment.");

/** Runs a ticket command and answers the ticket as it stands after it. */
async function onTicket(app: App, p: Principal, cmd: Command & { ticketId: string }): Promise<Ack<Ticket>> {
  const r = await app.service.execute(p, cmd);
  return r.ok ? ok(ticketOf(app, cmd.ticketId, r.state)) : r;
}

/** Runs a counter command and answers the counter as it stands after it. */
async function onCounter(app: App, p: Principal, cmd: Command & { counterId: string }): Promise<Ack<CounterState>> {
  const r = await app.service.execute(p, cmd);
  return r.ok ? ok(counterState(app.service.config, r.state, cmd.counterId)) : r;
}

/**
 * Issues a ticket for a kiosk's tap or a staff member. A tap that carries a request key already
 * used today gets the ticket it got then (its answer was lost); only a new tap counts against the
 * rate limit, and only a new ticket is printed.
 */
export async function issue(
  app: App,
  p: Principal,
  body: z.infer<typeof IssueTicketRequest>,
  /** Takes one from the caller's rate limits; false refuses the tap. */
  withinLimits: () => boolean | Promise<boolean>,
): Promise<Ack<Ticket>> {
  const { service, prints } = app;
  // Scoped to the caller: two kiosks that happen to pick the same key are two taps.
  const requestKey = body.requestKey === undefined ? undefined : `${p.kind}:${p.id}:${body.requestKey}`;
  // The one answer that carries the follow token: the issuer draws or prints the QR from it.
  const withToken = (t: TicketRecord, state: DayState, at: number): Ticket => ({ ...ticketOf(app, t.id, state, at), ...(t.followToken ? { followToken: t.followToken } : {}) });
  const earlier = requestKey === undefined ? undefined : ticketForRequest(service.state, requestKey);
  if (earlier) return ok(withToken(earlier, service.state, service.now()));
  // Outside the opening hours the center's rules decide (rules.issueOutsideHours). Asked here,
  // where the tap is decided, not in the journal's replay: a rule changed later must not undo
  // the numbers issued under the old one.
  const closed = issueRefusal(service.config, service.now());
  if (closed) return fail(closed.code, closed.message, closed.at);
  if (!(await withinLimits())) return tooManyTickets();
  // 96 random bits: the follow link in the ticket's QR cannot be guessed from its number.
  const r = await service.execute(p, { type: "issueTicket", serviceId: body.serviceId, priorityGroupId: body.priority ?? null, requestKey, followToken: newSecret(12) });
  if (!r.ok) return r;
  const e = r.events.find((x) => x.type === "ticket.issued");
  // No event: the tap raced its own retry inside one batch, and the first one got the ticket.
  const id = e ? e.ticketId : ticketForRequest(r.state, requestKey!)!.id;
  if (e) prints.issued(p, id);
  return ok(withToken(r.state.tickets[id]!, r.state, e ? e.at : service.now()));
}

/** Calls the next citizen to a counter: the ticket called, or null when nobody waits for it. */
export async function callNext(app: App, p: Principal, counterId: string): Promise<Ack<Ticket | null>> {
  const r = await app.service.execute(p, { type: "callNext", counterId });
  if (!r.ok) return r;
  const called = r.events.find((e) => e.type === "ticket.called");
  return ok(called ? ticketOf(app, called.ticketId, r.state, called.at) : null);
}

export const ticketVerb = (app: App, p: Principal, verb: TicketVerb, ticketId: string): Promise<Ack<Ticket>> => onTicket(app, p, { type: verb, ticketId });

/** Takes a parked ticket back at the counter this officer has open. */
export async function unpark(app: App, p: Principal, ticketId: string): Promise<Ack<Ticket>> {
  const counterId = heldCounter(app.service.state, p);
  if (!counterId) return fail("COUNTER_NOT_OPENED", "Open a counter first.");
  return onTicket(app, p, { type: "unpark", ticketId, counterId });
}

export const transfer = (app: App, p: Principal, ticketId: string, to: z.infer<typeof TransferRequest>): Promise<Ack<Ticket>> =>
  onTicket(app, p, { type: "transfer", ticketId, toServiceId: to.toServiceId, toCounterId: to.toCounterId, note: to.note });

/** Opens a counter for this officer's session (takeover: from another officer); answers its queue. */
export async function openCounter(app: App, p: Principal, counterId: string, takeover: boolean | undefined): Promise<Ack<CounterView>> {
  const r = await app.service.execute(p, { type: "openCounter", counterId, staffId: p.id, staffName: p.name, takeover });
  return r.ok ? ok(counterView(app.service.config, r.state, counterId, app.service.now())) : r;
}

export const pauseCounter = (app: App, p: Principal, counterId: string, reason: string | undefined): Promise<Ack<CounterState>> =>
  onCounter(app, p, { type: "pauseCounter", counterId, reason });
export const resumeCounter = (app: App, p: Principal, counterId: string): Promise<Ack<CounterState>> => onCounter(app, p, { type: "resumeCounter", counterId });
export const closeCounter = (app: App, p: Principal, counterId: string): Promise<Ack<CounterState>> => onCounter(app, p, { type: "closeCounter", counterId });

/** A citizen's rating of their finished ticket, from the kiosk. */
export async function rate(app: App, p: Principal, body: z.infer<typeof RatingRequest>): Promise<Ack<{ ticketId: string; level: RatingLevel }>> {
  const r = await app.service.execute(p, { type: "rate", ticketId: body.ticketId, level: body.level, reasons: body.reasons });
  return r.ok ? ok({ ticketId: body.ticketId, level: body.level }) : r;
}

/** A counter's rating pad: rates the citizen just served there (the engine decides who that is). */
export async function rateAtCounter(app: App, p: Principal, counterId: string, level: RatingLevel): Promise<Ack<{ ticketId: string; level: RatingLevel }>> {
  const r = await app.service.execute(p, { type: "rateAtCounter", counterId, level });
  if (!r.ok) return r;
  const rated = r.events.find((e) => e.type === "rating.recorded");
  return rated ? ok({ ticketId: rated.ticketId, level }) : fail("INTERNAL", "The rating left no record.");
}

/** The keypad's keys stand in for the officer's own buttons, on the ticket at the counter now. */
const KEY_VERBS: Record<Exclude<CounterKey, "next">, TicketVerb> = { recall: "recall", start: "start", complete: "complete", noShow: "noShow" };

/** A counter keypad's key: Next calls the next citizen; the others act on the one at the counter. */
export async function pressKey(app: App, p: Principal, counterId: string, key: CounterKey): Promise<Ack<{ ticket: Ticket | null }>> {
  if (key === "next") {
    const r = await callNext(app, p, counterId);
    return r.ok ? ok({ ticket: r.data }) : r;
  }
  const record = findCounter(app.service.state, counterId);
  if (!record) return fail("UNKNOWN_COUNTER", `No counter ${counterId}.`);
  if (!record.currentTicketId) return fail("INVALID_TRANSITION", `Nobody is at counter ${counterId} now: press Next first.`);
  const r = await ticketVerb(app, p, KEY_VERBS[key], record.currentTicketId);
  return r.ok ? ok({ ticket: r.data }) : r;
}
