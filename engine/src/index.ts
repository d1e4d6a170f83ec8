export { apply, applyInPlace, formatNumber, ticketId } from "./apply.ts";
export { pickNext, isEligible, isOverdue } from "./call-order.ts";
export { aheadOf, bandOf, expectedWait, newcomerWait, serviceMinutes, waitingFor } from "./estimate.ts";
export { addDays, hhmmOf, localMidnight, withoutPhones } from "./day.ts";
export { createDay, rollover, serviceDayOf, localParts, minutesOf, sessionsOn, withCountersOf, findTicket, findCounter, ticketForRequest, ticketByFollowToken } from "./day.ts";
export { replay } from "./journal.ts";
export { callsFromOn, hallHours, hoursOn, issueRefusal, nextOpening, type HallHours, type HoursConfig, type HoursOf } from "./hours.ts";
export { staged, type Stage } from "./staging.ts";
export { isServed } from "./served.ts";
export type { JournalEntry, Replayed } from "./journal.ts";
export { statsToday, staffToday } from "./stats.ts";
export { toTicket, serviceSummaries, counterState, counterStates, callOf, recentCalls, counterView, ticketByNumber } from "./views.ts";
export type * from "./types.ts";
export {
  arrival,
  bookableDates,
  bookingByCode,
  bookingForRequest,
  bookSlot,
  cancelBooking,
  checkInWindow,
  dayStatus,
  emptyBook,
  expectedOn,
  isCancellable,
  isOpenAt,
  markArrived,
  pruneBook,
  slotsOn,
  slotTimes,
} from "./appointments.ts";
export type { AppointmentBook, Booking, BookingConfig, BookResult } from "./appointments.ts";
