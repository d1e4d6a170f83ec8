import { join } from "node:path";
import { devices, type BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { client, DISPLAY, KIOSK } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { drawn } from "../helpers/page.ts";

/** A modest Android phone, 360 px wide, as most citizens carry. */
const PHONE = { ...devices["Galaxy S5"]!, viewport: { width: 360, height: 740 } };

describe("a citizen's phone following a ticket", () => {
  let phone: BrowserContext;

  const hall = useHall();
  beforeAll(async () => {
    phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    await phone.grantPermissions(["notifications"], { origin: hall.server.url });
    // What the page shows through the system: each notification's title, kept for the test to read.
    await phone.addInitScript(() => {
      const shown: string[] = ((window as unknown as { shownNotifications: string[] }).shownNotifications = []);
      const Real = window.Notification;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(`${title} | ${options?.body ?? ""}`);
        }
      }
      Object.defineProperty(window, "Notification", { value: Recorded });
    });
  }, 60_000);

  it("follows the ticket live, says when three are left and when it is called, with the counter", async () => {
    const c = client(hall.server.url);
    const before = await Promise.all([1, 2, 3, 4].map(() => c.issue("chung-thuc-chu-ky")));
    const mine = await c.issue("chung-thuc-chu-ky");
    const page = await phone.newPage();
    await page.goto(`${hall.server.url}/f/${mine.followToken}`);
    await expect.poll(() => page.locator(".number").textContent()).toBe(mine.number);
    expect(await page.locator(".ahead").textContent()).toBe("Trước quý vị còn 4 người");
    await expect.poll(() => page.locator("footer .live").count()).toBe(1);
    // The hotline is a number the phone dials, big enough for a thumb.
    const tel = page.locator("footer a.tel");
    expect(await tel.getAttribute("href")).toBe("tel:1022");
    expect(await tel.textContent()).toBe("1022");
    const box = (await tel.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: join(OUT, "citizen-follow-waiting.png") });
    const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);

    const staff = await c.openCounter("canbo3", "quay-3");
    const serve = async (id: string) => {
      await c.api("POST", "/api/counters/quay-3/next", { token: staff });
      await c.api("POST", `/api/tickets/${id}/start`, { token: staff });
      await c.api("POST", `/api/tickets/${id}/complete`, { token: staff });
    };
    await serve(before[0]!.id);
    await expect.poll(() => page.locator(".ahead").textContent()).toBe("Trước quý vị còn 3 người");
    await expect.poll(shown).toEqual([`Còn 3 người nữa là đến lượt quý vị. Xin trở lại sảnh. | Số ${mine.number}`]);
    for (const t of before.slice(1)) await serve(t.id);
    await expect.poll(() => page.locator(".ahead").textContent()).toBe("Quý vị là người tiếp theo");

    await c.api("POST", "/api/counters/quay-3/next", { token: staff });
    await expect.poll(() => page.locator("main").getAttribute("data-status")).toBe("called");
    expect(await page.locator(".counter").textContent()).toBe("Xin mời đến quầy số 3");
    await expect.poll(async () => (await shown()).length).toBe(2);
    expect((await shown())[1]).toBe(`Đã đến lượt quý vị! | Số ${mine.number} · Xin mời đến quầy số 3`);
    await drawn(page);
    await page.screenshot({ path: join(OUT, "citizen-follow-called.png") });
    // Nothing about anyone else on the page: only this ticket's number.
    expect(await page.locator("body").textContent()).not.toContain(before[0]!.number);
    await page.close();
  }, 60_000);

  it("asks again when its first request is lost and the live link cannot connect", async () => {
    const ticket = await client(hall.server.url).issue("khai-sinh");
    const page = await phone.newPage();
    // A carrier that drops the first request and lets no socket through at all.
    await page.route("**/socket.io/**", (route) => route.abort());
    await page.routeWebSocket(/socket\.io/, (ws) => ws.close());
    let dropped = 0;
    await page.route("**/api/follow/**", (route) => (dropped++ === 0 ? route.abort() : route.continue()));
    await page.goto(`${hall.server.url}/f/${ticket.followToken}`);
    await expect.poll(() => page.locator(".number").textContent(), { timeout: 15_000 }).toBe(ticket.number);
    expect(dropped).toBe(2);
    await page.close();
  }, 60_000);

  it("shows nothing about anyone for a forged link or a guessed ticket id", async () => {
    const c = client(hall.server.url);
    const real = await c.issue("khai-sinh");
    const page = await phone.newPage();
    for (const path of ["/f/AAAAAAAAAAAAAAAAAAAA", `/f/${real.id}`, `/f/${real.followToken.slice(0, -2)}zz`]) {
      await page.goto(`${hall.server.url}${path}`);
      await expect.poll(() => page.locator("h1").textContent()).toBe("Không tìm thấy vé này.");
      expect(await page.locator("body").textContent()).not.toContain(real.number);
    }
    await page.screenshot({ path: join(OUT, "citizen-follow-missing.png") });
    await page.close();
  }, 60_000);
});

describe("a number taken from home", () => {
  // 09:00 in Hanoi: the center is open.
  const hall = useHall({ server: async () => ({ clock: () => Date.parse("2026-11-27T02:00:00Z") }) });

  it("is held on the phone until the kiosk scans it, then follows the ticket it became", async () => {
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await phone.newPage();
    await page.goto(`${hall.server.url}/c/`);
    await page.locator("label.choice", { hasText: "Nhận kết quả hồ sơ" }).click();
    await page.locator("input[name=phone]").fill("0912 345 678");
    await page.screenshot({ path: join(OUT, "citizen-remote-take.png") });
    await page.locator("button[type=submit]").click();
    await expect.poll(() => page.locator("main").getAttribute("data-status")).toBe("reserved");
    await expect.poll(() => page.locator(".qr svg").count()).toBe(1);
    const link = (await page.locator(".qr").getAttribute("data-url"))!;
    expect(link).toMatch(new RegExp(`^${hall.server.url}/f/[A-Za-z0-9_-]{16}$`));
    expect(Object.values(hall.server.service.state.tickets).filter((t) => t.serviceId === "tra-ket-qua")).toHaveLength(0);
    await page.screenshot({ path: join(OUT, "citizen-remote-held.png") });

    // At the center: the kiosk's scanner reads the phone's screen.
    const kiosk = await hall.browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${hall.server.url}/kiosk/?key=${KIOSK}`);
    await expect.poll(() => kiosk.locator(".tile").count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await kiosk.keyboard.type(`${link}\n`, { delay: 0 });
    await expect.poll(() => kiosk.locator(".ticket-facts .number").textContent()).toMatch(/^R\d{3}$/);
    const number = await kiosk.locator(".ticket-facts .number").textContent();
    await expect.poll(() => page.locator(".number").textContent()).toBe(number);
    expect(await page.locator("main").getAttribute("data-status")).toBe("waiting");
    await phone.close();
    await kiosk.close();
  }, 60_000);

  it("refuses a phone its third number of the day, in words on the page", async () => {
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await phone.newPage();
    const take = async () => {
      await page.goto(`${hall.server.url}/c/`);
      await page.locator("label.choice", { hasText: "Đăng ký kết hôn" }).click();
      await page.locator("input[name=phone]").fill("0977 111 222");
      await page.locator("button[type=submit]").click();
    };
    for (let i = 0; i < 2; i++) {
      await take();
      await expect.poll(() => page.locator("main").getAttribute("data-status")).toBe("reserved");
    }
    await take();
    await expect.poll(() => page.locator("body").textContent()).toContain("Số điện thoại hoặc mạng này đã lấy đủ số lượt hôm nay.");
    expect(page.url()).toBe(`${hall.server.url}/c/`);
    await phone.close();
  }, 60_000);
});

describe("a number taken from home, checked in with the hall code", () => {
  // 08:55 in Hanoi; the clock moves on to the next ten minutes during the test.
  let now = Date.parse("2026-11-27T01:55:00Z");
  const hall = useHall({ server: async () => ({ clock: () => now, tickMs: 100 }) });

  it("reads the code off the lobby board, types it on the phone and sees its number", async () => {
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await phone.newPage();
    await page.goto(`${hall.server.url}/c/`);
    await page.locator("label.choice", { hasText: "Đăng ký khai sinh" }).click();
    await page.locator("input[name=phone]").fill("0912 345 678");
    await page.locator("button[type=submit]").click();
    await expect.poll(() => page.locator("main").getAttribute("data-status")).toBe("reserved");
    const arrive = page.locator("form.arrive");
    expect(await arrive.locator("h2").textContent()).toBe("Tôi đã đến");
    expect(await arrive.locator("input[name=hallCode]").getAttribute("inputmode")).toBe("numeric");

    // The lobby board shows the code in its corner; a counter's own display does not.
    const board = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(`${hall.server.url}/board/?key=${DISPLAY}&mute=1`);
    const code = board.locator(".hall-code .code");
    await expect.poll(() => code.textContent()).toMatch(/^\d{4}$/);
    const before = (await code.textContent())!;
    expect(await board.locator(".hall-code").textContent()).toContain("Lấy số từ xa? Nhập mã này trên điện thoại");
    const box = (await board.locator(".hall-code").boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    const desk = await hall.browser.newPage({ viewport: { width: 800, height: 480 } });
    await desk.goto(`${hall.server.url}/board/?key=${DISPLAY}&counter=quay-1`);
    await expect.poll(() => desk.locator(".counter-display .name").textContent()).toBe("Quầy 1");
    expect(await desk.locator(".hall-code").count()).toBe(0);
    await desk.close();

    // 09:00: a new code, pushed to the board as it comes.
    now = Date.parse("2026-11-27T02:00:30Z");
    await expect.poll(() => board.locator(".hall-code").getAttribute("data-changes-at"), { timeout: 3000 }).toBe("2026-11-27T02:10:00.000Z");
    const current = (await code.textContent())!;

    // A code that is neither: refused in words, and the number stays held.
    const wrong = [...Array(10_000).keys()].map((n) => String(n).padStart(4, "0")).find((c) => c !== before && c !== current)!;
    await arrive.locator("input[name=hallCode]").fill(wrong);
    await arrive.locator("button[type=submit]").click();
    await expect.poll(() => arrive.locator(".error").textContent()).toBe("Mã chưa đúng. Xin xem mã trên màn hình lớn ở sảnh.");
    expect(await page.locator("main").getAttribute("data-status")).toBe("reserved");
    await arrive.locator("input[name=hallCode]").fill(current);
    expect(await arrive.locator(".error").count()).toBe(0);
    await page.screenshot({ path: join(OUT, "citizen-remote-arrive.png"), fullPage: true });
    await arrive.locator("button[type=submit]").click();
    await expect.poll(() => page.locator("main").getAttribute("data-status")).toBe("waiting");
    const number = await page.locator(".number").textContent();
    expect(number).toMatch(/^A\d{3}$/);
    expect(Object.values(hall.server.service.state.tickets).map((t) => t.number)).toContain(number);
    await expect.poll(() => page.locator("footer .live").count()).toBe(1);

    // Live as after a kiosk's scan: an officer calls it, and the phone says where to go.
    const c = client(hall.server.url);
    const staff = await c.openCounter("canbo1", "quay-1");
    await c.api("POST", "/api/counters/quay-1/next", { token: staff });
    await expect.poll(() => page.locator("main").getAttribute("data-status")).toBe("called");
    expect(await page.locator(".counter").textContent()).toBe("Xin mời đến quầy số 1");
    await board.close();
    await phone.close();
  }, 60_000);
});

describe("a follow link from another day", () => {
  let now = Date.parse("2026-11-27T02:00:00Z");
  const hall = useHall({ server: async () => ({ clock: () => now, tickMs: 100 }) });

  it("shows nothing once its day has ended", async () => {
    const ticket = await client(hall.server.url).issue("khai-sinh");
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await phone.newPage();
    await page.goto(`${hall.server.url}/f/${ticket.followToken}`);
    await expect.poll(() => page.locator("main").getAttribute("data-status")).toBe("waiting");
    // The next morning: the day has turned, and yesterday's link opens nothing.
    now += 24 * 3_600_000;
    await expect.poll(() => hall.server.service.state.day).toBe("2026-11-28");
    await page.reload();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Không tìm thấy vé này.");
    expect(await page.locator("body").textContent()).not.toContain(ticket.number);
    await phone.close();
  }, 60_000);
});
