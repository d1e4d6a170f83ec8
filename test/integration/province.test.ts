import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { ask, client, connect, connected, KIOSK, next, refused, startTestServer, type TestServer } from "../helpers/harness.ts";

const COMMUNE = { id: "xa-lac-duong", name: "Bộ phận Một cửa xã Lạc Dương" };

describe("the province's units, live", () => {
  let server: TestServer;
  let api: ReturnType<typeof client>["api"];
  let province: string;
  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url).api;
    province = (await api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } })).body.token;
    const made = await api("POST", "/api/province/centers", {
      token: province,
      body: { ...COMMUNE, area: "remote", parentId: "lam-dong", coordinates: { lat: 12.02, lon: 108.43 }, admin: { username: "quantri", displayName: "Quản trị xã", password: "mat-khau-lac-duong" } },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ level: "commune", area: "remote", parentId: "lam-dong" });
  });
  afterAll(() => server?.destroy());

  it("answers every unit with its place, its yardstick and today's figures", async () => {
    await api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } });
    const r = await api("GET", "/api/province/units", { token: province });
    expect(r.status).toBe(200);
    const byId = Object.fromEntries(r.body.units.map((u: { id: string }) => [u.id, u]));
    expect(byId["lam-dong"]).toMatchObject({ level: "provincial", area: "urban", yardstick: 1600, countersTotal: 12, countersOpen: 0, notReportingSince: null });
    expect(byId["lam-dong"].waiting).toBeGreaterThanOrEqual(1);
    expect(byId["lam-dong"].lastActivityAt).not.toBeNull();
    expect(byId[COMMUNE.id]).toMatchObject({ level: "commune", area: "remote", yardstick: 800, parentId: "lam-dong", coordinates: { lat: 12.02, lon: 108.43 }, waiting: 0, issued: 0 });
    // Nobody else may see it.
    const admin = (await api("POST", "/api/session", { body: { username: "admin", password: "admin", center: "lam-dong" } })).body.token;
    expect((await api("GET", "/api/province/units", { token: admin })).status).toBe(403);
    expect((await api("GET", "/api/province/units")).status).toBe(401);
  });

  it("pushes a unit's new figures to the province page, at most once a second per unit", async () => {
    const page = connect(server.url, "/province", province);
    await connected(page);
    try {
      const synced = await ask(page, "province:sync");
      expect(synced.ok && synced.data.units.map((u) => u.id).sort()).toEqual(["lam-dong", COMMUNE.id]);
      const before = synced.ok ? synced.data.units.find((u) => u.id === "lam-dong")!.issued : 0;
      const heard: { at: number; units: { id: string; issued: number }[] }[] = [];
      page.on("units:updated", (p: { units: { id: string; issued: number }[] }) => heard.push({ at: Date.now(), units: p.units }));
      const t0 = Date.now();
      for (let n = 0; n < 10; n++) await api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "ket-hon" } });
      await expect.poll(() => heard.flatMap((h) => h.units).find((u) => u.id === "lam-dong" && u.issued === before + 10), { timeout: 5000 }).toBeTruthy();
      // Ten tickets in well under a second or two: one or two updates, never ten.
      const updates = heard.filter((h) => h.units.some((u) => u.id === "lam-dong"));
      expect(updates.length).toBeLessThanOrEqual(Math.ceil((Date.now() - t0) / 1000) + 1);
      expect(updates.length).toBeLessThan(10);
      // The commune had nothing to tell.
      expect(heard.flatMap((h) => h.units).some((u) => u.id === COMMUNE.id)).toBe(false);
    } finally {
      page.close();
    }
  });

  it("admits only the province to its page, and the province to no hall's namespace", async () => {
    const admin = (await api("POST", "/api/session", { body: { username: "admin", password: "admin", center: "lam-dong" } })).body.token;
    expect((await refused(connect(server.url, "/province", admin))).data?.code).toBe("FORBIDDEN");
    expect((await refused(connect(server.url, "/province", KIOSK))).data?.code).toBe("FORBIDDEN");
    expect((await refused(connect(server.url, "/supervisor", province))).data?.code).toBe("FORBIDDEN");
  });

  it("opens a unit's own dashboard to the province, to look at and nothing more", async () => {
    const look = (namespace: string, center?: string) =>
      io(`${server.url}${namespace}`, { auth: { token: province, ...(center ? { center } : {}) }, transports: ["websocket"], forceNew: true, reconnection: false });
    const dashboard = look("/supervisor", COMMUNE.id);
    await connected(dashboard);
    try {
      const synced = await ask(dashboard, "dashboard:sync");
      expect(synced.ok && synced.data.counters.length).toBe(1);
      expect(synced.ok && synced.data.stats.issued).toBe(0);
      // It hears its unit's figures as its supervisor would.
      const heard = next(dashboard, "stats:updated", 5000);
      const admin = (await api("POST", "/api/session", { body: { username: "quantri", password: "mat-khau-lac-duong", center: COMMUNE.id } })).body.token;
      expect((await api("POST", "/api/tickets", { token: admin, body: { serviceId: "tiep-nhan-ho-so" } })).status).toBe(201);
      expect((await heard).stats.issued).toBe(1);
    } finally {
      dashboard.close();
    }
    expect((await refused(look("/supervisor"))).data?.code).toBe("FORBIDDEN");
    expect((await refused(look("/supervisor", "khong-co"))).data?.code).toBe("NOT_FOUND");
    expect((await refused(look("/counter", COMMUNE.id))).data?.code).toBe("FORBIDDEN");
  });

  it("tells a phone which units receive a procedure, and their waits now, whatever its address", async () => {
    const all = (await api("GET", "/api/units")).body;
    expect(all.units).toEqual([]);
    const ids = all.procedures.map((p: { id: string }) => p.id);
    expect(ids).toContain("khai-sinh");
    expect(ids).toContain("tiep-nhan-ho-so");
    const birth = (await api("GET", "/api/units?serviceId=khai-sinh")).body;
    expect(birth.units.map((u: { id: string }) => u.id)).toEqual(["lam-dong"]);
    expect(birth.units[0]).toMatchObject({ level: "provincial", remote: true, appointments: true });
    expect(birth.units[0].estimatedWait.maxMinutes).toBeGreaterThanOrEqual(birth.units[0].estimatedWait.minMinutes);
    const reception = (await api("GET", "/api/units?serviceId=tiep-nhan-ho-so")).body;
    expect(reception.units).toEqual([expect.objectContaining({ id: COMMUNE.id, coordinates: { lat: 12.02, lon: 108.43 }, remote: false })]);
    expect((await api("GET", "/api/units?serviceId=NOT AN ID")).status).toBe(400);
  });

  it("keeps one catalog: a unit chooses from it, cannot rename it, and its kiosk hears the province's change", async () => {
    const catalog = {
      fields: [{ id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status" }],
      services: [{ id: "khai-sinh", name: "Đăng ký khai sinh", nameEn: "Birth registration", fieldId: "ho-tich", defaultServiceMinutes: 7 }],
      holidays: [],
    };
    const saved = await api("PUT", "/api/province/catalog", { token: province, body: catalog });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.units.every((u: { ok: boolean }) => u.ok)).toBe(true);
    expect((await api("PUT", "/api/province/catalog", { token: province, body: { ...catalog, services: [{ ...catalog.services[0], fieldId: "khong-co" }] } })).status).toBe(400);

    // The commune's admin takes the procedure from the catalog for its counter, with a kiosk.
    const admin = (await api("POST", "/api/session", { body: { username: "quantri", password: "mat-khau-lac-duong", center: COMMUNE.id } })).body.token;
    const offered = (await api("GET", "/api/admin/catalog", { token: admin })).body;
    expect(offered.services.map((x: { id: string }) => x.id)).toEqual(["khai-sinh"]);
    const cfg = (await api("GET", "/api/admin/config", { token: admin })).body;
    const withBirth = {
      ...cfg,
      fields: [...cfg.fields, { ...offered.fields[0], province: true }],
      services: [...cfg.services, { ...offered.services[0], code: "B", province: true }],
      counters: cfg.counters.map((c: { serviceIds: string[] }) => ({ ...c, serviceIds: [...c.serviceIds, "khai-sinh"] })),
      devices: [...cfg.devices, { id: "kiosk", kind: "kiosk", name: "Kiosk", newKey: true }],
    };
    const took = await api("PUT", "/api/admin/config", { token: admin, body: withBirth });
    expect(took.status, JSON.stringify(took.body)).toBe(200);
    const kioskKey = took.body.newKeys.kiosk;
    // What the province names, the unit cannot rename.
    const renamed = await api("PUT", "/api/admin/config", {
      token: admin,
      body: { ...took.body.config, services: took.body.config.services.map((x: { id: string }) => (x.id === "khai-sinh" ? { ...x, name: "Khai sinh (xã)" } : x)) },
    });
    expect(renamed.status).toBe(400);
    expect(renamed.body.message).toMatch(/khai-sinh: its name and field are the province's/);

    // The province renames it: the commune's kiosk hears of it at once and shows the new name.
    const kiosk = connect(server.url, "/kiosk", kioskKey);
    await connected(kiosk);
    try {
      const changed = next(kiosk, "config:changed", 5000);
      const renaming = await api("PUT", "/api/province/catalog", {
        token: province,
        body: { ...catalog, services: [{ ...catalog.services[0], name: "Đăng ký khai sinh (cấp bản chính)" }] },
      });
      expect(renaming.body.units.find((u: { id: string }) => u.id === COMMUNE.id)).toEqual({ id: COMMUNE.id, ok: true });
      await changed;
      const shown = await ask(kiosk, "services:list");
      expect(shown.ok && shown.data.find((x) => x.id === "khai-sinh")?.name).toBe("Đăng ký khai sinh (cấp bản chính)");
    } finally {
      kiosk.close();
    }
    // The demo center's own entries are its own: untouched.
    expect(server.deployment.hall("lam-dong")!.service.config.services.find((x) => x.id === "khai-sinh")?.name).toBe("Đăng ký khai sinh");

    // The province's listing (niêm yết) of the procedure: the commune's kiosk lists it at once.
    const listed = connect(server.url, "/kiosk", kioskKey);
    await connected(listed);
    try {
      const changed = next(listed, "config:changed", 5000);
      const listing = [
        {
          id: "tt-khai-sinh",
          name: "Đăng ký khai sinh",
          nameEn: "Birth registration",
          serviceId: "khai-sinh",
          documents: ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
          documentsEn: ["Birth registration form", "Birth certificate from the hospital"],
          fee: "Miễn phí",
          feeEn: "Free",
          processingTime: "Trong ngày",
          processingTimeEn: "Same day",
          submitAt: "Quầy Hộ tịch",
          submitAtEn: "Civil status counter",
        },
      ];
      const current = (await api("GET", "/api/province/catalog", { token: province })).body;
      expect((await api("PUT", "/api/province/catalog", { token: province, body: { ...current, listing, rules: { fairnessCap: 5 } } })).status).toBe(200);
      await changed;
      const procedures = await ask(listed, "procedures:list");
      expect(procedures.ok && procedures.data.map((p) => p.id)).toEqual(["tt-khai-sinh"]);
    } finally {
      listed.close();
    }
    // A unit made from now on starts with the province's rule defaults.
    const later = await api("POST", "/api/province/centers", {
      token: province,
      body: { id: "xa-sau", name: "Bộ phận Một cửa xã Sau", admin: { username: "quantri", displayName: "Quản trị", password: "mat-khau-xa-sau" } },
    });
    expect(later.status).toBe(201);
    expect(server.deployment.hall("xa-sau")!.service.config.rules.fairnessCap).toBe(5);
  });

  it("keeps a unit's level, area and parent the province's to set", async () => {
    const token = (await api("POST", "/api/session", { body: { username: "quantri", password: "mat-khau-lac-duong", center: COMMUNE.id } })).body.token;
    const cfg = (await api("GET", "/api/admin/config", { token })).body;
    const easier = await api("PUT", "/api/admin/config", { token, body: { ...cfg, center: { ...cfg.center, area: "urban" } } });
    expect(easier.status).toBe(400);
    expect(easier.body.message).toMatch(/center\.area is set by the province/);
    // Its own address and coordinates it may correct.
    const moved = await api("PUT", "/api/admin/config", { token, body: { ...cfg, center: { ...cfg.center, address: "Thị trấn Lạc Dương", coordinates: { lat: 12.0, lon: 108.42 } } } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  });
});

describe("the province's demo credentials", () => {
  it("are refused once no center runs a demo, like the centers' own", async () => {
    const server = await startTestServer();
    try {
      const api = client(server.url).api;
      const logIn = () => api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } });
      expect((await logIn()).status).toBe(200);
      const admin = (await api("POST", "/api/session", { body: { username: "admin", password: "admin" } })).body.token;
      const cfg = (await api("GET", "/api/admin/config", { token: admin })).body;
      expect((await api("PUT", "/api/admin/config", { token: admin, body: { ...cfg, mode: "production" } })).status).toBe(200);
      const refused = await logIn();
      expect(refused.status).toBe(401);
      expect(refused.body.message).toMatch(/demo mode/);
      // A real account of the province works in production.
      await server.deployment.setProvinceAccount("vanphong", "mot-mat-khau-that-dai");
      expect((await api("POST", "/api/session", { body: { username: "vanphong", password: "mot-mat-khau-that-dai", center: "province" } })).status).toBe(200);
    } finally {
      await server.destroy();
    }
  });
});
