import type { UnitFigures } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { clockText, count, minutesText, missesOf, orderOf, percentText, PLAN, sameFigures, sameOrder, summaryOf } from "./unit-figures.ts";

/** A quiet commune's morning: everything within the plan. */
const unit = (patch: Partial<UnitFigures> = {}): UnitFigures => ({
  id: "xa-da-huoai",
  name: "Bộ phận Một cửa xã Đạ Huoai",
  nameEn: "Da Huoai Commune One-Stop Unit",
  level: "commune",
  area: "rural",
  parentId: "lam-dong",
  address: null,
  coordinates: { lat: 11.45, lon: 107.63 },
  yardstick: 1200,
  issued: 20,
  served: 15,
  waiting: 3,
  longestWaitMinutes: 6.5,
  meanWaitMinutes: 8.2,
  within15Share: 0.9,
  satisfaction: 1,
  ratings: 10,
  noShows: 0,
  countersOpen: 2,
  countersTotal: 2,
  printerTrouble: 0,
  lastActivityAt: "2026-12-01T09:00:00+07:00",
  notReportingSince: null,
  ...patch,
});

describe("what misses the plan on the province page", () => {
  it("marks nothing of a unit within the plan, nor a figure not known yet", () => {
    const none = { longest: false, mean: false, within15: false, satisfaction: false };
    expect(missesOf(unit())).toEqual(none);
    expect(missesOf(unit({ longestWaitMinutes: null, meanWaitMinutes: null, within15Share: null, satisfaction: null, ratings: 0 }))).toEqual(none);
  });

  it.each([
    { patch: { longestWaitMinutes: 15.1 }, mark: "longest" },
    { patch: { meanWaitMinutes: 16 }, mark: "mean" },
    { patch: { within15Share: 0.799 }, mark: "within15" },
    { patch: { satisfaction: 0.949 }, mark: "satisfaction" },
  ] as const)("marks $mark for $patch", ({ patch, mark }) => {
    const m = missesOf(unit(patch));
    expect(Object.entries(m).filter(([, missed]) => missed).map(([k]) => k)).toEqual([mark]);
  });

  it("holds a figure exactly on the line to be within the plan", () => {
    expect(missesOf(unit({ longestWaitMinutes: 15, meanWaitMinutes: 15, within15Share: 0.8, satisfaction: 0.95 }))).toEqual({
      longest: false,
      mean: false,
      within15: false,
      satisfaction: false,
    });
  });
});

describe("the figures as the page writes them", () => {
  it.each([
    { m: null, vi: "—", en: "—" },
    { m: 0, vi: "0", en: "0" },
    { m: 6.4, vi: "6", en: "6" },
    { m: 23.6, vi: "24", en: "24" },
    // Rounding would put these on the 15-minute line: one decimal says on which side they are.
    { m: 15.3, vi: "15,3", en: "15.3" },
    { m: 14.6, vi: "14,6", en: "14.6" },
    { m: 15, vi: "15", en: "15" },
    { m: 1234, vi: "1.234", en: "1,234" },
  ])("writes $m minutes as $vi", ({ m, vi, en }) => {
    expect(minutesText(m, "vi")).toBe(vi);
    expect(minutesText(m, "en")).toBe(en);
  });

  it.each([
    { share: null, line: PLAN.within15Share, vi: "—" },
    { share: 0.9, line: PLAN.within15Share, vi: "90 %" },
    { share: 0.796, line: PLAN.within15Share, vi: "79,6 %" },
    { share: 0.8, line: PLAN.within15Share, vi: "80 %" },
    { share: 0.948, line: PLAN.satisfaction, vi: "94,8 %" },
    { share: 0.953, line: PLAN.satisfaction, vi: "95,3 %" },
    { share: 0.971, line: PLAN.satisfaction, vi: "97 %" },
    { share: 1, line: PLAN.satisfaction, vi: "100 %" },
  ])("writes a share of $share against $line as $vi", ({ share, line, vi }) => {
    expect(percentText(share, line, "vi")).toBe(vi);
  });

  it("writes counts as each language groups thousands", () => {
    expect(count(1600, "vi")).toBe("1.600");
    expect(count(1600, "en")).toBe("1,600");
  });

  it("writes a moment in Vietnam time, with the day when it was not today", () => {
    const now = Date.parse("2026-12-01T10:00:00+07:00");
    expect(clockText("2026-12-01T01:05:00Z", now)).toBe("08:05");
    expect(clockText("2026-12-01T08:05:00+07:00", now)).toBe("08:05");
    // 23:50 in Hanoi is the evening before, though it is the same day in UTC.
    expect(clockText("2026-11-30T16:50:00Z", now)).toBe("23:50 30/11");
  });
});

describe("the province in one line", () => {
  it("adds up the units, who waits, and where someone waits too long", () => {
    const s = summaryOf([
      unit({ id: "a", waiting: 3 }),
      unit({ id: "b", waiting: 12, longestWaitMinutes: 22 }),
      unit({ id: "c", waiting: 0, longestWaitMinutes: null, notReportingSince: "2026-12-01T08:00:00+07:00" }),
    ]);
    expect(s).toMatchObject({ units: 3, waiting: 15, late: 1, notReporting: 1 });
  });

  it("weighs each unit's satisfaction by its ratings", () => {
    // 10 ratings all satisfied, 30 ratings of which 24 satisfied: 34 of 40, not the mean of 100 % and 80 %.
    const s = summaryOf([unit({ id: "a", satisfaction: 1, ratings: 10 }), unit({ id: "b", satisfaction: 0.8, ratings: 30 }), unit({ id: "c", satisfaction: null, ratings: 0 })]);
    expect(s.ratings).toBe(40);
    expect(s.satisfaction).toBeCloseTo(34 / 40, 10);
  });

  it("has no satisfaction without a rating, and nothing of no units", () => {
    expect(summaryOf([])).toEqual({ units: 0, waiting: 0, late: 0, notReporting: 0, satisfaction: null, ratings: 0 });
    expect(summaryOf([unit({ satisfaction: null, ratings: 0 })]).satisfaction).toBeNull();
  });
});

describe("keeping the page's rows", () => {
  it("tells a record that says the same from one that changed", () => {
    expect(sameFigures(unit(), unit())).toBe(true);
    expect(sameFigures(unit(), unit({ coordinates: { lat: 11.45, lon: 107.63 } }))).toBe(true);
    expect(sameFigures(unit(), unit({ waiting: 4 }))).toBe(false);
    expect(sameFigures(unit(), unit({ coordinates: null }))).toBe(false);
    expect(sameFigures(unit(), unit({ notReportingSince: "2026-12-01T08:00:00+07:00" }))).toBe(false);
  });

  it("orders the units worst first: someone waiting too long, then the longest wait, then the 15-minute share, then the name", () => {
    const ids = orderOf([
      unit({ id: "calm", name: "B", longestWaitMinutes: 2, within15Share: 1 }),
      unit({ id: "late", name: "Z", longestWaitMinutes: 31 }),
      unit({ id: "slow", name: "C", longestWaitMinutes: 2, within15Share: 0.5 }),
      unit({ id: "empty", name: "A", longestWaitMinutes: null, within15Share: null }),
      unit({ id: "later", name: "Y", longestWaitMinutes: 40 }),
    ]);
    expect(ids).toEqual(["later", "late", "slow", "calm", "empty"]);
  });

  it("compares orders id by id", () => {
    expect(sameOrder(["a", "b"], ["a", "b"])).toBe(true);
    expect(sameOrder(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameOrder(["a"], ["a", "b"])).toBe(false);
  });
});
