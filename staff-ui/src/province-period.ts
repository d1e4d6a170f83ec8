import type { Lang } from "@motcua/protocol";

/** The spans the province reports over: a month, a quarter or a year of the calendar. */
export type PeriodKind = "month" | "quarter" | "year";

/** One period: its kind, its year, and which month (1–12) or quarter (1–4); `part` means nothing for a year. */
export interface Period {
  kind: PeriodKind;
  year: number;
  part: number;
}

/** The days a report asks for, YYYY-MM-DD, oldest first. */
export interface Span {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const dayOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
/** The last day of a month (month 1–12): day 0 of the next. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The first and last month of a period. */
function monthsOf(p: Period): [number, number] {
  if (p.kind === "month") return [p.part, p.part];
  if (p.kind === "quarter") return [p.part * 3 - 2, p.part * 3];
  return [1, 12];
}

/** The whole period, its first day to its last, whatever today is. */
export function wholeSpan(p: Period): Span {
  const [first, last] = monthsOf(p);
  return { from: dayOf(p.year, first, 1), to: dayOf(p.year, last, lastDay(p.year, last)) };
}

/**
 * The days to report on: the period so far, up to `today` (YYYY-MM-DD, the office's calendar);
 * null for a period that has not begun yet.
 */
export function spanOf(p: Period, today: string): Span | null {
  const whole = wholeSpan(p);
  if (whole.from > today) return null;
  return { from: whole.from, to: whole.to < today ? whole.to : today };
}

/** The period of a kind that holds `today`: this month, this quarter or this year. */
export function periodHolding(kind: PeriodKind, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return { kind, year, part: kind === "month" ? month : kind === "quarter" ? Math.ceil(month / 3) : 1 };
}

/**
 * Another kind chosen in the picker: the period of that kind that holds the one shown (November
 * becomes the fourth quarter, then its year), so the year chosen stays.
 */
export function changeKind(p: Period, kind: PeriodKind): Period {
  const [first] = monthsOf(p);
  return periodHolding(kind, dayOf(p.year, first, 1));
}

/** The years the picker offers: this one and the `back` before it, newest first. */
export const yearsUpTo = (today: string, back = 5): number[] => Array.from({ length: back + 1 }, (_, i) => Number(today.slice(0, 4)) - i);

const ROMAN = ["I", "II", "III", "IV"];

/** A period as an office names it: "Tháng 11/2026", "Quý IV/2026", "Năm 2026". */
export function periodName(p: Period, lang: Lang): string {
  if (lang === "vi") return p.kind === "month" ? `Tháng ${p.part}/${p.year}` : p.kind === "quarter" ? `Quý ${ROMAN[p.part - 1]}/${p.year}` : `Năm ${p.year}`;
  if (p.kind === "month") return new Date(Date.UTC(p.year, p.part - 1, 1)).toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  return p.kind === "quarter" ? `Q${p.part} ${p.year}` : String(p.year);
}

/** A day as the office writes it: 30/11/2026. */
export const dmy = (day: string): string => day.split("-").reverse().join("/");

/** Days from the first to the last of a span, both counted. */
export const daysIn = (s: Span): number => Math.round((Date.parse(`${s.to}T00:00:00Z`) - Date.parse(`${s.from}T00:00:00Z`)) / 86_400_000) + 1;
