import type { CenterConfig, Field, Holiday } from "@motcua/protocol";
import { addDays, hhmmOf, localMidnight, localParts, minutesOf } from "./day.ts";
import { hoursOn } from "./sessions.ts";
import { isServed, notServed } from "./served.ts";
import type { EngineError, ExpectedAppointment, Millis } from "./types.ts";

// Appointments (hẹn giờ), as pure rules over the appointment book: which days and slots may be
// booked, capacity, the phone's share, cancelling, and what a booking is worth when its holder
// reaches the kiosk. The book spans days, so it lives beside the day documents, not in them;
// the queue itself only hears of a booking when it is today's (`expectAppointments`) and when
// its holder checks in (`checkInAppointment`).

export type BookingConfig = Pick<CenterConfig, "center" | "fields" | "services" | "counters" | "rules" | "calendar">;

export type BookingStatus = "booked" | "cancelled" | "checked_in" | "walk_in";

export interface Booking {
  /** Unguessable: the booking's link and QR, and later its ticket's follow token. */
  token: string;
  /** Six characters to type at the kiosk instead of scanning. */
  code: string;
  serviceId: string;
  fieldId: string;
  /** Local date and slot start, YYYY-MM-DD and HH:mm, and the slot start as a moment. */
  date: string;
  time: string;
  slotAt: Millis;
  /** A keyed hash of the mobile number: enough to count a phone's bookings, nothing more. */
  phoneHash: string;
  bookedAt: Millis;
  status: BookingStatus;
  /** The ticket it became at the kiosk. */
  ticketId: string | null;
  /** The booking phone's key for its request (retries of a lost answer carry it again). */
  requestKey?: string;
}

export interface AppointmentBook {
  bookings: Record<string, Booking>;
}

export type BookResult<T> = { ok: true; value: T } | { ok: false; error: EngineError };
const refuse = (code: EngineError["code"], message: string): { ok: false; error: EngineError } => ({ ok: false, error: { code, message } });

const MINUTE = 60_000;

export const emptyBook = (): AppointmentBook => ({ bookings: {} });

/** Whether the center works on a local date, and the holiday that closes it if one does. */
export function dayStatus(config: Pick<BookingConfig, "calendar">, date: string): { open: boolean; holiday: Holiday | null } {
  const { calendar } = config;
  const holiday = calendar.holidays.find((h) => h.date === date) ?? null;
  if (holiday) return { open: false, holiday };
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return { open: calendar.workingDays.includes(weekday) || calendar.extraWorkingDays.includes(date), holiday: null };
}

/** Open now: a working day and inside the opening hours. */
export function isOpenAt(config: Pick<BookingConfig, "calendar" | "center">, now: Millis): boolean {
  const { date, time } = localParts(now);
  if (!dayStatus(config, date).open) return false;
  const m = minutesOf(time);
  return hoursOn(config, date).some((s) => minutesOf(s.from) <= m && m < minutesOf(s.to));
}

/** Today and every day one may book ahead, as local dates. */
export function bookableDates(config: Pick<BookingConfig, "rules">, now: Millis): string[] {
  const today = localParts(now).date;
  return Array.from({ length: config.rules.bookAheadDays + 1 }, (_, i) => addDays(today, i));
}

/** A field's slot starts on a date: whole slots inside each opening session. */
export function slotTimes(config: Pick<BookingConfig, "center"> & Partial<Pick<BookingConfig, "calendar">>, field: Field, date: string): { time: string; at: Millis }[] {
  if (!field.appointments) return [];
  const step = field.appointments.slotMinutes;
  const midnight = localMidnight(date);
  const out: { time: string; at: Millis }[] = [];
  for (const s of hoursOn(config, date)) {
    for (let m = minutesOf(s.from); m + step <= minutesOf(s.to); m += step) {
      out.push({ time: hhmmOf(m), at: midnight + m * MINUTE });
    }
  }
  return out;
}

/** Bookings that hold a place in their slot: all but the cancelled. */
const holdsPlace = (b: Booking) => b.status !== "cancelled";

/** A field's slots on a date with the places left; a slot that has begun has none. */
export function slotsOn(config: BookingConfig, book: AppointmentBook, fieldId: string, date: string, now: Millis): { open: boolean; slots: { time: string; at: Millis; left: number }[] } {
  const field = config.fields.find((f) => f.id === fieldId);
  if (!field?.appointments || !bookableDates(config, now).includes(date) || !dayStatus(config, date).open) return { open: false, slots: [] };
  const taken = new Map<Millis, number>();
  for (const b of Object.values(book.bookings)) {
    if (b.fieldId === fieldId && b.date === date && holdsPlace(b)) taken.set(b.slotAt, (taken.get(b.slotAt) ?? 0) + 1);
  }
  const capacity = field.appointments.capacity;
  return {
    open: true,
    slots: slotTimes(config, field, date).map((s) => ({ ...s, left: s.at <= now ? 0 : Math.max(0, capacity - (taken.get(s.at) ?? 0)) })),
  };
}

export interface BookRequest {
  token: string;
  code: string;
  serviceId: string;
  date: string;
  time: string;
  phoneHash: string;
  requestKey?: string | undefined;
}

/** The booking this phone already made with this request key: its answer was lost, it asks again. */
export const bookingForRequest = (book: AppointmentBook, phoneHash: string, requestKey: string): Booking | undefined =>
  Object.values(book.bookings).find((b) => b.requestKey === requestKey && b.phoneHash === phoneHash);

/**
 * Books a place. Refused: a field not taking appointments, a closed or too distant day, a slot
 * that does not exist or has begun, a full slot, a code in use (the caller draws another), and
 * a phone that already holds an appointment in this field that day or its share of bookings.
 */
export function bookSlot(config: BookingConfig, book: AppointmentBook, req: BookRequest, now: Millis): BookResult<{ book: AppointmentBook; booking: Booking }> {
  const service = config.services.find((s) => s.id === req.serviceId);
  if (!service) return refuse("UNKNOWN_SERVICE", `No service ${req.serviceId}.`);
  if (!isServed(config, service.id)) return refuse(notServed(service.id).code, notServed(service.id).message);
  const field = config.fields.find((f) => f.id === service.fieldId);
  if (!field?.appointments) return refuse("NOT_OFFERED", `Service ${req.serviceId} does not take appointments.`);
  const { open, slots } = slotsOn(config, book, field.id, req.date, now);
  if (!open) return refuse("BAD_REQUEST", `The center does not take appointments on ${req.date}; choose a working day within ${config.rules.bookAheadDays} days.`);
  const slot = slots.find((s) => s.time === req.time);
  if (!slot) return refuse("BAD_REQUEST", `There is no ${req.time} slot for ${field.id}; choose one of the slots offered.`);
  if (slot.at <= now) return refuse("BAD_REQUEST", `The ${req.time} slot has begun; choose a later one.`);
  const all = Object.values(book.bookings);
  if (Object.hasOwn(book.bookings, req.token) || all.some((b) => b.code === req.code && b.status === "booked")) {
    return refuse("BAD_REQUEST", "This booking token or code is in use; draw another.");
  }
  const mine = all.filter((b) => b.phoneHash === req.phoneHash && b.status === "booked" && b.slotAt > now);
  if (mine.length >= config.rules.appointmentsPerPhone || mine.some((b) => b.fieldId === field.id && b.date === req.date)) {
    // One answer for both: a second place the same day, or more than a phone's share.
    return refuse("RATE_LIMITED", "This phone already holds an appointment for this field that day, or as many as allowed; cancel one to book another.");
  }
  if (slot.left <= 0) return refuse("SLOT_FULL", `The ${req.time} slot on ${req.date} is full; choose another.`);
  const booking: Booking = {
    token: req.token,
    code: req.code,
    serviceId: service.id,
    fieldId: field.id,
    date: req.date,
    time: req.time,
    slotAt: slot.at,
    phoneHash: req.phoneHash,
    bookedAt: now,
    status: "booked",
    ticketId: null,
    ...(req.requestKey !== undefined ? { requestKey: req.requestKey } : {}),
  };
  return { ok: true, value: { book: { bookings: { ...book.bookings, [req.token]: booking } }, booking } };
}

/** When the kiosk takes a booking: from `checkInEarlyMinutes` before its slot to `checkInLateMinutes` after. */
export function checkInWindow(config: Pick<BookingConfig, "rules">, b: Pick<Booking, "slotAt">): { from: Millis; until: Millis } {
  return { from: b.slotAt - config.rules.checkInEarlyMinutes * MINUTE, until: b.slotAt + config.rules.checkInLateMinutes * MINUTE };
}

/** A booking may be given up until its check-in window closes, unless it has been used. */
export const isCancellable = (config: Pick<BookingConfig, "rules">, b: Booking, now: Millis): boolean =>
  b.status === "booked" && now <= checkInWindow(config, b).until;

export function cancelBooking(config: BookingConfig, book: AppointmentBook, token: string, now: Millis): BookResult<{ book: AppointmentBook; booking: Booking }> {
  const b = Object.hasOwn(book.bookings, token) ? book.bookings[token]! : undefined;
  if (!b) return refuse("NOT_FOUND", "No such appointment.");
  if (b.status === "cancelled") return { ok: true, value: { book, booking: b } };
  if (!isCancellable(config, b, now)) return refuse("INVALID_TRANSITION", "This appointment has been used or its time has passed; it cannot be cancelled.");
  const booking: Booking = { ...b, status: "cancelled" };
  return { ok: true, value: { book: { bookings: { ...book.bookings, [token]: booking } }, booking } };
}

/**
 * What a booking is worth at the kiosk now: within its window, an appointment ticket; later the
 * same day, an ordinary one (the slot has gone to others); too early or another day, nothing yet.
 */
export function arrival(config: BookingConfig, b: Booking, now: Millis): BookResult<"appointment" | "walk_in"> {
  if (b.status === "cancelled") return refuse("INVALID_TRANSITION", "This appointment was cancelled; take an ordinary number.");
  if (b.status !== "booked") return refuse("INVALID_TRANSITION", "This appointment has already been checked in.");
  const { from, until } = checkInWindow(config, b);
  const today = localParts(now).date;
  if (b.date < today) return refuse("INVALID_TRANSITION", `This appointment was on ${b.date}; it has passed. Take an ordinary number.`);
  if (b.date !== today || now < from) {
    const error = refuse("APPOINTMENT_NOT_NOW", `This appointment is at ${b.time} on ${b.date}; the kiosk takes it from ${localParts(from).time} that day.`);
    // The kiosk says from when: the window's start.
    return { ok: false, error: { ...error.error, at: from } };
  }
  return { ok: true, value: now <= until ? "appointment" : "walk_in" };
}

/** A booking used at the kiosk. */
export function markArrived(book: AppointmentBook, token: string, how: "appointment" | "walk_in", ticketId: string): AppointmentBook {
  const b = book.bookings[token];
  if (!b) return book;
  return { bookings: { ...book.bookings, [token]: { ...b, status: how === "appointment" ? "checked_in" : "walk_in", ticketId } } };
}

/** A day's bookings not yet used, for the queue's estimate. */
export function expectedOn(book: AppointmentBook, date: string): ({ token: string } & ExpectedAppointment)[] {
  return Object.values(book.bookings)
    .filter((b) => b.date === date && b.status === "booked")
    .map((b) => ({ token: b.token, serviceId: b.serviceId, at: b.slotAt }))
    .sort((a, b) => a.at - b.at || (a.token < b.token ? -1 : 1));
}

/** The booking a typed code opens: only one still to be used (codes are reused once spent). */
export const bookingByCode = (book: AppointmentBook, code: string): Booking | undefined =>
  Object.values(book.bookings).find((b) => b.code === code && b.status === "booked");

/** Bookings of days before `date` are kept `keepDays` more, then forgotten with their phone hash. */
export function pruneBook(book: AppointmentBook, date: string, keepDays = 1): AppointmentBook {
  const cutoff = addDays(date, -keepDays);
  const kept = Object.entries(book.bookings).filter(([, b]) => b.date >= cutoff);
  return kept.length === Object.keys(book.bookings).length ? book : { bookings: Object.fromEntries(kept) };
}
