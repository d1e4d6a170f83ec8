import { localParts } from "@motcua/engine";
import type { Cell, RowStyle, Sheet } from "./xlsx.ts";

// What a report file says about itself before its tables: whose it is, the span, and when it was
// made, so a printout or a file passed on by e-mail still tells what it is.

/** Whose report, and when it was made (the server's clock, read as the center's local time). */
export interface ReportHeading {
  /** "Đơn vị: <the center's name>", or "Phạm vi: toàn tỉnh …" for the province's. */
  scope: string;
  /** The moment the file was made, epoch milliseconds. */
  madeAt: number;
}

/** YYYY-MM-DD as dd/mm/yyyy. */
export const dmy = (day: string) => day.split("-").reverse().join("/");

/** The lines above a report's tables: its scope, its span (dd/mm/yyyy – dd/mm/yyyy), when made (dd/mm/yyyy HH:mm). */
export function headingLines(h: ReportHeading, from: string, to: string): string[] {
  const { date, time } = localParts(h.madeAt);
  return [h.scope, `Kỳ báo cáo: ${dmy(from)} – ${dmy(to)}`, `Lập lúc: ${dmy(date)} ${time}`];
}

/** Rows at the top of every sheet: the heading (the scope as its title), a note if any, a blank row, the header. */
export function sheetTop(h: ReportHeading, from: string, to: string, header: Cell[], note?: string): Pick<Sheet, "rows" | "styles" | "frozen"> {
  const heading = [...headingLines(h, from, to), ...(note ? [note] : [])];
  return {
    rows: [...heading.map((l) => [l]), [], header],
    styles: ["title", ...heading.slice(1).map((): RowStyle => "header"), "header", "header"],
    frozen: heading.length + 2,
  };
}

/** A download's name, ASCII for any browser and mail client: bao-cao-<who>-<from>_<to>.<ext>. */
export const exportFileName = (who: string, from: string, to: string, ext: string) => `bao-cao-${who}-${from}_${to}.${ext}`;
