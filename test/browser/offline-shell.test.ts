import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cutProxy } from "../helpers/cut-proxy.ts";
import { DISPLAY, KIOSK } from "../helpers/harness.ts";
import { launchChromium } from "../helpers/browser.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { drawn } from "../helpers/page.ts";
import { staffLogIn } from "../helpers/staff.ts";
import { lanAddress } from "../helpers/lan.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const SCREENSHOTS = join(ROOT, "docs", "screenshots");
const SIZES = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;

/**
 * Screens that start before the server (issue 17, item 6): a kiosk, a board or a counter PC that
 * starts while the server is away (a power cut at 06:55), or reloads during an outage, draws its
 * own waiting page from the offline shell its service worker kept, not Chromium's error page, and
 * comes back by itself once the server answers. The screens are opened through a proxy on a port
 * of their own, as a hall opens them at the server's address: cutting it is the server going away
 * for the browser, with the same origin (the worker's) before and after.
 */
describe("the screens' offline shell", () => {
  const hall = useHall();
  let proxy: Awaited<ReturnType<typeof cutProxy>>;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    proxy = await cutProxy(() => Number(new URL(hall.server.url).port));
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await proxy?.close();
  });

  /** A PC of its own (its own worker and caches), that has opened the screen once with the server up. */
  const firstDay = async (path: string, viewport: { width: number; height: number }, ready: (page: Page) => Promise<boolean>) => {
    const context = await hall.browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${proxy.url}${path}`);
    await expect.poll(() => ready(page), { timeout: 20_000 }).toBe(true);
    // The worker has installed its build and controls the page.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
    return { context, page };
  };
  const fromShell = (page: Page) => page.evaluate(() => document.querySelector('meta[name="motcua-shell"]') !== null);
  /** How long the screen takes to be back once the server answers again. */
  const backAfterRestore = async (page: Page, back: (page: Page) => Promise<boolean>): Promise<number> => {
    const restored = Date.now();
    proxy.restore();
    await expect.poll(() => back(page), { timeout: 30_000, interval: 100 }).toBe(true);
    return Date.now() - restored;
  };
  const keep = async (page: Page, name: string) => {
    await drawn(page);
    await page.screenshot({ path: join(OUT, name) });
    copyFileSync(join(OUT, name), join(SCREENSHOTS, name));
  };

  it("serves each screen's worker as a script nobody caches, naming its build's files", async () => {
    for (const screen of ["kiosk", "board", "staff"]) {
      const r = await fetch(`${hall.server.url}/${screen}/sw.js`);
      expect(r.status, screen).toBe(200);
      expect(r.headers.get("content-type"), screen).toMatch(/^text\/javascript/);
      expect(r.headers.get("cache-control"), screen).toBe("no-cache");
      const source = await r.text();
      const dist = { kiosk: "kiosk-ui", board: "display-board", staff: "staff-ui" }[screen]!;
      // The page's own entry script is in the shell.
      const entry = /src="\/[a-z]+\/(assets\/[^"]+\.js)"/.exec(readFileSync(join(ROOT, dist, "dist", "index.html"), "utf8"))![1]!;
      expect(source, screen).toContain(`"${entry}"`);
      expect(source, screen).toContain('"index.html"');
    }
  });

  for (const [orientation, viewport] of Object.entries(SIZES)) {
    it(`the kiosk starts while the server is away, says it is waiting, and comes back by itself (${orientation})`, async () => {
      const screen = (page: Page) => page.locator("[data-screen]").getAttribute("data-screen");
      const path = `/kiosk/?key=${KIOSK}`;
      const { context, page } = await firstDay(path, viewport, async (p) => (await screen(p)) === "start");
      // One cache, this build's.
      expect(await page.evaluate(() => caches.keys())).toEqual([expect.stringMatching(/^motcua-shell http:\/\/127\.0\.0\.1:\d+\/kiosk\/ [0-9a-f]{16}$/)]);
      await page.close();

      // The power comes back before the server: the kiosk PC opens its start-up address.
      proxy.cut();
      const early = await context.newPage();
      await early.goto(`${proxy.url}${path}`);
      expect(early.url()).toBe(`${proxy.url}${path}`);
      expect(await early.title()).toBe("Lấy số thứ tự – motcua");
      expect(await fromShell(early)).toBe(true);
      await expect.poll(() => screen(early), { timeout: 15_000 }).toBe("offline");
      expect(await early.locator(".kiosk").textContent()).toContain("Hệ thống tạm thời gián đoạn");
      expect(await early.locator(".kiosk").textContent()).toContain("Máy sẽ tự kết nối lại.");
      await keep(early, `kiosk-waiting-server-${orientation}.png`);

      const ms = await backAfterRestore(early, async (p) => (await screen(p)) === "start");
      console.log(`kiosk (${orientation}): back ${ms} ms after the server answered again`);
      expect(await early.locator(".tile").count()).toBeGreaterThan(5);
      await early.close();
    }, 90_000);
  }

  it("the board reloads during an outage, says it is waiting, and comes back by itself", async () => {
    const { page } = await firstDay(`/board/?key=${DISPLAY}`, { width: 1920, height: 1080 }, async (p) => (await p.locator(".board").count()) === 1);
    proxy.cut();
    await page.reload();
    expect(await page.title()).toBe("Bảng gọi số – motcua");
    expect(await fromShell(page)).toBe(true);
    const waiting = page.locator(".waiting-server");
    await expect.poll(() => waiting.count(), { timeout: 15_000 }).toBe(1);
    expect(await waiting.locator("h1").textContent()).toBe("Đang chờ kết nối tới máy chủ");
    expect(await waiting.textContent()).toContain("Waiting for the server");
    await keep(page, "board-waiting-server.png");

    const ms = await backAfterRestore(page, async (p) => (await p.locator(".board").count()) === 1);
    console.log(`board: back ${ms} ms after the server answered again`);
    expect(await waiting.count()).toBe(0);
    await page.close();
  }, 90_000);

  it("the counter terminal reloads during an outage, says it is waiting, and comes back to its counter by itself", async () => {
    const context = await hall.browser.newContext({ viewport: { width: 1600, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await staffLogIn(page, proxy.url, "canbo1");
    await page.locator(".counter-choice[data-counter=quay-1]").click();
    const terminal = page.locator(".terminal[data-counter=quay-1]");
    await expect.poll(() => terminal.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);

    proxy.cut();
    await page.reload();
    expect(await page.title()).toBe("Cán bộ – motcua");
    expect(await fromShell(page)).toBe(true);
    const waiting = page.locator(".waiting-server");
    await expect.poll(() => waiting.count(), { timeout: 15_000 }).toBe(1);
    expect(await waiting.locator("h1").textContent()).toBe("Đang chờ máy chủ");
    expect(await terminal.count()).toBe(0);
    await keep(page, "staff-terminal-waiting-server.png");

    const ms = await backAfterRestore(page, async (p) => (await p.locator(".terminal[data-counter=quay-1] .actions").count()) === 1);
    console.log(`counter terminal: back ${ms} ms after the server answered again`);
    expect(await waiting.count()).toBe(0);
    await page.close();
  }, 90_000);
});

/**
 * A board TV opens the server at its LAN address, over plain http: no secure context, so no
 * service worker. The board works as before; with the one origin treated as secure (the managed
 * policy docs/OPERATIONS.md gives, here its command-line twin) it keeps its shell too.
 */
describe("the board at the server's LAN address", () => {
  const hall = useHall({ server: async () => ({ host: "0.0.0.0" }) });
  const boardAt = () => `http://${lanAddress()}:${new URL(hall.server.url).port}/board/?key=${DISPLAY}`;

  it("works without a worker where the page is no secure context", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(boardAt());
    await expect.poll(() => page.locator(".board").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => [window.isSecureContext, "serviceWorker" in navigator])).toEqual([false, false]);
    await page.close();
  }, 30_000);

  it("keeps its shell where that origin is treated as secure", async () => {
    const origin = new URL(boardAt()).origin;
    const browser = await launchChromium([`--unsafely-treat-insecure-origin-as-secure=${origin}`]);
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(boardAt());
      await expect.poll(() => page.locator(".board").count(), { timeout: 15_000 }).toBe(1);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), { timeout: 20_000 }).toBe(`${origin}/board/sw.js`);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
