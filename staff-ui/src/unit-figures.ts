import { CENTER_TIMEZONE, TARGET_WAIT_MINUTES, worstFirst, type Lang, type UnitFigures } from "@motcua/protocol";

/** The plan's lines a unit is held to: waits in minutes, shares from 0 to 1. */
export const PLAN = { waitMinutes: TARGET_WAIT_MINUTES, within15Share: 0.8, satisfaction: 0.95 } as const;

/** Which of a unit's figures miss the plan (a figure not known yet misses nothing). */
export interface Misses {
  longest: boolean;
  mean: boolean;
  within15: boolean;
  satisfaction: boolean;
}

const above = (x: number | null, line: number) => x !== null && x > line;
const below = (x: number | null, line: number) => x !== null && x < line;

export function missesOf(u: UnitFigures): Misses {
  return {
    longest: above(u.longestWaitMinutes, PLAN.waitMinutes),
    mean: above(u.meanWaitMinutes, PLAN.waitMinutes),
    within15: below(u.within15Share, PLAN.within15Share),
    satisfaction: below(u.satisfaction, PLAN.satisfaction),
  };
}

/** Someone at the unit has waited past the target: what the summary counts and the order puts first. */
export const isLate = (u: UnitFigures): boolean => missesOf(u).longest;

const LOCALE: Record<Lang, string> = { vi: "vi-VN", en: "en-GB" };

/** A whole number as the language writes it: 1.600 in Vietnamese, 1,600 in English. */
export const count = (n: number, lang: Lang): string => n.toLocaleString(LOCALE[lang]);

/**
 * A figure in whole units, or to one decimal where rounding would move it onto or across the
 * plan's line: a wait of 15.3 minutes reads "15,3", never a red "15".
 */
function near(x: number, line: number, lang: Lang): string {
  const whole = Math.round(x);
  const digits = Math.sign(whole - line) === Math.sign(x - line) ? 0 : 1;
  return x.toLocaleString(LOCALE[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Minutes, whole where that is honest about the 15-minute target; "—" where there is none yet. */
export const minutesText = (m: number | null, lang: Lang): string => (m === null ? "—" : near(m, PLAN.waitMinutes, lang));

/** A share as a percentage against its plan line (80 % called within 15 minutes, 95 % satisfied). */
export const percentText = (share: number | null, line: number, lang: Lang): string =>
  share === null ? "—" : `${near(Math.round(share * 1000) / 10, line * 100, lang)} %`;

const clock = new Intl.DateTimeFormat("en-GB", { timeZone: CENTER_TIMEZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const date = new Intl.DateTimeFormat("en-GB", { timeZone: CENTER_TIMEZONE, day: "2-digit", month: "2-digit" });

/** A moment as a Vietnamese office reads it, HH:mm in Vietnam time; with the day (dd/MM) when it was not today. */
export function clockText(iso: string, now: number): string {
  const at = new Date(iso);
  const time = clock.format(at);
  const day = date.format(at);
  return day === date.format(new Date(now)) ? time : `${time} ${day}`;
}

/** The province in one line: what the top of its page says. */
export interface ProvinceSummary {
  units: number;
  /** Citizens waiting now, across the province. */
  waiting: number;
  /** Units where someone has waited past 15 minutes. */
  late: number;
  notReporting: number;
  /** Of every rating today in the province, the share satisfied (each unit weighed by its ratings); null with none. */
  satisfaction: number | null;
  ratings: number;
}

export function summaryOf(units: readonly UnitFigures[]): ProvinceSummary {
  let waiting = 0;
  let late = 0;
  let notReporting = 0;
  let ratings = 0;
  let satisfied = 0;
  for (const u of units) {
    waiting += u.waiting;
    if (isLate(u)) late++;
    if (u.notReportingSince) notReporting++;
    if (u.satisfaction !== null && u.ratings > 0) {
      ratings += u.ratings;
      satisfied += Math.round(u.satisfaction * u.ratings);
    }
  }
  return { units: units.length, waiting, late, notReporting, satisfaction: ratings === 0 ? null : satisfied / ratings, ratings };
}

/** Two records of a unit say the same: its row need not be drawn again. */
export function sameFigures(a: UnitFigures, b: UnitFigures): boolean {
  for (const key of Object.keys(a) as (keyof UnitFigures)[]) {
    if (key === "coordinates") {
      if (a.coordinates?.lat !== b.coordinates?.lat || a.coordinates?.lon !== b.coordinates?.lon) return false;
    } else if (a[key] !== b[key]) return false;
  }
  return Object.keys(b).length === Object.keys(a).length;
}

/** The units' ids worst first, the order of the page (the server sorts the same way). */
export const orderOf = (units: Iterable<UnitFigures>): string[] => [...units].sort(worstFirst).map((u) => u.id);

export const sameOrder = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id, i) => id === b[i]);
