import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISPLAY, KIOSK, STATION, ask, askRaw, client, connect, connected, startTestServer, type TestServer } from "../helpers/harness.ts";

let server: TestServer;
let c: ReturnType<typeof client>;
let staff: string;
let admin: string;
let boss: string;

beforeAll(async () => {
  server = await startTestServer();
  c = client(server.url);
  [staff, admin, boss] = await Promise.all([c.openCounter("canbo1", "quay-1"), c.login("admin", "admin"), c.login("giamsat")]);
  await c.issue("khai-sinh");
});
afterAll(() => server.destroy());

const huge = "x".repeat(10_000);

describe("malformed REST bodies get a 400 naming the field and change nothing", () => {
  const cases: [string, string, () => string | undefined, unknown, RegExp][] = [
    ["POST", "/api/session", () => undefined, {}, /username/],
    ["POST", "/api/session", () => undefined, { username: "admin" }, /password/],
    ["POST", "/api/session", () => undefined, { username: 42, password: "x" }, /username/],
    ["POST", "/api/session", () => undefined, [], /body/],
    ["POST", "/api/tickets", () => KIOSK, {}, /serviceId/],
    ["POST", "/api/tickets", () => KIOSK, { serviceId: 7 }, /serviceId/],
    ["POST", "/api/tickets", () => KIOSK, { serviceId: "KHAI SINH!" }, /serviceId/],
    ["POST", "/api/tickets", () => KIOSK, { serviceId: huge }, /serviceId/],
    ["POST", "/api/tickets", () => KIOSK, { serviceId: "khai-sinh", priority: 5 }, /priority/],
    ["POST", "/api/tickets", () => KIOSK, "khai-sinh", /body/],
    ["POST", "/api/tickets", () => KIOSK, null, /body/],
    ["POST", "/api/counters/quay-1/open", () => staff, { takeover: "yes" }, /takeover/],
    ["POST", "/api/counters/quay-1/pause", () => staff, { reason: "nghỉ\u001b[2J" }, /reason/],
    ["POST", "/api/counters/quay-1/pause", () => staff, { reason: huge }, /reason/],
    ["POST", "/api/tickets/any/transfer", () => staff, {}, /toServiceId/],
    ["POST", "/api/tickets/any/transfer", () => staff, { toServiceId: "ket-hon", note: 3 }, /note/],
    ["POST", "/api/ratings", () => KIOSK, { ticketId: "x" }, /level/],
    ["POST", "/api/ratings", () => KIOSK, { ticketId: "x", level: "great" }, /level/],
    ["POST", "/api/ratings", () => KIOSK, { ticketId: "x", level: "satisfied", reasons: ["bored"] }, /reasons/],
    ["POST", "/api/ratings", () => KIOSK, { level: "satisfied" }, /ticketId/],
    ["PUT", "/api/admin/config", () => admin, [1, 2], /body/],
  ];
  it.each(cases)("%s %s %#", async (method, path, token, body, field) => {
    const before = server.service.state.version;
    const r = await c.api(method, path, { token: token(), body });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(r.body.message).toMatch(field);
    expect(server.service.state.version).toBe(before);
  });

  it("answers a body that is not JSON with a 400", async () => {
    const r = await c.api("POST", "/api/tickets", { token: KIOSK, raw: "{serviceId: khai-sinh" });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/JSON/);
  });

  it("refuses a body over 64 kB", async () => {
    const r = await c.api("POST", "/api/tickets", { token: KIOSK, raw: JSON.stringify({ serviceId: "khai-sinh", pad: "x".repeat(70_000) }) });
    expect(r.status).toBe(413);
  });

  it("refuses an invalid configuration with a message that says what to fix, and keeps the old one", async () => {
    const current = (await c.api("GET", "/api/admin/config", { token: admin })).body;
    const noService = structuredClone(current);
    noService.counters[0].serviceIds = [];
    const r1 = await c.api("PUT", "/api/admin/config", { token: admin, body: noService });
    expect(r1.status).toBe(400);
    expect(r1.body).toMatchObject({ code: "INVALID_CONFIG" });
    expect(r1.body.message).toMatch(/counters\.0\.serviceIds/);

    const dupPrefix = structuredClone(current);
    dupPrefix.services[1].code = dupPrefix.services[0].code;
    const r2 = await c.api("PUT", "/api/admin/config", { token: admin, body: dupPrefix });
    expect(r2.status).toBe(400);
    expect(r2.body.message).toMatch(/share code A/);

    const unknownService = structuredClone(current);
    unknownService.counters[0].serviceIds.push("khong-co");
    const r3 = await c.api("PUT", "/api/admin/config", { token: admin, body: unknownService });
    expect(r3.body.message).toMatch(/unknown service khong-co/);

    expect(server.service.config.services[1]!.code).toBe("B");
  });

  it("answers a configuration with odd shapes in its records with a 400, not a crash", async () => {
    const r = await c.api("PUT", "/api/admin/config", { token: admin, body: { staff: [{ id: { toString: 1 } }], devices: [{ id: [1] }] } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("INVALID_CONFIG");
  });

  it("refuses a reserved word as an id", async () => {
    const current = (await c.api("GET", "/api/admin/config", { token: admin })).body;
    current.services.push({ ...current.services[0], id: "constructor", code: "Z" });
    current.counters[0].serviceIds.push("constructor");
    const r = await c.api("PUT", "/api/admin/config", { token: admin, body: current });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/reserved/);
  });

  it("applies a valid configuration change live, without a restart", async () => {
    const current = (await c.api("GET", "/api/admin/config", { token: admin })).body;
    current.center.notices = ["Trung tâm làm việc cả sáng thứ Bảy"];
    const r = await c.api("PUT", "/api/admin/config", { token: admin, body: current });
    expect(r.status).toBe(200);
    const snap = await c.api("GET", "/api/display/snapshot", { token: DISPLAY });
    expect(snap.body.center.notices).toEqual(["Trung tâm làm việc cả sáng thứ Bảy"]);
    // Logins still work: hashes were kept although the admin never saw them.
    expect(await c.login("canbo2")).toEqual(expect.any(String));
  });
});

describe("unknown ids and routes", () => {
  const cases: [string, string, () => string, unknown, string][] = [
    ["POST", "/api/tickets", () => KIOSK, { serviceId: "khong-co" }, "UNKNOWN_SERVICE"],
    ["POST", "/api/tickets", () => KIOSK, { serviceId: "khai-sinh", priority: "vip" }, "UNKNOWN_PRIORITY_GROUP"],
    ["GET", "/api/tickets/2026-01-01-Z999", () => KIOSK, undefined, "UNKNOWN_TICKET"],
    ["POST", "/api/tickets/2026-01-01-Z999/recall", () => staff, undefined, "UNKNOWN_TICKET"],
    ["POST", "/api/tickets/2026-01-01-Z999/transfer", () => staff, { toServiceId: "ket-hon" }, "UNKNOWN_TICKET"],
    ["POST", "/api/ratings", () => KIOSK, { ticketId: "2026-01-01-Z999", level: "satisfied" }, "UNKNOWN_TICKET"],
    ["POST", "/api/counters/quay-99/open", () => staff, {}, "UNKNOWN_COUNTER"],
    ["GET", "/api/counters/quay-99", () => boss, undefined, "UNKNOWN_COUNTER"],
    ["GET", "/api/khong-co", () => KIOSK, undefined, "NOT_FOUND"],
    // Ids that name Object.prototype's own members must find nothing, not crash.
    ["GET", "/api/tickets/__proto__", () => KIOSK, undefined, "UNKNOWN_TICKET"],
    ["GET", "/api/tickets/constructor", () => KIOSK, undefined, "UNKNOWN_TICKET"],
    ["POST", "/api/tickets/__proto__/recall", () => staff, undefined, "UNKNOWN_TICKET"],
    ["POST", "/api/tickets/toString/cancel", () => boss, undefined, "UNKNOWN_TICKET"],
    ["POST", "/api/ratings", () => KIOSK, { ticketId: "__proto__", level: "satisfied" }, "UNKNOWN_TICKET"],
    ["POST", "/api/ratings", () => KIOSK, { ticketId: "hasOwnProperty", level: "satisfied" }, "UNKNOWN_TICKET"],
  ];
  it.each(cases)("%s %s → %s", async (method, path, token, body, code) => {
    const r = await c.api(method, path, { token: token(), body });
    expect(r.body.code).toBe(code);
    expect(r.status).toBe(code === "UNKNOWN_PRIORITY_GROUP" ? 400 : 404);
  });
});

describe("malformed socket payloads get a BAD_REQUEST ack and change nothing", () => {
  it.each([
    ["/kiosk", () => KIOSK, "ticket:issue", {}],
    ["/kiosk", () => KIOSK, "ticket:issue", { serviceId: ["khai-sinh"] }],
    ["/kiosk", () => KIOSK, "ticket:issue", "khai-sinh"],
    ["/kiosk", () => KIOSK, "ticket:issue", { serviceId: huge }],
    ["/kiosk", () => KIOSK, "ticket:get", { ticketId: 5 }],
    ["/station", () => STATION, "rating:press", { counterId: "quay-1", level: "so-so" }],
    ["/station", () => STATION, "scan:forward", { kioskId: "kiosk-sanh", text: "x".repeat(5000) }],
    ["/station", () => STATION, "print:report", { jobId: "x", printed: "yes", status: null }],
    ["/station", () => STATION, "printer:status", { status: null }],
    ["/kiosk", () => KIOSK, "services:list", { extra: true }],
    ["/display", () => DISPLAY, "display:sync", 42],
    ["/counter", () => staff, "counter:open", { counterId: 7 }],
    ["/counter", () => staff, "counter:pause", { reason: "\u0007bell" }],
    ["/counter", () => staff, "ticket:recall", {}],
    ["/counter", () => staff, "ticket:transfer", { ticketId: "x" }],
    ["/counter", () => staff, "ticket:transfer", { ticketId: "x", toCounterId: "Quầy 1" }],
    ["/supervisor", () => boss, "stats:today", { day: "2020-01-01" }],
  ] as [string, () => string, string, unknown][])("%s %s %#", async (ns, token, event, payload) => {
    const s = connect(server.url, ns, token());
    try {
      await connected(s);
      const before = server.service.state.version;
      const r = await askRaw(s, event, payload);
      expect(r).toMatchObject({ ok: false, code: "BAD_REQUEST" });
      expect(server.service.state.version).toBe(before);
    } finally {
      s.close();
    }
  });

  it("survives a command sent without an ack callback and keeps serving", async () => {
    const s = connect(server.url, "/kiosk", KIOSK);
    try {
      await connected(s);
      const before = server.service.state.order.length;
      s.emit("ticket:issue", { serviceId: "khai-sinh" });
      s.emit("ticket:issue");
      const r = await ask(s, "services:list");
      expect(r.ok).toBe(true);
      expect(server.service.state.order.length).toBe(before);
    } finally {
      s.close();
    }
  });
});
