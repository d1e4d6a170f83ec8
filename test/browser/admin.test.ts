import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openAdmin as openStaffAdmin } from "../helpers/staff.ts";
import { client, connect, connected, KIOSK, refused } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { hallClock } from "../helpers/clock.ts";
import { localParts } from "@motcua/engine";

const SAVED = "Đã lưu. Các màn hình cập nhật ngay.";

/** The center's today, as its server counts days: the hall clock's, in Vietnam time. */
const vnToday = () => localParts(hallClock()).date;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** 1 Monday … 7 Sunday. */
const isoWeekday = (iso: string) => ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

describe("the administration screen in a real browser against the real server", () => {
  const hall = useHall();

  const openAdmin = () => openStaffAdmin(hall.browser, hall.server.url);
  const section = (page: Page, name: string) => page.locator(`.admin-tabs [data-section=${name}]`).click();
  /** Boxes and buttons an officer can hit: none under 40 px tall. */
  const tooSmall = (page: Page) =>
    page
      .locator(".admin input:not([type=checkbox]), .admin select, .admin textarea, .admin button")
      .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 40).map((e) => e.outerHTML.slice(0, 100)));
  async function save(page: Page): Promise<void> {
    await page.locator(".admin-bar button[name=save]").click();
    await expect.poll(() => page.locator("[data-status]").getAttribute("data-status"), { timeout: 10_000 }).toBe("saved");
    expect(await page.locator("[data-status=saved]").textContent()).toBe(SAVED);
    expect(await page.locator(".admin").getAttribute("data-dirty")).toBe("no");
  }

  it("adds a procedure, puts it at counter 1 in order, and an open kiosk offers it without a reload", async () => {
    const kiosk = await hall.browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${hall.server.url}/kiosk/?key=${KIOSK}`);
    await expect.poll(() => kiosk.locator(".tile").count(), { timeout: 15_000 }).toBeGreaterThan(5);

    const page = await openAdmin();
    expect(await tooSmall(page)).toEqual([]);
    await page.screenshot({ path: join(OUT, "staff-admin-center.png") });
    await section(page, "catalog");
    await page.locator("[data-part=services] button[name=addService]").click();
    const row = page.locator("[data-part=services] tr.new").last();
    await row.locator("input[name=name]").fill("Đăng ký thường trú");
    // The id follows the name (without diacritics) until one is typed.
    expect(await row.locator("input[name=id]").inputValue()).toBe("dang-ky-thuong-tru");
    await row.locator("input[name=id]").fill("dang-ky-thuong-tru");
    await row.locator("input[name=code]").fill("t");
    expect(await row.locator("input[name=code]").inputValue()).toBe("T");
    await row.locator("input[name=nameEn]").fill("Permanent residence registration");
    await row.locator("select[name=fieldId]").selectOption("ho-tich");
    await row.locator("input[name=defaultServiceMinutes]").fill("12");
    expect(await page.locator("tr[data-service=dang-ky-thuong-tru] .served").textContent()).toBe("Chưa có quầy nào nhận thủ tục này — công dân chưa lấy số được");
    expect(await tooSmall(page)).toEqual([]);
    await page.screenshot({ path: join(OUT, "staff-admin-services.png") });

    await section(page, "counters");
    const quay1 = page.locator(".counter[data-counter=quay-1]");
    await quay1.locator("select[name=addService]").selectOption("dang-ky-thuong-tru");
    const order = () => quay1.locator("[data-counter-service]").evaluateAll((els) => els.map((e) => e.getAttribute("data-counter-service")));
    expect(await order()).toEqual(["khai-sinh", "ket-hon", "dang-ky-thuong-tru"]);
    // Second choice, before marriage registration.
    await quay1.locator("[data-counter-service=dang-ky-thuong-tru] [data-action=up]").click();
    expect(await order()).toEqual(["khai-sinh", "dang-ky-thuong-tru", "ket-hon"]);
    expect(await tooSmall(page)).toEqual([]);
    await quay1.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "staff-admin-counters.png") });

    await save(page);
    expect(hall.server.service.config.services.find((s) => s.id === "dang-ky-thuong-tru")).toMatchObject({ code: "T", fieldId: "ho-tich", name: "Đăng ký thường trú", defaultServiceMinutes: 12 });
    expect(hall.server.service.config.counters.find((c) => c.id === "quay-1")!.serviceIds).toEqual(["khai-sinh", "dang-ky-thuong-tru", "ket-hon"]);

    // The kiosk heard config:changed and resynced: no reload.
    await kiosk.locator(".tile[data-field=ho-tich]").click();
    await expect.poll(() => kiosk.locator(".service", { hasText: "Đăng ký thường trú" }).count(), { timeout: 10_000 }).toBe(1);
    const services = await client(hall.server.url).api("GET", "/api/services");
    expect(services.body.find((s: { id: string }) => s.id === "dang-ky-thuong-tru")).toMatchObject({ code: "T", fieldId: "ho-tich", counterNumbers: [1] });

    // Back in the catalog, the new procedure says where it is served.
    await section(page, "catalog");
    expect(await page.locator("tr[data-service=dang-ky-thuong-tru] .served").textContent()).toBe("Quầy 1");
    expect(await page.locator("tr[data-service=dang-ky-thuong-tru] input[name=id]").getAttribute("readonly")).not.toBeNull();
    await kiosk.close();
    await page.close();
  }, 90_000);

  it("refuses a counter left with no procedure, says why beside it, keeps the edits and changes nothing", async () => {
    const before = JSON.stringify(hall.server.service.config);
    const page = await openAdmin();
    await section(page, "counters");
    const quay4 = page.locator(".counter[data-counter=quay-4]");
    await quay4.locator("[data-counter-service=dang-ky-dat-dai] [data-action=remove]").click();
    expect(await quay4.locator(".warn").textContent()).toBe("Quầy chưa phục vụ thủ tục nào.");
    await page.locator(".admin-bar button[name=save]").click();
    await expect.poll(() => page.locator("[data-status=error]").count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator("[data-status=error] > p").textContent()).toBe("Chưa lưu được: 1 chỗ cần sửa, đã tô đỏ tại từng ô. Mọi thay đổi khác vẫn giữ nguyên.");
    // Said at the counter's own box, in words, and the cursor is there.
    expect(await quay4.locator("[data-problem=addService]").textContent()).toBe("Quầy cần phục vụ ít nhất một thủ tục: chọn ở ô «Thêm thủ tục cho quầy» hoặc xoá quầy.");
    expect(await quay4.locator("select[name=addService]").getAttribute("aria-invalid")).toBe("true");
    // The cursor moves once the refusal is drawn (an effect after the render).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("addService");
    expect(await page.locator(".admin-tabs [data-section=counters] .tab-problems").textContent()).toBe("1");
    expect(JSON.stringify(hall.server.service.config)).toBe(before);
    // Nothing typed is lost…
    expect(await quay4.locator("[data-counter-service]").count()).toBe(0);
    expect(await page.locator(".admin").getAttribute("data-dirty")).toBe("yes");
    // …until the admin discards it.
    await page.locator(".admin-bar button[name=revert]").click();
    expect(await quay4.locator("[data-counter-service]").count()).toBe(1);
    expect(await page.locator(".admin").getAttribute("data-dirty")).toBe("no");
    expect(await page.locator(".admin-bar button[name=save]").isDisabled()).toBe(true);
    await page.close();
  }, 60_000);

  it("makes a key for a new kiosk that works, shows it once, makes a fresh one on request, and revoking shuts it out", async () => {
    const page = await openAdmin();
    await section(page, "devices");
    await page.locator("button[name=addDevice]").click();
    const card = page.locator(".device.new").last();
    await card.locator("input[name=id]").fill("kiosk-tang-2");
    await card.locator("select[name=kind]").selectOption("kiosk");
    await card.locator("input[name=name]").fill("Kiosk tầng 2");
    expect(await card.locator("[data-key-pending]").count()).toBe(1);
    await save(page);
    const box = page.locator("[data-new-key=kiosk-tang-2]");
    expect(await box.textContent()).toContain("Khoá mới của thiết bị kiosk-tang-2 — chỉ hiện một lần:");
    const key1 = (await box.locator("code.key").textContent())!.trim();
    expect(key1.length).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: join(OUT, "staff-admin-devices.png") });
    expect(hall.server.service.config.devices.find((d) => d.id === "kiosk-tang-2")).toMatchObject({ kind: "kiosk", name: "Kiosk tầng 2", revoked: false });
    // The key is nowhere in what the server keeps or answers.
    expect(JSON.stringify(hall.server.service.config)).not.toContain(key1);
    const admin = await client(hall.server.url).login("admin", "admin");
    expect(JSON.stringify((await client(hall.server.url).api("GET", "/api/admin/config", { token: admin })).body)).not.toContain(key1);

    const first = connect(hall.server.url, "/kiosk", key1);
    await connected(first);

    // A fresh key for the same device: the old one stops working, the new one works.
    await page.locator(".device[data-device=kiosk-tang-2] button[name=newKey]").click();
    await save(page);
    const key2 = (await page.locator("[data-new-key=kiosk-tang-2] code.key").textContent())!.trim();
    expect(key2).not.toBe(key1);
    expect(await page.locator("[data-new-key]").count()).toBe(1);
    await expect.poll(() => first.connected, { timeout: 5_000 }).toBe(false);
    const old = connect(hall.server.url, "/kiosk", key1);
    expect((await refused(old)).data?.code).toBe("UNAUTHENTICATED");
    old.close();
    const second = connect(hall.server.url, "/kiosk", key2);
    await connected(second);

    // Revoked: an open connection is dropped and a fresh one refused.
    await page.locator(".device[data-device=kiosk-tang-2] input[name=revoked]").check();
    await save(page);
    expect(hall.server.service.config.devices.find((d) => d.id === "kiosk-tang-2")!.revoked).toBe(true);
    await expect.poll(() => second.connected, { timeout: 5_000 }).toBe(false);
    const again = connect(hall.server.url, "/kiosk", key2);
    expect((await refused(again)).data?.code).toBe("UNAUTHENTICATED");
    again.close();
    first.close();
    second.close();
    // Once noted, the key is gone from the screen for good.
    await page.locator("button[name=keysNoted]").click();
    expect(await page.locator("[data-new-key]").count()).toBe(0);
    await page.close();
  }, 90_000);

  it("sets a new password for an officer and adds an account, which must have one", async () => {
    const c = client(hall.server.url);
    const page = await openAdmin();
    await section(page, "staff");
    await page.locator("input[data-staff=canbo1][name=password]").fill("matkhau-moi");
    await save(page);
    expect(await page.locator("input[data-staff=canbo1][name=password]").inputValue()).toBe("");
    expect((await c.api("POST", "/api/session", { body: { username: "canbo1", password: "matkhau-moi" } })).status).toBe(200);
    expect(await c.api("POST", "/api/session", { body: { username: "canbo1", password: "demo" } })).toMatchObject({ status: 401, body: { code: "INVALID_CREDENTIALS" } });

    // A new account without a password is refused by name; with one, it can log in.
    await page.locator("button[name=addStaff]").click();
    const row = page.locator("[data-part=staff] tr.new").last();
    await row.locator("input[name=username]").fill("canbo11");
    expect(await row.locator("input[name=id]").inputValue()).toBe("canbo11");
    await row.locator("input[name=displayName]").fill("Lý Thị Hạnh");
    await row.locator("select[name=role]").selectOption("supervisor");
    await page.locator(".admin-bar button[name=save]").click();
    await expect.poll(() => row.locator("[data-problem=password]").textContent(), { timeout: 10_000 }).toBe("Tài khoản mới cần mật khẩu từ 6 đến 128 ký tự.");
    await page.screenshot({ path: join(OUT, "staff-admin-staff.png") });
    await row.locator("input[name=password]").fill("mat-khau-11");
    await save(page);
    const login = await c.api("POST", "/api/session", { body: { username: "canbo11", password: "mat-khau-11" } });
    expect(login).toMatchObject({ status: 200, body: { role: "supervisor", displayName: "Lý Thị Hạnh" } });

    await section(page, "rules");
    await page.screenshot({ path: join(OUT, "staff-admin-rules.png") });
    // In English the screen speaks English only.
    await page.locator(".staff > header button", { hasText: /^English$/ }).click();
    await section(page, "catalog");
    expect(await page.locator(".admin-tabs [data-section=catalog]").textContent()).toBe("Fields & procedures");
    expect(await page.locator(".admin-bar button[name=save]").textContent()).toBe("Save changes");
    await page.screenshot({ path: join(OUT, "staff-admin-services-en.png") });
    await page.close();
  }, 60_000);

  it("opens a field to appointments, adds a holiday and a Saturday worked, and the booking page follows the calendar", async () => {
    const page = await openAdmin();
    const today = vnToday();
    const taken = new Set(hall.server.service.config.calendar.holidays.map((h) => h.date));
    const ahead = Array.from({ length: 13 }, (_, i) => addDays(today, i + 1)).filter((d) => !taken.has(d));
    // A weekday the center works, two days out or more, becomes a holiday; a Saturday is worked in exchange.
    const holiday = ahead.find((d) => d > addDays(today, 1) && isoWeekday(d) <= 5)!;
    const saturday = ahead.find((d) => isoWeekday(d) === 6)!;
    const [y, m, d] = holiday.split("-").map(Number);

    // Fields: Lý lịch tư pháp takes appointments of 20 minutes, 4 people each.
    await section(page, "catalog");
    const field = page.locator("[data-part=fields] tr[data-field=ly-lich-tu-phap]");
    expect(await field.locator("input[name=slotMinutes]").count()).toBe(0);
    expect(await page.locator("[data-part=fields] tr[data-field=ho-tich] input[name=slotMinutes]").inputValue()).toBe("30");
    await field.locator("input[name=appointments]").check();
    expect(await field.locator("input[name=appointments]").getAttribute("role")).toBe("switch");
    // A slot too short is marked here, and a save is refused at its box in words; the edits stay.
    await field.locator("input[name=slotMinutes]").fill("3");
    await field.locator("input[name=capacity]").fill("4");
    expect(await field.locator("input[name=slotMinutes]").getAttribute("aria-invalid")).toBe("true");
    expect(await field.locator("[data-booking-note]").textContent()).toBe("5–240 phút");
    await page.locator(".admin-bar button[name=save]").click();
    await expect.poll(() => page.locator("[data-status=error]").count(), { timeout: 10_000 }).toBe(1);
    expect(await field.locator("[data-problem=slotMinutes]").textContent()).toBe("Khung giờ hẹn phải là số nguyên từ 5 đến 240 phút.");
    expect(await page.locator("[data-status=error] .problem-list").textContent()).toContain("Lĩnh vực «Lý lịch tư pháp» — Khung giờ hẹn phải là số nguyên từ 5 đến 240 phút.");
    expect(hall.server.service.config.fields.find((f) => f.id === "ly-lich-tu-phap")!.appointments).toBeNull();
    expect(await field.locator("input[name=capacity]").inputValue()).toBe("4");
    await field.locator("input[name=slotMinutes]").fill("20");
    expect(await field.locator("input[name=slotMinutes]").getAttribute("aria-invalid")).toBeNull();
    // 07:00–11:30 holds 13 slots of 20 minutes and 13:30–17:00 holds 10.
    expect(await field.locator("[data-booking-note]").textContent()).toBe("23 khung giờ mỗi ngày, tối đa 92 lượt hẹn.");
    expect(await tooSmall(page)).toEqual([]);
    await field.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "staff-admin-fields-appointments.png") });

    // The working calendar: Monday to Friday, the holidays in date order.
    await section(page, "calendar");
    const pressed = () => page.locator(".weekdays button[aria-pressed=true]").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-weekday"))));
    expect(await pressed()).toEqual([1, 2, 3, 4, 5]);
    expect(await page.locator(".weekdays button").allTextContents()).toEqual(["✓Thứ HaiMonday", "✓Thứ BaTuesday", "✓Thứ TưWednesday", "✓Thứ NămThursday", "✓Thứ SáuFriday", "Thứ BảySaturday", "Chủ nhậtSunday"]);
    expect(await page.locator("[data-bookable]").allTextContents()).toContain("Lý lịch tư pháp: 20 phút × 4 người");
    const holidayDates = () => page.locator("[data-part=holidays] tbody tr").evaluateAll((els) => els.map((e) => e.getAttribute("data-holiday")));
    const before = await holidayDates();
    expect(before).toEqual([...before].sort());
    // Typed the way people here write a date; leaving the row puts it in the usual form and in its place.
    await page.locator("button[name=addHoliday]").click();
    const added = page.locator("[data-part=holidays] tr.new").last();
    await added.locator("input[name=date]").fill(`${d}/${m}/${y}`);
    await added.locator("input[name=name]").fill("Nghỉ lễ kỷ niệm thành lập tỉnh");
    await added.locator("input[name=nameEn]").fill("Province Day");
    // A holiday this screen no longer wants goes; a Saturday worked in exchange comes.
    await page.locator("[data-part=holidays] tr[data-holiday='2027-11-24'] [data-action=remove]").click();
    await page.locator("button[name=addExtraDay]").click();
    await page.locator("[data-part=extra-days] tr.new input[name=date]").fill(saturday);
    const row = page.locator(`[data-part=holidays] tr[data-holiday='${holiday}']`);
    // Shown day first, the way it is read here; the server gets YYYY-MM-DD.
    expect(await row.locator("input[name=date]").inputValue()).toBe(`${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`);
    expect(await row.locator("td.weekday .day").textContent()).toBe(["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu"][isoWeekday(holiday) - 1]);
    // The new row waits at the end while the admin works (no row jumps under the pointer)…
    const after = [...before.filter((x) => x !== "2027-11-24"), holiday].sort();
    expect(await holidayDates()).toEqual([...before.filter((x) => x !== "2027-11-24"), holiday]);
    expect(await page.locator(`[data-part=extra-days] tr[data-extra-day='${saturday}'] td.weekday .day`).textContent()).toBe("Thứ Bảy");
    expect(await tooSmall(page)).toEqual([]);

    // The five rules of appointments, in Vietnamese, with the rest.
    await section(page, "rules");
    expect(await page.locator("[data-part=booking-rules] .label").allTextContents()).toEqual([
      "Đặt lịch trước tối đa (ngày)",
      "Nhận lịch sớm (phút trước giờ hẹn)",
      "Nhận lịch muộn (phút sau giờ hẹn)",
      "Số lịch hẹn tối đa mỗi số điện thoại",
      "Số lượt đặt lịch tối đa mỗi mạng/ngày",
    ]);
    expect(await page.locator("input[data-rule=bookAheadDays]").inputValue()).toBe("14");
    await page.locator("input[data-rule=bookAheadDays]").fill("21");
    await page.locator("input[data-rule=appointmentsPerPhone]").fill("3");
    await page.locator("[data-part=booking-rules]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "staff-admin-rules-appointments.png") });
    await save(page);

    const config = hall.server.service.config;
    expect(config.fields.find((f) => f.id === "ly-lich-tu-phap")!.appointments).toEqual({ slotMinutes: 20, capacity: 4 });
    expect(config.calendar.holidays.find((h) => h.date === holiday)).toEqual({ date: holiday, name: "Nghỉ lễ kỷ niệm thành lập tỉnh", nameEn: "Province Day" });
    expect(config.calendar.holidays.map((h) => h.date)).toEqual(after);
    expect(config.calendar.extraWorkingDays).toEqual([saturday]);
    expect(config.calendar.workingDays).toEqual([1, 2, 3, 4, 5]);
    expect(config.rules).toMatchObject({ bookAheadDays: 21, appointmentsPerPhone: 3, checkInEarlyMinutes: 30, checkInLateMinutes: 15, appointmentsPerIpPerDay: 10 });
    const c = client(hall.server.url);
    const admin = await c.login("admin", "admin");
    expect((await c.api("GET", "/api/admin/config", { token: admin })).body.calendar.holidays.map((h: { date: string }) => h.date)).toEqual(after);
    // …and takes its place in date order once saved.
    await section(page, "calendar");
    expect(await holidayDates()).toEqual(after);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, "staff-admin-calendar.png"), fullPage: true });

    // The public booking page offers the field, shuts the holiday and opens the Saturday, 21 days ahead.
    const offer = await c.api("GET", "/api/appointments");
    expect(offer.status).toBe(200);
    expect(offer.body.fields.find((f: { id: string }) => f.id === "ly-lich-tu-phap")).toMatchObject({ slotMinutes: 20, services: [{ id: "ly-lich-tu-phap" }] });
    expect(offer.body.days).toHaveLength(22);
    expect(offer.body.days[0].date).toBe(today);
    expect(offer.body.days.find((x: { date: string }) => x.date === holiday)).toEqual({ date: holiday, open: false, holiday: "Nghỉ lễ kỷ niệm thành lập tỉnh", holidayEn: "Province Day" });
    expect(offer.body.days.find((x: { date: string }) => x.date === saturday)).toMatchObject({ open: true, holiday: null });
    const slots = await c.api("GET", `/api/appointments/slots?fieldId=ly-lich-tu-phap&date=${saturday}`);
    expect(slots.body).toMatchObject({ fieldId: "ly-lich-tu-phap", date: saturday, open: true });
    expect(slots.body.slots).toHaveLength(23);
    expect(slots.body.slots[0]).toEqual({ time: "07:00", left: 4 });

    // In English: the tab, the weekdays and the rules speak English.
    await page.locator(".staff > header button", { hasText: /^English$/ }).click();
    expect(await page.locator(".admin-tabs [data-section=calendar]").textContent()).toBe("Working calendar");
    expect(await page.locator(`[data-part=holidays] tr[data-holiday='${holiday}'] td.weekday .day`).textContent()).toBe(
      ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][isoWeekday(holiday) - 1],
    );
    await page.close();
  }, 90_000);
});
