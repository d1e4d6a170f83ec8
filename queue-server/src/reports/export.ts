import type { Report, ReportFigures, ReportRow } from "@motcua/protocol";
import { csvFile } from "./csv.ts";
import { headingLines, sheetTop, type ReportHeading } from "./heading.ts";
import { xlsx, type Cell, type Sheet } from "./xlsx.ts";

/** Column headers as a Vietnamese office reads them; the key is the report's field. */
const COLUMNS: [keyof ReportFigures, string][] = [
  ["issued", "Số phiếu đã cấp"],
  ["served", "Đã phục vụ"],
  ["noShows", "Vắng mặt"],
  ["transfers", "Lượt chuyển"],
  ["waitMean", "Chờ trung bình (phút)"],
  ["waitMedian", "Chờ trung vị (phút)"],
  ["waitP90", "Chờ P90 (phút)"],
  ["within15Share", "Tỷ lệ gọi trong 15 phút (%)"],
  ["serviceMean", "Phục vụ trung bình (phút)"],
  ["serviceMedian", "Phục vụ trung vị (phút)"],
  ["ratings", "Lượt đánh giá"],
  ["satisfactionRate", "Tỷ lệ hài lòng (%)"],
];
const SHARES = new Set<keyof ReportFigures>(["within15Share", "satisfactionRate"]);

const cell = (f: ReportFigures, k: keyof ReportFigures): number | null => {
  const v = f[k];
  return v === null ? null : SHARES.has(k) ? Math.round(v * 1000) / 10 : v;
};

/** Each grouping: its sheet's name and its rows, and what its rows' names are. */
const SECTIONS: [string, (r: Report) => ReportRow[], string][] = [
  ["Theo lĩnh vực", (r) => r.byField, "Lĩnh vực"],
  ["Theo quầy", (r) => r.byCounter, "Quầy"],
  ["Theo cán bộ", (r) => r.byStaff, "Cán bộ"],
  ["Theo giờ", (r) => r.byHour, "Khung giờ"],
  ["Theo ngày", (r) => r.byDay, "Ngày"],
];

/** Whose report the files are, and when made: the route knows the center and reads the clock. */
export const centerHeading = (centerName: string, madeAt: number): ReportHeading => ({ scope: `Đơn vị: ${centerName}`, madeAt });

/**
 * One table under the heading lines and a blank line: a group column says which grouping a row
 * belongs to, then the row's name (field, counter, officer by name; no internal ids) and the figures.
 * Semicolons and decimal commas for a Vietnamese Excel (csv.ts).
 */
export function reportCsv(r: Report, h: ReportHeading): Buffer {
  const lines: Cell[][] = headingLines(h, r.from, r.to).map((l) => [l]);
  lines.push([], ["Nhóm", "Tên", ...COLUMNS.map(([, h]) => h)]);
  lines.push(["Tổng hợp", "Toàn trung tâm", ...COLUMNS.map(([k]) => cell(r.overall, k))]);
  for (const [section, rows] of SECTIONS) for (const row of rows(r)) lines.push([section, row.name, ...COLUMNS.map(([k]) => cell(row, k))]);
  return csvFile(lines);
}

/** A workbook: the totals, one sheet per grouping, and the officers' year against the yardstick. */
export async function reportXlsx(r: Report, h: ReportHeading): Promise<Buffer> {
  const sheet = (name: string, label: string, rows: { name: string; f: ReportFigures }[]): Sheet => {
    const top = sheetTop(h, r.from, r.to, [label, ...COLUMNS.map(([, h]) => h)]);
    return {
      name,
      ...top,
      rows: [...top.rows, ...rows.map((row) => [row.name, ...COLUMNS.map(([k]) => cell(row.f, k))])],
      widths: [36, ...COLUMNS.map(() => 16)],
    };
  };
  const { year, yardstick } = r.staffYear;
  const pace = sheetTop(h, r.from, r.to, ["Cán bộ", "Đã phục vụ từ đầu năm", "Dự kiến cả năm", "Định mức"], `Năng suất năm ${year} so với định mức ${yardstick.toLocaleString("vi-VN")} hồ sơ/người/năm`);
  return xlsx([
    sheet("Tổng hợp", "Phạm vi", [{ name: "Toàn trung tâm", f: r.overall }]),
    ...SECTIONS.map(([name, rows, label]) => sheet(name, label, rows(r).map((row) => ({ name: row.name, f: row })))),
    {
      name: "Năng suất",
      ...pace,
      rows: [...pace.rows, ...r.staffYear.rows.map((row) => [row.name, row.served, row.projectedYear, yardstick])],
      widths: [36, 20, 20, 20],
    },
  ]);
}
