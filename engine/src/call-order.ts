import type { CallReason, DayState, EngineConfig, Millis, TicketRecord } from "./types.ts";
import { waitingInOrder } from "./day-index.ts";

/** What the call order reads of a ticket; the wait estimate also feeds it citizens yet to come. */
export type Callable = Pick<TicketRecord, "id" | "serviceId" | "priorityGroupId" | "queuedAt" | "targetCounterId" | "appointmentAt">;

/** An appointment whose slot has begun: called ahead of walk-ins from then on. */
export const isDueAppointment = (t: Pick<Callable, "appointmentAt">, now: Millis): boolean => t.appointmentAt !== undefined && t.appointmentAt <= now;

/** Called ahead of walk-ins (a priority group, or a due appointment): what the fairness cap counts. */
export const goesAhead = (t: Pick<Callable, "appointmentAt" | "priorityGroupId">, now: Millis): boolean =>
  t.priorityGroupId !== null || isDueAppointment(t, now);

export interface NextPick<T extends Callable = TicketRecord> {
  ticket: T;
  reason: CallReason;
}

/**
 * "May this counter call this ticket now?", with the counter looked up once: the call order asks
 * it of every ticket of the day on every call.
 */
export function eligibleAt(config: EngineConfig, counterId: string): (t: TicketRecord) => boolean {
  const services = config.counters.find((c) => c.id === counterId)?.serviceIds ?? [];
  return (t) => t.status === "waiting" && (t.targetCounterId !== null ? t.targetCounterId === counterId : services.includes(t.serviceId));
}

/** May this counter call this ticket now? */
export const isEligible = (config: EngineConfig, counterId: string, t: TicketRecord): boolean => eligibleAt(config, counterId)(t);

export const isOverdue = (config: EngineConfig, t: Pick<TicketRecord, "queuedAt">, now: Millis): boolean =>
  now - t.queuedAt >= config.rules.agingLimitMinutes * 60_000;

/**
 * Who a counter calls next, in this order:
 * 1. aging: the longest-waiting ticket already past the aging limit;
 * 2. a ticket transferred to this very counter;
 * 3. appointments whose slot has begun and priority groups, whoever has waited longer first (a
 *    booking from its slot, a priority citizen from their ticket), unless this counter has called
 *    `fairnessCap` of these in a row and a walk-in waits: a booked time is a promise, priority is
 *    the law's, and the cap keeps both from shutting out the hall;
 * 4. within a class, the counter's services in preference order, then the oldest.
 */
export function pickNext(config: EngineConfig, state: DayState, counterId: string, now: Millis): NextPick | null {
  const may = eligibleAt(config, counterId);
  const eligible: TicketRecord[] = [];
  const waiting = waitingInOrder(state);
  if (waiting) {
    for (const t of waiting) if (may(t)) eligible.push(t);
  } else {
    // A day copied per command (the server's) keeps no index: every ticket of the day, in order.
    for (const id of state.order) {
      const t = state.tickets[id];
      if (t && may(t)) eligible.push(t);
    }
  }
  return pickFrom(config, counterId, eligible, state.counters[counterId]?.priorityStreak ?? 0, now);
}

/** `pickNext` among tickets this counter may call, after `streak` priority calls in a row. */
/** The ticket queued first. Kept outside `pickFrom`, which the estimate's replay calls hundreds of times. */
function oldest<T extends Callable>(list: T[]): T {
  return list.reduce((a, b) => (b.queuedAt < a.queuedAt ? b : a));
}

/** The ticket of the counter's most preferred service (its services in preference order), oldest first. */
function preferredOf<T extends Callable>(serviceIds: readonly string[], list: T[]): T {
  return list.reduce((a, b) => {
    const ra = rankOf(serviceIds, a.serviceId);
    const rb = rankOf(serviceIds, b.serviceId);
    if (rb !== ra) return rb < ra ? b : a;
    return b.queuedAt < a.queuedAt ? b : a;
  });
}

function rankOf(serviceIds: readonly string[], serviceId: string): number {
  const i = serviceIds.indexOf(serviceId);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

export function pickFrom<T extends Callable>(config: EngineConfig, counterId: string, eligible: T[], streak: number, now: Millis): NextPick<T> | null {
  const counter = config.counters.find((c) => c.id === counterId);
  if (!counter || eligible.length === 0) return null;

  const aged = eligible.filter((t) => isOverdue(config, t, now));
  if (aged.length > 0) return { ticket: oldest(aged), reason: "aged" };

  const targeted = eligible.filter((t) => t.targetCounterId === counterId);
  if (targeted.length > 0) return { ticket: oldest(targeted), reason: "transferred" };

  const booked = eligible.filter((t) => isDueAppointment(t, now));
  const priority = eligible.filter((t) => !isDueAppointment(t, now) && t.priorityGroupId !== null);
  const regular = eligible.filter((t) => !goesAhead(t, now));
  const ahead = booked.length + priority.length;
  if (ahead > 0 && (streak < config.rules.fairnessCap || regular.length === 0)) {
    const firstBooked = booked.length ? booked.reduce((a, b) => (b.appointmentAt! < a.appointmentAt! || (b.appointmentAt === a.appointmentAt && b.queuedAt < a.queuedAt) ? b : a)) : null;
    const firstPriority = priority.length ? preferredOf(counter.serviceIds, priority) : null;
    // Neither class may starve the other: many bookings at a busy hour must not leave an elderly
    // citizen to the aging limit, nor a stream of priority tickets a booked time.
    if (firstBooked && (!firstPriority || firstBooked.appointmentAt! <= firstPriority.queuedAt)) return { ticket: firstBooked, reason: "appointment" };
    return { ticket: firstPriority!, reason: "priority" };
  }
  return { ticket: preferredOf(counter.serviceIds, regular), reason: ahead > 0 ? "fairness" : "regular" };
}
