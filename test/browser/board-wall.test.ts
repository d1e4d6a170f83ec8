import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { client, DISPLAY } from "../helpers/harness.ts";
import { DESKS, openDesks } from "../helpers/desks.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { animationsDone, drawn } from "../helpers/page.ts";


/**
 * A mid-morning queue: how many citizens wait for each service when the desks start calling.
 * Every field's band has two digits here; board-legible.test.ts takes a three-digit band and
 * the longest field name, and measures the numbers' size.
 */
const QUEUE: Record<string, number> = {
  "khai-sinh": 9, "ket-hon": 3, "chung-thuc-ban-sao": 8, "chung-thuc-chu-ky": 2, "dang-ky-dat-dai": 6, "giay-phep-xay-dung": 3,
  "dang-ky-doanh-nghiep": 4, "ho-kinh-doanh": 3, "ly-lich-tu-phap": 4, "tro-cap-xa-hoi": 3, "tro-cap-that-nghiep": 1, "doi-giay-phep-lai-xe": 5, "tra-ket-qua": 6,
};

/**
 * Nothing on the wall is cut off or pushed under the ticker: the newest call, every listed
 * counter's call and the field table lie inside the screen, and no text is clipped in its box.
 */
async function allOnScreen(page: Page) {
  return page.evaluate(() => {
    const footer = document.querySelector("footer")!.getBoundingClientRect().top;
    const bad: string[] = [];
    const inside = (r: DOMRect, box: { top: number; left: number; right: number; bottom: number }) =>
      r.top >= box.top - 0.5 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.bottom <= box.bottom + 0.5;
    const screen = { top: 0, left: 0, right: innerWidth, bottom: footer };
    for (const el of document.querySelectorAll<HTMLElement>(".newest, .newest .number, .newest .counter, .recent li, .fields th, .fields td, header h1, .clock, .calling h2, .fields h2")) {
      if (!inside(el.getBoundingClientRect(), screen)) bad.push(`${el.textContent} outside the screen`);
    }
    // A listed call's cell hides what does not fit: its number and counter must lie inside it,
    // and a field's row must hold its name, count and wait without spilling.
    for (const span of document.querySelectorAll<HTMLElement>(".recent li > span, .newest > span")) {
      const cell = span.parentElement!.getBoundingClientRect();
      const r = span.getBoundingClientRect();
      if (!inside(r, cell)) bad.push(`${span.textContent} cut off: ${Math.round(r.width)}×${Math.round(r.height)} in a ${Math.round(cell.width)}×${Math.round(cell.height)} cell`);
      // The number is drawn narrower than it is laid out (scaleX): its text must fit its own box, which is then inside the cell.
      if (span.scrollWidth > span.clientWidth + 1) bad.push(`${span.textContent} wider than its box: ${span.scrollWidth} in ${span.clientWidth}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>(".fields td")) {
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) bad.push(`${el.textContent} clipped: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
    }
    return bad;
  });
}

describe("the lobby board of a busy hall", () => {
  const hall = useHall();
  let c: ReturnType<typeof client>;
  let page: Page;
  let tokens = new Map<number, string>();
  /** What each counter called last, as the test made it. */
  const latest = new Map<number, string>();
  /** The ticket each counter called last. */
  const ids = new Map<number, string>();
  /** Every Socket.IO frame the board's page received. */
  const frames: string[] = [];

  beforeAll(async () => {
    c = client(hall.server.url);
    tokens = await openDesks(c);
    for (const [service, n] of Object.entries(QUEUE)) for (let i = 0; i < n; i++) await c.issue(service);
    page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(String(f.payload))));
    await page.goto(`${hall.server.url}/board/?key=${DISPLAY}&mute=1`);
    await page.waitForSelector("header h1");
  }, 90_000);

  const call = async (n: number) => {
    const r = await c.api("POST", `/api/counters/quay-${n}/next`, { token: tokens.get(n) });
    expect(r.status, `quay-${n} next`).toBe(200);
    latest.set(n, r.body.number);
    ids.set(n, r.body.id);
    return r.body as { id: string; number: string };
  };
  const done = async (n: number, ticketId: string) => {
    await c.api("POST", `/api/tickets/${ticketId}/start`, { token: tokens.get(n) });
    await c.api("POST", `/api/tickets/${ticketId}/complete`, { token: tokens.get(n) });
  };
  /** The wall as a citizen reads it: counter number → the ticket number shown for it. */
  const wall = async (p: Page = page) => {
    const shown = new Map<number, string>();
    const newest = await p.locator(".newest .number").textContent();
    shown.set(Number((await p.locator(".newest .counter b").textContent())!.trim()), newest!);
    for (const li of await p.locator(".recent li").all()) {
      const counter = Number((await li.locator(".counter").textContent())!.replace("Quầy", "").trim());
      expect(shown.has(counter), `counter ${counter} listed twice`).toBe(false);
      shown.set(counter, (await li.locator(".number").textContent())!);
    }
    return shown;
  };

  it("shows every one of twelve calling counters with the number it called last, inside the screen", async () => {
    // Each desk calls; then five of them finish and call again, so the wall has seen 17 calls.
    const first = new Map<number, string>();
    for (const [, n] of DESKS) first.set(n, (await call(n)).id);
    for (const n of [1, 3, 4, 8, 11]) {
      await done(n, first.get(n)!);
      await call(n);
    }
    const expected = new Map([...latest].sort((a, b) => a[0] - b[0]));
    await expect.poll(async () => new Map([...(await wall())].sort((a, b) => a[0] - b[0])), { timeout: 5000 }).toEqual(expected);
    expect(await page.locator(".recent li").count()).toBe(11);
    expect(await page.locator(".newest .number").textContent()).toBe(latest.get(11));
    expect(await allOnScreen(page)).toEqual([]);
    // Citizens are still waiting in most fields, each with its estimated wait.
    const waiting = await page.locator(".fields td.waiting").allTextContents();
    const bands = await page.locator(".fields td.band").allTextContents();
    expect(waiting.filter((w) => Number(w) > 0).length).toBeGreaterThanOrEqual(5);
    expect(bands.filter((b) => /^\d+–\d+ phút$/.test(b)).length).toBeGreaterThanOrEqual(5);
  });

  it("keeps showing a counter still serving a citizen called thirty calls ago, even after a reload", async () => {
    // Counter 12 takes a long dossier; counter 3 meanwhile serves thirty-two quick copies.
    const long = latest.get(12)!;
    await done(3, ids.get(3)!);
    for (let i = 0; i < 32; i++) {
      await c.issue("chung-thuc-chu-ky");
      const t = await call(3);
      if (i < 31) await done(3, t.id);
    }
    await expect.poll(() => page.locator(".newest .number").textContent(), { timeout: 5000 }).toBe(latest.get(3));
    expect((await wall()).get(12)).toBe(long);
    // A reload (or a reconnect) takes the wall from the server again: counter 12 is still on it.
    await page.reload();
    await expect.poll(() => page.locator(".newest .number").textContent(), { timeout: 5000 }).toBe(latest.get(3));
    expect(new Map([...(await wall())].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...latest].sort((a, b) => a[0] - b[0])));
  });

  it("never receives an officer's break reason, and looks right at 1080p and 4K", async () => {
    const reason = "Đi họp giao ban với lãnh đạo";
    await done(10, ids.get(10)!);
    expect((await c.api("POST", "/api/counters/quay-10/pause", { token: tokens.get(10), body: { reason } })).status).toBe(200);
    // The pause reached the board (a counter:updated for counter 10, paused), without its reason.
    await expect.poll(() => frames.some((f) => f.includes('"counterId":"quay-10"') && f.includes('"status":"paused"')), { timeout: 3000 }).toBe(true);
    expect(frames.filter((f) => f.includes(reason))).toEqual([]);
    expect(frames.filter((f) => /"servedToday":[1-9]/.test(f))).toEqual([]);
    expect(frames.filter((f) => /"staffName":"/.test(f))).toEqual([]);
    expect(await page.locator("body").textContent()).not.toContain(reason);
    // The hotline is in the demo's first notice: the line names it once per loop, not twice.
    const ticker = (await page.locator(".ticker").getAttribute("aria-label"))!;
    expect(ticker.match(/1022/g)).toHaveLength(1);

    // The newest call's flash is over: what a citizen sees most of the time.
    await animationsDone(page.locator(".newest"));
    await page.screenshot({ path: join(OUT, "board-1920x1080.png") });
    expect(await allOnScreen(page)).toEqual([]);
    await page.setViewportSize({ width: 3840, height: 2160 });
    await drawn(page);
    await page.screenshot({ path: join(OUT, "board-3840x2160.png") });
    expect(await allOnScreen(page)).toEqual([]);
    await page.setViewportSize({ width: 1920, height: 1080 });
  });
});
