import { CenterConfig } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { blankSeason, fromDraft, toDraft, type AdminConfig, type Draft } from "./admin-draft.ts";
import { checkDraft, serverProblems } from "./admin-problems.ts";

/** A small center as GET /api/admin/config answers it, with a Saturday morning and a summer. */
function config(): AdminConfig {
  const c = CenterConfig.parse({
    mode: "demo",
    center: {
      id: "ttpvhcc",
      name: "Trung tâm",
      nameEn: "Center",
      openingHours: [{ from: "07:30", to: "11:30" }, { from: "13:30", to: "17:00" }],
      weekdayHours: [{ weekday: 6, sessions: [{ from: "07:30", to: "11:30" }] }],
      seasons: [{ name: "Giờ mùa hè", nameEn: "Summer hours", from: "2027-05-01", to: "2027-09-30", openingHours: [{ from: "07:00", to: "11:30" }, { from: "13:00", to: "16:30" }] }],
    },
    fields: [{ id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status" }],
    services: [
      { id: "khai-sinh", code: "A", name: "Đăng ký khai sinh", nameEn: "Birth registration", fieldId: "ho-tich" },
      { id: "ket-hon", code: "B", name: "Đăng ký kết hôn", nameEn: "Marriage registration", fieldId: "ho-tich" },
    ],
    counters: [{ id: "quay-1", number: 1, name: "Quầy 1", nameEn: "Counter 1", serviceIds: ["khai-sinh"] }],
    staff: [{ id: "admin", username: "admin", displayName: "Quản trị", role: "admin", passwordHash: "scrypt$16384$8$1$salt$hash-of-admin" }],
    calendar: {
      workingDays: [1, 2, 3, 4, 5, 6],
      holidays: [
        { date: "2027-01-01", name: "Tết Dương lịch", nameEn: "New Year's Day" },
        { date: "2027-04-30", name: "Giải phóng", nameEn: "Reunification" },
      ],
    },
  });
  return { ...c, staff: c.staff.map(({ passwordHash: _, ...s }) => s), devices: [] };
}

const withService = (d: Draft, i: number, patch: Partial<Draft["services"][number]>): Draft => ({ ...d, services: d.services.map((s, j) => (j === i ? { ...s, ...patch } : s)) });

describe("the hours in the draft", () => {
  it("come back untouched: a Saturday of its own and a season, dates shown day first", () => {
    const c = config();
    const d = toDraft(c);
    expect(d.seasons[0]).toMatchObject({ name: "Giờ mùa hè", from: "01/05/2027", to: "30/09/2027" });
    expect(d.holidays.map((h) => h.date)).toEqual(["01/01/2027", "30/04/2027"]);
    expect(fromDraft(d)).toEqual(c);
  });

  it("sends times and dates in the server's form, whatever way they were typed", () => {
    const d = toDraft(config());
    const typed: Draft = { ...d, hours: { ...d.hours, sessions: [{ from: "7h30", to: "11:30" }, { from: "13.30", to: "17" }] }, seasons: [{ ...d.seasons[0]!, from: "1/5/2027", to: "30-9-2027" }] };
    const center = fromDraft(typed).center as CenterConfig["center"];
    expect(center.openingHours).toEqual([{ from: "07:30", to: "11:30" }, { from: "13:30", to: "17:00" }]);
    expect(center.seasons![0]).toMatchObject({ from: "2027-05-01", to: "2027-09-30" });
  });

  it("sends no weekdays or seasons where there are none, as older configurations have it", () => {
    const d = toDraft(config());
    const center = fromDraft({ ...d, hours: { ...d.hours, weekdays: [] }, seasons: [] }).center as Record<string, unknown>;
    expect(center).not.toHaveProperty("weekdayHours");
    expect(center).not.toHaveProperty("seasons");
  });

  it("starts a new season from the year's hours", () => {
    const d = toDraft(config());
    expect(blankSeason(d.hours).plan.sessions).toEqual(d.hours.sessions);
    expect(blankSeason(d.hours).plan.weekdays.map((w) => w.weekday)).toEqual([6]);
  });
});

describe("a draft's problems, at their boxes, in words", () => {
  it("has none for a configuration as loaded, though a procedure no counter takes", () => {
    expect(checkDraft(toDraft(config()))).toEqual([]);
  });

  it("says the service time's limits, read from the schema, at the procedure's box, and nothing else", () => {
    const d = withService(toDraft(config()), 1, { defaultServiceMinutes: "300" });
    const problems = checkDraft(d);
    expect(problems).toEqual([
      {
        section: "catalog",
        key: d.services[1]!._key,
        field: "defaultServiceMinutes",
        where: { vi: "Thủ tục «Đăng ký kết hôn»", en: "Procedure “Marriage registration”" },
        text: { vi: "Thời gian phục vụ phải là số phút lớn hơn 0, tối đa 240.", en: "Service time must be a number of minutes above 0, at most 240." },
      },
    ]);
    // An empty box or words say the same.
    expect(checkDraft(withService(d, 1, { defaultServiceMinutes: "" }))[0]!.text.vi).toBe("Thời gian phục vụ phải là số phút lớn hơn 0, tối đa 240.");
  });

  it("words a code, a name and an id the way a clerk fixes them", () => {
    const d = withService(toDraft(config()), 0, { code: "a1", name: " " });
    expect(checkDraft(d).map((p) => [p.field, p.text.vi])).toEqual([
      ["code", "Ký hiệu là một hoặc hai chữ cái in hoa, ví dụ A hoặc KS."],
      ["name", "Vui lòng nhập tên thủ tục."],
    ]);
  });

  it("finds a holiday's row by its date order, and says 31/02 does not exist", () => {
    const d = toDraft(config());
    // Typed last, sent first (the body is in date order): the problem still lands on its own row.
    const typed: Draft = { ...d, holidays: [...d.holidays, { _key: "new-day", _new: true, date: "31/02/2027", name: "Nghỉ", nameEn: "Off" }] };
    const [p, ...more] = checkDraft(typed);
    expect(more).toEqual([]);
    expect(p).toMatchObject({ section: "calendar", key: "new-day", field: "date", text: { vi: "Không có ngày 31/02/2027: tháng 2 năm 2027 chỉ có 28 ngày." } });
  });

  it("places hours: a closing before the opening, a time in the wrong form, and overlapping seasons", () => {
    const d = toDraft(config());
    const typed: Draft = {
      ...d,
      hours: { ...d.hours, sessions: [{ from: "07:30", to: "11:30" }, { from: "13:30", to: "12:00" }] },
      seasons: [{ ...d.seasons[0]!, plan: { ...d.seasons[0]!.plan, sessions: [{ from: "7 giờ", to: "11:30" }] } }, { ...blankSeason(d.hours), _key: "winter", name: "Giờ mùa đông", from: "01/09/2027", to: "31/12/2027" }],
    };
    const found = checkDraft(typed).map((p) => [p.key, p.field, p.text.vi]);
    expect(found).toContainEqual(["hours", "sessions.1.to", "Giờ kết thúc phải sau giờ bắt đầu."]);
    expect(found).toContainEqual([d.seasons[0]!._key, "sessions.0.from", "Giờ viết theo dạng giờ:phút, 24 giờ, ví dụ 07:30 hoặc 13:30."]);
    expect(found).toContainEqual(["winter", "from", "Khoảng ngày này trùng với một khoảng giờ theo mùa khác; mỗi ngày chỉ theo một khoảng."]);
  });

  it("asks a new account for a password by the server's own rule", () => {
    const d = toDraft(config());
    const typed: Draft = { ...d, staff: [...d.staff, { _key: "new-staff", _new: true, id: "canbo2", username: "canbo2", displayName: "Lê Văn Bình", role: "staff", active: true, password: "" }] };
    expect(checkDraft(typed)).toMatchObject([{ key: "new-staff", field: "password", text: { vi: "Tài khoản mới cần mật khẩu từ 6 đến 128 ký tự." } }]);
  });
});

describe("the server's own lines, placed", () => {
  it("puts a path's refusal at its box with the schema's words, a duplicate on both rows, and keeps what names no box", () => {
    const d = toDraft(config());
    const sent = fromDraft(withService(d, 1, { defaultServiceMinutes: "0" }));
    const r = serverProblems(d, "services.1.defaultServiceMinutes: Too small: expected number to be >0; duplicate counter number: 1; close counter quay-9 before removing it", sent);
    expect(r.problems[0]).toMatchObject({ key: d.services[1]!._key, field: "defaultServiceMinutes", text: { vi: "Thời gian phục vụ phải là số phút lớn hơn 0, tối đa 240." } });
    expect(r.problems[1]).toMatchObject({ key: d.counters[0]!._key, field: "number", text: { vi: "Số quầy này trùng với một quầy khác: chọn số khác." } });
    expect(r.rest).toEqual([{ vi: "Quầy quay-9 đang mở: đóng quầy trước khi xoá.", en: "Counter quay-9 is open: close it before removing it." }]);
  });
});
