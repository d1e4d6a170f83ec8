import { CenterConfig, ProvinceCatalog } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import {
  blankDevice,
  blankStaff,
  bookingNumber,
  byDate,
  freeCode,
  fromDraft,
  idList,
  isoDate,
  moveCounterService,
  offered,
  patchRow,
  removeService,
  renameField,
  renameService,
  settleDates,
  slotsPerDay,
  takeFromCatalog,
  toDraft,
  weekday,
  type AdminConfig,
  type Draft,
} from "./admin-draft.ts";

/** What GET /api/admin/config answers for a small center: no password or key hashes. */
function config(): AdminConfig {
  const c = CenterConfig.parse({
    mode: "demo",
    center: { id: "phuong-ben-nghe", name: "Bộ phận Một cửa phường Bến Nghé", nameEn: "Ben Nghe Ward One-Stop Shop", address: "29 Lê Duẩn", notices: ["Giờ làm việc 7:00–17:00"], returnsServiceId: "tra", yearlyDossiersPerStaff: 1500 },
    fields: [
      { id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status", icon: "family", appointments: { slotMinutes: 30, capacity: 2 } },
      { id: "dat-dai", name: "Đất đai", nameEn: "Land" },
    ],
    services: [
      { id: "khai-sinh", code: "A", name: "Đăng ký khai sinh", nameEn: "Birth registration", fieldId: "ho-tich", numberRange: { from: 1, to: 499 } },
      { id: "ket-hon", code: "B", name: "Đăng ký kết hôn", nameEn: "Marriage registration", fieldId: "ho-tich", defaultServiceMinutes: 12 },
      { id: "tra", code: "R", name: "Trả kết quả", nameEn: "Results", fieldId: "dat-dai" },
    ],
    counters: [
      { id: "quay-1", number: 1, name: "Quầy 1", nameEn: "Counter 1", serviceIds: ["khai-sinh", "ket-hon", "tra"] },
      { id: "quay-2", number: 2, name: "Quầy 2", nameEn: "Counter 2", serviceIds: ["tra"] },
    ],
    staff: [
      { id: "canbo1", username: "canbo1", displayName: "Nguyễn Thị Hoa", role: "staff", passwordHash: "scrypt$16384$8$1$salt$hash-of-demo" },
      { id: "admin", username: "admin", displayName: "Quản trị", role: "admin", passwordHash: "scrypt$16384$8$1$salt$hash-of-admin" },
    ],
    devices: [{ id: "bang-sanh", kind: "display", name: "Bảng sảnh", keyHash: "a".repeat(64), fieldIds: ["ho-tich", "dat-dai"] }],
    calendar: { holidays: [{ date: "2027-01-01", name: "Tết Dương lịch", nameEn: "New Year's Day" }], extraWorkingDays: ["2027-01-09"] },
  });
  return {
    ...c,
    staff: c.staff.map(({ passwordHash: _, ...s }) => s),
    devices: c.devices.map(({ keyHash: _, ...d }) => d),
  };
}

const body = (d: Draft) => fromDraft(d) as AdminConfig & { staff: { password?: string }[]; devices: { newKey?: true }[] };

describe("the administration draft", () => {
  it("gives back, untouched, the very configuration it was made from", () => {
    expect(fromDraft(toDraft(config()))).toEqual(config());
  });

  it("leaves a yardstick nobody set to the area class, and sends none back for an empty box", () => {
    const c = config();
    delete c.center.yearlyDossiersPerStaff;
    const d = toDraft(c);
    expect(d.center.yearlyDossiersPerStaff).toBe("");
    expect("yearlyDossiersPerStaff" in (body(d).center as object)).toBe(false);
  });

  it("keeps numbers, notices and id lists as typed strings, so a half-typed box is never rewritten", () => {
    const d = toDraft(config());
    expect(d.center.yearlyDossiersPerStaff).toBe("1500");
    expect(d.center.notices).toBe("Giờ làm việc 7:00–17:00");
    expect(d.services[1]!.defaultServiceMinutes).toBe("12");
    expect(d.counters[0]!.number).toBe("1");
    expect(d.devices[0]!.fieldIds).toBe("ho-tich, dat-dai");
    expect(d.rules.fairnessCap).toBe("3");
  });

  it.each([
    { typed: "12", sent: 12 },
    { typed: " 12 ", sent: 12 },
    { typed: "7,5", sent: 7.5 },
    { typed: "", sent: null },
    { typed: "mười", sent: null },
  ])("sends the number typed as $typed as $sent (null: the server names the box)", ({ typed, sent }) => {
    const d = toDraft(config());
    const edited = patchRow(d, "services", d.services[0]!._key, { defaultServiceMinutes: typed });
    expect(body(edited).services[0]!.defaultServiceMinutes).toBe(sent);
  });

  it("keeps every field the screen does not show: number ranges, opening hours, the mode", () => {
    const sent = body(toDraft(config()));
    expect(sent.services[0]!.numberRange).toEqual({ from: 1, to: 499 });
    expect(sent.center.openingHours).toEqual(config().center.openingHours);
    expect(sent.mode).toBe("demo");
  });

  it("sends notices one a line, without blank lines or stray spaces", () => {
    const d = toDraft(config());
    const sent = body({ ...d, center: { ...d.center, notices: "  Nghỉ trưa 11:30–13:30 \n\n Mang theo CCCD" } });
    expect(sent.center.notices).toEqual(["Nghỉ trưa 11:30–13:30", "Mang theo CCCD"]);
  });

  it("leaves out an address, a results service and an icon emptied in the boxes", () => {
    const d = toDraft(config());
    const emptied = patchRow({ ...d, center: { ...d.center, address: " ", returnsServiceId: "" } }, "fields", d.fields[0]!._key, { icon: "" });
    const sent = body(emptied);
    expect(sent.center).not.toHaveProperty("address");
    expect(sent.center).not.toHaveProperty("returnsServiceId");
    expect(sent.fields[0]).not.toHaveProperty("icon");
  });

  it("splits id lists on commas and spaces", () => {
    expect(idList("quay-1, quay-2  quay-3,,")).toEqual(["quay-1", "quay-2", "quay-3"]);
    expect(idList(" ")).toEqual([]);
  });

  describe("secrets", () => {
    it("sends a password only for the officer it was typed for", () => {
      const d = toDraft(config());
      const sent = body(patchRow(d, "staff", d.staff[0]!._key, { password: "matkhau-moi" }));
      expect(sent.staff[0]!.password).toBe("matkhau-moi");
      expect(sent.staff[1]).not.toHaveProperty("password");
    });

    it("asks for a new key only for a device that wants one, and always for a new device", () => {
      const d = toDraft(config());
      expect(body(d).devices[0]).not.toHaveProperty("newKey");
      expect(body(patchRow(d, "devices", d.devices[0]!._key, { newKey: true })).devices[0]!.newKey).toBe(true);
      const kiosk = { ...blankDevice(), id: "kiosk-tang-2", name: "Kiosk tầng 2" };
      expect(body({ ...d, devices: [...d.devices, kiosk] }).devices[1]).toMatchObject({ id: "kiosk-tang-2", newKey: true, fieldIds: [], counterIds: [], kioskIds: [] });
    });

    it("starts a new account with no password and a saved one with an empty box", () => {
      expect(blankStaff()).toMatchObject({ _new: true, password: "" });
      expect(toDraft(config()).staff.map((s) => s.password)).toEqual(["", ""]);
    });

    it("never keeps the screen's own row keys in what it sends", () => {
      expect(JSON.stringify(fromDraft(toDraft(config())))).not.toMatch(/"_key"|"_new"/);
    });
  });

  describe("appointments", () => {
    it("keeps a field's slot and capacity when appointments are switched off, and sends null", () => {
      const d = toDraft(config());
      const off = patchRow(d, "fields", d.fields[0]!._key, { appointments: { ...d.fields[0]!.appointments, on: false } });
      expect(off.fields[0]!.appointments).toEqual({ on: false, slotMinutes: "30", capacity: "2" });
      expect(body(off).fields[0]!.appointments).toBeNull();
    });

    it("starts a field never bookable from 30 minutes for 2 people", () => {
      const d = toDraft(config());
      expect(d.fields[1]!.appointments).toEqual({ on: false, slotMinutes: "30", capacity: "2" });
      const on = patchRow(d, "fields", d.fields[1]!._key, { appointments: { on: true, slotMinutes: "20", capacity: "4" } });
      expect(body(on).fields[1]!.appointments).toEqual({ slotMinutes: 20, capacity: 4 });
    });

    it.each([
      { which: "slotMinutes", typed: "5", mark: 5 },
      { which: "slotMinutes", typed: "240", mark: 240 },
      { which: "slotMinutes", typed: "3", mark: null },
      { which: "slotMinutes", typed: "241", mark: null },
      { which: "slotMinutes", typed: "7.5", mark: null },
      { which: "slotMinutes", typed: "", mark: null },
      { which: "capacity", typed: " 1 ", mark: 1 },
      { which: "capacity", typed: "200", mark: 200 },
      { which: "capacity", typed: "0", mark: null },
      { which: "capacity", typed: "201", mark: null },
    ] as const)("takes $typed as $which $mark (null: the box is marked)", ({ which, typed, mark }) => {
      expect(bookingNumber(typed, which)).toBe(mark);
    });

    it("counts the whole slots of a day as the engine books them", () => {
      const { center } = config();
      // 07:00–11:30 holds 13 slots of 20 minutes and 13:30–17:00 holds 10.
      expect(slotsPerDay(center, 20)).toBe(23);
      expect(slotsPerDay(center, 30)).toBe(16);
      expect(slotsPerDay(center, 240)).toBe(1);
      expect(slotsPerDay({ ...center, openingHours: [{ from: "07:00", to: "07:15" }] }, 20)).toBe(0);
    });

    it.each([0, -30, 7.5, Number.NaN])("counts no slots of %s minutes", (minutes) => {
      expect(slotsPerDay(config().center, minutes)).toBe(0);
    });
  });

  describe("dates", () => {
    it.each([
      { typed: "2026-12-01", iso: "2026-12-01" },
      { typed: " 2026-1-5 ", iso: "2026-01-05" },
      { typed: "1/12/2026", iso: "2026-12-01" },
      { typed: "01-12-2026", iso: "2026-12-01" },
      { typed: "1.12.2026", iso: "2026-12-01" },
      { typed: "29/2/2028", iso: "2028-02-29" },
      { typed: "29/2/2027", iso: null },
      { typed: "2026-13-01", iso: null },
      { typed: "12/2026", iso: null },
      { typed: "", iso: null },
    ])("reads $typed as $iso", ({ typed, iso }) => {
      expect(isoDate(typed)).toBe(iso);
    });

    it.each([
      { date: "2026-11-30", day: 1 },
      { date: "5/12/2026", day: 6 },
      { date: "2026-12-06", day: 7 },
      { date: "soon", day: null },
    ])("knows $date falls on ISO weekday $day", ({ date, day }) => {
      expect(weekday(date)).toBe(day);
    });

    it("orders rows by date, a date not yet readable last, in the order typed", () => {
      const rows = [{ date: "3/1/2027" }, { date: "??" }, { date: "2027-01-01" }, { date: "" }, { date: "2/1/2027" }];
      expect(byDate(rows).map((r) => r.date)).toEqual(["2027-01-01", "2/1/2027", "3/1/2027", "??", ""]);
    });

    it("puts dates in the usual form, in date order unless the rows must stay where they are", () => {
      const d = toDraft(config());
      const typed = { ...d, holidays: [...d.holidays, { _key: "k", _new: true, date: "30/4/2026", name: "Giải phóng miền Nam", nameEn: "Reunification Day" }] };
      // The form a clerk reads (dd/mm/yyyy); the server still gets YYYY-MM-DD (fromDraft).
      expect(settleDates(typed, "holidays", true).holidays.map((h) => h.date)).toEqual(["01/01/2027", "30/04/2026"]);
      expect(settleDates(typed, "holidays").holidays.map((h) => h.date)).toEqual(["30/04/2026", "01/01/2027"]);
    });

    it("gives back the same draft when its dates are settled already (nothing redraws)", () => {
      const d = toDraft(config());
      expect(settleDates(d, "holidays")).toBe(d);
      expect(settleDates(d, "extraDays")).toBe(d);
    });

    it("sends the calendar in date order, working days sorted", () => {
      const d = toDraft(config());
      const typed = { ...d, workingDays: [6, 1, 2], holidays: [{ ...d.holidays[0]!, date: "1/1/2027" }, { _key: "k", _new: true, date: "30/4/2026", name: "Giải phóng", nameEn: "Reunification" }] };
      expect(body(typed).calendar).toEqual({
        workingDays: [1, 2, 6],
        holidays: [
          { date: "2026-04-30", name: "Giải phóng", nameEn: "Reunification" },
          { date: "2027-01-01", name: "Tết Dương lịch", nameEn: "New Year's Day" },
        ],
        extraWorkingDays: ["2027-01-09"],
      });
    });
  });

  describe("records that name each other", () => {
    it("takes a service's counters and the results service along when its id changes", () => {
      const d = toDraft(config());
      const next = renameService(d, d.services[2]!._key, "tra-ket-qua");
      expect(next.counters.map((c) => c.serviceIds)).toEqual([["khai-sinh", "ket-hon", "tra-ket-qua"], ["tra-ket-qua"]]);
      expect(next.center.returnsServiceId).toBe("tra-ket-qua");
    });

    it("takes nothing along when two services share the old id (it is not known which one they meant)", () => {
      const d = toDraft(config());
      const twice = patchRow(d, "services", d.services[1]!._key, { id: "khai-sinh" });
      const next = renameService(twice, twice.services[0]!._key, "khai-sinh-moi");
      expect(next.counters[0]!.serviceIds).toEqual(["khai-sinh", "ket-hon", "tra"]);
    });

    it("takes a field's services along when its id changes", () => {
      const d = toDraft(config());
      const next = renameField(d, d.fields[0]!._key, "ho-tich-moi");
      expect(next.services.map((s) => s.fieldId)).toEqual(["ho-tich-moi", "ho-tich-moi", "dat-dai"]);
    });

    it("takes a removed service off every counter and out of the results service", () => {
      const d = toDraft(config());
      const next = removeService(d, d.services[2]!._key);
      expect(next.services.map((s) => s.id)).toEqual(["khai-sinh", "ket-hon"]);
      expect(next.counters.map((c) => c.serviceIds)).toEqual([["khai-sinh", "ket-hon"], []]);
      expect(next.center.returnsServiceId).toBe("");
    });

    it("moves a counter's service up or down its order of preference, never past either end", () => {
      const d = toDraft(config());
      const key = d.counters[0]!._key;
      expect(moveCounterService(d, key, 2, -1).counters[0]!.serviceIds).toEqual(["khai-sinh", "tra", "ket-hon"]);
      expect(moveCounterService(d, key, 0, 1).counters[0]!.serviceIds).toEqual(["ket-hon", "khai-sinh", "tra"]);
      expect(moveCounterService(d, key, 0, -1)).toBe(d);
      expect(moveCounterService(d, key, 2, 1)).toBe(d);
    });
  });

  describe("the province's catalog", () => {
    const CATALOG = ProvinceCatalog.parse({
      fields: [
        { id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status", icon: "family" },
        { id: "tu-phap", name: "Tư pháp", nameEn: "Justice" },
      ],
      services: [
        { id: "khai-sinh", name: "Đăng ký khai sinh", nameEn: "Birth registration", fieldId: "ho-tich", defaultServiceMinutes: 7 },
        { id: "chung-thuc", name: "Chứng thực bản sao", nameEn: "Certified copies", fieldId: "tu-phap", defaultServiceMinutes: 5 },
        { id: "ban-sao", name: "Cấp bản sao trích lục", nameEn: "Copies of extracts", fieldId: "tu-phap", defaultServiceMinutes: 6 },
      ],
      holidays: [],
    });

    it("gives back, untouched, a configuration whose entries are the province's", () => {
      const c = config();
      const marked = { ...c, fields: c.fields.map((f, i) => (i === 0 ? { ...f, province: true } : f)), services: c.services.map((s, i) => (i === 0 ? { ...s, province: true } : s)) };
      expect(fromDraft(toDraft(marked))).toEqual(marked);
      expect(body(toDraft(marked)).services[0]!.province).toBe(true);
      expect(body(toDraft(marked)).services[1]).not.toHaveProperty("province");
    });

    it("offers the procedures the unit does not receive from the province yet", () => {
      const d = toDraft(config());
      // The unit's own khai-sinh is not the province's: it may hand it over.
      expect(offered(d, CATALOG).map((s) => s.id)).toEqual(["khai-sinh", "chung-thuc", "ban-sao"]);
      expect(offered(takeFromCatalog(d, CATALOG, "chung-thuc"), CATALOG).map((s) => s.id)).toEqual(["khai-sinh", "ban-sao"]);
    });

    it("adds a procedure with the province's names, field and minutes, a free code, and its field", () => {
      const d = takeFromCatalog(toDraft(config()), CATALOG, "chung-thuc");
      expect(d.services.at(-1)).toMatchObject({ _new: true, id: "chung-thuc", province: true, name: "Chứng thực bản sao", nameEn: "Certified copies", fieldId: "tu-phap", code: "C", defaultServiceMinutes: "5" });
      expect(d.fields.at(-1)).toMatchObject({ _new: true, id: "tu-phap", province: true, name: "Tư pháp", nameEn: "Justice", remoteTickets: false, appointments: { on: false } });
      // A second one of the same field adds no second field.
      const two = takeFromCatalog(d, CATALOG, "ban-sao");
      expect(two.fields.filter((f) => f.id === "tu-phap")).toHaveLength(1);
      expect(two.services.at(-1)).toMatchObject({ id: "ban-sao", code: "D", province: true });
      const sent = body(two);
      expect(sent.services.at(-1)).toEqual({ id: "ban-sao", code: "D", name: "Cấp bản sao trích lục", nameEn: "Copies of extracts", fieldId: "tu-phap", numberRange: { from: 1, to: 999 }, defaultServiceMinutes: 6, province: true });
      expect(CenterConfig.safeParse({ ...sent, staff: [], devices: [] }).success).toBe(true);
      expect(takeFromCatalog(d, CATALOG, "khong-co")).toBe(d);
    });

    it("makes the unit's own entry of the same id the province's, keeping its code and counters", () => {
      const d = takeFromCatalog(toDraft(config()), CATALOG, "khai-sinh");
      expect(d.services.filter((s) => s.id === "khai-sinh")).toHaveLength(1);
      expect(d.services[0]).toMatchObject({ id: "khai-sinh", code: "A", numberRange: { from: 1, to: 499 }, province: true, name: "Đăng ký khai sinh", _new: false });
      expect(d.fields[0]).toMatchObject({ id: "ho-tich", province: true, icon: "family", appointments: { on: true } });
      expect(d.counters[0]!.serviceIds).toContain("khai-sinh");
    });

    it.each([
      { codes: [], name: "Chứng thực bản sao", code: "C" },
      { codes: ["C"], name: "Chứng thực bản sao", code: "A" },
      { codes: ["A", "B", "C"], name: "Chứng thực", code: "D" },
      { codes: ["A", "B"], name: "Đăng ký kết hôn", code: "D" },
      { codes: ["A", "B"], name: "123 thủ tục", code: "C" },
      { codes: "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("").concat(["AA"]), name: "Khai sinh", code: "AB" },
    ])("chooses the code $code for «$name» beside $codes", ({ codes, name, code }) => {
      expect(freeCode(codes.map((c) => ({ code: c })), name)).toBe(code);
    });
  });
});
