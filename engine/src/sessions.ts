import type { Center, Calendar, Sessions } from "@motcua/protocol";

/** What a day's hours depend on: the center's hours (weekly, by weekday, by season) and its days worked in exchange. */
export interface HoursOf {
  center: Pick<Center, "openingHours"> & Partial<Pick<Center, "weekdayHours" | "seasons">>;
  /** The engine's own config type names no calendar; without one no day counts as worked in exchange. */
  calendar?: Pick<Calendar, "extraWorkingDays">;
}

/**
 * The working sessions of a local date (YYYY-MM-DD), whether or not the center works that day
 * (dayStatus says that): a season's hours where one covers the date, else the center's; within
 * those, the weekday's own sessions (a Saturday morning). A day worked in exchange (làm bù) stands
 * for a full working day, so it keeps the plain sessions even on a Saturday with short hours.
 */
export function hoursOn(config: HoursOf, date: string): Sessions {
  const { center } = config;
  const plan = center.seasons?.find((s) => s.from <= date && date <= s.to) ?? center;
  if (config.calendar?.extraWorkingDays.includes(date)) return plan.openingHours;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return plan.weekdayHours?.find((w) => w.weekday === weekday)?.sessions ?? plan.openingHours;
}
