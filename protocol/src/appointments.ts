import { z } from "./zod.ts";
import { Id, IsoDate, LocalTime } from "./domain.ts";
import { PhoneNumber } from "./remote.ts";

// Appointments (hẹn giờ): booked from a phone with a mobile number only, checked in at the kiosk.
// Kept apart from the kiosk's schemas so the kiosk's start screen does not carry them.

/** What a phone may book: the bookable fields with their procedures, and the days ahead. */
export const AppointmentOffer = z.object({
  centerName: z.string(),
  centerNameEn: z.string(),
  address: z.string().nullable(),
  hotline: z.string(),
  fields: z.array(
    z.object({
      id: Id,
      name: z.string(),
      nameEn: z.string(),
      slotMinutes: z.number().int(),
      services: z.array(z.object({ id: Id, name: z.string(), nameEn: z.string() })),
    }),
  ),
  /** Today and the days one may book ahead, with why a day is closed. */
  days: z.array(
    z.object({
      date: IsoDate,
      open: z.boolean(),
      /** The holiday's name when the day is one; null otherwise. */
      holiday: z.string().nullable(),
      holidayEn: z.string().nullable(),
    }),
  ),
  checkInEarlyMinutes: z.number().int(),
  checkInLateMinutes: z.number().int(),
});
export type AppointmentOffer = z.infer<typeof AppointmentOffer>;

export const SlotsQuery = z.object({ fieldId: Id, date: IsoDate });
/** One field's slots on one day; a slot already started or full shows `left: 0`. */
export const SlotList = z.object({
  fieldId: Id,
  date: IsoDate,
  open: z.boolean(),
  slots: z.array(z.object({ time: LocalTime, left: z.number().int().min(0) })),
});
export type SlotList = z.infer<typeof SlotList>;

export const BookingRequest = z.object({
  serviceId: Id,
  date: IsoDate,
  time: LocalTime,
  phone: PhoneNumber,
  /**
   * The phone's own key for this booking, kept across its retries: a booking whose answer was
   * lost is answered again, not refused as a second one the citizen never saw.
   */
  requestKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});
/** A booking made: its link (also its QR, which the kiosk scans) and the code to type instead. */
export const BookingMade = z.object({ token: z.string(), code: z.string(), followUrl: z.string() });
export type BookingMade = z.infer<typeof BookingMade>;
