import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CENTER_HEADER } from "@motcua/protocol";
import { ask, client, connect, connected, DISPLAY, KIOSK, nextMatching, startTestServer, type TestServer } from "../helpers/harness.ts";
import { freshDatabase } from "../helpers/databases.ts";
import { startInstance, type Instance } from "../helpers/instances.ts";

const COMMUNE = "xa-da-huoai";
const COMMUNE_ADMIN = { username: "admin", password: "mat-khau-xa-da-huoai" };

type Api = ReturnType<typeof client>["api"];

/** Logs in to a center (or, with "province", as the province) and answers the token. */
async function logIn(api: Api, center: string | undefined, username: string, password: string): Promise<string> {
  const r = await api("POST", "/api/session", { body: { username, password, ...(center ? { center } : {}) } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.token;
}

/** The province creates a commune center; its admin adds a kiosk and a board. Answers their keys. */
async function createCommune(api: Api): Promise<{ admin: string; kiosk: string; board: string }> {
  const province = await logIn(api, "province", "tinh", "demo");
  const made = await api("POST", "/api/province/centers", {
    token: province,
    body: { id: COMMUNE, name: "Bộ phận Một cửa xã Đạ Huoai", admin: { ...COMMUNE_ADMIN, displayName: "Quản trị xã" } },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  expect(made.body).toMatchObject({ id: COMMUNE, mode: "production", admins: 1, counters: 1 });
  const admin = await logIn(api, COMMUNE, COMMUNE_ADMIN.username, COMMUNE_ADMIN.password);
  const cfg = (await api("GET", "/api/admin/config", { token: admin })).body;
  expect(cfg.center.id).toBe(COMMUNE);
  cfg.devices.push({ id: "kiosk-xa", kind: "kiosk", name: "Kiosk xã", newKey: true }, { id: "bang-xa", kind: "display", name: "Bảng xã", newKey: true });
  const saved = await api("PUT", "/api/admin/config", { token: admin, body: cfg });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return { admin, kiosk: saved.body.newKeys["kiosk-xa"], board: saved.body.newKeys["bang-xa"] };
}

describe("many centers in one deployment (embedded store)", () => {
  let server: TestServer;
  let api: Api;
  let commune: { admin: string; kiosk: string; board: string };
  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.url).api;
    commune = await createCommune(api);
  });
  afterAll(() => server?.destroy());

  it("lists its centers for the login page, and asks which one a login or public page is for", async () => {
    const listed = await api("GET", "/api/centers");
    expect(listed.body.centers.map((c: { id: string }) => c.id).sort()).toEqual(["lam-dong", COMMUNE]);
    expect(listed.body.province).toBe(true);
    const unnamed = await api("POST", "/api/session", { body: { username: "admin", password: "admin" } });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.message).toMatch(/center/);
    expect((await api("GET", "/api/services")).status).toBe(400);
    const services = await api("GET", "/api/services", { headers: { [CENTER_HEADER]: COMMUNE } });
    expect(services.body.map((s: { id: string }) => s.id)).toEqual(["tiep-nhan-ho-so"]);
    expect((await api("GET", "/api/services", { headers: { [CENTER_HEADER]: "khong-co" } })).status).toBe(404);
  });

  it("keeps each center's staff, configuration and numbers to itself", async () => {
    // The same username in two centers: each is its own account.
    const demoAdmin = await logIn(api, "lam-dong", "admin", "admin");
    expect((await api("GET", "/api/admin/config", { token: demoAdmin })).body.center.id).toBe("lam-dong");
    expect((await api("POST", "/api/session", { body: { ...COMMUNE_ADMIN, center: "lam-dong" } })).status).toBe(401);
    // Each center numbers its own tickets, from its own kiosk.
    const here = await api("POST", "/api/tickets", { token: commune.kiosk, body: { serviceId: "tiep-nhan-ho-so" } });
    expect(here.status, JSON.stringify(here.body)).toBe(201);
    expect(here.body.number).toBe("A001");
    expect((await api("POST", "/api/tickets", { token: commune.kiosk, body: { serviceId: "khai-sinh" } })).body.code).toBe("UNKNOWN_SERVICE");
    const there = await api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } });
    expect(there.body.number).toBe("A001");
    // A ticket id means a ticket of the caller's own center.
    expect((await api("GET", `/api/tickets/${here.body.id}`, { token: commune.admin })).body.serviceId).toBe("tiep-nhan-ho-so");
    expect((await api("GET", `/api/tickets/${here.body.id}`, { token: demoAdmin })).body.serviceId).not.toBe("tiep-nhan-ho-so");
    // A follow link finds its center by its token alone.
    const followed = await api("GET", `/api/follow/${here.body.followToken}`);
    expect(followed.status, JSON.stringify(followed.body)).toBe(200);
    expect(followed.body).toMatchObject({ number: "A001", serviceName: "Tiếp nhận hồ sơ" });
  });

  it("lets a board hear only its own center's calls", async () => {
    const communeBoard = connect(server.url, "/display", commune.board);
    const demoBoard = connect(server.url, "/display", DISPLAY);
    await Promise.all([connected(communeBoard), connected(demoBoard)]);
    try {
      const heardByDemo: string[] = [];
      demoBoard.on("ticket:called", (p: { call: { number: string } }) => heardByDemo.push(p.call.number));
      const heard = nextMatching<{ call: { number: string; counterId: string } }>(communeBoard, "ticket:called", (p) => p.call.number === "A001");
      const opened = await api("POST", "/api/counters/quay-1/open", { token: commune.admin, body: {} });
      expect(opened.status, JSON.stringify(opened.body)).toBe(200);
      const called = await api("POST", "/api/counters/quay-1/next", { token: commune.admin });
      expect(called.body.number).toBe("A001");
      expect((await heard).call.counterId).toBe("quay-1");
      // The demo hall's board syncs and has no call of the commune's.
      const sync = await ask(demoBoard, "display:sync");
      expect(sync.ok && sync.data.recentCalls.length).toBe(0);
      expect(heardByDemo).toEqual([]);
    } finally {
      communeBoard.close();
      demoBoard.close();
    }
  });

  it("lets only the province create centers, and keeps a center's id its own", async () => {
    const demoAdmin = await logIn(api, "lam-dong", "admin", "admin");
    const byAdmin = await api("POST", "/api/province/centers", {
      token: demoAdmin,
      body: { id: "xa-khac", name: "Xã khác", admin: { username: "a1", displayName: "A", password: "mot-mat-khau-dai" } },
    });
    expect(byAdmin.status).toBe(403);
    const province = await logIn(api, "province", "tinh", "demo");
    expect((await api("GET", "/api/admin/config", { token: province })).status).toBe(403);
    const again = await api("POST", "/api/province/centers", {
      token: province,
      body: { id: COMMUNE, name: "Trùng mã", admin: { username: "a1", displayName: "A", password: "mot-mat-khau-dai" } },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("CENTER_EXISTS");
    const listed = await api("GET", "/api/province/centers", { token: province });
    expect(listed.body.centers.map((c: { id: string }) => c.id).sort()).toEqual(["lam-dong", COMMUNE]);
    // A center admin cannot take another center's id (and with it its tokens and rooms).
    const cfg = (await api("GET", "/api/admin/config", { token: commune.admin })).body;
    const renamed = await api("PUT", "/api/admin/config", { token: commune.admin, body: { ...cfg, center: { ...cfg.center, id: "lam-dong" } } });
    expect(renamed.status).toBe(400);
    expect(renamed.body.message).toMatch(/center\.id/);
  });

  it("comes back whole after a restart: both centers, their numbers and sessions", async () => {
    const before = Object.keys(server.deployment.hall(COMMUNE)!.service.state.tickets).length;
    await server.close();
    server = await startTestServer({ dataDir: server.dataDir });
    api = client(server.url).api;
    expect(server.deployment.all().map((h) => h.center).sort()).toEqual(["lam-dong", COMMUNE]);
    expect(Object.keys(server.deployment.hall(COMMUNE)!.service.state.tickets).length).toBe(before);
    expect((await api("GET", "/api/admin/config", { token: commune.admin })).body.center.id).toBe(COMMUNE);
    const next = await api("POST", "/api/tickets", { token: commune.kiosk, body: { serviceId: "tiep-nhan-ho-so" } });
    expect(next.body.number).toBe("A002");
  });
});

describe("many centers on one database, served by two instances", () => {
  let a: Instance, b: Instance;
  beforeAll(async () => {
    const url = await freshDatabase();
    a = await startInstance(url, { every: true });
    b = await startInstance(url, { every: true });
  });
  afterAll(async () => {
    for (const i of [a, b]) await i?.stop();
  });

  it("serves a center created on one instance from the other, board and counter apart", async () => {
    const onA = client(a.url).api;
    const onB = client(b.url).api;
    const commune = await createCommune(onA);
    // The other instance finds the new center by itself.
    await expect.poll(async () => (await onB("GET", "/api/centers")).body.centers.length, { timeout: 10_000 }).toBe(2);
    const board = connect(b.url, "/display", commune.board);
    await connected(board);
    try {
      const t = (await onB("POST", "/api/tickets", { token: commune.kiosk, body: { serviceId: "tiep-nhan-ho-so" } })).body;
      expect(t.number).toBe("A001");
      const heard = nextMatching<{ call: { number: string } }>(board, "ticket:called", (p) => p.call.number === t.number, 5000);
      const officer = await logIn(onA, COMMUNE, COMMUNE_ADMIN.username, COMMUNE_ADMIN.password);
      expect((await onA("POST", "/api/counters/quay-1/open", { token: officer, body: {} })).status).toBe(200);
      expect((await onA("POST", "/api/counters/quay-1/next", { token: officer })).body.number).toBe(t.number);
      await heard;
      // The session opened on A is good on B, and still only for its own center.
      expect((await onB("GET", "/api/admin/config", { token: officer })).body.center.id).toBe(COMMUNE);
      // The demo center's kiosk goes on numbering its own tickets.
      expect((await onB("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })).body.number).toBe("A001");
    } finally {
      board.close();
    }
  });
});
