import type { CenterConfig } from "@motcua/protocol";
import { dayStatus } from "./appointments.ts";
import { addDays, localMidnight, localParts, minutesOf, serviceDayOf } from "./day.ts";
import { hoursOn } from "./sessions.ts";

export { hoursOn, type HoursOf } from "./sessions.ts";
import type { EngineError, Millis } from "./types.ts";

// When the hall is open and when its kiosks issue numbers, from the center's calendar (working
// weekdays, holidays, extra working days) and opening hours (a weekday's own, a season's: hoursOn).
// Pure: the caller passes `now`.

export type HoursConfig = Pick<CenterConfig, "center" | "calendar"> & { rules: Pick<CenterConfig["rules"], "issueOutsideHours" | "issueBeforeOpeningMinutes"> };

export interface HallHours {
  /** A working day, between its first session's start and its last session's end (a lunch break counts as open). */
  open: boolean;
  /** When the hall next opens, while it is not open; null when open (or no working day within a year). */
  opensAt: Millis | null;
  /** The kiosk issues ordinary numbers now (`rules.issueOutsideHours`). */
  issuing: boolean;
  /** While it does not: from when it will; null when it does (or never within a year). */
  issueFrom: Millis | null;
  /** The next moment `open` or `issuing` changes: a screen asks again then. */
  changesAt: Millis | null;
}

const MINUTE = 60_000;
/** A year and a day: a calendar that never works again within it has no next opening. */
const LOOK_AHEAD_DAYS = 366;

/** A working day's hall hours, from its first session's start to its last one's end; null on a day off. */
function daySpan(config: Pick<HoursConfig, "center" | "calendar">, date: string): { from: Millis; to: Millis } | null {
  if (!dayStatus(config, date).open) return null;
  const hours = hoursOn(config, date);
  const midnight = localMidnight(date);
  return { from: midnight + minutesOf(hours[0]!.from) * MINUTE, to: midnight + minutesOf(hours[hours.length - 1]!.to) * MINUTE };
}

/** The first working day's opening after `now` (today's, if the hall has not opened yet today). */
export function nextOpening(config: Pick<HoursConfig, "center" | "calendar">, now: Millis): Millis | null {
  const today = localParts(now).date;
  for (let i = 0; i <= LOOK_AHEAD_DAYS; i++) {
    const span = daySpan(config, addDays(today, i));
    if (span && span.from > now) return span.from;
  }
  return null;
}

/** Whether the hall is open and the kiosk issues numbers at `now`, and when that changes. */
export function hallHours(config: HoursConfig, now: Millis): HallHours {
  const today = daySpan(config, localParts(now).date);
  const open = today !== null && today.from <= now && now < today.to;
  const opensAt = open ? null : nextOpening(config, now);
  const { issueOutsideHours: rule, issueBeforeOpeningMinutes: before } = config.rules;
  // Before opening: from N minutes ahead, but never before the service day of the opening has
  // begun (a number taken then would belong to the day before, and be gone at the reset).
  let earliest: Millis | null = null;
  if (opensAt !== null && rule === "beforeOpening") {
    const date = localParts(opensAt).date;
    earliest = Math.max(opensAt - before * MINUTE, localMidnight(date) + minutesOf(config.center.dayResetTime) * MINUTE);
    if (serviceDayOf(earliest, config.center.dayResetTime) !== date) earliest = opensAt;
  }
  const issuing = open || rule === "always" || (earliest !== null && earliest <= now);
  const issueFrom = issuing ? null : (earliest ?? opensAt);
  const changesAt = open ? today!.to : issuing ? opensAt : issueFrom;
  return { open, opensAt, issuing, issueFrom, changesAt };
}

/**
 * Whether an ordinary number may be issued at `now`: null, or the refusal (CENTER_CLOSED, with
 * `at` when it will be allowed). An appointment's check-in has its own window and is not asked.
 */
export function issueRefusal(config: HoursConfig, now: Millis): EngineError | null {
  const h = hallHours(config, now);
  if (h.issuing) return null;
  const when = h.issueFrom === null ? "" : ` Numbers are issued from ${localParts(h.issueFrom).time} on ${localParts(h.issueFrom).date}.`;
  return { code: "CENTER_CLOSED", message: `The center is closed now.${when}`, ...(h.issueFrom !== null ? { at: h.issueFrom } : {}) };
}

/**
 * Before the day's counters start (early morning, a lunch break): when the next session of today
 * begins, from which a ticket is called. Null inside a session, after the day's last one, on a day
 * off, and when that session falls after the ticket's service day ends (the reset): no promise
 * is made that the calendar or the reset would break.
 */
export function callsFromOn(config: Pick<HoursConfig, "center"> & Partial<Pick<HoursConfig, "calendar">>, now: Millis): Millis | null {
  const date = localParts(now).date;
  // The engine's own config type names no calendar; a center's configuration always has one.
  if (config.calendar && !dayStatus({ calendar: config.calendar }, date).open) return null;
  const hours = hoursOn(config, date);
  const midnight = localMidnight(date);
  const m = (now - midnight) / MINUTE;
  if (hours.some((s) => minutesOf(s.from) <= m && m < minutesOf(s.to))) return null;
  const next = hours.find((s) => m < minutesOf(s.from));
  if (!next) return null;
  const at = midnight + minutesOf(next.from) * MINUTE;
  return serviceDayOf(at, config.center.dayResetTime) === serviceDayOf(now, config.center.dayResetTime) ? at : null;
}
