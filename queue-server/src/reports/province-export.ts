import type { OfficerReportRow, ProvinceReport, ReportFigures, UnitGroupRow, UnitReportRow } from "@motcua/protocol";
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
  ["Mã đơn vị", (r) => r.id],
  ["Đơn vị", (r) => r.name],
  ["Cấp", (r) => LEVEL[r.level] ?? r.level],
  ["Khu vực", (r) => AREA[r.area] ?? r.area],
  ...FIGURES,
  ["Số cán bộ tiếp nhận", (r) => r.officers],
  ["Hồ sơ/cán bộ/năm (quy năm)", (r) => r.receivedPerOfficerYear],
  ["Định mức hồ sơ/cán bộ/năm", (r) => r.yardstick],
  ["Tỷ lệ so với định mức (%)", (r) => pct(r.yardstickShare)],
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

const dmy = (d: string) => d.split("-").reverse().join("/");
const title = (r: ProvinceReport) => `Báo cáo toàn tỉnh từ ${dmy(r.from)} đến ${dmy(r.to)}`;

const SHEETS = (r: ProvinceReport): [string, Column<any>[], unknown[]][] => [
  ["Theo đơn vị", UNIT, r.units],
  ["Theo cấp", GROUP, r.byLevel],
  ["Theo khu vực", GROUP, r.byArea],
  ["Theo cán bộ", OFFICER, r.officers],
];

/** One file of several tables, a blank line between: UTF-8 with a BOM, for Excel. */
export function provinceCsv(r: ProvinceReport): Buffer {
  const esc = (v: Cell) => {
    if (v === null) return "";
    // A name that starts like a formula would run as one in Excel: make it plain text.
    const s = typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
    return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [esc(title(r))];
  for (const [name, columns, rows] of SHEETS(r)) {
    lines.push("", esc(name), columns.map(([h]) => esc(h)).join(","));
    for (const row of rows) lines.push(columns.map(([, v]) => esc(v(row))).join(","));
  }
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

/** A workbook: a sheet per table, its title above, its header frozen. */
export async function provinceXlsx(r: ProvinceReport): Promise<Buffer> {
  return xlsx(
    SHEETS(r).map(([name, columns, rows]) => ({
      name,
      rows: [[title(r)], columns.map(([h]) => h), ...rows.map((row) => columns.map(([, v]) => v(row)))],
      styles: ["title", "header"],
      widths: columns.map(([h]) => (NAMES.has(h) ? 40 : 18)),
      frozen: 2,
    })),
  );
}
