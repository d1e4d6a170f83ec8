import { type Failure, fail } from "@motcua/protocol";
import { findCounter, findTicket, isEligible, type Command, type DayState, type EngineConfig } from "@motcua/engine";
import { BOOK, REMOTE, type Principal } from "./principal.ts";

const STAFF_ROLES = new Set(["staff", "supervisor", "admin"]);
const LEADERS = new Set(["supervisor", "admin"]);

const forbidden = (p: Principal, what: string): Failure =>
  fail("FORBIDDEN", `A ${p.role} may not ${what}.`);

/**
 * Who may do what, decided on the server from the principal it authenticated,
 * never from anything the client says about itself. The rules beyond the role are declared in
 * the protocol (permissions.ts: README's table and the role matrix test read them); a change
 * here is a change there.
 */
/**
 * The counter a principal holds now. The session's binding counts only while the day's
 * record agrees: after a day turn, a takeover or a crash between writes, a stale binding
 * must not act for the counter or see its queue.
 */
export function heldCounter(state: DayState, p: Principal): string | null {
  if (p.kind !== "staff" || p.counterId === null) return null;
  const record = findCounter(state, p.counterId);
  return record && record.status !== "closed" && record.staffId === p.id ? p.counterId : null;
}

/**
 * A station's keypad may press Next, Recall, Start, Complete and No-show for the counters the
 * station is set up for, while an officer has that counter open: the keys stand in for the
 * officer's own, nothing more.
 */
function keypadFor(state: DayState, p: Principal, counterId: string | null | undefined): boolean {
  if (p.kind !== "device" || p.role !== "station" || !counterId || !p.counterIds.includes(counterId)) return false;
  const record = findCounter(state, counterId);
  return record !== undefined && record.status === "open";
}

export function authorize(config: EngineConfig, state: DayState, p: Principal, cmd: Command): Failure | null {
  const staff = p.kind === "staff" ? p : null;
  const ownCounter = heldCounter(state, p);

  const needOwnCounter = (counterId: string | null, what: string): Failure | null => {
    if (!staff || !STAFF_ROLES.has(p.role)) return forbidden(p, what);
    if (ownCounter === null) return fail("COUNTER_NOT_OPENED", "Open a counter first.");
    if (counterId !== ownCounter) return fail("NOT_YOUR_COUNTER", `You have counter ${ownCounter} open, not ${counterId ?? "this ticket's counter"}.`);
    return null;
  };
  const ticketCounter = (ticketId: string): string | null | undefined => findTicket(state, ticketId)?.counterId;
  const unknownTicket = (ticketId: string): Failure => fail("UNKNOWN_TICKET", `No ticket ${ticketId} today.`);

  // The phone routes' stand-in may reserve, give up and check in a held number, and nothing
  // else, whatever its role says.
  const remote = p.kind === "device" && p.id === REMOTE.id;
  if (remote && cmd.type !== "reserve" && cmd.type !== "cancelReservation" && cmd.type !== "checkIn") return forbidden(p, cmd.type);
  // The appointment book's stand-in tells the queue of today's bookings and nothing else.
  const book = p.kind === "device" && p.id === BOOK.id;
  if (book && cmd.type !== "expectAppointments") return forbidden(p, cmd.type);
  switch (cmd.type) {
    case "issueTicket":
      return p.role === "kiosk" || STAFF_ROLES.has(p.role) ? null : forbidden(p, "issue tickets");
    case "openCounter":
      return staff ? null : forbidden(p, "open a counter");
    case "callNext":
      if (keypadFor(state, p, cmd.counterId)) return null;
      return needOwnCounter(cmd.counterId, "act for a counter");
    case "pauseCounter":
    case "resumeCounter":
    case "closeCounter":
      return needOwnCounter(cmd.counterId, "act for a counter");
    case "unpark":
      return needOwnCounter(cmd.counterId, "act for a counter");
    case "recall":
    case "start":
    case "complete":
    case "noShow":
    case "transfer":
    case "park": {
      if (cmd.type !== "transfer" && cmd.type !== "park" && keypadFor(state, p, findTicket(state, cmd.ticketId)?.counterId)) return null;
      if (!staff) return forbidden(p, "handle tickets");
      const c = ticketCounter(cmd.ticketId);
      if (c === undefined) return unknownTicket(cmd.ticketId);
      // At no counter means waiting: the engine answers that the ticket's state does not allow it.
      if (c === null) return STAFF_ROLES.has(p.role) ? null : forbidden(p, "handle tickets");
      return needOwnCounter(c, "handle tickets");
    }
    case "requeue": {
      if (!staff) return forbidden(p, "requeue tickets");
      if (LEADERS.has(p.role)) return null;
      const t = findTicket(state, cmd.ticketId);
      if (!t) return unknownTicket(cmd.ticketId);
      if (ownCounter === null) return fail("COUNTER_NOT_OPENED", "Open a counter first.");
      // The citizen who came back may go to the counter that called them or any that serves them.
      const serves = config.counters.find((c) => c.id === ownCounter)?.serviceIds.includes(t.serviceId) ?? false;
      return t.counterId === ownCounter || serves ? null : fail("NOT_YOUR_COUNTER", `Ticket ${t.number} is not for counter ${ownCounter}.`);
    }
    case "cancel": {
      if (!staff) return forbidden(p, "cancel tickets");
      if (LEADERS.has(p.role)) return null;
      const t = findTicket(state, cmd.ticketId);
      if (!t) return unknownTicket(cmd.ticketId);
      if (ownCounter === null) return fail("COUNTER_NOT_OPENED", "Open a counter first.");
      const mine = t.counterId === ownCounter || isEligible(config, ownCounter, t);
      return mine ? null : fail("NOT_YOUR_COUNTER", `Ticket ${t.number} is not for counter ${ownCounter}.`);
    }
    case "rate":
      // Ratings come from the citizen's kiosk, never from the officer being rated. A station is
      // no kiosk: its rating pad rates through rateAtCounter, the ticket its counter finished last.
      return p.role === "kiosk" ? null : forbidden(p, "submit ratings");
    case "rateAtCounter":
      // A rating pad stands at a counter: the station speaks only for the counters it is set up for.
      if (p.kind !== "device" || p.role !== "station") return forbidden(p, "press a rating pad");
      return p.counterIds.includes(cmd.counterId) ? null : fail("FORBIDDEN", `This station has no rating pad for counter ${cmd.counterId}.`);
    case "reserve":
    case "cancelReservation":
      // Taken (or given up) from a phone through the public route, which acts as the REMOTE principal.
      return remote ? null : forbidden(p, "take remote numbers");
    case "checkIn":
      // A phone says "I have arrived": REMOTE runs checkIn only from POST /api/follow/:token/arrive,
      // and only after that route has matched the hall code on the boards (app/remote.ts `arrive`).
      if (remote) return null;
      return p.role === "kiosk" || STAFF_ROLES.has(p.role) ? null : forbidden(p, "check citizens in");
    case "checkInAppointment":
      // The citizen is in the hall: a kiosk scanned the phone, or an officer checked them in.
      return p.role === "kiosk" || STAFF_ROLES.has(p.role) ? null : forbidden(p, "check citizens in");
    case "expectAppointments":
      return book ? null : forbidden(p, "change the expected appointments");
  }
}
