import type { Report } from "@motcua/protocol";

/**
 * The least a year-so-far must hold before an officer's pace against the yardstick means
 * anything: a month of the year, and a few weeks' dossiers of the officer's own. Six dossiers on
 * the year's first day project to 2,190 a year, 137 % of 1,600: noise, not a pace.
 */
export const MIN_PACE_DAYS = 30;
export const MIN_PACE_DOSSIERS = 50;

type Year = Report["staffYear"];

/**
 * An officer's projected year as a share of the yardstick, or null while the sample is too small
 * to say (fewer than `MIN_PACE_DAYS` days of the year measured, or fewer than `MIN_PACE_DOSSIERS`
 * dossiers served). A server that does not say how many days it measured is judged on dossiers.
 */
export function paceOf(year: Pick<Year, "yardstick" | "days">, row: Year["rows"][number]): number | null {
  if (year.days !== undefined && year.days < MIN_PACE_DAYS) return null;
  if (row.served < MIN_PACE_DOSSIERS || year.yardstick <= 0) return null;
  return row.projectedYear / year.yardstick;
}
