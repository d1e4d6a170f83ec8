import { describe, expect, it } from "vitest";
import { client, startTestServer } from "../helpers/harness.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

// Issue 18's fault drills on time: the machine's clock stepped back (an NTP correction, a CMOS
// battery) and a restart across midnight and across the day's reset (05:00 in the demo).

const MINUTE = 60_000;
/** A moment in Hanoi on 2026-11-27 (a Friday), or the next day with `day` 28. */
const hanoi = (h: number, m = 0, day = 27) => Date.UTC(2026, 10, day, h - 7, m);

describe("the clock", () => {
  it("stepped back two minutes across a restart: numbers go on, none repeats, and no wait is negative", async () => {
    let now = hanoi(9);
    const first = await startTestServer({ clock: () => now });
    const c1 = client(first.url);
    const before = [await c1.issue("khai-sinh"), await c1.issue("khai-sinh")];
    await first.close();

    now -= 2 * MINUTE;
    const second = await startTestServer({ dataDir: first.dataDir, clock: () => now });
    try {
      const c2 = client(second.url);
      const after = [await c2.issue("khai-sinh"), await c2.issue("khai-sinh")];
      expect([...before, ...after].map((t) => t.number)).toEqual(["A001", "A002", "A003", "A004"]);
      for (const t of after) expect(t.estimatedWait.minMinutes).toBeGreaterThanOrEqual(0);
      // The counter calls them in their order, the ones issued "before" the clock's now first.
      const staff = await c2.openCounter("canbo1", "quay-1");
      const called = [];
      for (let i = 0; i < 4; i++) {
        const r = await c2.api("POST", "/api/counters/quay-1/next", { token: staff });
        called.push(r.body.number);
        await c2.api("POST", `/api/tickets/${r.body.id}/start`, { token: staff });
        await c2.api("POST", `/api/tickets/${r.body.id}/complete`, { token: staff });
      }
      expect(called).toEqual(["A001", "A002", "A003", "A004"]);
      const stats = (await c2.api("GET", "/api/stats/today", { token: await c2.login("giamsat") })).body;
      expect(stats.issued).toBe(4);
      expect(stats.averageWaitMinutes ?? 0).toBeGreaterThanOrEqual(0);
    } finally {
      await second.destroy();
    }
  });

  it("a restart across midnight keeps the service day until 05:00, and one after 05:00 starts a new day", async () => {
    let now = hanoi(23, 58);
    const first = await startTestServer({ clock: () => now });
    await issueAtAnyHour(first.url);
    const late = await client(first.url).issue("tra-ket-qua");
    expect(late).toMatchObject({ number: "R001", day: "2026-11-27" });
    await first.close();

    now = hanoi(0, 2, 28);
    const second = await startTestServer({ dataDir: first.dataDir, clock: () => now });
    expect((await client(second.url).issue("tra-ket-qua")).number).toBe("R002");
    await second.close();

    now = hanoi(5, 1, 28);
    const third = await startTestServer({ dataDir: first.dataDir, clock: () => now });
    try {
      expect(await client(third.url).issue("tra-ket-qua")).toMatchObject({ number: "R001", day: "2026-11-28" });
      expect(third.service.state.day).toBe("2026-11-28");
    } finally {
      await third.destroy();
    }
  });
});
