import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { localParts } from "@motcua/engine";
import { openAdmin as openStaffAdmin } from "../helpers/staff.ts";
import { ask, client, connect, connected, KIOSK } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { hallClock } from "../helpers/clock.ts";

// The administration screen as a clerk meets it: refusals in words beside their boxes, a
// procedure saved before any counter takes it, dates typed day first, opening hours on screen.

const SAVED = "Đã lưu. Các màn hình cập nhật ngay.";
const vnToday = () => localParts(hallClock()).date;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const isoWeekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay() || 7;
const dayFirst = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

describe("the administration screen in Vietnamese, in a real browser against the real server", () => {
  const hall = useHall();

  const openAdmin = () => openStaffAdmin(hall.browser, hall.server.url);
  const section = (page: Page, name: string) => page.locator(`.admin-tabs [data-section=${name}]`).click();
  const saveButton = (page: Page) => page.locator(".admin-bar button[name=save]");
  async function save(page: Page): Promise<void> {
    await saveButton(page).click();
    await expect.poll(() => page.locator("[data-status]").getAttribute("data-status"), { timeout: 10_000 }).toBe("saved");
    expect(await page.locator("[data-status=saved]").textContent()).toBe(SAVED);
  }
  const activeName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("name") ?? null);

  it("says an invalid service time beside its box in Vietnamese, takes the cursor there, and loses nothing else", async () => {
    const before = JSON.stringify(hall.server.service.config);
    const page = await openAdmin();
    // Two good edits elsewhere, then one bad one.
    await page.locator("input[data-center][name=address]").fill("Số 36 Trần Phú, phường Xuân Hương – Đà Lạt");
    await section(page, "rules");
    await page.locator("input[data-rule=bookAheadDays]").fill("21");
    await section(page, "catalog");
    const ketHon = page.locator("[data-part=services] tr[data-service=ket-hon]");
    await ketHon.locator("input[name=defaultServiceMinutes]").fill("300");
    await section(page, "center");
    await saveButton(page).click();

    // The screen goes to the procedure's row, puts the cursor in the box and says what to do.
    await expect.poll(() => page.locator("[data-body]").getAttribute("data-body"), { timeout: 10_000 }).toBe("catalog");
    const box = ketHon.locator("input[name=defaultServiceMinutes]");
    await expect.poll(() => activeName(page)).toBe("defaultServiceMinutes");
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    const said = ketHon.locator("[data-problem=defaultServiceMinutes]");
    expect(await said.textContent()).toBe("Thời gian phục vụ phải là số phút lớn hơn 0, tối đa 240.");
    expect(await box.getAttribute("aria-describedby")).toBe(await said.getAttribute("id"));
    // Outlined in red, next to the box (under it, within its cell), not in a banner far away.
    expect(await box.evaluate((e) => getComputedStyle(e).borderTopColor)).toBe("rgb(179, 0, 27)");
    const [b, s] = [(await box.boundingBox())!, (await said.boundingBox())!];
    expect(s.y - (b.y + b.height)).toBeLessThan(12);
    expect(Math.abs(s.x - b.x)).toBeLessThan(4);
    expect(await page.locator("[data-status=error] > p").textContent()).toBe("Chưa lưu được: 1 chỗ cần sửa, đã tô đỏ tại từng ô. Mọi thay đổi khác vẫn giữ nguyên.");
    expect(await page.locator("[data-status=error] .problem-list li").allTextContents()).toEqual(["Thủ tục «Đăng ký kết hôn» — Thời gian phục vụ phải là số phút lớn hơn 0, tối đa 240."]);
    expect(await page.locator(".admin-tabs [data-section=catalog] .tab-problems").textContent()).toBe("1");
    expect(await page.locator(".admin-tabs [data-section=rules] .tab-problems").count()).toBe(0);
    // No raw schema path anywhere on the screen.
    expect(await page.locator(".admin").textContent()).not.toContain("services.");
    await page.screenshot({ path: join(OUT, "staff-admin-refused.png") });
    expect(JSON.stringify(hall.server.service.config)).toBe(before);

    // Fixed: the mark goes as it is typed away; the other edits were kept and all three are saved.
    await box.fill("12");
    expect(await box.getAttribute("aria-invalid")).toBeNull();
    expect(await page.locator("[data-status=error]").count()).toBe(0);
    await save(page);
    const config = hall.server.service.config;
    expect(config.services.find((x) => x.id === "ket-hon")!.defaultServiceMinutes).toBe(12);
    expect(config.center.address).toBe("Số 36 Trần Phú, phường Xuân Hương – Đà Lạt");
    expect(config.rules.bookAheadDays).toBe(21);

    // In English, English words at the same place.
    await page.locator(".staff > header button", { hasText: /^English$/ }).click();
    await box.fill("0");
    await saveButton(page).click();
    await expect.poll(() => ketHon.locator("[data-problem=defaultServiceMinutes]").textContent(), { timeout: 10_000 }).toBe("Service time must be a number of minutes above 0, at most 240.");
    await page.locator(".admin-bar button[name=revert]").click();
    expect(await ketHon.locator("[data-problem]").count()).toBe(0);
    await page.close();
  }, 90_000);

  it("saves a procedure no counter takes yet, warns that citizens cannot take a number, and no kiosk offers it", async () => {
    const page = await openAdmin();
    await section(page, "catalog");
    await page.locator("[data-part=services] button[name=addService]").click();
    const row = page.locator("[data-part=services] tr.new").last();
    await row.locator("input[name=name]").fill("Đăng ký thường trú");
    await row.locator("input[name=code]").fill("T");
    await row.locator("input[name=nameEn]").fill("Permanent residence registration");
    await row.locator("select[name=fieldId]").selectOption("ho-tich");
    await save(page);
    expect(await page.locator("[data-warning=unserved]").textContent()).toBe(
      "Chưa có quầy nào nhận «Đăng ký thường trú» — công dân chưa lấy số được. Thêm thủ tục vào một quầy ở mục «Quầy».",
    );
    expect(await page.locator("tr[data-service=dang-ky-thuong-tru] .served").textContent()).toBe("Chưa có quầy nào nhận thủ tục này — công dân chưa lấy số được");
    await page.locator("tr[data-service=dang-ky-thuong-tru]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "staff-admin-unserved.png") });
    expect(hall.server.service.config.services.find((s) => s.id === "dang-ky-thuong-tru")).toMatchObject({ code: "T", fieldId: "ho-tich" });

    // Saved, and offered nowhere: not in the kiosk's picture, its procedures, nor the public list.
    const kiosk = connect(hall.server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const sync = await ask(kiosk, "kiosk:sync");
    if (!sync.ok) throw new Error(sync.message);
    expect(sync.data.services.map((s) => s.id)).not.toContain("dang-ky-thuong-tru");
    expect(sync.data.services.map((s) => s.id)).toContain("ket-hon");
    const procedures = await ask(kiosk, "procedures:list");
    expect(procedures.ok && procedures.data.some((p) => p.serviceId === "dang-ky-thuong-tru")).toBe(false);
    const listed = await client(hall.server.url).api("GET", "/api/services");
    expect(listed.body.map((s: { id: string }) => s.id)).not.toContain("dang-ky-thuong-tru");
    // A number asked for it anyway (a kiosk that has not heard yet) is refused in words.
    const issued = await client(hall.server.url).api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "dang-ky-thuong-tru" } });
    expect(issued.body).toMatchObject({ code: "UNKNOWN_SERVICE" });

    // Once a counter takes it, it is offered.
    await section(page, "counters");
    await page.locator(".counter[data-counter=quay-1] select[name=addService]").selectOption("dang-ky-thuong-tru");
    await save(page);
    expect(await page.locator("[data-warning=unserved]").count()).toBe(0);
    await expect.poll(async () => ((await ask(kiosk, "kiosk:sync")) as { data: { services: { id: string }[] } }).data.services.some((s) => s.id === "dang-ky-thuong-tru")).toBe(true);
    kiosk.close();
    await page.close();
  }, 90_000);

  it("takes a holiday typed 2/9/2027 as 02/09/2027, and refuses 31/02/2027 in words", async () => {
    const page = await openAdmin();
    await section(page, "calendar");
    // The demo has National Day already: this screen removes it and types it again.
    await page.locator("[data-part=holidays] tr[data-holiday='2027-09-02'] [data-action=remove]").click();
    await page.locator("button[name=addHoliday]").click();
    const added = page.locator("[data-part=holidays] tr.new").last();
    await added.locator("input[name=date]").fill("2/9/2027");
    await added.locator("input[name=name]").click();
    await expect.poll(() => added.locator("input[name=date]").inputValue()).toBe("02/09/2027");
    expect(await added.locator("input[name=date]").getAttribute("placeholder")).toBe("dd/mm/yyyy");
    await expect.poll(() => added.locator("td.weekday .day").textContent()).toBe("Thứ Năm");
    await added.locator("input[name=name]").fill("Lễ Quốc khánh");
    await added.locator("input[name=nameEn]").fill("National Day holiday");

    await page.locator("button[name=addHoliday]").click();
    const wrong = page.locator("[data-part=holidays] tr.new").last();
    await wrong.locator("input[name=date]").fill("31/02/2027");
    await wrong.locator("input[name=name]").fill("Ngày không có");
    // Said as soon as the box is left, before any save.
    await expect.poll(() => wrong.locator("[data-problem=date]").textContent()).toBe("Không có ngày 31/02/2027: tháng 2 năm 2027 chỉ có 28 ngày.");
    await wrong.locator("input[name=nameEn]").fill("No such day");
    const before = JSON.stringify(hall.server.service.config.calendar);
    await saveButton(page).click();
    await expect.poll(() => page.locator("[data-status=error] .problem-list li").allTextContents(), { timeout: 10_000 }).toEqual([
      "Ngày nghỉ 31/02/2027 — Không có ngày 31/02/2027: tháng 2 năm 2027 chỉ có 28 ngày.",
    ]);
    await expect.poll(() => activeName(page)).toBe("date");
    expect(await wrong.locator("input[name=date]").getAttribute("aria-invalid")).toBe("true");
    await wrong.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "staff-admin-date-refused.png") });
    expect(JSON.stringify(hall.server.service.config.calendar)).toBe(before);

    await wrong.locator("[data-action=remove]").click();
    await save(page);
    const holidays = hall.server.service.config.calendar.holidays;
    expect(holidays.filter((h) => h.date === "2027-09-02")).toEqual([{ date: "2027-09-02", name: "Lễ Quốc khánh", nameEn: "National Day holiday" }]);
    expect(holidays.some((h) => h.name === "Ngày không có")).toBe(false);
    await expect.poll(() => page.locator("[data-part=holidays] tr[data-holiday='2027-09-02'] input[name=date]").inputValue()).toBe("02/09/2027");
    await page.close();
  }, 90_000);

  it("edits opening hours, a Saturday morning and winter hours on screen, and the kiosk and the booking page follow them", async () => {
    const today = vnToday();
    const config0 = hall.server.service.config;
    const holiday = new Set(config0.calendar.holidays.map((h) => h.date));
    const ahead = Array.from({ length: 13 }, (_, i) => addDays(today, i + 1)).filter((d) => !holiday.has(d));
    const saturday = ahead.find((d) => isoWeekday(d) === 6)!;
    const monday = ahead.find((d) => isoWeekday(d) === 1)!;
    // Today is a working weekday the hall is open on (the hall clock's morning).
    expect(isoWeekday(today)).toBeLessThanOrEqual(5);

    const page = await openAdmin();
    await section(page, "calendar");
    const hours = page.locator("[data-part=hours]");
    // The morning opens at 07:30, typed the short way.
    const morningFrom = hours.locator(".session[data-session='0'] input[name=from]").first();
    await morningFrom.fill("7h30");
    await hours.locator(".session[data-session='0'] input[name=to]").first().click();
    expect(await morningFrom.inputValue()).toBe("07:30");
    // Saturdays are worked, in the morning only.
    await page.locator(".weekdays button[data-weekday='6']").click();
    await hours.locator("button[name=addWeekday]").click();
    const sat = hours.locator("[data-weekday-hours='6']");
    expect(await sat.locator("select[name=weekday]").inputValue()).toBe("6");
    expect(await sat.locator("input[name=from]").inputValue()).toBe("07:30");
    expect(await sat.locator("input[name=to]").inputValue()).toBe("11:30");
    expect(await sat.locator(".session").count()).toBe(1);

    // A time that is no time is said so beside its box; the hours are not sent.
    const afternoonTo = hours.locator(".sessions").first().locator(".session[data-session='1'] input[name=to]");
    await afternoonTo.fill("25:00");
    await saveButton(page).click();
    await expect.poll(() => hours.locator("[data-problem='sessions.1.to']").textContent(), { timeout: 10_000 }).toBe("Giờ viết theo dạng giờ:phút, 24 giờ, ví dụ 07:30 hoặc 13:30.");
    await afternoonTo.fill("17:00");

    // Winter hours from today for two months: the afternoon ends at 16:30; Saturday 08:00–11:00.
    await page.locator("button[name=addSeason]").click();
    const season = page.locator("[data-part=seasons] .season").last();
    await season.locator("input[name=name]").first().fill("Giờ mùa đông");
    await season.locator("input[name=nameEn]").first().fill("Winter hours");
    const last = addDays(today, 60);
    await season.locator("input[name=from]").first().fill(dayFirst(today).replace(/^0/, ""));
    await season.locator("input[name=to]").first().fill(last.split("-").reverse().join("-"));
    await season.locator("input[name=name]").first().click();
    expect(await season.locator("input[name=from]").first().inputValue()).toBe(dayFirst(today));
    expect(await season.locator("input[name=to]").first().inputValue()).toBe(dayFirst(last));
    expect(await season.locator(".in-force").count()).toBe(1);
    const seasonSessions = season.locator(".sessions").first();
    await seasonSessions.locator(".session[data-session='1'] input[name=from]").fill("13:00");
    await seasonSessions.locator(".session[data-session='1'] input[name=to]").fill("16:30");
    const seasonSat = season.locator("[data-weekday-hours='6']");
    await seasonSat.locator("input[name=from]").fill("08:00");
    await seasonSat.locator("input[name=to]").fill("11:00");
    // The card's heading just under the sticky bar, as a clerk scrolls to it.
    await hours.evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 80));
    await page.screenshot({ path: join(OUT, "staff-admin-hours.png") });
    await save(page);

    const center = hall.server.service.config.center;
    expect(center.openingHours).toEqual([
      { from: "07:30", to: "11:30" },
      { from: "13:30", to: "17:00" },
    ]);
    expect(center.weekdayHours).toEqual([{ weekday: 6, sessions: [{ from: "07:30", to: "11:30" }] }]);
    expect(center.seasons).toEqual([
      {
        name: "Giờ mùa đông",
        nameEn: "Winter hours",
        from: today,
        to: last,
        openingHours: [
          { from: "07:30", to: "11:30" },
          { from: "13:00", to: "16:30" },
        ],
        weekdayHours: [{ weekday: 6, sessions: [{ from: "08:00", to: "11:00" }] }],
      },
    ]);
    expect(hall.server.service.config.calendar.workingDays).toEqual([1, 2, 3, 4, 5, 6]);

    // The kiosk hears it: today closes at 16:30, the winter afternoon's end.
    const kiosk = connect(hall.server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const sync = await ask(kiosk, "kiosk:sync");
    if (!sync.ok) throw new Error(sync.message);
    expect(sync.data.hours).toMatchObject({ open: true, changesAt: new Date(`${today}T16:30:00+07:00`).toISOString() });
    kiosk.close();
    // The booking page: a winter Saturday is 08:00–11:00, a winter Monday opens at 07:30 and resumes at 13:00.
    const c = client(hall.server.url);
    const sat1 = await c.api("GET", `/api/appointments/slots?fieldId=ho-tich&date=${saturday}`);
    expect(sat1.body).toMatchObject({ open: true });
    expect(sat1.body.slots.map((s: { time: string }) => s.time)).toEqual(["08:00", "08:30", "09:00", "09:30", "10:00", "10:30"]);
    const mon = await c.api("GET", `/api/appointments/slots?fieldId=ho-tich&date=${monday}`);
    const times = mon.body.slots.map((s: { time: string }) => s.time);
    expect(times[0]).toBe("07:30");
    expect(times).toContain("13:00");
    expect(times).not.toContain("16:30");
    expect(times.at(-1)).toBe("16:00");

    // Reloaded, the screen shows what was saved.
    await page.reload();
    await page.getByRole("button", { name: "Quản trị", exact: true }).click();
    await section(page, "calendar");
    expect(await page.locator("[data-part=seasons] .season input[name=from]").first().inputValue()).toBe(dayFirst(today));
    expect(await page.locator("[data-part=hours] [data-weekday-hours='6'] input[name=from]").inputValue()).toBe("07:30");
    await page.close();
  }, 120_000);
});
