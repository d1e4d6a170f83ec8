import { describe, expect, it } from "vitest";
import type { ProvinceReport, Report, ReportFigures } from "@motcua/protocol";
import { centerHeading, csvCell, provinceCsv, provinceHeading, provinceXlsx, reportCsv, reportXlsx } from "@motcua/queue-server";
import { hanoiStamp, readCsv, viNumber } from "../helpers/read-csv.ts";
import { readXlsx, rowsOf } from "../helpers/read-xlsx.ts";

const figures: ReportFigures = {
  issued: 3,
  served: 2,
  noShows: 0,
  transfers: 0,
  waitMean: 12.5,
  waitMedian: 4,
  waitP90: 9,
  within15Share: 0.667,
  serviceMean: null,
  serviceMedian: null,
  ratings: 1,
  satisfactionRate: 1,
};
/** A field whose name holds the CSV's separator and a quote. */
const AWKWARD = 'Đất đai; "tranh chấp"';
const CENTER = "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng";
/** Tuesday 8 December 2026, 14:05 in Hanoi: when this test's files are made. */
const MADE = Date.parse("2026-12-08T14:05:00+07:00");

const report = (staffName = "Nguyễn Thị Hoa"): Report => ({
  from: "2026-11-01",
  to: "2026-11-27",
  days: 1,
  overall: figures,
  byField: [{ id: "dat-dai", name: AWKWARD, ...figures }],
  byCounter: [{ id: "quay-1", name: "Quầy 1", ...figures }],
  byStaff: [{ id: "canbo1", name: staffName, ...figures }],
  byHour: [{ id: "09", name: "09:00–10:00", ...figures }],
  byDay: [{ id: "2026-11-02", name: "02/11/2026", ...figures }],
  staffYear: { year: 2026, yardstick: 1600, rows: [{ staffId: "canbo1", name: staffName, served: 1200, projectedYear: 1310 }] },
});
const heading = centerHeading(CENTER, MADE);
const IDS = ["dat-dai", "quay-1", "canbo1", "lam-dong", "xa-phu-hoi"];

describe("the center's CSV, as Excel set to Vietnamese opens it", () => {
  const lines = readCsv(reportCsv(report(), heading));

  it("heads the file with the center's name, the period and when it was made, then a blank line", () => {
    expect(lines.slice(0, 4)).toEqual([[`Đơn vị: ${CENTER}`], ["Kỳ báo cáo: 01/11/2026 – 27/11/2026"], [`Lập lúc: ${hanoiStamp(MADE)}`], [""]]);
    expect(hanoiStamp(MADE)).toBe("08/12/2026 14:05");
    expect(lines[4]!.slice(0, 4)).toEqual(["Nhóm", "Tên", "Số phiếu đã cấp", "Đã phục vụ"]);
  });

  it("puts every figure in its own column: semicolons, decimal commas, shares in percent, empty for no data", () => {
    const header = lines[4]!;
    const staff = lines.find((l) => l[0] === "Theo cán bộ")!;
    expect(staff).toHaveLength(header.length);
    const at = (h: string) => staff[header.indexOf(h)];
    expect(at("Tên")).toBe("Nguyễn Thị Hoa");
    expect(at("Chờ trung bình (phút)")).toBe("12,5");
    expect(viNumber(at("Chờ trung bình (phút)"))).toBe(12.5);
    expect(at("Tỷ lệ gọi trong 15 phút (%)")).toBe("66,7");
    expect(viNumber(at("Tỷ lệ hài lòng (%)"))).toBe(100);
    expect(at("Phục vụ trung bình (phút)")).toBe("");
    // Every figure below the header reads as a vi-VN number (no decimal point anywhere).
    for (const line of lines.slice(5)) for (const c of line.slice(2)) expect(() => viNumber(c)).not.toThrow();
  });

  it("quotes a name holding a semicolon or a quote, its quotes doubled, and reads it back whole", () => {
    const text = reportCsv(report(), heading).toString("utf8");
    expect(text).toContain(`;"Đất đai; ""tranh chấp""";`);
    expect(lines.find((l) => l[0] === "Theo lĩnh vực")![1]).toBe(AWKWARD);
    expect(text.startsWith("\uFEFFĐơn vị: ")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("names fields, counters, officers, hours and days, and shows no internal id", () => {
    expect(lines.slice(5).map((l) => [l[0], l[1]])).toEqual([
      ["Tổng hợp", "Toàn trung tâm"],
      ["Theo lĩnh vực", AWKWARD],
      ["Theo quầy", "Quầy 1"],
      ["Theo cán bộ", "Nguyễn Thị Hoa"],
      ["Theo giờ", "09:00–10:00"],
      ["Theo ngày", "02/11/2026"],
    ]);
    for (const id of IDS) expect(lines.flat()).not.toContain(id);
  });

  it.each(['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])("keeps %s from running as a formula in Excel", (name) => {
    const cell = readCsv(reportCsv(report(name), heading)).find((l) => l[0] === "Theo cán bộ")![1]!;
    expect(cell).toBe(`'${name}`);
  });

  it("writes numbers as vi-VN reads them and text quoted only where it must be", () => {
    expect([12.5, 3, -0.25, 1600, 0, Number.NaN, null].map(csvCell)).toEqual(["12,5", "3", "-0,25", "1600", "0", "", ""]);
    expect(["Quầy 1", "a;b", 'say "hi"', "two\nlines", "1,5"].map(csvCell)).toEqual(["Quầy 1", '"a;b"', '"say ""hi"""', '"two\nlines"', '"1,5"']);
    expect(readCsv(`\uFEFF${["a;b", 'say "hi"', "two\r\nlines"].map(csvCell).join(";")}\r\n`)).toEqual([["a;b", 'say "hi"', "two\r\nlines"]]);
  });
});

describe("the center's XLSX", () => {
  it("heads each sheet with the center, the period and when made, and names rows without ids", async () => {
    const book = readXlsx(await reportXlsx(report(), heading));
    expect(book.map((s) => s.name)).toEqual(["Tổng hợp", "Theo lĩnh vực", "Theo quầy", "Theo cán bộ", "Theo giờ", "Theo ngày", "Năng suất"]);
    for (const sheet of book) expect(sheet.rows.slice(0, 3)).toEqual([[`Đơn vị: ${CENTER}`], ["Kỳ báo cáo: 01/11/2026 – 27/11/2026"], ["Lập lúc: 08/12/2026 14:05"]]);
    const fields = rowsOf(book, "Theo lĩnh vực");
    expect(fields[3]).toEqual([]);
    expect(fields[4]!.slice(0, 3)).toEqual(["Lĩnh vực", "Số phiếu đã cấp", "Đã phục vụ"]);
    expect(fields[5]!.slice(0, 2)).toEqual([AWKWARD, 3]);
    expect(fields[5]![fields[4]!.indexOf("Chờ trung bình (phút)")]).toBe(12.5);
    expect(rowsOf(book, "Theo quầy")[5]![0]).toBe("Quầy 1");
    expect(rowsOf(book, "Tổng hợp")[5]!.slice(0, 2)).toEqual(["Toàn trung tâm", 3]);
    const pace = rowsOf(book, "Năng suất");
    expect(pace[3]).toEqual(["Năng suất năm 2026 so với định mức 1.600 hồ sơ/người/năm"]);
    expect(pace.slice(5, 7)).toEqual([["Cán bộ", "Đã phục vụ từ đầu năm", "Dự kiến cả năm", "Định mức"], ["Nguyễn Thị Hoa", 1200, 1310, 1600]]);
    for (const id of IDS) expect(book.flatMap((s) => s.rows.flat())).not.toContain(id);
  });
});

describe("the province's CSV and XLSX", () => {
  const unit = (id: string, name: string, level: "provincial" | "commune", rank: number) => ({
    ...figures,
    id,
    name,
    level,
    area: level === "commune" ? ("rural" as const) : ("urban" as const),
    yardstick: level === "commune" ? 1200 : 1600,
    officers: 2,
    receivedPerOfficerYear: 1500,
    yardstickShare: 0.9375,
    rank,
  });
  const province: ProvinceReport = {
    from: "2026-11-01",
    to: "2026-11-30",
    days: 30,
    overall: figures,
    units: [unit("lam-dong", CENTER, "provincial", 1), unit("xa-phu-hoi", "UBND xã Phú Hội", "commune", 2)],
    byLevel: [{ ...figures, id: "provincial", name: "Cấp tỉnh", units: 1, officers: 2, receivedPerOfficerYear: 1500 }],
    byArea: [{ ...figures, id: "rural", name: "Nông thôn", units: 1, officers: 2, receivedPerOfficerYear: 1500 }],
    officers: [{ unitId: "xa-phu-hoi", unitName: "UBND xã Phú Hội", staffId: "canbo1", name: "Trần Văn Nam", served: 40, receivedPerYear: 1460, yardstick: 1200, yardstickShare: 1.217, rank: 1 }],
  };
  const h = provinceHeading(province, MADE);

  it("heads the CSV with the province, the period and when made; units by name, their code last", () => {
    const lines = readCsv(provinceCsv(province, h));
    expect(lines.slice(0, 5)).toEqual([["Phạm vi: toàn tỉnh Lâm Đồng (2 đơn vị)"], ["Kỳ báo cáo: 01/11/2026 – 30/11/2026"], ["Lập lúc: 08/12/2026 14:05"], [""], ["Theo đơn vị"]]);
    const header = lines[5]!;
    expect(header.slice(0, 3)).toEqual(["Xếp hạng", "Đơn vị", "Cấp"]);
    expect(header[header.length - 1]).toBe("Mã đơn vị");
    const commune = lines[7]!;
    expect(commune.slice(0, 4)).toEqual(["2", "UBND xã Phú Hội", "Xã", "Nông thôn"]);
    expect(commune[commune.length - 1]).toBe("xa-phu-hoi");
    expect(commune[header.indexOf("Thời gian chờ trung bình (phút)")]).toBe("12,5");
    expect(commune[header.indexOf("Tỷ lệ so với định mức (%)")]).toBe("93,8");
    const officer = lines[lines.findIndex((l) => l[0] === "Theo cán bộ") + 2]!;
    expect(officer.slice(0, 3)).toEqual(["1", "Trần Văn Nam", "UBND xã Phú Hội"]);
    expect(officer).not.toContain("canbo1");
  });

  it("heads each sheet of the XLSX the same way", async () => {
    const book = readXlsx(await provinceXlsx(province, h));
    for (const sheet of book) expect(sheet.rows[0]).toEqual(["Phạm vi: toàn tỉnh Lâm Đồng (2 đơn vị)"]);
    const units = rowsOf(book, "Theo đơn vị");
    expect(units[2]).toEqual(["Lập lúc: 08/12/2026 14:05"]);
    expect(units[5]!.slice(0, 2)).toEqual([1, CENTER]);
    expect(units[5]![units[4]!.indexOf("Mã đơn vị")]).toBe("lam-dong");
  });

  it("says the whole province where no provincial unit names it", () => {
    const communes = { ...province, units: province.units.filter((u) => u.level === "commune") };
    expect(provinceHeading(communes, MADE).scope).toBe("Phạm vi: toàn tỉnh (1 đơn vị)");
  });
});
