import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tcpPrinter, VirtualPrinter } from "@motcua/printer-driver";
import { startStationAgent, type StationAgent } from "@motcua/station-agent";
import { tapKeys } from "../helpers/kiosk.ts";
import { ask, client, connect, connected, KIOSK, STATION } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { drawn } from "../helpers/page.ts";

/** 09:05 in Hanoi on a Friday: the 09:30 slot's check-in window (09:00–09:45) is open. */
const MORNING = Date.parse("2026-11-27T02:05:00Z");
const TODAY = "2026-11-27";
const SIZES = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;

interface BookingMade {
  token: string;
  code: string;
  followUrl: string;
}

/**
 * A citizen books from their phone (public REST), then checks in at the kiosk by typing the
 * booking code or by scanning its QR: the kiosk shows a new ticket with its appointment time, and
 * the server prints it.
 */
describe("an appointment checked in at the kiosk", () => {
  let now = MORNING;
  const hall = useHall({ server: async () => ({ clock: () => now }) });
  let printer: VirtualPrinter;
  let agent: StationAgent;
  beforeAll(async () => {
    printer = new VirtualPrinter("80mm");
    const port = await printer.listen(0);
    agent = startStationAgent({ serverUrl: hall.server.url, key: STATION, printer: tcpPrinter("127.0.0.1", port, 1000), paper: "80mm" });
  }, 30_000);
  afterAll(async () => {
    await agent?.idle();
    agent?.close();
    await printer?.close();
  });

  // One phone per booking: a phone may hold only one appointment per field and day.
  let phones = 0;
  const book = async (time: string, serviceId = "khai-sinh"): Promise<BookingMade> => {
    const phone = `09123456${String(++phones).padStart(2, "0")}`;
    const r = await client(hall.server.url).api("POST", "/api/appointments", { body: { serviceId, date: TODAY, time, phone } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    return r.body as BookingMade;
  };
  const open = async (viewport: { width: number; height: number } = SIZES.portrait): Promise<Page> => {
    const page = await hall.browser.newPage({ viewport });
    // The header's clock shows the server's morning, not the test machine's hour.
    await page.clock.setFixedTime(now);
    await page.goto(`${hall.server.url}/kiosk/?key=${KIOSK}`);
    await expect.poll(() => page.locator(".tile").count(), { timeout: 15_000 }).toBeGreaterThan(5);
    return page;
  };
  /** The scanner at the kiosk's station reads a code; the station passes it on as text. */
  const scan = async (text: string) => {
    const station = connect(hall.server.url, "/station", STATION);
    await connected(station);
    expect(await ask(station, "scan:forward", { kioskId: "kiosk-sanh", text })).toMatchObject({ ok: true });
    station.close();
  };
  const typeCode = async (page: Page, code: string) => {
    await page.locator(".appointment-entry").click();
    await expect.poll(() => page.locator("[data-screen]").getAttribute("data-screen")).toBe("scan");
    await tapKeys(page, code);
    await page.locator(".choice.main", { hasText: "Tra cứu" }).click();
  };
  const screen = (page: Page) => page.locator("[data-screen]").getAttribute("data-screen");
  const ticketFor = (token: string) => Object.values(hall.server.service.state.tickets).find((t) => t.followToken === token);

  it("issues the ticket for a typed booking code (in any grouping), says when it will be called, and prints it", async () => {
    const booking = await book("09:30");
    const page = await open();
    expect(await page.locator(".appointment-entry").textContent()).toBe("Đã đặt lịch hẹn? Quét mã QR hoặc nhập mã lịch hẹn");
    await page.locator(".appointment-entry").click();
    expect(await page.locator(".scan-type .lead").textContent()).toContain("mã lịch hẹn");
    await page.locator("nav.actions .action", { hasText: "Lấy số thứ tự" }).click();
    // As printed on the phone: "7KM 3PQ".
    await typeCode(page, `${booking.code.slice(0, 3)} ${booking.code.slice(3).toLowerCase()}`);
    await expect.poll(() => screen(page)).toBe("ticket");
    const ticket = ticketFor(booking.token)!;
    expect(ticket).toMatchObject({ serviceId: "khai-sinh", status: "waiting", appointmentAt: Date.parse("2026-11-27T02:30:00Z") });
    expect(await page.locator(".ticket-facts .number").textContent()).toBe(ticket.number);
    expect(await page.locator(".ticket-facts .appointment").textContent()).toBe("Lịch hẹn lúc 09:30");
    expect(await page.locator(".ticket-facts").textContent()).toContain("Đăng ký khai sinh");
    // Its QR is the booking's own link, which the phone keeps following.
    await expect.poll(() => page.locator(".qr svg").count()).toBe(1);
    expect(await page.locator(".qr").getAttribute("data-url")).toBe(booking.followUrl);
    await expect.poll(() => page.locator(".print").getAttribute("data-print"), { timeout: 15_000 }).toBe("printed");
    await drawn(page);
    await page.screenshot({ path: join(OUT, "kiosk-appointment-portrait.png") });

    await page.locator("header .toggle", { hasText: "English" }).click();
    await expect.poll(() => page.locator(".ticket-facts .appointment").textContent()).toBe("Appointment at 09:30");
    await page.locator("header .toggle", { hasText: "Tiếng Việt" }).click();

    // Typed again (the citizen is unsure it worked): where that ticket stands, not a second one.
    await page.locator(".choice.main", { hasText: "Xong" }).click();
    await typeCode(page, booking.code);
    await expect.poll(() => screen(page)).toBe("status");
    expect(await page.locator(".ticket-facts .number").textContent()).toBe(ticketFor(booking.token)!.number);
    expect(Object.values(hall.server.service.state.tickets).filter((t) => t.followToken === booking.token)).toHaveLength(1);
    await page.close();
  }, 90_000);

  it("issues the ticket for the booking's QR read by the kiosk's scanner, and shows where it stands when scanned again", async () => {
    const booking = await book("09:30", "ket-hon");
    const page = await open(SIZES.landscape);
    await scan(booking.followUrl);
    await expect.poll(() => screen(page)).toBe("ticket");
    const ticket = ticketFor(booking.token)!;
    expect(ticket).toMatchObject({ serviceId: "ket-hon", appointmentAt: Date.parse("2026-11-27T02:30:00Z") });
    expect(await page.locator(".ticket-facts .number").textContent()).toBe(ticket.number);
    expect(await page.locator(".ticket-facts .appointment").textContent()).toBe("Lịch hẹn lúc 09:30");
    await expect.poll(() => page.locator(".qr svg").count()).toBe(1);
    await expect.poll(() => page.locator(".print").getAttribute("data-print"), { timeout: 15_000 }).toBe("printed");
    await drawn(page);
    await page.screenshot({ path: join(OUT, "kiosk-appointment-landscape.png") });

    // The same QR again (the paper ticket, or the phone): the ticket it became, not a second one.
    await page.locator(".choice.main", { hasText: "Xong" }).click();
    await page.keyboard.type(`${booking.followUrl}\n`, { delay: 0 });
    await expect.poll(() => screen(page)).toBe("status");
    expect(await page.locator(".ticket-facts .number").textContent()).toBe(ticket.number);
    expect(await page.locator(".ticket-facts .appointment").textContent()).toBe("Lịch hẹn lúc 09:30");
    expect(Object.values(hall.server.service.state.tickets).filter((t) => t.followToken === booking.token)).toHaveLength(1);
    await page.close();
  }, 90_000);

  it("turns away a booking too early, a cancelled one and an unknown code, each with what to do instead", async () => {
    const later = await book("11:00");
    const cancelled = await book("10:00");
    const c = client(hall.server.url);
    expect((await c.api("POST", `/api/follow/${cancelled.token}/cancel`)).status).toBe(200);
    const before = Object.keys(hall.server.service.state.tickets).length;
    const page = await open();
    // It says from when: the 11:00 booking's window opens at 10:30.
    const notNow = "Chưa đến giờ nhận lịch hẹn này. Kiosk nhận lịch hẹn từ 10:30. Xin quý vị quay lại lúc đó, hoặc lấy số thường.";

    await scan(later.followUrl);
    await expect.poll(() => page.locator(".message").textContent()).toBe(notNow);
    await page.locator(".message").click();
    await typeCode(page, later.code);
    await expect.poll(() => page.locator(".message").textContent()).toBe(notNow);
    await page.locator(".message").click();

    await scan(cancelled.followUrl);
    await expect.poll(() => page.locator(".message").textContent()).toBe("Lịch hẹn này đã bị huỷ hoặc đã được sử dụng. Xin mời lấy số thường.");
    await page.locator(".message").click();

    await page.locator("nav.actions .action", { hasText: "Lấy số thứ tự" }).click();
    await typeCode(page, "ZZZ-ZZZ");
    await expect.poll(() => page.locator(".message").textContent()).toBe("Không tìm thấy lịch hẹn với mã này.");
    expect(Object.keys(hall.server.service.state.tickets).length).toBe(before);

    // At 10:30 the 11:00 booking's window opens, and the same code gets its ticket.
    now = Date.parse("2026-11-27T03:31:00Z");
    await page.locator(".message").click();
    await page.locator(".key.wide", { hasText: "Xoá hết" }).click();
    await tapKeys(page, later.code);
    await page.locator(".choice.main", { hasText: "Tra cứu" }).click();
    await expect.poll(() => screen(page)).toBe("ticket");
    expect(await page.locator(".ticket-facts .appointment").textContent()).toBe("Lịch hẹn lúc 11:00");
    await page.close();
  }, 90_000);
});
