import { join } from "node:path";
import { devices, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { tapKeys } from "../helpers/kiosk.ts";
import { ask, client, connect, connected, KIOSK } from "../helpers/harness.ts";
import { runningFrom } from "../helpers/clock.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { drawn } from "../helpers/page.ts";

const SIZES = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;
const PHONE = { ...devices["Galaxy S5"]!, viewport: { width: 360, height: 740 } };
const hanoi = (iso: string) => Date.parse(`${iso}+07:00`);

/** Saturday 5 December 2026: a day off. The demo center opens 07:00 on weekdays, numbers from an hour before. */
const SATURDAY = hanoi("2026-12-05T10:00:00");
/** Monday 7 December 2026, 06:20: before opening, numbers are issued already. */
const BEFORE_OPENING = hanoi("2026-12-07T06:20:00");

/**
 * Out of hours the kiosk and the phone say when the center opens, from its calendar, and the kiosk
 * issues numbers only when the rules allow (an hour before opening by default); a number taken
 * before opening is called from the opening, with its band counted from then; an appointment shows
 * its slot, not a band, and one scanned too early says from when the kiosk takes it.
 */
describe("out of hours at the kiosk and on the phone", () => {
  let clock = runningFrom(SATURDAY);
  const hall = useHall({ server: async () => ({ clock: () => clock() }) });
  const at = (moment: number) => void (clock = runningFrom(moment));

  const openKiosk = async (viewport: { width: number; height: number }): Promise<Page> => {
    const page = await hall.browser.newPage({ viewport });
    // The header's clock (and the kiosk's own date) read the server's moment, not the machine's.
    await page.clock.install({ time: clock() });
    await page.clock.resume();
    await page.goto(`${hall.server.url}/kiosk/?key=${KIOSK}`);
    await expect.poll(() => page.locator("[data-screen]").getAttribute("data-screen"), { timeout: 15_000 }).toBe("start");
    return page;
  };
  const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  for (const [orientation, viewport] of Object.entries(SIZES)) {
    it(`on a day off says when the center opens and offers no number (${orientation})`, async () => {
      at(SATURDAY);
      const page = await openKiosk(viewport);
      const closed = page.locator(".closed");
      await expect.poll(() => closed.count()).toBe(1);
      expect(await closed.locator("h2").textContent()).toBe("Trung tâm hiện ngoài giờ làm việc");
      expect(await closed.locator(".opens").textContent()).toBe("Trung tâm mở cửa lúc 07:00 thứ Hai, 07/12/2026.");
      expect(await closed.locator(".issue-from").textContent()).toBe("Máy bắt đầu cấp số thứ tự từ 06:00 thứ Hai, 07/12/2026.");
      expect(await page.locator(".tile").count()).toBe(0);
      expect(await page.locator(".search-box").count()).toBe(0);
      // A booking still checks in, and the other ways out stay.
      expect(await page.locator(".appointment-entry").count()).toBe(1);
      expect(await fits(page)).toBe(true);
      await drawn(page);
      await page.screenshot({ path: join(OUT, `kiosk-closed-${orientation}.png`) });
      // English says the same.
      await page.locator(".toggle", { hasText: "English" }).click();
      await expect.poll(() => closed.locator(".opens").textContent()).toBe("The center opens at 07:00 on Monday 07/12/2026.");
      await page.close();
    });

    it(`before opening issues a number called from the opening, its wait counted from then (${orientation})`, async () => {
      at(BEFORE_OPENING);
      const page = await openKiosk(viewport);
      await expect.poll(() => page.locator(".opening").textContent()).toBe("Trung tâm mở cửa lúc 07:00 hôm nay, thứ Hai, 07/12/2026. Các quầy bắt đầu gọi số từ 07:00.");
      // The service list's bands count from 07:00 too.
      await page.locator(".tile[data-field=ho-tich]").click();
      const bands = await page.locator(".service .facts").allTextContents();
      expect(bands.length).toBeGreaterThan(0);
      for (const b of bands) expect(b).toMatch(/phút sau 07:00/);
      await page.locator(".service").first().click();
      await page.locator(".choice.main", { hasText: "Không, lấy số thường" }).click();
      await expect.poll(() => page.locator(".ticket-facts .number").count(), { timeout: 15_000 }).toBe(1);
      const facts = page.locator(".ticket-facts");
      expect(await facts.locator(".calls-from").textContent()).toBe("Quý vị sẽ được gọi từ 07:00");
      const band = (await facts.locator(".band").textContent())!;
      expect(band).toMatch(/^khoảng \d+–\d+ phút sau 07:00$/);
      // Not "khoảng 30–55 phút" from 06:20: the wait is the line's, from the opening.
      expect(Number(/–(\d+)/.exec(band)![1])).toBeLessThan(40);
      expect(await fits(page)).toBe(true);
      await drawn(page);
      await page.screenshot({ path: join(OUT, `kiosk-before-opening-${orientation}.png`) });
      await page.close();
    });
  }

  it("on the phone: a number taken before opening says when the center opens and when it is called; the remote page says when it opens", async () => {
    // Time only moves on from here: the kiosk's ticket limit counts by the server's clock.
    at(hanoi("2026-12-07T06:30:00"));
    const c = client(hall.server.url);
    const t = await c.issue("ket-hon");
    const phone = await hall.browser.newPage(PHONE);
    await phone.clock.install({ time: clock() });
    await phone.clock.resume();
    await phone.goto(`${hall.server.url}/f/${t.followToken}`);
    await expect.poll(() => phone.locator(".closed-note").textContent()).toBe("Trung tâm đang ngoài giờ làm việc. Trung tâm mở cửa lúc 07:00 hôm nay, thứ Hai, 07/12/2026.");
    expect(await phone.locator(".calls-from").textContent()).toBe("Quý vị sẽ được gọi từ 07:00");
    expect(await phone.locator(".band").textContent()).toMatch(/^Chờ khoảng \d+–\d+ phút sau 07:00$/);
    await drawn(phone);
    await phone.screenshot({ path: join(OUT, "citizen-follow-before-opening.png"), fullPage: true });

    await phone.close();

    // Saturday, on a phone whose own clock says Saturday too.
    at(SATURDAY);
    const home = await hall.browser.newPage(PHONE);
    await home.clock.install({ time: clock() });
    await home.clock.resume();
    await home.goto(`${hall.server.url}/c/`);
    await expect.poll(() => home.locator(".closed-note").textContent()).toBe("Trung tâm mở cửa lúc 07:00 thứ Hai, 07/12/2026.");
    await drawn(home);
    await home.screenshot({ path: join(OUT, "citizen-remote-closed.png"), fullPage: true });
    await home.close();
  });

  it("refuses a number while closed with its own code and the time numbers start; the kiosk asks again when that comes", async () => {
    // Ten seconds before 06:00: time enough to open the kiosk on a loaded machine before the change.
    at(hanoi("2026-12-07T05:59:50"));
    const socket = connect(hall.server.url, "/kiosk", KIOSK);
    await connected(socket);
    const r = await ask(socket, "ticket:issue", { serviceId: "khai-sinh", priority: null });
    expect(r).toMatchObject({ ok: false, code: "CENTER_CLOSED", at: new Date(hanoi("2026-12-07T06:00:00")).toISOString() });
    socket.close();
    // The kiosk left open through the night takes the change at 06:00 by itself.
    const page = await openKiosk(SIZES.portrait);
    await expect.poll(() => page.locator(".closed").count()).toBe(1);
    await expect.poll(() => page.locator(".tile").count(), { timeout: 25_000 }).toBeGreaterThan(3);
    expect(await page.locator(".closed").count()).toBe(0);
    await page.close();
  });

  it("an appointment: too early says from when the kiosk takes it; checked in, the kiosk and the phone show its slot, not a band", async () => {
    at(hanoi("2026-12-07T08:40:00"));
    const c = client(hall.server.url);
    const made = await c.api("POST", "/api/appointments", { body: { serviceId: "khai-sinh", date: "2026-12-07", time: "09:30", phone: "0912345601" } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const { code, followUrl } = made.body as { code: string; followUrl: string };
    const page = await openKiosk(SIZES.portrait);
    const typeCode = async () => {
      await page.locator(".appointment-entry").click();
      await expect.poll(() => page.locator("[data-screen]").getAttribute("data-screen")).toBe("scan");
      await tapKeys(page, code);
      await page.locator(".choice.main", { hasText: "Tra cứu" }).click();
    };
    await typeCode();
    await expect.poll(() => page.locator(".message").textContent()).toBe("Chưa đến giờ nhận lịch hẹn này. Kiosk nhận lịch hẹn từ 09:00. Xin quý vị quay lại lúc đó, hoặc lấy số thường.");
    at(hanoi("2026-12-07T09:05:00"));
    await page.locator(".title .back").click();
    await typeCode();
    await expect.poll(() => page.locator(".ticket-facts .number").count(), { timeout: 15_000 }).toBe(1);
    const facts = page.locator(".ticket-facts");
    expect(await facts.locator(".appointment").textContent()).toBe("Lịch hẹn lúc 09:30");
    expect(await facts.locator(".band").count()).toBe(0);
    expect(await facts.textContent()).not.toMatch(/phút/);
    await drawn(page);
    await page.screenshot({ path: join(OUT, "kiosk-appointment-slot-portrait.png") });
    await page.close();

    const phone = await hall.browser.newPage(PHONE);
    await phone.goto(followUrl);
    await expect.poll(() => phone.locator(".appt-line").textContent()).toBe("Lịch hẹn lúc 09:30");
    expect(await phone.locator(".band").count()).toBe(0);
    expect(await phone.locator("main").textContent()).not.toMatch(/phút/);
    await drawn(phone);
    await phone.screenshot({ path: join(OUT, "citizen-follow-appointment.png"), fullPage: true });
    await phone.close();
  });

});
