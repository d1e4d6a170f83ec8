/// <reference lib="dom" />
import type { Call } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { DISPLAY } from "../helpers/harness.ts";
import { useHall } from "../helpers/hall.ts";

const CALLS = 10_000;

/**
 * A board left on for a week: ten thousand calls pushed into one page. Memory and the page's
 * size must come back to where they started; frame times are printed, not asserted (timing
 * goals live in benchmarks).
 */
describe("a lobby board after a week of calls", () => {
  const hall = useHall();

  it(`keeps its memory and its page the same size after ${CALLS.toLocaleString("en")} calls`, async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${hall.server.url}/board/?key=${DISPLAY}`);
    await expect.poll(() => page.locator(".newest.idle").count()).toBe(1);

    const measure = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
      const frames = await page.evaluate(
        () =>
          new Promise<number[]>((resolve) => {
            const times: number[] = [];
            let last = performance.now();
            const tick = (t: number) => {
              times.push(t - last);
              last = t;
              if (times.length < 60) requestAnimationFrame(tick);
              else resolve(times);
            };
            requestAnimationFrame(tick);
          }),
      );
      frames.sort((a, b) => a - b);
      return { heap: usedSize, nodes, frameP50: frames[30]!, frameP95: frames[57]! };
    };

    const start = await measure();
    const nsp = hall.server.io.of("/display");
    const at = new Date().toISOString();
    for (let i = 1; i <= CALLS; i++) {
      const call: Call = {
        ticketId: `tuan-${i}`,
        number: `A${String(i % 1000).padStart(3, "0")}`,
        serviceId: "khai-sinh",
        fieldId: "ho-tich",
        counterId: `quay-${(i % 12) + 1}`,
        counterNumber: (i % 12) + 1,
        calledAt: at,
        recalls: 0,
      };
      nsp.emit("ticket:called", { call });
      // Let the socket breathe, as a real hall does between calls.
      if (i % 200 === 0) await new Promise((r) => setImmediate(r));
    }
    // One last call whose number no earlier call had: once it is the newest, the page has caught up.
    const last: Call = { ticketId: "tuan-cuoi", number: "Z999", serviceId: "khai-sinh", fieldId: "ho-tich", counterId: "quay-7", counterNumber: 7, calledAt: at, recalls: 0 };
    nsp.emit("ticket:called", { call: last });
    await expect
      .poll(async () => `${await page.locator(".newest .number").textContent()} ${await page.locator(".newest .counter").textContent()}`, { timeout: 60_000 })
      .toBe("Z999 Quầy 7");
    const end = await measure();

    console.log(
      `board after ${CALLS} calls: heap ${(start.heap / 1e6).toFixed(2)} → ${(end.heap / 1e6).toFixed(2)} MB, ` +
        `elements ${start.nodes} → ${end.nodes}, frame p50 ${start.frameP50.toFixed(1)} → ${end.frameP50.toFixed(1)} ms, ` +
        `p95 ${start.frameP95.toFixed(1)} → ${end.frameP95.toFixed(1)} ms`,
    );
    // The wall shows at most twelve calls: eight more elements than an empty wall holds, at most.
    expect(end.nodes).toBeLessThanOrEqual(start.nodes + 8 * 3 + 4);
    expect(end.heap).toBeLessThan(start.heap * 1.5 + 2e6);
    await page.close();
  }, 120_000);
});
