import type { OfficerReportRow, ProvinceReport, ReportFigures } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { belowYardstick, emptyReport, officersShown, paceShareText, paceText, reportMisses, satisfactionVerdict } from "./province-report-figures.ts";

const figures = (patch: Partial<ReportFigures> = {}): ReportFigures => ({
  issued: 300,
  served: 290,
  noShows: 10,
  transfers: 2,
  waitMean: 8.4,
  waitMedian: 6,
  waitP90: 19,
  within15Share: 0.86,
  serviceMean: 7,
  serviceMedian: 6,
  ratings: 150,
  satisfactionRate: 0.97,
  ...patch,
});

describe("what misses the plan over a period", () => {
  it("marks nothing of a unit within the plan, nor a figure not known", () => {
    const none = { mean: false, within15: false, satisfaction: false };
    expect(reportMisses(figures())).toEqual(none);
    expect(reportMisses(figures({ waitMean: null, within15Share: null, satisfactionRate: null }))).toEqual(none);
    // On the line is within it.
    expect(reportMisses(figures({ waitMean: 15, within15Share: 0.8, satisfactionRate: 0.95 }))).toEqual(none);
  });

  it("marks a mean wait over 15 minutes, under 80 % called within 15, under 95 % satisfied", () => {
    expect(reportMisses(figures({ waitMean: 15.2, within15Share: 0.79, satisfactionRate: 0.949 }))).toEqual({ mean: true, within15: true, satisfaction: true });
  });

  it("says whether satisfaction met the 95 % target, and nothing without ratings", () => {
    expect(satisfactionVerdict(0.95)).toBe("met");
    expect(satisfactionVerdict(0.9)).toBe("missed");
    expect(satisfactionVerdict(null)).toBeNull();
  });
});

describe("dossiers per officer a year against the yardstick", () => {
  it("writes the pace over the yardstick and its share, as each language writes numbers", () => {
    expect(paceText(1234, 1600, "vi")).toBe("1.234 / 1.600");
    expect(paceText(1234, 1600, "en")).toBe("1,234 / 1,600");
    expect(paceText(null, 1200, "vi")).toBe("—");
    expect(paceShareText(0.771, "vi")).toBe("77 %");
    // Just under the yardstick never reads a round 100 %.
    expect(paceShareText(0.998, "vi")).toBe("99,8 %");
    expect(paceShareText(null, "vi")).toBe("—");
  });

  it("is below the yardstick under 100 % only", () => {
    expect(belowYardstick(0.99)).toBe(true);
    expect(belowYardstick(1)).toBe(false);
    expect(belowYardstick(null)).toBe(false);
  });
});

describe("what the report shows", () => {
  const officer = (rank: number): OfficerReportRow => ({
    unitId: "lam-dong",
    unitName: "Trung tâm",
    staffId: `cb${rank}`,
    name: `Cán bộ ${rank}`,
    served: 100,
    receivedPerYear: 1000,
    yardstick: 1600,
    yardstickShare: 0.625,
    rank,
  });

  it("shows the first twenty officers, or all on asking", () => {
    const all = Array.from({ length: 27 }, (_, i) => officer(i + 1));
    expect(officersShown(all, false).map((o) => o.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(officersShown(all, true)).toHaveLength(27);
    expect(officersShown(all.slice(0, 5), false)).toHaveLength(5);
  });

  it("calls a period without a single number issued empty", () => {
    const report = (issued: number) => ({ overall: figures({ issued }) }) as ProvinceReport;
    expect(emptyReport(report(0))).toBe(true);
    expect(emptyReport(report(1))).toBe(false);
  });
});
