import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LowdbStore, demoConfig } from "@motcua/queue-server";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DISPLAY, KIOSK, STATION, ask, client, connect, connected, next, refused, startTestServer, type TestServer } from "../helpers/harness.ts";
import { hallClock } from "../helpers/clock.ts";

let server: TestServer;
let c: ReturnType<typeof client>;
let staff: string;
let boss: string;
let admin: string;
let ticketId: string;

beforeAll(async () => {
  server = await startTestServer();
  c = client(server.url);
  [staff, boss, admin] = await Promise.all([c.openCounter("canbo1", "quay-1"), c.login("giamsat"), c.login("admin", "admin")]);
  ticketId = (await c.issue("khai-sinh")).id;
});
afterAll(() => server.destroy());

// Every protected route, with a body that would be valid, so only the credential decides.
const routes: [string, string, unknown?][] = [
  ["POST", "/api/tickets", { serviceId: "khai-sinh" }],
  ["POST", "/api/counters/quay-1/open", {}],
  ["POST", "/api/counters/quay-1/next"],
  ["GET", "/api/counters/quay-1"],
  ["POST", "/api/counters/quay-1/pause", {}],
  ["POST", "/api/counters/quay-1/resume"],
  ["POST", "/api/counters/quay-1/close"],
  ["POST", "/api/tickets/TICKET/recall"],
  ["POST", "/api/tickets/TICKET/start"],
  ["POST", "/api/tickets/TICKET/complete"],
  ["POST", "/api/tickets/TICKET/no-show"],
  ["POST", "/api/tickets/TICKET/requeue"],
  ["POST", "/api/tickets/TICKET/park"],
  ["POST", "/api/tickets/TICKET/unpark"],
  ["POST", "/api/tickets/TICKET/cancel"],
  ["POST", "/api/tickets/TICKET/transfer", { toServiceId: "ket-hon" }],
  ["POST", "/api/ratings", { ticketId: "TICKET", level: "satisfied" }],
  ["GET", "/api/stats/today"],
  ["GET", "/api/display/snapshot"],
  ["GET", "/api/admin/config"],
  ["PUT", "/api/admin/config", { mode: "demo" }],
  ["DELETE", "/api/session"],
];
const fill = (path: string) => path.replace("TICKET", ticketId);

describe("credentials", () => {
  it.each(routes)("%s %s without credentials is 401 and changes nothing", async (method, path, body) => {
    const before = server.service.state.version;
    const r = await c.api(method, fill(path), { body });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe("UNAUTHENTICATED");
    expect(server.service.state.version).toBe(before);
  });

  it.each(routes)("%s %s with a made-up token is 401", async (method, path, body) => {
    const r = await c.api(method, fill(path), { body, token: "not-a-real-key" });
    expect(r.status).toBe(401);
  });

  it("refuses a wrong password with 401 and a right one with a token and role", async () => {
    const wrong = await c.api("POST", "/api/session", { body: { username: "canbo2", password: "sai" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("INVALID_CREDENTIALS");
    const unknown = await c.api("POST", "/api/session", { body: { username: "khong-co", password: "demo" } });
    expect(unknown.status).toBe(401);
    const right = await c.api("POST", "/api/session", { body: { username: "canbo2", password: "demo" } });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ role: "staff", token: expect.any(String) });
    expect(Date.parse(right.body.expiresAt)).toBeGreaterThan(hallClock());
  });

  it("ends a session on logout", async () => {
    const token = await c.login("canbo9");
    expect((await c.api("DELETE", "/api/session", { token })).status).toBe(204);
    expect((await c.api("POST", "/api/counters/quay-9/open", { token, body: {} })).status).toBe(401);
  });
});

describe("roles over REST", () => {
  const forbidden: [string, () => string, string, string, unknown?][] = [
    ["a display", () => DISPLAY, "POST", "/api/tickets", { serviceId: "khai-sinh" }],
    ["a display", () => DISPLAY, "POST", "/api/counters/quay-1/next"],
    ["a display", () => DISPLAY, "POST", "/api/ratings", { ticketId: "x", level: "satisfied" }],
    ["a kiosk", () => KIOSK, "POST", "/api/counters/quay-1/next"],
    ["a kiosk", () => KIOSK, "POST", "/api/counters/quay-1/open", {}],
    ["a kiosk", () => KIOSK, "POST", "/api/tickets/TICKET/complete"],
    ["a kiosk", () => KIOSK, "GET", "/api/stats/today"],
    ["a kiosk", () => KIOSK, "GET", "/api/admin/config"],
    ["a station", () => STATION, "POST", "/api/tickets", { serviceId: "khai-sinh" }],
    ["a station", () => STATION, "POST", "/api/counters/quay-1/next"],
    ["an officer", () => staff, "GET", "/api/stats/today"],
    ["an officer", () => staff, "GET", "/api/admin/config"],
    ["an officer", () => staff, "POST", "/api/ratings", { ticketId: "x", level: "very_satisfied" }],
    ["a supervisor", () => boss, "GET", "/api/admin/config"],
    ["a supervisor", () => boss, "PUT", "/api/admin/config", { mode: "demo" }],
  ];
  it.each(forbidden)("%s may not %s %s (403)", async (_who, token, method, path, body) => {
    const before = server.service.state.version;
    const r = await c.api(method, fill(path), { token: token(), body });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe("FORBIDDEN");
    expect(server.service.state.version).toBe(before);
  });

  it("lets an officer act only for the counter they opened", async () => {
    const other = await c.api("POST", "/api/counters/quay-2/next", { token: staff });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe("NOT_YOUR_COUNTER");
    expect((await c.api("GET", "/api/counters/quay-2", { token: staff })).status).toBe(403);

    const lone = await c.login("canbo8");
    const notOpened = await c.api("POST", "/api/counters/quay-8/next", { token: lone });
    expect(notOpened.body.code).toBe("COUNTER_NOT_OPENED");

    // A ticket called at counter 1 cannot be completed from counter 8.
    await c.api("POST", "/api/counters/quay-8/open", { token: lone, body: {} });
    const called = await c.api("POST", "/api/counters/quay-1/next", { token: staff });
    expect(called.status).toBe(200);
    const steal = await c.api("POST", `/api/tickets/${called.body.id}/start`, { token: lone });
    expect(steal.status).toBe(403);
    expect(steal.body.code).toBe("NOT_YOUR_COUNTER");
  });

  it("refuses a second officer at an open counter unless they take over explicitly", async () => {
    const second = await c.login("canbo10");
    const refusedOpen = await c.api("POST", "/api/counters/quay-1/open", { token: second, body: {} });
    expect(refusedOpen.status).toBe(409);
    expect(refusedOpen.body.code).toBe("COUNTER_TAKEN");
    const taken = await c.api("POST", "/api/counters/quay-1/open", { token: second, body: { takeover: true } });
    expect(taken.status).toBe(200);
    // The first officer's session no longer holds the counter.
    const old = await c.api("POST", "/api/counters/quay-1/next", { token: staff });
    expect(old.body.code).toBe("COUNTER_NOT_OPENED");
    staff = second;
  });

  it("lets only an admin read the configuration, and never with password or key hashes", async () => {
    const r = await c.api("GET", "/api/admin/config", { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.center.name).toBe("Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng");
    expect(JSON.stringify(r.body)).not.toMatch(/passwordHash|keyHash|scrypt\$/);
  });
});

describe("roles over Socket.IO", () => {
  const cases: [string, () => string | undefined, string, string][] = [
    ["no credentials", () => undefined, "/display", "UNAUTHENTICATED"],
    ["a made-up key", () => "nope", "/kiosk", "UNAUTHENTICATED"],
    ["a display", () => DISPLAY, "/kiosk", "FORBIDDEN"],
    ["a display", () => DISPLAY, "/counter", "FORBIDDEN"],
    ["a kiosk", () => KIOSK, "/counter", "FORBIDDEN"],
    ["a kiosk", () => KIOSK, "/supervisor", "FORBIDDEN"],
    ["an officer", () => staff, "/supervisor", "FORBIDDEN"],
    ["an officer", () => staff, "/kiosk", "FORBIDDEN"],
  ];
  it.each(cases)("%s is refused at %s", async (_who, token, ns, code) => {
    const s = connect(server.url, ns, token());
    try {
      const e = await refused(s);
      expect(e.data?.code).toBe(code);
    } finally {
      s.close();
    }
  });

  it("admits a supervisor to the dashboard namespace with live stats", async () => {
    const s = connect(server.url, "/supervisor", boss);
    try {
      await connected(s);
      const r = await ask(s, "stats:today");
      expect(r).toMatchObject({ ok: true, data: { issued: expect.any(Number) } });
    } finally {
      s.close();
    }
  });

  it("gives a display no way to issue or call: commands of other namespaces go unanswered and change nothing", async () => {
    const s = connect(server.url, "/display", DISPLAY);
    try {
      await connected(s);
      const before = server.service.state.version;
      await expect(s.timeout(300).emitWithAck("ticket:issue", { serviceId: "khai-sinh" })).rejects.toThrow();
      await expect(s.timeout(300).emitWithAck("counter:callNext", {})).rejects.toThrow();
      expect(server.service.state.version).toBe(before);
    } finally {
      s.close();
    }
  });

  it("refuses a counter command from an officer who has not opened a counter", async () => {
    const token = await c.login("canbo3");
    const s = connect(server.url, "/counter", token);
    try {
      await connected(s);
      expect(await ask(s, "counter:callNext")).toMatchObject({ ok: false, code: "COUNTER_NOT_OPENED" });
    } finally {
      s.close();
    }
  });

  it("refuses a browser page from a foreign origin", async () => {
    const s = connect(server.url, "/display", DISPLAY, { extraHeaders: { origin: "http://evil.example" } });
    try {
      await refused(s);
    } finally {
      s.close();
    }
    const same = connect(server.url, "/display", DISPLAY, { extraHeaders: { origin: server.url.replace("localhost", "127.0.0.1") } });
    try {
      await connected(same);
    } finally {
      same.close();
    }
  });

  it("disconnects a socket whose session was logged out, and lets it not back in", async () => {
    const token = await c.login("canbo4");
    const s = connect(server.url, "/counter", token);
    const watcher = await c.login("giamsat");
    const dash = connect(server.url, "/supervisor", watcher);
    try {
      await Promise.all([connected(s), connected(dash)]);
      const dropped = next(s, "disconnect");
      const dashDropped = next(dash, "disconnect");
      await c.api("DELETE", "/api/session", { token });
      await c.api("DELETE", "/api/session", { token: watcher });
      expect(await dropped).toBe("io server disconnect");
      expect(await dashDropped).toBe("io server disconnect");
      const again = connect(server.url, "/supervisor", watcher);
      try {
        expect((await refused(again)).data?.code).toBe("UNAUTHENTICATED");
      } finally {
        again.close();
      }
    } finally {
      s.close();
      dash.close();
    }
  });

  it("lets only the counter that called a no-show, or one serving its service, requeue it", async () => {
    const t = await c.issue("ly-lich-tu-phap");
    const at8 = await c.openCounter("canbo8", "quay-8");
    const land = await c.openCounter("canbo5", "quay-5");
    expect((await c.api("POST", "/api/counters/quay-8/next", { token: at8 })).body.id).toBe(t.id);
    for (let i = 0; i < 2; i++) await c.api("POST", `/api/tickets/${t.id}/recall`, { token: at8 });
    expect((await c.api("POST", `/api/tickets/${t.id}/no-show`, { token: at8 })).body.status).toBe("no_show");
    const other = await c.api("POST", `/api/tickets/${t.id}/requeue`, { token: land });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe("NOT_YOUR_COUNTER");
    expect((await c.api("POST", `/api/tickets/${t.id}/requeue`, { token: at8 })).body.status).toBe("waiting");
  });
});

describe("limits", () => {
  it("rate-limits ticket issuing per kiosk", async () => {
    const small = await startTestServer({ issuePerMinute: 3 });
    try {
      const k = client(small.url);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await k.api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })).status);
      expect(codes).toEqual([201, 201, 201, 429, 429]);
      expect(small.service.state.order).toHaveLength(3);
    } finally {
      await small.destroy();
    }
  });

  it("rate-limits login attempts per username", async () => {
    const small = await startTestServer({ loginPerMinute: 2 });
    try {
      const k = client(small.url);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await k.api("POST", "/api/session", { body: { username: "canbo1", password: "sai" } })).status);
      expect(codes).toEqual([401, 401, 429, 429]);
    } finally {
      await small.destroy();
    }
  });

  it("refuses a save over a configuration someone else saved since it was loaded", async () => {
    const srv = await startTestServer();
    try {
      const k = client(srv.url);
      const admin = await k.login("admin", "admin");
      const mine = (await k.api("GET", "/api/admin/config", { token: admin })).body;
      const theirs = (await k.api("GET", "/api/admin/config", { token: admin })).body;
      expect(mine.version).toMatch(/^[0-9a-f]{16}$/);
      const saved = await k.api("PUT", "/api/admin/config", { token: admin, body: { ...theirs, center: { ...theirs.center, hotline: "1900 1022" } } });
      expect(saved.status).toBe(200);
      expect(saved.body.config.version).not.toBe(mine.version);
      const late = await k.api("PUT", "/api/admin/config", { token: admin, body: { ...mine, center: { ...mine.center, notices: [] } } });
      expect(late).toMatchObject({ status: 409, body: { code: "CONFIG_CHANGED" } });
      expect(srv.service.config.center).toMatchObject({ hotline: "1900 1022", notices: theirs.center.notices });
      // Saving again on top of the fresh version works.
      expect((await k.api("PUT", "/api/admin/config", { token: admin, body: { ...saved.body.config, center: { ...saved.body.config.center, notices: [] } } })).status).toBe(200);
    } finally {
      await srv.destroy();
    }
  });

  it("logs out every session when the center leaves demo mode, and an officer whose password changed", async () => {
    const srv = await startTestServer();
    try {
      const k = client(srv.url);
      const admin = await k.login("admin", "admin");
      const officer = await k.login("canbo3");
      const cfg = (await k.api("GET", "/api/admin/config", { token: admin })).body;
      // A script that sends no version saves over whatever is there (the screens send it).
      delete cfg.version;
      // A hash sent in is ignored (it could lock the account or make its password trivial)…
      const before = srv.service.config.staff.find((s) => s.id === "canbo3")!.passwordHash;
      cfg.staff.find((s: any) => s.id === "canbo3").passwordHash = "scrypt$2$1$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA";
      expect((await k.api("PUT", "/api/admin/config", { token: admin, body: cfg })).status).toBe(200);
      expect(srv.service.config.staff.find((s) => s.id === "canbo3")!.passwordHash).toBe(before);
      expect((await k.api("POST", "/api/counters/quay-3/open", { token: officer, body: {} })).status).toBe(200);
      await k.api("POST", "/api/counters/quay-3/close", { token: officer });
      // …a new password is set by sending it, and the officer's session ends.
      delete cfg.staff.find((s: any) => s.id === "canbo3").passwordHash;
      expect((await k.api("PUT", "/api/admin/config", { token: admin, body: { ...cfg, staff: cfg.staff.map((s: any) => (s.id === "canbo3" ? { ...s, password: "matkhau-moi" } : s)) } })).status).toBe(200);
      expect((await k.api("POST", "/api/counters/quay-3/open", { token: officer, body: {} })).status).toBe(401);
      expect((await k.api("POST", "/api/session", { body: { username: "canbo3", password: "matkhau-moi" } })).status).toBe(200);
      expect((await k.api("GET", "/api/admin/config", { token: admin })).status).toBe(200);

      cfg.mode = "production";
      expect((await k.api("PUT", "/api/admin/config", { token: admin, body: cfg })).status).toBe(200);
      // The demo admin's token must not survive to switch demo mode back on.
      const back = await k.api("PUT", "/api/admin/config", { token: admin, body: { ...cfg, mode: "demo" } });
      expect(back.status).toBe(401);
      expect(srv.service.config.mode).toBe("production");
    } finally {
      await srv.destroy();
    }
  });

  it("refuses the demo credentials outside demo mode", async () => {
    const dir = await mkdtemp(join(tmpdir(), "motcua-prod-"));
    const config = await demoConfig();
    await new LowdbStore(dir).saveConfig({ ...config, mode: "production" });
    const prod = await startTestServer({ dataDir: dir });
    try {
      const k = client(prod.url);
      const r = await k.api("POST", "/api/session", { body: { username: "admin", password: "admin" } });
      expect(r.status).toBe(401);
      expect(r.body.message).toMatch(/demo/i);
      const key = await k.api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } });
      expect(key.status).toBe(401);
      const s = connect(prod.url, "/display", DISPLAY);
      try {
        await refused(s);
      } finally {
        s.close();
      }
    } finally {
      await prod.destroy();
    }
  });
});
