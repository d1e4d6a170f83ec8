import type { Report, ReportFigures, ReportRow } from "@motcua/protocol";
import { xlsx, type Sheet } from "./xlsx.ts";

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

const SECTIONS: [string, (r: Report) => ReportRow[]][] = [
  ["Theo lĩnh vực", (r) => r.byField],
  ["Theo quầy", (r) => r.byCounter],
  ["Theo cán bộ", (r) => r.byStaff],
  ["Theo giờ", (r) => r.byHour],
  ["Theo ngày", (r) => r.byDay],
];

const title = (r: Report) => `Báo cáo từ ${r.from.split("-").reverse().join("/")} đến ${r.to.split("-").reverse().join("/")}`;

/** One table: a section column says which grouping a row belongs to. UTF-8 with a BOM, for Excel. */
export function reportCsv(r: Report): Buffer {
  const esc = (v: string | number | null) => {
    if (v === null) return "";
    // A name that starts like a formula would run as one in Excel: make it plain text.
    const s = typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
    return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [["Nhóm", "Mã", "Tên", ...COLUMNS.map(([, h]) => h)].map(esc).join(",")];
  lines.push(["Tổng hợp", "", title(r), ...COLUMNS.map(([k]) => cell(r.overall, k))].map(esc).join(","));
  for (const [section, rows] of SECTIONS) for (const row of rows(r)) lines.push([section, row.id, row.name, ...COLUMNS.map(([k]) => cell(row, k))].map(esc).join(","));
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

/** A workbook: the totals, one sheet per grouping, and the officers' year against the yardstick. */
export async function reportXlsx(r: Report): Promise<Buffer> {
  const sheet = (name: string, rows: { id: string; name: string; f: ReportFigures }[]): Sheet => ({
    name,
    rows: [[title(r)], ["Mã", "Tên", ...COLUMNS.map(([, h]) => h)], ...rows.map((row) => [row.id, row.name, ...COLUMNS.map(([k]) => cell(row.f, k))])],
    styles: ["title", "header"],
    widths: [16, 36, ...COLUMNS.map(() => 16)],
    frozen: 2,
  });
  const { year, yardstick } = r.staffYear;
  return xlsx([
    sheet("Tổng hợp", [{ id: "", name: "Toàn trung tâm", f: r.overall }]),
    ...SECTIONS.map(([name, rows]) => sheet(name, rows(r).map((row) => ({ id: row.id, name: row.name, f: row })))),
    {
      name: "Năng suất",
      rows: [
        [`Năng suất năm ${year} so với định mức ${yardstick} hồ sơ/người/năm`],
        ["Mã", "Cán bộ", "Đã phục vụ từ đầu năm", "Dự kiến cả năm", "Định mức"],
        ...r.staffYear.rows.map((row) => [row.staffId, row.name, row.served, row.projectedYear, yardstick]),
      ],
      styles: ["title", "header"],
      widths: [20, 30, 20, 20, 20],
    },
  ]);
}
