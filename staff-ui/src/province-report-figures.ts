import type { Lang, OfficerReportRow, ProvinceReport, ReportFigures } from "@motcua/protocol";
import { count, percentText, PLAN } from "./unit-figures.ts";

/** Which of a span's figures miss the plan (a figure not known misses nothing). */
export interface ReportMisses {
  mean: boolean;
  within15: boolean;
  satisfaction: boolean;
}

export function reportMisses(f: ReportFigures): ReportMisses {
  return {
    mean: f.waitMean !== null && f.waitMean > PLAN.waitMinutes,
    within15: f.within15Share !== null && f.within15Share < PLAN.within15Share,
    satisfaction: f.satisfactionRate !== null && f.satisfactionRate < PLAN.satisfaction,
  };
}

/** Satisfaction against the plan's 95 %: met, missed, or nothing to say without ratings. */
export const satisfactionVerdict = (rate: number | null): "met" | "missed" | null => (rate === null ? null : rate >= PLAN.satisfaction ? "met" : "missed");

/** Dossiers per officer a year against the yardstick: "1.234 / 1.600"; "—" where nobody served. */
export const paceText = (perYear: number | null, yardstick: number, lang: Lang): string => (perYear === null ? "—" : `${count(perYear, lang)} / ${count(yardstick, lang)}`);

/** That pace as a share of the yardstick, "77 %", to one decimal where rounding would reach 100 %. */
export const paceShareText = (share: number | null, lang: Lang): string => percentText(share, 1, lang);

/** A pace below its yardstick. */
export const belowYardstick = (share: number | null): boolean => share !== null && share < 1;

/** How many officers the report shows before "show all". */
export const OFFICERS_SHOWN = 20;

/** The officers the table shows: the first twenty, or all of them. */
export const officersShown = (officers: readonly OfficerReportRow[], all: boolean): readonly OfficerReportRow[] => (all ? officers : officers.slice(0, OFFICERS_SHOWN));

/** A span in which no unit issued a single number: the screen says so instead of a table of dashes. */
export const emptyReport = (r: ProvinceReport): boolean => r.overall.issued === 0;
