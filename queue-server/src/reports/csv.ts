import type { Cell } from "./xlsx.ts";

// CSV as Excel opens it on a Vietnamese desk. Excel reads a .csv it is given to open (double-click,
// or File > Open) with the list separator and decimal symbol of Windows' regional settings, and
// vi-VN's are ";" and "," (its digit grouping is "."): a comma-separated file lands in one column,
// and "12.5" is read as 125. So: ";" between cells, a decimal comma (12,5), no digit grouping,
// quotes only where a cell needs them, CRLF line ends.
//
// No "sep=;" first line. Excel does honour that line, but a file that has one is read in the desk's
// ANSI code page whether a BOM comes before it or not, and every "ồ" comes out as "á»“". The BOM is
// what makes the Vietnamese readable, and vi-VN's list separator is ";" already, so the file says
// nothing of its separator and relies on the locale's default. A desk set to another locale can
// still import it (Data > From Text/CSV: UTF-8, semicolon).

/** The byte order mark that tells Excel the file is UTF-8. */
const BOM = "\uFEFF";

/**
 * One cell: empty for no figure; a whole number as its digits, a fraction with a decimal comma
 * (12,5); text quoted when it holds a separator, a quote or a line break, its quotes doubled.
 */
export function csvCell(v: Cell): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v).replace(".", ",") : "";
  // Text that starts like a formula would run as one in Excel: an apostrophe keeps it plain text.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  // A comma is no separator here, but quoting it costs nothing and keeps a comma-locale import whole.
  return /[";,\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The file: UTF-8 behind a BOM, cells by ";", every line (the last too) ended by CRLF. */
export function csvFile(lines: Cell[][]): Buffer {
  return Buffer.from(`${BOM}${lines.map((line) => line.map(csvCell).join(";")).join("\r\n")}\r\n`, "utf8");
}
