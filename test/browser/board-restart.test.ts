import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { client, DISPLAY, startTestServer } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";

describe("a lobby board when the server restarts", () => {
  const hall = useHall();

  it("says it is reconnecting, then picks up the day again by itself, without a reload", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${hall.server.url}/board/?key=${DISPLAY}`);
    await expect.poll(() => page.locator(".newest.idle").count()).toBe(1);
    let c = client(hall.server.url);
    const staff = await c.openCounter("canbo1", "quay-1");
    const before = await c.issue("khai-sinh");
    await c.api("POST", "/api/counters/quay-1/next", { token: staff });
    await expect.poll(() => page.locator(".newest .number").textContent(), { timeout: 3000 }).toBe(before.number);

    // The server goes away (a power cut, an update) and comes back on the same address and data.
    const { port, dataDir } = hall.server;
    await hall.server.close();
    await expect.poll(() => page.locator(".link").count(), { timeout: 10_000 }).toBe(1);
    // Discreet, but not over what the wall says: the mark covers neither heading nor the newest call.
    const overlaps = await page.evaluate(() => {
      const mark = document.querySelector(".link")!.getBoundingClientRect();
      return [...document.querySelectorAll("h1, h2, .newest, .clock, .recent li, .fields tr")]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return !(r.right <= mark.left || r.left >= mark.right || r.bottom <= mark.top || r.top >= mark.bottom);
        })
        .map((el) => el.textContent);
    });
    expect(overlaps).toEqual([]);
    await page.screenshot({ path: join(OUT, "board-reconnecting-1920x1080.png") });
    hall.server = await startTestServer({ port, dataDir });
    c = client(hall.server.url);
    await expect.poll(() => page.locator(".link").count(), { timeout: 20_000 }).toBe(0);
    // The day was stored: the wall still shows the call, and takes the next one as it comes.
    expect(await page.locator(".newest .number").textContent()).toBe(before.number);
    const again = await c.openCounter("canbo2", "quay-2");
    const after = await c.issue("khai-sinh");
    await c.api("POST", "/api/counters/quay-2/next", { token: again });
    await expect.poll(() => page.locator(".newest .number").textContent(), { timeout: 3000 }).toBe(after.number);
    await page.close();
  }, 60_000);
});
