import type { OfficerReportRow, ProvinceReport, ReportFigures, UnitGroupRow, UnitReportRow } from "@motcua/protocol";
import { csvFile } from "./csv.ts";
import { headingLines, sheetTop, type ReportHeading } from "./heading.ts";
import { xlsx, type Cell } from "./xlsx.ts";

// The province report as the People's Committee's office reads it: the plan's own terms, shares
// in percent, one row per unit, level, area class and officer.

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const yesNo = (v: number | null, target: number) => (v === null ? null : v >= target ? "Đạt" : "Chưa đạt");
const LEVEL: Record<string, string> = { provincial: "Tỉnh", district: "Huyện", commune: "Xã" };
const AREA: Record<string, string> = { urban: "Đô thị", rural: "Nông thôn", remote: "Vùng đặc biệt khó khăn" };

type Column<R> = [header: string, value: (r: R) => Cell];

/** The figures every row shares, against the plan: 15 minutes and 95 %. */
const FIGURES: Column<ReportFigures>[] = [
  ["Số phiếu đã cấp", (r) => r.issued],
  ["Hồ sơ đã tiếp nhận", (r) => r.served],
  ["Vắng mặt", (r) => r.noShows],
  ["Thời gian chờ trung bình (phút)", (r) => r.waitMean],
  ["Thời gian chờ P90 (phút)", (r) => r.waitP90],
  ["Tỷ lệ được gọi trong 15 phút (%)", (r) => pct(r.within15Share)],
  ["Lượt đánh giá", (r) => r.ratings],
  ["Tỷ lệ hài lòng (%)", (r) => pct(r.satisfactionRate)],
  ["Mục tiêu hài lòng ≥ 95%", (r) => yesNo(r.satisfactionRate, 0.95)],
];

const UNIT: Column<UnitReportRow>[] = [
  ["Xếp hạng", (r) => r.rank],
  ["Đơn vị", (r) => r.name],
  ["Cấp", (r) => LEVEL[r.level] ?? r.level],
  ["Khu vực", (r) => AREA[r.area] ?? r.area],
  ...FIGURES,
  ["Số cán bộ tiếp nhận", (r) => r.officers],
  ["Hồ sơ/cán bộ/năm (quy năm)", (r) => r.receivedPerOfficerYear],
  ["Định mức hồ sơ/cán bộ/năm", (r) => r.yardstick],
  ["Tỷ lệ so với định mức (%)", (r) => pct(r.yardstickShare)],
  // The unit's code, for matching against the province's other lists: last, after what people read.
  ["Mã đơn vị", (r) => r.id],
];

const GROUP: Column<UnitGroupRow>[] = [
  ["Nhóm", (r) => r.name],
  ["Số đơn vị", (r) => r.units],
  ...FIGURES,
  ["Số cán bộ tiếp nhận", (r) => r.officers],
  ["Hồ sơ/cán bộ/năm (quy năm)", (r) => r.receivedPerOfficerYear],
];

const OFFICER: Column<OfficerReportRow>[] = [
  ["Xếp hạng", (r) => r.rank],
  ["Cán bộ", (r) => r.name],
  ["Đơn vị", (r) => r.unitName],
  ["Hồ sơ đã tiếp nhận", (r) => r.served],
  ["Hồ sơ/năm (quy năm)", (r) => r.receivedPerYear],
  ["Định mức hồ sơ/cán bộ/năm", (r) => r.yardstick],
  ["Tỷ lệ so với định mức (%)", (r) => pct(r.yardstickShare)],
];

/** Columns of names, wider than the figures'. */
const NAMES = new Set(["Đơn vị", "Cán bộ", "Nhóm"]);

/**
 * The province the units are of, as its provincial center's name says it ("… tỉnh Lâm Đồng",
 * "… thành phố Hà Nội"); null where no provincial unit's name ends so.
 */
function provinceName(r: ProvinceReport): string | null {
  for (const u of r.units.filter((u) => u.level === "provincial")) {
    const m = /(?:^|\s)(tỉnh|thành phố)\s+([^,;()]+)$/iu.exec(u.name.normalize("NFC").trim());
    if (m) return `${m[1]!.toLocaleLowerCase("vi")} ${m[2]!.trim()}`;
  }
  return null;
}

/** The province report's heading: the whole province (by its name where known), its units counted. */
export const provinceHeading = (r: ProvinceReport, madeAt: number): ReportHeading => ({
  scope: `Phạm vi: toàn ${provinceName(r) ?? "tỉnh"} (${r.units.length} đơn vị)`,
  madeAt,
});

const SHEETS = (r: ProvinceReport): [string, Column<any>[], unknown[]][] => [
  ["Theo đơn vị", UNIT, r.units],
  ["Theo cấp", GROUP, r.byLevel],
  ["Theo khu vực", GROUP, r.byArea],
  ["Theo cán bộ", OFFICER, r.officers],
];

/** The heading lines, then the tables, each after a blank line and its name: semicolons and decimal commas (csv.ts). */
export function provinceCsv(r: ProvinceReport, h: ReportHeading): Buffer {
  const lines: Cell[][] = headingLines(h, r.from, r.to).map((l) => [l]);
  for (const [name, columns, rows] of SHEETS(r)) {
    lines.push([], [name], columns.map(([h]) => h));
    for (const row of rows) lines.push(columns.map(([, v]) => v(row)));
  }
  return csvFile(lines);
}

/** A workbook: a sheet per table, the heading above it, its header frozen. */
export async function provinceXlsx(r: ProvinceReport, h: ReportHeading): Promise<Buffer> {
  return xlsx(
    SHEETS(r).map(([name, columns, rows]) => {
      const top = sheetTop(h, r.from, r.to, columns.map(([h]) => h));
      return {
        name,
        ...top,
        rows: [...top.rows, ...rows.map((row) => columns.map(([, v]) => v(row)))],
        widths: columns.map(([h]) => (NAMES.has(h) ? 40 : 18)),
      };
    }),
  );
}
