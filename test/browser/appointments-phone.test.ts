import { join } from "node:path";
import { devices, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ask, client, connect, connected, KIOSK } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";

/** A modest Android phone, 360 px wide, as most citizens carry. */
const PHONE = { ...devices["Galaxy S5"]!, viewport: { width: 360, height: 780 } };
const CODE = /^[2-9A-HJKMNP-Z]{3} [2-9A-HJKMNP-Z]{3}$/;
const step = (page: Page) => page.locator("main").getAttribute("data-step");
const status = (page: Page) => page.locator("main").getAttribute("data-status");

describe("an appointment booked on a phone", () => {
  // Friday 27/11/2026, 09:00 in Hanoi: the center is open and the morning's later slots are free.
  const hall = useHall({ server: async () => ({ clock: () => Date.parse("2026-11-27T02:00:00Z") }) });

  it("books a later slot today, shows its code and QR, refuses a second one in the same field that day, and cancels", async () => {
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await phone.newPage();
    await page.goto(`${hall.server.url}/c/`);
    await expect.poll(() => page.locator("label.choice").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(OUT, "citizen-book-entry.png") });
    await page.locator("a.book-entry", { hasText: "Đặt lịch hẹn" }).click();
    await expect.poll(() => step(page)).toBe("field");
    expect(await page.locator("h2").textContent()).toBe("Chọn lĩnh vực");
    await page.screenshot({ path: join(OUT, "citizen-book-field.png") });

    await page.locator("button.choice", { hasText: "Hộ tịch" }).click();
    await expect.poll(() => step(page)).toBe("service");
    await page.locator("button.choice", { hasText: "Đăng ký khai sinh" }).click();
    await expect.poll(() => step(page)).toBe("day");
    // Weekends are shown but cannot be chosen; days read as Vietnamese say them.
    expect(await page.locator('button.day[data-date="2026-11-27"]').textContent()).toBe("Thứ Sáu 27/11Hôm nay");
    expect(await page.locator('button.day[data-date="2026-11-28"]').isDisabled()).toBe(true);
    expect(await page.locator('button.day[data-date="2026-11-30"] .dname').textContent()).toBe("Thứ Hai 30/11");
    await page.screenshot({ path: join(OUT, "citizen-book-day.png"), fullPage: true });
    // English is one tap away, and back.
    await page.locator("header button").click();
    expect(await page.locator('button.day[data-date="2026-11-30"] .dname').textContent()).toBe("Monday 30/11");
    await page.locator("header button").click();

    await page.locator('button.day[data-date="2026-11-27"]').click();
    await expect.poll(() => step(page)).toBe("slot");
    await expect.poll(() => page.locator("button.slot").count()).toBeGreaterThan(5);
    // Slots that have begun are not offered; the first is 09:30, and 10:00 has all three places.
    expect(await page.locator("button.slot").first().getAttribute("data-time")).toBe("09:30");
    expect(await page.locator('button.slot[data-time="08:30"]').count()).toBe(0);
    expect(await page.locator('button.slot[data-time="10:00"]').textContent()).toBe("10:00Còn 3 chỗ");
    await page.screenshot({ path: join(OUT, "citizen-book-slot.png") });
    await page.locator('button.slot[data-time="10:00"]').click();

    await expect.poll(() => step(page)).toBe("phone");
    await page.locator("input[name=phone]").fill("0912 345 678");
    expect(await page.locator(".why").textContent()).toContain("chỉ được lưu dưới dạng mã");
    await page.screenshot({ path: join(OUT, "citizen-book-phone.png") });
    await page.locator("button[type=submit]").click();

    await expect.poll(() => step(page)).toBe("confirm");
    expect(await page.locator(".summary").textContent()).toContain("Thứ Sáu 27/11/2026");
    expect(await page.locator(".summary").textContent()).toContain("10:00–10:30");
    await page.screenshot({ path: join(OUT, "citizen-book-confirm.png") });
    await page.locator("button.confirm").click();

    await page.waitForURL(/\/f\/[A-Za-z0-9_-]{16,64}$/);
    await expect.poll(() => status(page)).toBe("booked");
    expect(await page.locator(".appt-day").textContent()).toBe("Thứ Sáu 27/11/2026");
    expect(await page.locator(".appt-time").textContent()).toBe("10:00");
    expect(await page.locator(".code").textContent()).toMatch(CODE);
    await expect.poll(() => page.locator(".qr svg").count()).toBe(1);
    expect(await page.locator(".qr").getAttribute("data-url")).toBe(page.url());
    expect(await page.locator(".how").textContent()).toBe("Đến kiosk từ 09:30 đến 10:15 và quét mã này (hoặc nhập mã).");
    expect(await page.locator(".keep").textContent()).toBe("Xin lưu lại trang này hoặc chụp màn hình để mang mã đến trung tâm.");
    await expect.poll(() => page.locator("footer .live").count()).toBe(1);
    await page.screenshot({ path: join(OUT, "citizen-book-booked.png"), fullPage: true });

    // The same phone, the same field, the same day: refused, with the reason on the page.
    const again = await phone.newPage();
    await again.goto(`${hall.server.url}/c/hen`);
    await again.locator("button.choice", { hasText: "Hộ tịch" }).click();
    await again.locator("button.choice", { hasText: "Đăng ký kết hôn" }).click();
    await again.locator('button.day[data-date="2026-11-27"]').click();
    await again.locator('button.slot[data-time="11:00"]').click();
    await again.locator("input[name=phone]").fill("0912345678");
    await again.locator("button[type=submit]").click();
    await again.locator("button.confirm").click();
    await expect.poll(() => again.locator("p.error").textContent()).toContain("số điện thoại này đã có lịch hẹn ở lĩnh vực này trong ngày đó");
    await again.screenshot({ path: join(OUT, "citizen-book-refused.png") });
    expect(await step(again)).toBe("confirm");
    expect(again.url()).toMatch(/\/c\/hen\/?$/);

    // Cancelled from the booking's page, after a second tap.
    await page.locator("button.cancel", { hasText: "Huỷ lịch hẹn" }).click();
    await page.locator("button.cancel.yes").click();
    await expect.poll(() => status(page)).toBe("cancelled");
    expect(await page.locator(".cancelled-note").textContent()).toBe("Đã huỷ lịch hẹn");
    expect(await page.locator(".code").count()).toBe(0);
    await page.screenshot({ path: join(OUT, "citizen-book-cancelled.png"), fullPage: true });
    const slots = await client(hall.server.url).api("GET", "/api/appointments/slots?fieldId=ho-tich&date=2026-11-27");
    expect(slots.body.slots.find((s: { time: string }) => s.time === "10:00").left).toBe(3);
    await phone.close();
  }, 90_000);

  it("turns into the ticket's follow page once the kiosk takes the code, saying the appointment's time", async () => {
    const c = client(hall.server.url);
    const made = await c.api("POST", "/api/appointments", { body: { serviceId: "dang-ky-doanh-nghiep", date: "2026-11-27", time: "09:30", phone: "0977 000 111" } });
    expect(made.status).toBe(201);
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await phone.newPage();
    await page.goto(`${hall.server.url}/f/${made.body.token}`);
    await expect.poll(() => status(page)).toBe("booked");
    await expect.poll(() => page.locator("footer .live").count()).toBe(1);
    // At the kiosk the QR will not scan: the citizen types the code as the phone shows it.
    const kiosk = connect(hall.server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const ticket = await ask(kiosk, "appointment:checkIn", { code: (await page.locator(".code").textContent())! });
    expect(ticket.ok).toBe(true);
    kiosk.close();
    await expect.poll(() => status(page)).toBe("waiting");
    expect(await page.locator(".number").textContent()).toBe(ticket.ok && ticket.data.number);
    expect(await page.locator(".appt-line").textContent()).toBe("Lịch hẹn lúc 09:30");
    await page.screenshot({ path: join(OUT, "citizen-book-checked-in.png") });
    await phone.close();
  }, 60_000);

  it("lets a number taken from home be given up before check-in", async () => {
    const c = client(hall.server.url);
    const taken = await c.api("POST", "/api/remote", { body: { serviceId: "tra-ket-qua", phone: "0987 654 321" } });
    expect(taken.status).toBeLessThan(300);
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await phone.newPage();
    await page.goto(`${hall.server.url}/f/${taken.body.token}`);
    await expect.poll(() => status(page)).toBe("reserved");
    await page.locator("button.cancel", { hasText: "Huỷ lượt" }).click();
    await page.locator("button.cancel.yes").click();
    await expect.poll(() => status(page)).toBe("cancelled");
    expect(await page.locator(".status").textContent()).toBe("Đã huỷ lượt");
    await phone.close();
  }, 60_000);
});

describe("an appointment whose slot fills up meanwhile", () => {
  // Monday 28/12/2026, 09:00: New Year's Day, Friday 1/1/2027, is among the days one may book.
  const hall = useHall({ server: async () => ({ clock: () => Date.parse("2026-12-28T02:00:00Z") }) });

  it("goes back to the times with the message, and keeps every choice when the line drops", async () => {
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await phone.newPage();
    await page.goto(`${hall.server.url}/c/hen`);
    // Đất đai has one procedure: the procedure step is skipped.
    await page.locator("button.choice", { hasText: "Đất đai" }).click();
    await expect.poll(() => step(page)).toBe("day");
    const holiday = page.locator('button.day[data-date="2027-01-01"]');
    expect(await holiday.isDisabled()).toBe(true);
    expect(await holiday.textContent()).toContain("Tết Dương lịch");
    await page.screenshot({ path: join(OUT, "citizen-book-day-holiday.png"), fullPage: true });
    await page.locator('button.day[data-date="2026-12-29"]').click();
    await page.locator('button.slot[data-time="09:00"]').click();
    await page.locator("input[name=phone]").fill("0903 111 222");
    await page.locator("button[type=submit]").click();
    await expect.poll(() => step(page)).toBe("confirm");

    // Two others take the last places while this citizen reads the summary.
    const c = client(hall.server.url);
    for (const other of ["0903 000 001", "0903 000 002"]) {
      const r = await c.api("POST", "/api/appointments", { body: { serviceId: "dang-ky-dat-dai", date: "2026-12-29", time: "09:00", phone: other } });
      expect(r.status).toBe(201);
    }
    await page.locator("button.confirm").click();
    await expect.poll(() => step(page)).toBe("slot");
    expect(await page.locator("p.error").textContent()).toBe("Khung giờ này vừa hết chỗ. Xin chọn giờ khác.");
    await expect.poll(() => page.locator('button.slot[data-time="09:00"]').isDisabled()).toBe(true);
    expect(await page.locator('button.slot[data-time="09:00"]').textContent()).toBe("09:00Hết chỗ");
    await page.screenshot({ path: join(OUT, "citizen-book-slot-full.png") });

    await page.locator('button.slot[data-time="09:30"]').click();
    expect(await page.locator("input[name=phone]").inputValue()).toBe("0903 111 222");
    await page.locator("button[type=submit]").click();
    // The line drops as they confirm: a plain message, and the same choices to try again.
    await page.route("**/api/appointments", (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue()));
    await page.locator("button.confirm").click();
    await expect.poll(() => page.locator("p.error").textContent()).toContain("Không kết nối được với trung tâm");
    expect(await page.locator(".summary").textContent()).toContain("09:30–10:00");
    expect(await page.locator("button.confirm").textContent()).toBe("Thử lại");
    await page.unroute("**/api/appointments");
    await page.locator("button.confirm").click();
    await page.waitForURL(/\/f\/[A-Za-z0-9_-]{16,64}$/);
    await expect.poll(() => status(page)).toBe("booked");
    expect(await page.locator(".appt-day").textContent()).toBe("Thứ Ba 29/12/2026");
    expect(await page.locator(".appt-time").textContent()).toBe("09:30");
    await page.locator("header button").click();
    expect(await page.locator(".appt-day").textContent()).toBe("Tuesday 29/12/2026");
    expect(await page.locator(".appt-title").textContent()).toBe("Appointment");
    await page.screenshot({ path: join(OUT, "citizen-book-booked-en.png") });
    await phone.close();
  }, 90_000);
});
