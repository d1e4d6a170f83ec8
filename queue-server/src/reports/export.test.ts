import { describe, expect, it } from "vitest";
import type { Report, ReportFigures } from "@motcua/protocol";
import { reportCsv } from "./export.ts";

const none: ReportFigures = {
  issued: 3,
  served: 2,
  noShows: 0,
  transfers: 0,
  waitMean: 4.5,
  waitMedian: 4,
  waitP90: 9,
  within15Share: 0.667,
  serviceMean: null,
  serviceMedian: null,
  ratings: 1,
  satisfactionRate: 1,
};
const report = (name: string): Report => ({
  from: "2026-11-01",
  to: "2026-11-27",
  days: 1,
  overall: none,
  byField: [],
  byCounter: [],
  byStaff: [{ id: "x", name, ...none }],
  byHour: [],
  byDay: [],
  staffYear: { year: 2026, yardstick: 1600, rows: [] },
});

describe("the CSV export", () => {
  it("writes shares as percentages and empty cells for no data, under a BOM for Excel", () => {
    const text = reportCsv(report("Nguyễn Thị Hoa")).toString("utf8");
    expect(text.startsWith("\uFEFFNhóm,")).toBe(true);
    expect(text).toContain("Theo cán bộ,x,Nguyễn Thị Hoa,3,2,0,0,4.5,4,9,66.7,,,1,100\r\n");
  });

  it.each(["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)"])("keeps %s from running as a formula in Excel", (name) => {
    const line = reportCsv(report(name)).toString("utf8").split("\r\n").find((l) => l.startsWith("Theo cán bộ"))!;
    const cell = line.split(",").slice(2).join(",");
    expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
  });
});
