import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hallClock } from "../helpers/clock.ts";
import { cutProxy } from "../helpers/cut-proxy.ts";
import { client, startTestServer, type TestServer } from "../helpers/harness.ts";
import { freshDatabase } from "../helpers/databases.ts";
import { startInstance, type Instance } from "../helpers/instances.ts";

const UNIT = "xa-ta-nung";

/**
 * A commune whose hall runs its own server, linked to the province over a line the test cuts:
 * the hall goes on issuing; the province says the unit is not reporting; the province is
 * restarted meanwhile; when the line returns the province has every command once.
 */
describe("a linked hall that keeps working offline", () => {
  let province: TestServer;
  let hall: TestServer;
  let proxy: Awaited<ReturnType<typeof cutProxy>>;
  /** The province's clock: the hall's, moved on by the test to see the unit fall silent. */
  let ahead = 0;
  const provinceClock = () => hallClock() + ahead;
  /** The hall's clock, moved on with the province's to cross a midnight. */
  let hallAhead = 0;
  let linkKey: string;
  let kioskKey: string;
  let provinceToken: string;

  beforeAll(async () => {
    province = await startTestServer({ clock: provinceClock });
    const api = client(province.url).api;
    provinceToken = (await api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } })).body.token;
    const made = await api("POST", "/api/province/centers", {
      token: provinceToken,
      body: { id: UNIT, name: "Bộ phận Một cửa xã Tà Nung", linked: true, admin: { username: "quantri", displayName: "Quản trị xã", password: "mat-khau-ta-nung" } },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    linkKey = made.body.linkKey;
    expect(linkKey).toMatch(/^link\./);
    // The unit's admin sets up its kiosk at the province; the hall takes the configuration from there.
    const admin = (await api("POST", "/api/session", { body: { username: "quantri", password: "mat-khau-ta-nung", center: UNIT } })).body.token;
    const cfg = (await api("GET", "/api/admin/config", { token: admin })).body;
    cfg.devices.push({ id: "kiosk", kind: "kiosk", name: "Kiosk", newKey: true });
    kioskKey = (await api("PUT", "/api/admin/config", { token: admin, body: cfg })).body.newKeys.kiosk;
    proxy = await cutProxy(() => province.port);
    hall = await startTestServer({ clock: () => hallClock() + hallAhead, province: { url: proxy.url, key: linkKey, heartbeatMs: 100, configEveryMs: 500 } });
  });
  afterAll(async () => {
    await hall?.destroy();
    await proxy?.close();
    await province?.destroy();
  });

  const issueAtHall = async (n: number) => {
    const answers = [];
    for (let i = 0; i < n; i++) answers.push((await client(hall.url).api("POST", "/api/tickets", { token: kioskKey, body: { serviceId: "tiep-nhan-ho-so" } })).status);
    return answers;
  };
  const unitAtProvince = async () => {
    let r = await client(province.url).api("GET", "/api/province/units", { token: provinceToken });
    if (r.status === 401) {
      // A day later the morning's session has ended.
      provinceToken = (await client(province.url).api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } })).body.token;
      r = await client(province.url).api("GET", "/api/province/units", { token: provinceToken });
    }
    return r.body.units.find((u: { id: string }) => u.id === UNIT) as { issued: number; notReportingSince: string | null };
  };

  it("serves the unit in its hall, and the province hears of every command", async () => {
    expect(hall.deployment.all().map((h) => h.center)).toEqual([UNIT]);
    expect(await issueAtHall(10)).toEqual(Array(10).fill(201));
    await expect.poll(async () => (await unitAtProvince()).issued, { timeout: 5000 }).toBe(10);
    expect((await unitAtProvince()).notReportingSince).toBeNull();
    // The province takes no command for a linked unit itself: two deciders would fork its journal.
    const there = await client(province.url).api("POST", "/api/tickets", { token: kioskKey, body: { serviceId: "tiep-nhan-ho-so" } });
    expect(there.status).toBe(403);
  });

  it("goes on while the line is cut and the province restarts, then catches the province up once", async () => {
    proxy.cut();
    const whileCut = await issueAtHall(25);
    expect(whileCut).toEqual(Array(25).fill(201));
    // A minute and more without a word: the province page says so.
    ahead += 90_000;
    await expect.poll(async () => (await unitAtProvince()).notReportingSince, { timeout: 5000 }).not.toBeNull();
    expect((await unitAtProvince()).issued).toBe(10);

    // The province restarts while the line is still down.
    await province.close();
    province = await startTestServer({ clock: provinceClock, dataDir: province.dataDir });
    expect(await issueAtHall(5)).toEqual(Array(5).fill(201));

    // The line returns while kiosks go on issuing.
    const load = issueAtHall(20);
    const restored = Date.now();
    proxy.restore();
    expect(await load).toEqual(Array(20).fill(201));
    await expect.poll(async () => (await unitAtProvince()).issued, { timeout: 10_000, interval: 100 }).toBe(60);
    const catchUpMs = Date.now() - restored;
    expect((await unitAtProvince()).notReportingSince).toBeNull();

    // The province holds the hall's journal entry for entry: none lost, none twice.
    const day = hall.service.position.day;
    const atHall = await hall.service.journalOf(day);
    const atProvince = await province.deployment.hall(UNIT)!.service.journalOf(day);
    expect(atProvince.map((e) => e.seq)).toEqual(atHall.map((e) => e.seq));
    expect(atProvince).toEqual(atHall);
    const numbers = Object.values(province.deployment.hall(UNIT)!.service.state.tickets).map((t) => t.number);
    expect(new Set(numbers).size).toBe(60);
    console.log(`linked hall: ${whileCut.length + 5} commands while cut off, ${atProvince.length} held by the province after, ${atProvince.length - new Set(atProvince.map((e) => e.seq)).size} duplicates, caught up ${catchUpMs} ms after the line returned`);
  }, 30_000);

  it("refuses a batch with an entry it cannot apply, storing none of it, and takes the hall's next", async () => {
    const held = (await province.deployment.hall(UNIT)!.service.heldThrough(hall.service.position.day));
    const day = hall.service.position.day;
    const post = (entries: unknown[]) =>
      fetch(`${province.url}/api/link/journal`, { method: "POST", headers: { authorization: `Bearer ${linkKey}`, "content-type": "application/json" }, body: JSON.stringify({ day, entries }) });
    const bad = await post([{ seq: held + 1, at: hallClock(), command: { type: "khong-co-lenh-nay" } }]);
    expect(bad.status).toBe(400);
    expect(await province.deployment.hall(UNIT)!.service.heldThrough(day)).toBe(held);
    // The hall's own entries still go through.
    expect(await issueAtHall(1)).toEqual([201]);
    await expect.poll(() => province.deployment.hall(UNIT)!.service.heldThrough(day), { timeout: 5000 }).toBeGreaterThan(held);
  });

  it("takes the configuration the unit's admin changes at the province", async () => {
    const api = client(province.url).api;
    const admin = (await api("POST", "/api/session", { body: { username: "quantri", password: "mat-khau-ta-nung", center: UNIT } })).body.token;
    const cfg = (await api("GET", "/api/admin/config", { token: admin })).body;
    const renamed = await api("PUT", "/api/admin/config", { token: admin, body: { ...cfg, counters: cfg.counters.map((c: object) => ({ ...c, name: "Quầy tiếp nhận" })) } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await expect.poll(() => hall.service.config.counters[0]!.name, { timeout: 5000 }).toBe("Quầy tiếp nhận");

    // A procedure of the province's catalog the unit takes: the hall takes the catalog with it.
    const catalog = {
      fields: [{ id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status" }],
      services: [{ id: "khai-sinh", name: "Đăng ký khai sinh", nameEn: "Birth registration", fieldId: "ho-tich", defaultServiceMinutes: 7 }],
      holidays: [],
    };
    expect((await api("PUT", "/api/province/catalog", { token: provinceToken, body: catalog })).status).toBe(200);
    const now = (await api("GET", "/api/admin/config", { token: admin })).body;
    const took = await api("PUT", "/api/admin/config", {
      token: admin,
      body: {
        ...now,
        fields: [...now.fields, { ...catalog.fields[0], province: true }],
        services: [...now.services, { ...catalog.services[0], code: "B", province: true }],
        counters: now.counters.map((c: { serviceIds: string[] }) => ({ ...c, serviceIds: [...c.serviceIds, "khai-sinh"] })),
      },
    });
    expect(took.status, JSON.stringify(took.body)).toBe(200);
    await expect.poll(() => hall.service.config.services.map((x) => x.id), { timeout: 5000 }).toContain("khai-sinh");
    expect(hall.deployment.catalog().services.map((x) => x.id)).toEqual(["khai-sinh"]);
    expect((await client(hall.url).api("POST", "/api/tickets", { token: kioskKey, body: { serviceId: "khai-sinh" } })).status).toBe(201);
  });

  it("catches the province up on a day that ended while the line was down", async () => {
    const yesterday = hall.service.position.day;
    // The hall's own count: the province may still be taking the last ticket of the test before.
    const before = Object.keys(hall.service.state.tickets).length;
    proxy.cut();
    expect(await issueAtHall(8)).toEqual(Array(8).fill(201));
    // A whole day later, on both sides: each turns its day; the hall keeps yesterday's journal.
    ahead += 86_400_000;
    hallAhead += 86_400_000;
    await hall.service.checkDay();
    await province.deployment.hall(UNIT)!.service.checkDay();
    expect(hall.service.position.day).not.toBe(yesterday);
    expect(await hall.service.keptDays()).toEqual([yesterday]);
    const today = await issueAtHall(4);
    expect(today).toEqual(Array(4).fill(201));

    proxy.restore();
    await expect.poll(async () => (await unitAtProvince()).issued, { timeout: 10_000, interval: 100 }).toBe(4);
    // Yesterday's record at the province holds the eight issued after the line went, once each.
    const record = await province.deployment.hall(UNIT)!.service.recordedDay(yesterday);
    expect(Object.keys(record!.tickets)).toHaveLength(before + 8);
    expect(await province.deployment.hall(UNIT)!.service.heldThrough(yesterday)).toBe((await hall.service.heldThrough(yesterday)));
    // The hall lets go of the kept journal (and the phone hashes it held) once the province has it.
    await expect.poll(() => hall.service.keptDays()).toEqual([]);
  }, 30_000);
});

describe("a linked hall and a province of two instances", () => {
  it("is reporting on the instance it does not speak to, as well", async () => {
    const url = await freshDatabase();
    const a = await startInstance(url, { every: true });
    const b = await startInstance(url, { every: true });
    let hall: TestServer | undefined;
    try {
      const api = client(a.url).api;
      const token = (await api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } })).body.token;
      const made = await api("POST", "/api/province/centers", {
        token,
        body: { id: UNIT, name: "Bộ phận Một cửa xã Tà Nung", linked: true, admin: { username: "quantri", displayName: "Quản trị xã", password: "mat-khau-ta-nung" } },
      });
      expect(made.status).toBe(201);
      hall = await startTestServer({ province: { url: a.url, key: made.body.linkKey, heartbeatMs: 100, configEveryMs: 500 } });
      const silentOn = async (i: Instance) => {
        const r = await client(i.url).api("GET", "/api/province/units", { token });
        return r.body.units.find((u: { id: string }) => u.id === UNIT)?.notReportingSince;
      };
      await expect.poll(() => silentOn(a), { timeout: 5000 }).toBeNull();
      // The hall speaks to A only; B learns from the database that it is there.
      await expect.poll(() => silentOn(b), { timeout: 10_000 }).toBeNull();
    } finally {
      await hall?.destroy();
      for (const i of [a, b]) await i.stop();
    }
  }, 30_000);
});
