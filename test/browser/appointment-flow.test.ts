import { join } from "node:path";
import { devices } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tcpPrinter, VirtualPrinter } from "@motcua/printer-driver";
import { startStationAgent, type StationAgent } from "@motcua/station-agent";
import { takeTicket } from "../helpers/kiosk.ts";
import { ask, connect, connected, KIOSK, STATION } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { staffLogIn } from "../helpers/staff.ts";

const PHONE = { ...devices["Galaxy S5"]!, viewport: { width: 360, height: 780 } };
/** A moment on Friday 27/11/2026, Hanoi time. */
const hanoi = (h: number, m = 0) => Date.parse(`2026-11-27T${String(h - 7).padStart(2, "0")}:${String(m).padStart(2, "0")}:00Z`);

/**
 * The whole way of a booked citizen, each part on its own screen: booked on a phone at home, checked
 * in by the kiosk's scanner reading the phone's QR, and called by the officer's Next key at the
 * slot's time ahead of a walk-in who took a number earlier — while the phone follows it all.
 */
describe("an appointment from phone to counter", () => {
  let now = hanoi(9, 0);
  const hall = useHall({ server: async () => ({ clock: () => now, tickMs: 200 }) });
  let printer: VirtualPrinter;
  let agent: StationAgent;
  beforeAll(async () => {
    printer = new VirtualPrinter("80mm");
    agent = startStationAgent({ serverUrl: hall.server.url, key: STATION, printer: tcpPrinter("127.0.0.1", await printer.listen(0), 1000), paper: "80mm" });
  }, 30_000);
  afterAll(async () => {
    await agent?.idle();
    agent?.close();
    await printer?.close();
  });

  it("books at home, checks in at the kiosk, and is called at 10:00 before a walk-in who came earlier", async () => {
    // 09:00, at home: Hộ tịch, Đăng ký khai sinh, today at 10:00.
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const mobile = await phone.newPage();
    const status = () => mobile.locator("main").getAttribute("data-status");
    await mobile.goto(`${hall.server.url}/c/hen`);
    await mobile.locator("button.choice", { hasText: "Hộ tịch" }).click();
    await mobile.locator("button.choice", { hasText: "Đăng ký khai sinh" }).click();
    await mobile.locator('button.day[data-date="2026-11-27"]').click();
    await mobile.locator('button.slot[data-time="10:00"]').click();
    await mobile.locator("input[name=phone]").fill("0912 345 678");
    await mobile.locator("button[type=submit]").click();
    await mobile.locator("button.confirm").click();
    await mobile.waitForURL(/\/f\/[A-Za-z0-9_-]{16,64}$/);
    await expect.poll(() => status()).toBe("booked");
    const bookingUrl = mobile.url();

    // 09:35, in the hall: a walk-in takes a number at the kiosk first.
    now = hanoi(9, 35);
    const kiosk = await hall.browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${hall.server.url}/kiosk/?key=${KIOSK}`);
    await expect.poll(() => kiosk.locator(".tile").count(), { timeout: 15_000 }).toBeGreaterThan(5);
    const walkIn = await takeTicket(kiosk, "ho-tich", "Đăng ký khai sinh");
    await kiosk.locator(".choice.main", { hasText: "Xong" }).click();

    // 09:40: the booked citizen holds the phone's QR to the kiosk's scanner.
    now = hanoi(9, 40);
    const station = connect(hall.server.url, "/station", STATION);
    await connected(station);
    expect(await ask(station, "scan:forward", { kioskId: "kiosk-sanh", text: bookingUrl })).toMatchObject({ ok: true });
    station.close();
    await expect.poll(() => kiosk.locator(".ticket-facts .appointment").textContent(), { timeout: 15_000 }).toContain("Lịch hẹn lúc 10:00");
    const booked = (await kiosk.locator(".ticket-facts .number").textContent())!;
    expect(booked).not.toBe(walkIn);
    // The phone turns into the ticket's page by itself.
    await expect.poll(() => status(), { timeout: 10_000 }).toBe("waiting");
    expect(await mobile.locator(".number").textContent()).toBe(booked);

    // 09:50: counter 1 opens; before the slot, Next calls the walk-in who came first.
    now = hanoi(9, 50);
    const officer = await hall.browser.newPage({ viewport: { width: 1600, height: 900 } });
    await staffLogIn(officer, hall.server.url, "canbo1");
    await officer.locator(".counter-choice[data-counter=quay-1]").click();
    await expect.poll(() => officer.locator(".terminal").getAttribute("data-counter")).toBe("quay-1");
    // A second walk-in, who will still be waiting when the slot begins.
    await kiosk.locator(".choice.main", { hasText: "Xong" }).click();
    const walkIn2 = await takeTicket(kiosk, "ho-tich", "Đăng ký khai sinh");
    await officer.keyboard.press("F1");
    await expect.poll(() => officer.locator(".current .number").textContent()).toBe(walkIn);
    await officer.keyboard.press("F3");
    await expect.poll(() => officer.locator(".current .meta").textContent()).toContain("Đang phục vụ");
    await officer.keyboard.press("F4");
    await expect.poll(() => officer.locator(".current .number").count()).toBe(0);

    // 10:00: the slot begins; Next calls the appointment, though walkIn2 has waited longer.
    now = hanoi(10, 0);
    await officer.keyboard.press("F1");
    await expect.poll(() => officer.locator(".current .number").textContent()).toBe(booked);
    expect(hall.server.service.state.tickets[`2026-11-27-${walkIn2}`]!.status).toBe("waiting");
    await expect.poll(() => status(), { timeout: 10_000 }).toBe("called");
    expect(await mobile.locator("main").textContent()).toContain("quầy số 1");
    await mobile.screenshot({ path: join(OUT, "citizen-book-called.png") });
    await phone.close();
  }, 120_000);
});
