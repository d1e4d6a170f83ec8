import type { Lang } from "@motcua/protocol";

// Dates and times as people here type them. Chromium's <input type=date> and <input type=time>
// follow the browser's own language, not the page's: on an English Windows they show mm/dd/yyyy
// and AM/PM to a Vietnamese clerk. So the admin's boxes are text, read day first, and say why
// a date is refused.

/** What a typed date is: the day (YYYY-MM-DD), or why it is none. */
export type DateRead = { iso: string } | { problem: "empty" } | { problem: "format" } | { problem: "noSuchDay"; day: number; month: number; year: number };

/** Days in a month of a year (February by the Gregorian rule). */
export const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A typed date, day first as Vietnamese write it (2/9/2027, 02-09-2027, 2.9.2027, 02/09/2027),
 * or as the server keeps it (2027-09-02).
 */
export function readDate(typed: string): DateRead {
  const t = typed.trim();
  if (t === "") return { problem: "empty" };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const vn = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(t);
  let year: number, month: number, day: number;
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (vn) [year, month, day] = [Number(vn[3]), Number(vn[2]), Number(vn[1])];
  else return { problem: "format" };
  if (month < 1 || month > 12 || year < 1900) return { problem: "format" };
  if (day < 1 || day > daysIn(year, month)) return { problem: "noSuchDay", day, month, year };
  return { iso: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** The day of a typed date, or null. */
export const isoOf = (typed: string): string | null => {
  const r = readDate(typed);
  return "iso" in r ? r.iso : null;
};

/** A day as a clerk reads it: 02/09/2027. */
export const shownDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** A typed date in the usual form (dd/mm/yyyy) once it is one; otherwise as typed. */
export const tidyDate = (typed: string): string => {
  const iso = isoOf(typed);
  return iso ? shownDate(iso) : typed;
};

/** ISO weekday (1 Monday … 7 Sunday) of a day. */
export const weekdayOf = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay() || 7;

/** Why a typed date is refused, in the clerk's words; null for a date. */
export function dateProblem(typed: string, lang: Lang): string | null {
  const r = readDate(typed);
  if ("iso" in r) return null;
  const vi = lang === "vi";
  if (r.problem === "empty") return vi ? "Vui lòng nhập ngày theo dạng ngày/tháng/năm, ví dụ 02/09/2027." : "Please enter a date as day/month/year, for example 02/09/2027.";
  if (r.problem === "format") return vi ? "Ngày viết theo dạng ngày/tháng/năm, ví dụ 02/09/2027." : "Write the date as day/month/year, for example 02/09/2027.";
  const asked = `${String(r.day).padStart(2, "0")}/${String(r.month).padStart(2, "0")}/${r.year}`;
  const n = daysIn(r.year, r.month);
  return vi
    ? `Không có ngày ${asked}: tháng ${r.month} năm ${r.year} chỉ có ${n} ngày.`
    : `There is no ${asked}: month ${r.month} of ${r.year} has only ${n} days.`;
}

/** A typed time of day (7:30, 07:30, 7h30, 7.30, 7), as HH:mm on a 24-hour clock; null when it is none. */
export function readTime(typed: string): string | null {
  const m = /^(\d{1,2})(?:\s*[:hH.]\s*(\d{2})?)?$/.exec(typed.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** A typed time in the usual form once it is one; otherwise as typed. */
export const tidyTime = (typed: string): string => readTime(typed) ?? typed;
