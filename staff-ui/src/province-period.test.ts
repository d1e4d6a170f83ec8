import { describe, expect, it } from "vitest";
import { changeKind, daysIn, dmy, periodHolding, periodName, spanOf, wholeSpan, yearsUpTo, type Period } from "./province-period.ts";

const month = (year: number, part: number): Period => ({ kind: "month", year, part });
const quarter = (year: number, part: number): Period => ({ kind: "quarter", year, part });
const year = (y: number): Period => ({ kind: "year", year: y, part: 1 });

describe("the days a province report covers", () => {
  it.each([
    ["November 2026", month(2026, 11), { from: "2026-11-01", to: "2026-11-30" }],
    ["December, to the year's last day", month(2026, 12), { from: "2026-12-01", to: "2026-12-31" }],
    ["February of a common year", month(2027, 2), { from: "2027-02-01", to: "2027-02-28" }],
    ["February of a leap year", month(2028, 2), { from: "2028-02-01", to: "2028-02-29" }],
    ["the first quarter", quarter(2026, 1), { from: "2026-01-01", to: "2026-03-31" }],
    ["the second quarter, to the end of June", quarter(2026, 2), { from: "2026-04-01", to: "2026-06-30" }],
    ["the third quarter, to the end of September", quarter(2026, 3), { from: "2026-07-01", to: "2026-09-30" }],
    ["the fourth quarter", quarter(2026, 4), { from: "2026-10-01", to: "2026-12-31" }],
    ["a year", year(2026), { from: "2026-01-01", to: "2026-12-31" }],
  ])("takes the whole of %s", (_name, p, span) => {
    expect(wholeSpan(p)).toEqual(span);
  });

  it("reports a past period whole, and the one under way so far, up to today", () => {
    const today = "2026-12-01";
    expect(spanOf(month(2026, 11), today)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(spanOf(month(2026, 12), today)).toEqual({ from: "2026-12-01", to: "2026-12-01" });
    expect(spanOf(quarter(2026, 4), today)).toEqual({ from: "2026-10-01", to: "2026-12-01" });
    expect(spanOf(year(2026), today)).toEqual({ from: "2026-01-01", to: "2026-12-01" });
    // On a period's last day, that day is the whole of it.
    expect(spanOf(month(2026, 11), "2026-11-30")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
  });

  it("asks nothing of a period that has not begun", () => {
    expect(spanOf(month(2027, 1), "2026-12-31")).toBeNull();
    expect(spanOf(quarter(2027, 1), "2026-12-31")).toBeNull();
    expect(spanOf(year(2027), "2026-12-31")).toBeNull();
    expect(spanOf(month(2027, 1), "2027-01-01")).toEqual({ from: "2027-01-01", to: "2027-01-01" });
  });

  it("opens on the month, quarter or year that holds today", () => {
    expect(periodHolding("month", "2026-12-01")).toEqual(month(2026, 12));
    expect(periodHolding("quarter", "2026-12-01")).toEqual(quarter(2026, 4));
    expect(periodHolding("quarter", "2026-04-01")).toEqual(quarter(2026, 2));
    expect(periodHolding("quarter", "2026-03-31")).toEqual(quarter(2026, 1));
    expect(periodHolding("year", "2026-12-01")).toEqual(year(2026));
  });

  it("keeps the year and the months it stood on when another kind is chosen", () => {
    expect(changeKind(month(2025, 11), "quarter")).toEqual(quarter(2025, 4));
    expect(changeKind(quarter(2025, 2), "month")).toEqual(month(2025, 4));
    expect(changeKind(month(2025, 5), "year")).toEqual(year(2025));
    expect(changeKind(year(2025), "quarter")).toEqual(quarter(2025, 1));
  });

  it("offers this year and the five before it, newest first", () => {
    expect(yearsUpTo("2026-12-01")).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
  });
});

describe("a period as an office writes it", () => {
  it.each([
    [month(2026, 11), "Tháng 11/2026", "November 2026"],
    [quarter(2026, 4), "Quý IV/2026", "Q4 2026"],
    [quarter(2026, 1), "Quý I/2026", "Q1 2026"],
    [year(2026), "Năm 2026", "2026"],
  ])("names %o in Vietnamese and English", (p, vi, en) => {
    expect(periodName(p, "vi")).toBe(vi);
    expect(periodName(p, "en")).toBe(en);
  });

  it("writes days day first, and counts both ends of a span", () => {
    expect(dmy("2026-11-01")).toBe("01/11/2026");
    expect(daysIn({ from: "2026-11-01", to: "2026-11-30" })).toBe(30);
    expect(daysIn({ from: "2026-12-01", to: "2026-12-01" })).toBe(1);
  });
});
