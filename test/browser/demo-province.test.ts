import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoProvinceClock, LowdbStore, startDemoProvince } from "@motcua/queue-server";
import { OUT, useHall } from "../helpers/hall.ts";
import { logInAt } from "../helpers/page.ts";

/** A minute of the halls' time in half a second: the page must move while the test watches. */
const SPEED = 120;

describe("the demo province (npm start -- --demo province) on the province page", () => {
  let clock: () => number = Date.now;
  const hall = useHall({
    server: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "motcua-demo-province-page-"));
      // A working morning on a fixed working day, sped up, as `--demo province` runs today's.
      clock = await demoProvinceClock(new LowdbStore(dataDir), SPEED, "2026-12-01");
      return { dataDir, clock, tickMs: 500 };
    },
  });
  let demo: { stop: () => void } | undefined;
  beforeAll(async () => {
    demo = await startDemoProvince(hall.server.deployment, { url: hall.server.url, clock, speed: SPEED, log: () => undefined });
  });
  afterAll(() => demo?.stop());

  it("shows the provincial center and six commune units, their figures moving without a reload", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await logInAt(page, hall.server.url, "province", "tinh", "demo");
    await expect.poll(() => page.locator("tr[data-unit]").count(), { timeout: 10_000 }).toBe(7);
    // Citizens arrive and officers call in every hall: the issued figures grow as the page watches.
    const issued = () => page.locator("tr[data-unit]").evaluateAll((rows) => rows.reduce((n, r) => n + Number(r.getAttribute("data-issued") ?? 0), 0));
    const first = await issued();
    await expect.poll(issued, { timeout: 30_000, interval: 500 }).toBeGreaterThan(first + 5);
    await expect.poll(() => page.locator("tr[data-unit=lam-dong]").getAttribute("data-issued"), { timeout: 10_000 }).not.toBe("0");

    // A commune's own dashboard, opened from its row, read-only, moving too.
    await page.locator("tr[data-unit=xa-lac-duong] td.unit button.name").click();
    const view = page.locator(".unit-view[data-viewing=xa-lac-duong]");
    await expect.poll(() => view.locator("[data-notice=read-only]").count(), { timeout: 10_000 }).toBe(1);
    expect(await view.locator("h1").textContent()).toBe("Bộ phận Một cửa xã Lạc Dương");
    await page.screenshot({ path: join(OUT, "demo-province-unit.png") });
    await page.close();
  }, 60_000);
});
