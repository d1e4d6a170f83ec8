import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoProvinceClock, LowdbStore, startDemoProvince } from "@motcua/queue-server";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { client, startTestServer, type TestServer } from "../helpers/harness.ts";

/** Fast enough that a test sees citizens served: a minute of the hall's time in half a second. */
const SPEED = 120;

describe("the demo province (npm start -- --demo province)", () => {
  let server: TestServer;
  let demo: { stop: () => void };
  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "motcua-demo-province-"));
    // The clock a real run uses: a working morning, sped up; here on a fixed day, not today's.
    const clock = await demoProvinceClock(new LowdbStore(dataDir), SPEED, "2026-12-01");
    server = await startTestServer({ dataDir, clock });
    demo = await startDemoProvince(server.deployment, { url: server.url, clock, speed: SPEED, log: () => undefined });
  });
  afterAll(async () => {
    demo?.stop();
    await server?.destroy();
  });

  it("runs the provincial center and six commune units, each hall moving through the real API", async () => {
    // A working morning of the day asked for, moving fast (two real minutes are four hours here).
    expect(server.service.now()).toBeGreaterThanOrEqual(Date.parse("2026-12-01T07:30:00+07:00"));
    expect(server.service.now()).toBeLessThan(Date.parse("2026-12-01T11:30:00+07:00"));
    const api = client(server.url).api;
    const province = (await api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } })).body.token;
    const units = async () => (await api("GET", "/api/province/units", { token: province })).body.units as { id: string; level: string; issued: number; served: number; countersOpen: number }[];
    expect((await units()).length).toBe(7);
    expect((await units()).filter((u) => u.level === "commune")).toHaveLength(6);
    // One catalog: every unit's procedures are the province's, named as the provincial center names them.
    const catalog = (await api("GET", "/api/province/catalog", { token: province })).body;
    expect(catalog.services.length).toBeGreaterThan(5);
    for (const hall of server.deployment.all()) {
      for (const s of hall.service.config.services) expect(s.province, `${hall.center} ${s.id}`).toBe(true);
    }
    expect(server.deployment.hall("xa-lac-duong")!.service.config.services.find((s) => s.id === "dang-ky-dat-dai")?.name).toBe(
      catalog.services.find((s: { id: string }) => s.id === "dang-ky-dat-dai").name,
    );
    // Officers open their counters, citizens arrive and are served, in every kind of hall.
    await expect.poll(async () => (await units()).every((u) => u.countersOpen > 0), { timeout: 30_000, interval: 500 }).toBe(true);
    await expect.poll(async () => (await units()).find((u) => u.id === "lam-dong")!.served, { timeout: 30_000, interval: 500 }).toBeGreaterThan(0);
    await expect.poll(async () => (await units()).filter((u) => u.level === "commune").reduce((n, u) => n + u.issued, 0), { timeout: 30_000, interval: 500 }).toBeGreaterThan(0);
  }, 60_000);
});
