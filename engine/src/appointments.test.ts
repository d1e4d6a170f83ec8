import { CenterConfig, type CenterConfigInput } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import {
  arrival,
  bookableDates,
  bookSlot,
  cancelBooking,
  dayStatus,
  emptyBook,
  expectedOn,
  isOpenAt,
  markArrived,
  pruneBook,
  slotsOn,
  type AppointmentBook,
  type BookingConfig,
  type BookRequest,
} from "./appointments.ts";
import { newcomerWait } from "./estimate.ts";
import { Desk, MINUTE, fixtureInput, hanoi, idOf } from "../test/fixture.ts";

// The fixture shop with appointments for civil status (30-minute slots, two places each),
// open 07:30–11:30 and 13:30–17:00 on weekdays, and one holiday.
const input = {
  ...fixtureInput,
  center: { ...fixtureInput.center, openingHours: [{ from: "07:30", to: "11:30" }, { from: "13:30", to: "17:00" }] },
  fields: fixtureInput.fields.map((f) => (f.id === "civil" ? { ...f, appointments: { slotMinutes: 30, capacity: 2 } } : f)),
  rules: { ...fixtureInput.rules, fairnessCap: 2, agingLimitMinutes: 60, appointmentsPerPhone: 2, bookAheadDays: 14 },
  calendar: { holidays: [{ date: "2026-12-01", name: "Ngày nghỉ thử", nameEn: "Test holiday" }], extraWorkingDays: ["2026-11-28"] },
} satisfies CenterConfigInput;
const full = CenterConfig.parse(input);
const cfg: BookingConfig = full;
const engineCfg = { center: full.center, services: full.services, counters: full.counters, priorityGroups: full.priorityGroups, rules: full.rules };

/** Friday 2026-11-27, 08:00 in Hanoi. */
const NOW = hanoi(2026, 11, 27, 8);
let n = 0;
const req = (patch: Partial<BookRequest> = {}): BookRequest => {
  n++;
  return { token: `token-${n}-abcdefghijk`, code: `CODE${String(n).padStart(2, "0")}`, serviceId: "birth", date: "2026-11-30", time: "09:00", phoneHash: `phone-${n}`, ...patch };
};
const book = (b: AppointmentBook, r: BookRequest, now = NOW) => {
  const out = bookSlot(cfg, b, r, now);
  if (!out.ok) throw new Error(`refused: ${out.error.code} ${out.error.message}`);
  return out.value;
};
const refusedCode = (b: AppointmentBook, r: BookRequest, now = NOW) => {
  const out = bookSlot(cfg, b, r, now);
  return out.ok ? "accepted" : out.error.code;
};

describe("the calendar", () => {
  it("closes weekends and holidays, opens a Saturday worked in exchange", () => {
    expect(dayStatus(cfg, "2026-11-30")).toEqual({ open: true, holiday: null }); // Monday
    expect(dayStatus(cfg, "2026-11-29").open).toBe(false); // Sunday
    expect(dayStatus(cfg, "2026-11-28").open).toBe(true); // Saturday, làm bù
    expect(dayStatus(cfg, "2026-12-01")).toEqual({ open: false, holiday: { date: "2026-12-01", name: "Ngày nghỉ thử", nameEn: "Test holiday" } });
  });

  it("is open only inside the opening hours of a working day", () => {
    expect(isOpenAt(cfg, hanoi(2026, 11, 27, 9))).toBe(true);
    expect(isOpenAt(cfg, hanoi(2026, 11, 27, 12))).toBe(false); // lunch
    expect(isOpenAt(cfg, hanoi(2026, 11, 29, 9))).toBe(false); // Sunday
    expect(isOpenAt(cfg, hanoi(2026, 12, 1, 9))).toBe(false); // holiday
  });

  it("offers today and the days ahead the rules allow", () => {
    const days = bookableDates(cfg, NOW);
    expect(days[0]).toBe("2026-11-27");
    expect(days).toHaveLength(15);
    expect(days.at(-1)).toBe("2026-12-11");
  });
});

describe("slots", () => {
  it("are whole slots inside each session, with their places", () => {
    const { open, slots } = slotsOn(cfg, emptyBook(), "civil", "2026-11-30", NOW);
    expect(open).toBe(true);
    expect(slots.map((s) => s.time)).toEqual([
      "07:30", "08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00",
      "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30",
    ]);
    expect(slots.every((s) => s.left === 2)).toBe(true);
    expect(slots[0]!.at).toBe(hanoi(2026, 11, 30, 7, 30));
  });

  it("none on a closed day, for a field without appointments, or beyond the days ahead", () => {
    expect(slotsOn(cfg, emptyBook(), "civil", "2026-12-01", NOW)).toEqual({ open: false, slots: [] });
    expect(slotsOn(cfg, emptyBook(), "land", "2026-11-30", NOW).open).toBe(false);
    expect(slotsOn(cfg, emptyBook(), "civil", "2026-12-14", NOW).open).toBe(false);
  });

  it("a slot that has begun has no place left today", () => {
    const { slots } = slotsOn(cfg, emptyBook(), "civil", "2026-11-27", NOW);
    expect(slots.find((s) => s.time === "07:30")!.left).toBe(0);
    expect(slots.find((s) => s.time === "08:00")!.left).toBe(0);
    expect(slots.find((s) => s.time === "08:30")!.left).toBe(2);
  });
});

describe("booking", () => {
  it("fills a slot to its capacity and refuses the next (double booking)", () => {
    let b = emptyBook();
    b = book(b, req()).book;
    b = book(b, req({ serviceId: "marriage" })).book;
    expect(slotsOn(cfg, b, "civil", "2026-11-30", NOW).slots.find((s) => s.time === "09:00")!.left).toBe(0);
    expect(refusedCode(b, req())).toBe("SLOT_FULL");
    // The next slot still takes people.
    expect(refusedCode(b, req({ time: "09:30" }))).toBe("accepted");
  });

  it("gives a phone one place per field and day, and at most its share of places", () => {
    let b = emptyBook();
    b = book(b, req({ phoneHash: "me" })).book;
    expect(refusedCode(b, req({ phoneHash: "me", time: "10:00" }))).toBe("RATE_LIMITED");
    b = book(b, req({ phoneHash: "me", date: "2026-12-02" })).book;
    expect(refusedCode(b, req({ phoneHash: "me", date: "2026-12-03" }))).toBe("RATE_LIMITED");
    // Someone else is not held back by it.
    expect(refusedCode(b, req({ phoneHash: "you", date: "2026-12-03" }))).toBe("accepted");
  });

  it("refuses a closed day, a slot not offered, a slot begun, a field without appointments, an unknown service", () => {
    const b = emptyBook();
    expect(refusedCode(b, req({ date: "2026-11-29" }))).toBe("BAD_REQUEST");
    expect(refusedCode(b, req({ date: "2026-12-01" }))).toBe("BAD_REQUEST");
    expect(refusedCode(b, req({ time: "09:10" }))).toBe("BAD_REQUEST");
    expect(refusedCode(b, req({ time: "12:00" }))).toBe("BAD_REQUEST");
    expect(refusedCode(b, req({ date: "2026-11-27", time: "07:30" }))).toBe("BAD_REQUEST");
    expect(refusedCode(b, req({ serviceId: "land" }))).toBe("NOT_OFFERED");
    expect(refusedCode(b, req({ serviceId: "nope" }))).toBe("UNKNOWN_SERVICE");
  });

  it("refuses a code already held by a live booking (the caller draws another)", () => {
    const b = book(emptyBook(), req({ code: "ABCDEF" })).book;
    expect(refusedCode(b, req({ code: "ABCDEF", time: "10:00" }))).toBe("BAD_REQUEST");
  });

  it("cancelling gives the place back, and is refused once the window has passed", () => {
    const made = book(emptyBook(), req({ date: "2026-11-27", time: "09:00" }));
    const cancelled = cancelBooking(cfg, made.book, made.booking.token, NOW);
    expect(cancelled.ok && cancelled.value.booking.status).toBe("cancelled");
    if (!cancelled.ok) return;
    expect(slotsOn(cfg, cancelled.value.book, "civil", "2026-11-27", NOW).slots.find((s) => s.time === "09:00")!.left).toBe(2);
    const again = book(emptyBook(), req({ date: "2026-11-27", time: "09:00" }));
    const late = cancelBooking(cfg, again.book, again.booking.token, hanoi(2026, 11, 27, 9, 16));
    expect(late.ok ? "ok" : late.error.code).toBe("INVALID_TRANSITION");
    expect(cancelBooking(cfg, again.book, "no-such-token", NOW).ok).toBe(false);
  });
});

describe("arrival at the kiosk", () => {
  const made = book(emptyBook(), req({ date: "2026-11-27", time: "10:00" }));
  const b = made.booking;
  const at = (h: number, m: number) => {
    const r = arrival(cfg, b, hanoi(2026, 11, 27, h, m));
    return r.ok ? r.value : r.error.code;
  };

  it("takes it from 30 minutes before the slot to 15 after, then as a walk-in", () => {
    expect(at(9, 29)).toBe("APPOINTMENT_NOT_NOW");
    expect(at(9, 30)).toBe("appointment");
    expect(at(10, 15)).toBe("appointment");
    expect(at(10, 16)).toBe("walk_in");
    expect(at(16, 0)).toBe("walk_in");
  });

  it("not on another day, not once cancelled or used", () => {
    const r = arrival(cfg, b, hanoi(2026, 11, 26, 10));
    expect(r.ok ? "ok" : r.error.code).toBe("APPOINTMENT_NOT_NOW");
    // The day after, it has passed: not "come back later".
    const after = arrival(cfg, b, hanoi(2026, 11, 28, 8));
    expect(after.ok ? "ok" : after.error.code).toBe("INVALID_TRANSITION");
    const cancelled = cancelBooking(cfg, made.book, b.token, NOW);
    if (!cancelled.ok) throw new Error("cancel refused");
    const c = arrival(cfg, cancelled.value.booking, hanoi(2026, 11, 27, 10));
    expect(c.ok ? "ok" : c.error.code).toBe("INVALID_TRANSITION");
    const used = markArrived(made.book, b.token, "appointment", "t1").bookings[b.token]!;
    const u = arrival(cfg, used, hanoi(2026, 11, 27, 10));
    expect(u.ok ? "ok" : u.error.code).toBe("INVALID_TRANSITION");
  });

  it("lists the day's bookings still to come, and forgets old days", () => {
    let bk = made.book;
    bk = book(bk, req({ date: "2026-11-27", time: "09:00" })).book;
    bk = book(bk, req({ date: "2026-11-30", time: "09:00" })).book;
    const today = expectedOn(bk, "2026-11-27");
    expect(today.map((a) => a.at)).toEqual([hanoi(2026, 11, 27, 9), hanoi(2026, 11, 27, 10)]);
    expect(Object.keys(pruneBook(bk, "2026-11-29").bookings)).toHaveLength(1);
    expect(pruneBook(bk, "2026-11-28")).toBe(bk);
  });
});

describe("appointments in the queue", () => {
  const finish = (d: Desk, num: string) => {
    d.do({ type: "start", ticketId: idOf(num) });
    d.do({ type: "complete", ticketId: idOf(num) });
  };
  const checkIn = (d: Desk, token: string, slotAt: number, late = false) => {
    d.do({ type: "checkInAppointment", token, serviceId: "birth", slotAt, late });
    return d.ticketById(d.state.order.at(-1)!).number;
  };

  it("a checked-in appointment waits as anyone until its slot, then goes ahead of older walk-ins", () => {
    const d = new Desk(engineCfg).open("c1");
    d.now = hanoi(2026, 11, 27, 9, 0);
    const walkIn1 = d.issue("birth");
    const walkIn2 = d.issue("birth");
    d.now = hanoi(2026, 11, 27, 9, 10);
    const booked = checkIn(d, "tok-booked-0000000000", hanoi(2026, 11, 27, 9, 30));
    expect(d.ticket(booked).appointmentAt).toBe(hanoi(2026, 11, 27, 9, 30));
    // Before the slot: the walk-in who came first.
    d.now = hanoi(2026, 11, 27, 9, 20);
    expect(d.call("c1")).toBe(walkIn1);
    finish(d, walkIn1);
    // At the slot: the appointment, although walkIn2 has waited longer.
    d.now = hanoi(2026, 11, 27, 9, 30);
    expect(d.call("c1")).toBe(booked);
    expect(d.lastReason).toBe("appointment");
    finish(d, booked);
    expect(d.call("c1")).toBe(walkIn2);
  });

  it("due appointments and priority share the fairness cap, whoever waited longer first; a walk-in gets every third call", () => {
    const d = new Desk(engineCfg).open("c1");
    d.now = hanoi(2026, 11, 27, 9, 0);
    const walkIn = d.issue("birth");
    const slot = hanoi(2026, 11, 27, 9, 30);
    const booked = Array.from({ length: 3 }, (_, i) => checkIn(d, `tok-${i}-00000000000000`, slot));
    // An elderly citizen came at 09:05, before the slot: they have waited longer than the slot.
    d.now = hanoi(2026, 11, 27, 9, 5);
    const elderly = d.issue("birth", "elderly");
    d.now = slot;
    const calls: string[] = [];
    for (let i = 0; i < 5; i++) {
      const num = d.call("c1")!;
      calls.push(`${num} ${d.lastReason}`);
      finish(d, num);
    }
    expect(calls).toEqual([
      `${elderly} priority`,
      `${booked[0]} appointment`,
      `${walkIn} fairness`,
      `${booked[1]} appointment`,
      `${booked[2]} appointment`,
    ]);
  });

  it("many bookings at a busy hour do not leave a priority citizen to the aging limit", () => {
    const d = new Desk(engineCfg).open("c1");
    d.now = hanoi(2026, 11, 27, 8, 40);
    const early = Array.from({ length: 4 }, (_, i) => checkIn(d, `tok-e${i}-0000000000000`, hanoi(2026, 11, 27, 9, 0)));
    d.now = hanoi(2026, 11, 27, 9, 5);
    const late = Array.from({ length: 4 }, (_, i) => checkIn(d, `tok-l${i}-0000000000000`, hanoi(2026, 11, 27, 9, 30)));
    d.now = hanoi(2026, 11, 27, 9, 10);
    const elderly = d.issue("birth", "elderly");
    d.now = hanoi(2026, 11, 27, 9, 30);
    const calls = Array.from({ length: 9 }, () => {
      const num = d.call("c1")!;
      finish(d, num);
      return num;
    });
    // Booked for 09:00, they had waited longer than the elderly citizen who came at 09:10; those
    // booked for 09:30 had not. (Before, every due booking went first, however long priority waited.)
    expect(calls).toEqual([...early, elderly, ...late]);
  });

  it("a late arrival is an ordinary ticket; a second check-in changes nothing", () => {
    const d = new Desk(engineCfg).open("c1");
    d.now = hanoi(2026, 11, 27, 10, 0);
    const late = checkIn(d, "tok-late-000000000000", hanoi(2026, 11, 27, 9, 0), true);
    expect(d.ticket(late).appointmentAt).toBeUndefined();
    expect(d.ticket(late).followToken).toBe("tok-late-000000000000");
    const events = d.do({ type: "checkInAppointment", token: "tok-late-000000000000", serviceId: "birth", slotAt: hanoi(2026, 11, 27, 9, 0), late: false });
    expect(events).toEqual([]);
    expect(d.state.order).toHaveLength(1);
  });

  it("bookings still to come make a walk-in's estimate longer; their check-in takes them off the list", () => {
    const d = new Desk(engineCfg).open("c1").open("c2");
    d.now = hanoi(2026, 11, 27, 9, 0);
    for (let i = 0; i < 4; i++) d.issue("birth");
    const before = newcomerWait(engineCfg, d.state, "birth", d.now)!;
    const slot = hanoi(2026, 11, 27, 9, 5);
    d.do({ type: "expectAppointments", appointments: Array.from({ length: 6 }, (_, i) => ({ token: `tok-e${i}-0000000000000`, serviceId: "birth", at: slot })) });
    const after = newcomerWait(engineCfg, d.state, "birth", d.now)!;
    // Six appointments of ten minutes on two counters, all called before the newcomer (the
    // fairness cap lets the walk-ins already waiting through, and the newcomer comes last): 30 more.
    expect(after - before).toBe(30);
    d.do({ type: "checkInAppointment", token: "tok-e0-0000000000000", serviceId: "birth", slotAt: slot, late: false });
    expect(Object.keys(d.state.expected ?? {})).toHaveLength(5);
    // Until their check-in window closes (15 minutes after the slot) they may still come …
    const lastChance = slot + 15 * MINUTE;
    expect(newcomerWait(engineCfg, d.state, "birth", lastChance)).toBeGreaterThan(newcomerWait(engineCfg, d.state, "birth", lastChance + MINUTE)! + 5);
  });

  it("only the appointment book may tell the queue of expected bookings, for services it has", () => {
    const d = new Desk(engineCfg);
    expect(d.refused({ type: "expectAppointments", appointments: [{ token: "x", serviceId: "nope", at: 0 }] })).toBe("UNKNOWN_SERVICE");
  });
});
