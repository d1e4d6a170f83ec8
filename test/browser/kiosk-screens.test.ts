import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CCCD, tapKeys } from "../helpers/kiosk.ts";
import { fakeCameraArgs, writeBlankVideo } from "../helpers/fake-camera.ts";
import { ask, client, connect, connected, KIOSK, STATION, startTestServer } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { drawn } from "../helpers/page.ts";

const SIZES = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;
/** The least a finger can hit in a hurry (the issue's bar); most kiosk targets are far bigger. */
const MIN_TARGET_PX = 64;

/**
 * Every kiosk screen at both orientations: nothing runs off the side, every button is big enough
 * for a finger, and each is photographed for a person to look at (docs/screenshots has the copies).
 */
describe("every kiosk screen, portrait and landscape", () => {
  let videoDir: string;

  // The kiosk's camera films an empty room: the scan screen shows its picture, not a QR.
  const hall = useHall({
    chromium: () => {
      videoDir = mkdtempSync(join(tmpdir(), "motcua-camera-"));
      const blank = join(videoDir, "blank.y4m");
      writeBlankVideo(blank);
      return fakeCameraArgs(blank);
    },
  });
  beforeAll(async () => {
    // A served ticket to look up and rate.
    const c = client(hall.server.url);
    const staff = await c.openCounter("canbo9", "quay-9");
    for (let i = 0; i < 4; i++) await c.issue("tro-cap-xa-hoi");
    const t = (await c.api("POST", "/api/counters/quay-9/next", { token: staff })).body;
    await c.api("POST", `/api/tickets/${t.id}/start`, { token: staff });
    await c.api("POST", `/api/tickets/${t.id}/complete`, { token: staff });
  }, 60_000);
  afterAll(async () => {
    await rm(videoDir, { recursive: true, force: true });
  });

  for (const [orientation, viewport] of Object.entries(SIZES)) {
    it(`fits and photographs each screen in ${orientation} (${viewport.width}×${viewport.height})`, async () => {
      const page = await hall.browser.newPage({ viewport });
      const nav = (label: string) => page.locator("nav.actions .action", { hasText: label }).click();
      const shot = async (name: string) => {
        await drawn(page);
        const problems = await page.evaluate((min) => {
          const out: string[] = [];
          if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page is ${document.documentElement.scrollWidth}px wide`);
          for (const b of document.querySelectorAll("button")) {
            const r = b.getBoundingClientRect();
            if (r.width === 0 || getComputedStyle(b).visibility === "hidden") continue;
            if (r.height < min || r.width < min) out.push(`"${b.textContent?.trim().slice(0, 30)}" is ${Math.round(r.width)}×${Math.round(r.height)}`);
          }
          return out;
        }, MIN_TARGET_PX);
        expect(problems, name).toEqual([]);
        await page.screenshot({ path: join(OUT, `kiosk-${name}-${orientation}.png`) });
      };

      await page.goto(`${hall.server.url}/kiosk/?key=${KIOSK}`);
      await expect.poll(() => page.locator(".tile").count(), { timeout: 15_000 }).toBeGreaterThan(5);
      await shot("start");
      await page.locator(".tile[data-field=ho-tich]").click();
      await shot("field");
      await page.locator(".back").click();
      await page.locator(".search-box").click();
      await tapKeys(page, "chung thuc");
      await shot("search");
      await page.locator(".results .service").first().click();
      await shot("priority");
      await page.locator(".choice.main").click();
      await expect.poll(() => page.locator(".ticket-facts .number").count()).toBe(1);
      await expect.poll(() => page.locator(".qr svg").count()).toBe(1);
      await shot("ticket");
      await page.locator(".choice.main", { hasText: "Xong" }).click();

      const station = connect(hall.server.url, "/station", STATION);
      await connected(station);
      await ask(station, "scan:forward", { kioskId: "kiosk-sanh", text: CCCD });
      station.close();
      await expect.poll(() => page.locator(".greeting").count()).toBe(1);
      await shot("start-greeting");

      await nav("Quét mã QR");
      await expect.poll(() => page.locator(".camera video").evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
      await shot("scan");
      await tapKeys(page, "000.00.12.H36-261120-0001");
      await page.locator(".choice.main", { hasText: "Tra cứu" }).click();
      await expect.poll(() => page.locator(".dossier").count()).toBe(1);
      await shot("dossier");

      await nav("Quét mã QR");
      await tapKeys(page, "L001");
      await page.locator(".choice.main", { hasText: "Tra cứu" }).click();
      await expect.poll(() => page.locator("[data-screen]").getAttribute("data-screen")).toBe("status");
      await shot("ticket-status");

      await nav("Thủ tục hành chính");
      await shot("procedures");
      await page.locator("[data-procedure=dang-ky-khai-sinh]").click();
      await shot("procedure");

      await nav("Đánh giá");
      await shot("rate-enter");
      await tapKeys(page, "L1");
      await page.locator(".choice.main", { hasText: "Tra cứu" }).click();
      await page.locator(".level[data-level=unsatisfied]").click();
      await page.locator(".choice[data-reason=long_wait]").click();
      await shot("rate");

      await nav("Trợ giúp");
      await shot("help");

      await page.locator("header .toggle", { hasText: "English" }).click();
      await page.locator("header .toggle", { hasText: "Large text" }).click();
      await page.locator("nav.actions .action", { hasText: "Take a number" }).click();
      await shot("start-english-large");
      await page.locator("header .toggle", { hasText: "Light on dark" }).click();
      await shot("start-contrast");

      await page.close();
    }, 120_000);
  }

  it("shows the offline state over everything when the server goes away", async () => {
    const page = await hall.browser.newPage({ viewport: SIZES.portrait });
    await page.goto(`${hall.server.url}/kiosk/?key=${KIOSK}`);
    await expect.poll(() => page.locator(".tile").count(), { timeout: 15_000 }).toBeGreaterThan(5);
    const { port, dataDir } = hall.server;
    await hall.server.close();
    await expect.poll(() => page.locator(".offline").count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: join(OUT, "kiosk-offline-portrait.png") });
    await page.setViewportSize(SIZES.landscape);
    await page.screenshot({ path: join(OUT, "kiosk-offline-landscape.png") });
    hall.server = await startTestServer({ port, dataDir });
    await expect.poll(() => page.locator(".offline").count(), { timeout: 30_000 }).toBe(0);
    await page.close();
  }, 90_000);
});
