import { describe, expect, it } from "vitest";
import { dateProblem, readDate, readTime, shownDate, tidyDate } from "./date-input.ts";

describe("dates typed day first", () => {
  it.each([
    ["02/09/2027", "2027-09-02"],
    ["2/9/2027", "2027-09-02"],
    ["02-09-2027", "2027-09-02"],
    ["2.9.2027", "2027-09-02"],
    [" 2 / 9 / 2027 ", "2027-09-02"],
    ["2027-09-02", "2027-09-02"],
    ["29/02/2028", "2028-02-29"],
  ])("reads %j as %s", (typed, iso) => {
    expect(readDate(typed)).toEqual({ iso });
  });

  it("refuses a day the month does not have, and says how many it has", () => {
    expect(readDate("31/02/2027")).toEqual({ problem: "noSuchDay", day: 31, month: 2, year: 2027 });
    expect(dateProblem("31/02/2027", "vi")).toBe("Không có ngày 31/02/2027: tháng 2 năm 2027 chỉ có 28 ngày.");
    expect(dateProblem("29/2/2027", "en")).toBe("There is no 29/02/2027: month 2 of 2027 has only 28 days.");
    expect(dateProblem("31/4/2027", "vi")).toBe("Không có ngày 31/04/2027: tháng 4 năm 2027 chỉ có 30 ngày.");
  });

  it("says how to write one that is no date at all, and asks for an empty one", () => {
    for (const typed of ["9/2027", "02/13/2027", "mai", "2027/09/02"]) expect(dateProblem(typed, "vi")).toBe("Ngày viết theo dạng ngày/tháng/năm, ví dụ 02/09/2027.");
    expect(dateProblem("  ", "vi")).toBe("Vui lòng nhập ngày theo dạng ngày/tháng/năm, ví dụ 02/09/2027.");
    expect(dateProblem("02/09/2027", "vi")).toBeNull();
  });

  it("shows a day as dd/mm/yyyy, and tidies a typed one only once it is a date", () => {
    expect(shownDate("2027-09-02")).toBe("02/09/2027");
    expect(tidyDate("2/9/2027")).toBe("02/09/2027");
    expect(tidyDate("31/02/2027")).toBe("31/02/2027");
  });
});

describe("times typed on a 24-hour clock", () => {
  it.each([
    ["7:30", "07:30"],
    ["07:30", "07:30"],
    ["7h30", "07:30"],
    ["13.30", "13:30"],
    ["7", "07:00"],
    ["17h", "17:00"],
  ])("reads %j as %s", (typed, hhmm) => {
    expect(readTime(typed)).toBe(hhmm);
  });

  it.each(["24:00", "7:60", "7:3", "sáng", ""])("refuses %j", (typed) => {
    expect(readTime(typed)).toBeNull();
  });
});
