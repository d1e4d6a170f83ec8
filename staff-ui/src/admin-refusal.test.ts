import { describe, expect, it } from "vitest";
import { refusalOf } from "./admin-refusal.ts";

/** A body as the screen sends it: lists of records, and the calendar. */
const sent = {
  counters: [{ id: "quay-1" }, { id: "quay-4" }],
  staff: [{ id: "canbo1" }, { id: "" }],
  calendar: { holidays: [{ date: "2027-01-01" }, { date: "2027-04-30" }], extraWorkingDays: ["2027-01-09"] },
};

describe("what a refused configuration says", () => {
  it("gives the plain sentence for the code, then the server's words one problem a line", () => {
    const r = refusalOf({ code: "INVALID_CONFIG", message: "counters.1.serviceIds: a counter must serve at least one service; center.hotline: invalid" }, "vi", sent);
    expect(r.text).toBe("Cấu hình chưa hợp lệ. Xem chi tiết bên dưới.");
    expect(r.details).toEqual([
      { text: "counters.1.serviceIds: a counter must serve at least one service", which: "quay-4" },
      { text: "center.hotline: invalid", which: null },
    ]);
  });

  it.each([
    { line: "staff.0.password: required", which: "canbo1" },
    { line: "staff.1.username: invalid", which: null },
    { line: "calendar.holidays.1.date: twice", which: "2027-04-30" },
    { line: "calendar.extraWorkingDays.0: a working day already", which: "2027-01-09" },
    { line: "counters.7.number: missing", which: null },
    { line: "rules.0: odd", which: null },
  ])("points $line at $which", ({ line, which }) => {
    expect(refusalOf({ code: "INVALID_CONFIG", message: line }, "en", sent).details).toEqual([{ text: line, which }]);
  });

  it("points nowhere when it does not know what was sent (the load)", () => {
    expect(refusalOf({ code: "FORBIDDEN", message: "counters.1: no" }, "vi").details).toEqual([{ text: "counters.1: no", which: null }]);
  });

  it("says the server is out of reach, with no details, when nothing answered", () => {
    expect(refusalOf({ code: "OFFLINE", message: "no answer from the server" }, "en", sent)).toEqual({ text: "Lost the server; reconnecting…", details: [] });
  });
});
