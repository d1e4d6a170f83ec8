import { fail, ok, type Ack, type Failure, type AppointmentOffer, type BookingMade, type BookingRequest, type SlotList, type SlotsQuery } from "@motcua/protocol";
import { randomInt } from "node:crypto";
import type { z } from "zod";
import { newSecret } from "../auth/passwords.ts";
import { BOOK, type Principal } from "../auth/principal.ts";
import type { Limiter } from "../auth/rate-limit.ts";
import {
  arrival,
  bookableDates,
  bookingByCode,
  bookingForRequest,
  bookSlot,
  cancelBooking,
  dayStatus,
  emptyBook,
  expectedOn,
  issueRefusal,
  isServed,
  markArrived,
  pruneBook,
  slotsOn,
  ticketByFollowToken,
  type AppointmentBook,
  type Booking,
  type TicketRecord,
} from "@motcua/engine";
import type { Logger } from "../log.ts";
import type { Store } from "../store/types.ts";
import type { PrintJobs } from "./print-jobs.ts";
import type { QueueService } from "./queue-service.ts";
import { dailyCounts, type DailyCounts } from "./daily-counts.ts";
import { hashingBusy, networkOf, type PhoneHasher } from "./remote.ts";

const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** A code that reads as a ticket number (two letters, four digits) would confuse the kiosk. */
const LOOKS_LIKE_TICKET = /^[A-Z]{1,2}\d{1,4}$/;
const newCode = (): string => {
  for (;;) {
    const code = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
    if (!LOOKS_LIKE_TICKET.test(code)) return code;
  }
};

/** What `save` answers when another instance changed the shared book first: the change is made again. */
const CHANGED_ELSEWHERE = Symbol("the book changed on another instance");

/**
 * The appointment book (hẹn giờ): booking from phones, cancelling, and check-in at the kiosk.
 * The rules are the engine's (`engine/appointments.ts`); this keeps the book on disk, one change
 * at a time, and tells the queue which of today's bookings are still to come.
 */
export class Appointments {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly perDay: DailyCounts;

  private constructor(
    private readonly service: QueueService,
    private readonly store: Store,
    private readonly prints: PrintJobs,
    private readonly log: Logger,
    private readonly phoneHash: PhoneHasher,
    private book: AppointmentBook,
    /** Bookings a network may make in a burst, before the day's count is read. */
    private readonly burst: Limiter,
  ) {
    this.perDay = dailyCounts("booking", store, service.shared, () => service.state.day);
  }

  static async open(service: QueueService, store: Store, prints: PrintJobs, log: Logger, phoneHash: PhoneHasher, burst: Limiter): Promise<Appointments> {
    const stored = await store.loadAppointments();
    const a = new Appointments(service, store, prints, log, phoneHash, stored ?? emptyBook(), burst);
    a.stored = stored;
    // Instances sharing a database share one book: a change on another is read at once, and a
    // change here is written only over the book it was made on (`save`).
    if (service.shared && store.saveAppointmentsIf) {
      a.shared = true;
      store.watch?.((change) => {
        if (change.kind === "book") void a.serial(() => a.reload()).catch((e) => log.warn({ err: e }, "could not read the appointment book"));
      });
    }
    service.onDayStarted(() => void a.serial(() => a.dayStarted()).catch((e) => log.error({ err: e }, "could not start the day's appointments")));
    // A procedure with bookings still to come stays until they are cancelled or used.
    service.checkConfigWith((next) => {
      const orphaned = Object.values(a.book.bookings).filter((b) => b.status === "booked" && !next.services.some((s) => s.id === b.serviceId));
      const first = orphaned.sort((x, y) => x.slotAt - y.slotAt)[0];
      return first ? [`service ${first.serviceId} has ${orphaned.length} appointment(s) booked (the first on ${first.date} at ${first.time}): keep it until they are used or cancelled`] : [];
    });
    await a.serial(() => a.dayStarted());
    return a;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The book as stored when last read or written here; what a shared save must find unchanged. */
  private stored: AppointmentBook | null = null;
  private shared = false;

  private async reload(): Promise<void> {
    this.stored = await this.store.loadAppointments();
    this.book = this.stored ?? emptyBook();
  }

  /**
   * A change to the book, one at a time. Where instances share the book it is made on the book as
   * stored now, and made again if another instance changed the book before it could be written.
   */
  private change<T>(fn: () => Promise<T | typeof CHANGED_ELSEWHERE>): Promise<T | Failure> {
    return this.serial(async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        if (this.shared) await this.reload();
        const r = await fn();
        if (r !== CHANGED_ELSEWHERE) return r;
      }
      return fail("STORE_FAILED", "The appointment book is busy; nothing was changed. Try again.");
    });
  }

  private get config() {
    return this.service.config;
  }

  /** A booking by the token in its link; own keys only. */
  byToken(token: string): Booking | undefined {
    return Object.hasOwn(this.book.bookings, token) ? this.book.bookings[token] : undefined;
  }

  /** A booking by the code typed at the kiosk: one still to be used, else one used today (typed after its QR). */
  byCode(code: string): Booking | undefined {
    const today = this.service.state.day;
    return bookingByCode(this.book, code) ?? Object.values(this.book.bookings).find((b) => b.code === code && b.date === today && b.ticketId !== null);
  }

  /** The fields taking appointments, their procedures, and the days one may book. */
  offer(): AppointmentOffer {
    const { config } = this;
    const fields = config.fields
      .filter((f) => f.appointments)
      .map((f) => ({
        id: f.id,
        name: f.name,
        nameEn: f.nameEn,
        slotMinutes: f.appointments!.slotMinutes,
        services: config.services.filter((s) => s.fieldId === f.id && isServed(config, s.id)).map(({ id, name, nameEn }) => ({ id, name, nameEn })),
      }))
      .filter((f) => f.services.length > 0);
    const days = bookableDates(config, this.service.now()).map((date) => {
      const { open, holiday } = dayStatus(config, date);
      return { date, open, holiday: holiday?.name ?? null, holidayEn: holiday?.nameEn ?? null };
    });
    return {
      centerName: config.center.name,
      centerNameEn: config.center.nameEn,
      address: config.center.address ?? null,
      hotline: config.center.hotline,
      fields,
      days,
      checkInEarlyMinutes: config.rules.checkInEarlyMinutes,
      checkInLateMinutes: config.rules.checkInLateMinutes,
    };
  }

  slots(q: z.infer<typeof SlotsQuery>): SlotList {
    const now = this.service.now();
    const { open, slots } = slotsOn(this.config, this.book, q.fieldId, q.date, now);
    // A slot that has begun is not offered at all ("full" would mislead).
    return { fieldId: q.fieldId, date: q.date, open, slots: slots.filter((s) => s.at > now).map(({ time, left }) => ({ time, left })) };
  }

  async bookSlot(req: z.infer<typeof BookingRequest>, ip: string): Promise<Ack<BookingMade>> {
    const network = networkOf(ip);
    const tooMany = () => fail("RATE_LIMITED", "This phone already holds an appointment for this field that day, or as many as allowed; cancel one to book another.");
    // The burst first, once per request: the phone's hash costs the server a third of a second.
    if (!(await this.burst.take(network))) return tooMany();
    const phone = await this.phoneHash(req.phone);
    if (phone === null) return hashingBusy();
    return this.change(async () => {
      // The same request again (its answer was lost on the way): the booking it made.
      const earlier = req.requestKey === undefined ? undefined : bookingForRequest(this.book, phone, req.requestKey);
      if (earlier) return ok({ token: earlier.token, code: earlier.code, followUrl: this.prints.followUrl(earlier.token) });
      const perDay = this.config.rules.appointmentsPerIpPerDay;
      // Only bookings made count for the day: a full slot tried again is no abuse.
      if (!(await this.perDay.allows(network, perDay))) return tooMany();
      // A code a live booking holds (one in ~900 million per booking) is drawn again.
      let code = newCode();
      while (this.byCode(code)) code = newCode();
      const { serviceId, date, time, requestKey } = req;
      const made = bookSlot(this.config, this.book, { serviceId, date, time, requestKey, token: newSecret(12), code, phoneHash: phone }, this.service.now());
      if (!made.ok) return fail(made.error.code, made.error.message);
      const saved = await this.save(made.value.book);
      if (saved) return saved;
      await this.perDay.take(network, perDay);
      const b = made.value.booking;
      if (b.date === this.service.state.day) await this.expectToday();
      this.log.info({ field: b.fieldId, date: b.date, time: b.time }, "appointment booked");
      return ok({ token: b.token, code: b.code, followUrl: this.prints.followUrl(b.token) });
    });
  }

  cancel(token: string): Promise<Ack<Booking>> {
    return this.change(async () => {
      const r = cancelBooking(this.config, this.book, token, this.service.now());
      if (!r.ok) return fail(r.error.code, r.error.message);
      if (r.value.book !== this.book) {
        const saved = await this.save(r.value.book);
        if (saved) return saved;
        if (r.value.booking.date === this.service.state.day) await this.expectToday();
      }
      return ok(r.value.booking);
    });
  }

  /**
   * Its holder is at the kiosk: within the window the booking becomes a ticket called at its
   * slot's time; after it, an ordinary ticket; too early or on another day, nothing yet. A second
   * scan (or the code typed after the QR) answers the same ticket.
   */
  checkIn(p: Principal, token: string): Promise<Ack<{ ticket: TicketRecord; issued: boolean }>> {
    return this.change(async () => {
      const b = this.byToken(token);
      if (!b) return fail("NOT_FOUND", "No such appointment.");
      const earlier = ticketByFollowToken(this.service.state, token);
      if (earlier) return ok({ ticket: earlier, issued: false });
      const how = arrival(this.config, b, this.service.now());
      if (!how.ok) return fail(how.error.code, how.error.message, how.error.at);
      // Too late for its slot, it becomes an ordinary number: the hours rule applies to it as to a tap.
      const closed = how.value === "walk_in" ? issueRefusal(this.service.config, this.service.now()) : null;
      if (closed) return fail(closed.code, closed.message, closed.at);
      const r = await this.service.execute(p, { type: "checkInAppointment", token, serviceId: b.serviceId, slotAt: b.slotAt, late: how.value === "walk_in" });
      if (!r.ok) return r;
      const ticket = ticketByFollowToken(r.state, token);
      if (!ticket) return fail("INTERNAL", "The check-in left no ticket.");
      // The ticket stands even if the book cannot be written now: its token marks the booking used
      // (and the next day's start marks it from there). Changed elsewhere: marked on the new book.
      for (let i = 0; i < 3 && (await this.save(markArrived(this.book, token, how.value, ticket.id))) === CHANGED_ELSEWHERE; i++) await this.reload();
      const issued = r.events.some((e) => e.type === "ticket.issued");
      if (issued) this.prints.issued(p, ticket.id);
      return ok({ ticket, issued });
    });
  }

  /** A new day: forget old bookings (with their phone hashes) and tell the queue today's. */
  private async dayStarted(): Promise<void> {
    if (this.shared) await this.reload();
    const today = this.service.state.day;
    let book = pruneBook(this.book, today);
    // A check-in whose book write failed: today's tickets say which bookings were used.
    for (const b of Object.values(book.bookings)) {
      const t = b.date === today && b.status === "booked" ? ticketByFollowToken(this.service.state, b.token) : undefined;
      if (t) book = markArrived(book, b.token, t.appointmentAt !== undefined ? "appointment" : "walk_in", t.id);
    }
    // Another instance that started the day too may have pruned it first: then its book is ours.
    if (book !== this.book && (await this.save(book)) === CHANGED_ELSEWHERE) await this.reload();
    await this.expectToday();
  }

  /** Today's bookings still to come, for the walk-in estimate; only when they changed. */
  private async expectToday(): Promise<void> {
    const state = this.service.state;
    // A booking whose procedure has gone cannot come (the configuration keeps booked ones; this is a guard).
    const known = new Set(this.config.services.map((s) => s.id));
    const appointments = expectedOn(this.book, state.day).filter((a) => known.has(a.serviceId) && !ticketByFollowToken(state, a.token));
    const now = Object.entries(state.expected ?? {});
    const same = now.length === appointments.length && appointments.every((a) => state.expected?.[a.token]?.at === a.at && state.expected[a.token]!.serviceId === a.serviceId);
    if (same) return;
    const r = await this.service.execute(BOOK, { type: "expectAppointments", appointments });
    if (!r.ok) this.log.error({ code: r.code, message: r.message }, "could not tell the queue today's appointments");
  }

  /**
   * Writes the book; a failure refuses the change (nothing was promised yet). Where the book is
   * shared and another instance changed it since it was read, CHANGED_ELSEWHERE: make it again.
   */
  private async save(book: AppointmentBook): Promise<Failure | typeof CHANGED_ELSEWHERE | null> {
    try {
      if (this.shared) {
        if (!(await this.store.saveAppointmentsIf!(book, this.stored))) return CHANGED_ELSEWHERE;
      } else {
        await this.store.saveAppointments(book);
      }
      this.book = book;
      this.stored = book;
      return null;
    } catch (e) {
      this.log.error({ err: e }, "could not store the appointment book");
      return fail("STORE_FAILED", "The server could not save this; nothing was changed. Try again.");
    }
  }
}
