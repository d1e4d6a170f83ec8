import { FollowToken, type AppointmentInfo, type CenterConfig, type FollowView, type ServiceSummary } from "@motcua/protocol";
import type { App } from "./context.ts";
import { checkInWindow, hallHours, isCancellable, localParts, serviceSummaries, ticketByFollowToken, toTicket, type Booking, type DayState, type Millis, type Reservation, type TicketRecord } from "@motcua/engine";

/**
 * What a follow token opens: today's ticket (with the booking it came from, if any), a remote
 * number not yet checked in, or an appointment not yet checked in (any day it is booked for).
 */
export type Followed =
  | { ticket: TicketRecord; booking?: Booking | undefined }
  | { token: string; reservation: Reservation }
  | { token: string; booking: Booking };

/** Finds a booking by its token; the appointment book's, when the server has one. */
export type BookingLookup = (token: string) => Booking | undefined;

export function followed(state: DayState, token: string, bookings: BookingLookup = () => undefined): Followed | undefined {
  const r = Object.hasOwn(state.reservations ?? {}, token) ? state.reservations![token]! : undefined;
  if (r && r.ticketId === null) return { token, reservation: r };
  const booking = bookings(token);
  // A booking for another day has no ticket today: no need to look through the day's tickets
  // (a phone holding next week's booking asks on every push).
  if (booking && booking.date !== state.day) return { token, booking };
  const t = r?.ticketId ? state.tickets[r.ticketId] : ticketByFollowToken(state, token);
  if (t) return { ticket: t, booking };
  return booking ? { token, booking } : undefined;
}

/**
 * What a token from outside opens now: the phone's link, a kiosk's scan. A malformed token, a
 * forged one or yesterday's opens nothing.
 */
export function followedNow({ service, appointments }: Pick<App, "service" | "appointments">, raw: unknown): Followed | undefined {
  const token = FollowToken.safeParse(raw);
  return token.success ? followed(service.state, token.data, (t) => appointments.byToken(t)) : undefined;
}

export function appointmentInfo(config: CenterConfig, b: Booking): AppointmentInfo {
  const field = config.fields.find((f) => f.id === b.fieldId);
  const { from, until } = checkInWindow(config, b);
  return {
    code: b.code,
    status: b.status,
    date: b.date,
    time: b.time,
    fieldName: field?.name ?? b.fieldId,
    fieldNameEn: field?.nameEn ?? b.fieldId,
    checkInFrom: localParts(from).time,
    checkInUntil: localParts(until).time,
    address: config.center.address ?? null,
  };
}

/** A ticket as its holder's phone sees it: their place and where to go, no one else's. */
export function followView(
  config: CenterConfig,
  state: DayState,
  f: Followed,
  now: Millis,
  /** The services' waits at `now`, when the caller already has them (one push, many phones). */
  summaries: () => ServiceSummary[] = () => serviceSummaries(config, state, now),
): FollowView {
  const hours = hallHours(config, now);
  const center = {
    centerId: config.center.id,
    centerName: config.center.name,
    centerNameEn: config.center.nameEn,
    hotline: config.center.hotline,
    // Closed (outside the hours, a day off): the phone says when it opens next.
    ...(hours.opensAt !== null ? { opensAt: new Date(hours.opensAt).toISOString() } : {}),
  };
  if ("reservation" in f || !("ticket" in f)) {
    // Not in line yet: what the line looks like now, for deciding when to set out.
    const serviceId = "reservation" in f ? f.reservation.serviceId : f.booking.serviceId;
    const today = "reservation" in f || f.booking.date === localParts(now).date;
    const s = today ? summaries().find((x) => x.id === serviceId) : undefined;
    const service = config.services.find((x) => x.id === serviceId);
    const booking = "booking" in f ? f.booking : undefined;
    const held = "reservation" in f ? f.reservation : undefined;
    return {
      number: "",
      serviceName: service?.name ?? serviceId,
      serviceNameEn: service?.nameEn ?? serviceId,
      status: booking ? (booking.status === "cancelled" ? "cancelled" : "booked") : held?.cancelledAt !== undefined ? "cancelled" : "reserved",
      ahead: s?.waiting ?? 0,
      estimatedWait: s?.estimatedWait ?? null,
      counterNumber: null,
      ...center,
      ...(booking ? { appointment: appointmentInfo(config, booking) } : {}),
      cancellable: booking ? isCancellable(config, booking, now) : held?.cancelledAt === undefined,
    };
  }
  const t = f.ticket;
  const wire = toTicket(config, state, t, now);
  const service = config.services.find((s) => s.id === t.serviceId);
  const counter = t.counterId ? config.counters.find((c) => c.id === t.counterId) : undefined;
  const atCounter = t.status === "called" || t.status === "serving";
  return {
    number: t.number,
    serviceName: service?.name ?? t.serviceId,
    serviceNameEn: service?.nameEn ?? t.serviceId,
    status: t.status,
    ahead: wire.ahead,
    estimatedWait: wire.estimatedWait,
    ...(wire.callsFrom ? { callsFrom: wire.callsFrom } : {}),
    counterNumber: atCounter && counter ? counter.number : null,
    ...center,
    // The book may not know yet that it was used (its write comes after the ticket's).
    ...(f.booking ? { appointment: { ...appointmentInfo(config, f.booking), status: t.appointmentAt !== undefined ? ("checked_in" as const) : ("walk_in" as const) } } : {}),
    cancellable: false,
  };
}
