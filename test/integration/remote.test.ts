import { FollowView, RemoteOffer } from "@motcua/protocol";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ask, client, connect, connected, KIOSK, startTestServer, type TestServer } from "../helpers/harness.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

/** 09:00 in Hanoi: the center is open. */
const MORNING = Date.parse("2026-11-27T02:00:00Z");

describe("numbers taken from a phone", () => {
  let server: TestServer;
  let now = MORNING;
  beforeAll(async () => {
    server = await startTestServer({ clock: () => now });
  });
  afterAll(() => server?.destroy());
  const take = (serviceId: string, phone: string) => client(server.url).api("POST", "/api/remote", { body: { serviceId, phone } });

  it("are offered only for the fields that allow them, while the center is open", async () => {
    const offer = RemoteOffer.parse((await client(server.url).api("GET", "/api/remote")).body);
    expect(offer.open).toBe(true);
    expect(offer.services.map((s) => s.id)).toEqual(["khai-sinh", "ket-hon", "chung-thuc-ban-sao", "chung-thuc-chu-ky", "tra-ket-qua"]);
    // Rules of the center have codes of their own; FORBIDDEN is for a role that may not (issue 18).
    expect(await take("dang-ky-dat-dai", "0912 345 678")).toMatchObject({ status: 409, body: { code: "NOT_OFFERED" } });
    expect(await take("khai-sinh", "12345")).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
    now = Date.parse("2026-11-27T13:00:00Z"); // 20:00 in Hanoi
    expect((await client(server.url).api("GET", "/api/remote")).body.open).toBe(false);
    const closed = await take("khai-sinh", "0912 345 678");
    expect(closed).toMatchObject({ status: 409, body: { code: "CENTER_CLOSED" } });
    // And it says from when: the next working day's opening.
    expect(Date.parse(closed.body.at)).toBeGreaterThan(now);
    now = MORNING;
  });

  it("count only once the citizen checks in at the kiosk, which prints and shows the number", async () => {
    const before = Object.keys(server.service.state.tickets).length;
    const r = await take("khai-sinh", "+84 912 000 111");
    expect(r.status).toBe(201);
    expect(r.body.followUrl).toBe(`${server.url}/f/${r.body.token}`);
    // At home: nobody's number, nobody's place changed.
    expect(Object.keys(server.service.state.tickets)).toHaveLength(before);
    const view = FollowView.parse((await client(server.url).api("GET", `/api/follow/${r.body.token}`)).body);
    expect(view).toMatchObject({ status: "reserved", number: "", serviceName: "Đăng ký khai sinh" });
    // In the hall: the kiosk scans the phone's QR.
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const checkedIn = await ask(kiosk, "ticket:follow", { token: r.body.token });
    expect(checkedIn).toMatchObject({ ok: true, data: { status: "waiting", serviceId: "khai-sinh" } });
    expect(Object.keys(server.service.state.tickets)).toHaveLength(before + 1);
    const again = await ask(kiosk, "ticket:follow", { token: r.body.token });
    expect(again.ok && again.data.number).toBe(checkedIn.ok && checkedIn.data.number);
    expect(Object.keys(server.service.state.tickets)).toHaveLength(before + 1);
    expect((await client(server.url).api("GET", `/api/follow/${r.body.token}`)).body).toMatchObject({ status: "waiting", number: checkedIn.ok && checkedIn.data.number });
    kiosk.close();
  });

  it("hold to a few per phone and per network a day, and keep no phone number", async () => {
    expect((await take("ket-hon", "0987 654 321")).status).toBe(201);
    expect((await take("ket-hon", "+84987654321")).status).toBe(201);
    expect(await take("ket-hon", "0987.654.321")).toMatchObject({ status: 429, body: { code: "RATE_LIMITED" } });
    const stored = JSON.stringify(server.service.state);
    expect(stored).not.toContain("987654321");
    expect(stored).not.toContain("912000111");
    // The network: ten a day in the demo (a family may share a line, a whole street may not).
    let refused = 0;
    for (let i = 0; i < 12; i++) if ((await take("tra-ket-qua", `09${String(10_000_000 + i).padStart(8, "0")}`)).status === 429) refused++;
    expect(refused).toBeGreaterThan(0);
  });
});

describe("held remote numbers and the rest of the system", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: () => MORNING });
  });
  afterAll(() => server?.destroy());

  it("keep a procedure in the configuration while numbers wait for check-in, and let three screens follow one", async () => {
    const c = client(server.url);
    const r = await c.api("POST", "/api/remote", { body: { serviceId: "ket-hon", phone: "0903 111 222" } });
    expect(r.status).toBe(201);
    const admin = await c.login("admin", "admin");
    const cfg = (await c.api("GET", "/api/admin/config", { token: admin })).body;
    const without = { ...cfg, services: cfg.services.filter((s: { id: string }) => s.id !== "ket-hon"), counters: cfg.counters.map((k: { serviceIds: string[] }) => ({ ...k, serviceIds: k.serviceIds.filter((id) => id !== "ket-hon") })) };
    const refused = await c.api("PUT", "/api/admin/config", { token: admin, body: without });
    expect(refused).toMatchObject({ status: 400, body: { code: "INVALID_CONFIG" } });
    expect(refused.body.message).toContain("service ket-hon has remote numbers waiting for check-in today");

    const { io } = await import("socket.io-client");
    const screens = [1, 2, 3].map(() => io(`${server.url}/follow`, { auth: { token: r.body.token }, transports: ["websocket"], reconnection: false }));
    await Promise.all(screens.map((s) => connected(s)));
    const fourth = io(`${server.url}/follow`, { auth: { token: r.body.token }, transports: ["websocket"], reconnection: false });
    const err = await new Promise<Error & { data?: { code?: string } }>((resolve) => fourth.once("connect_error", resolve));
    expect(err.data?.code).toBe("RATE_LIMITED");
    for (const s of [...screens, fourth]) s.close();
  });
});

describe("behind a reverse proxy", () => {
  const take = (server: TestServer, phone: string, forwardedFor: string) =>
    client(server.url).api("POST", "/api/remote", { body: { serviceId: "tra-ket-qua", phone }, headers: { "x-forwarded-for": forwardedFor } });
  const taken = async (server: TestServer, forwardedFor: (i: number) => string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await take(server, `09${String(20_000_000 + i).padStart(8, "0")}`, forwardedFor(i))).status);
    return statuses.filter((s) => s === 201).length;
  };

  it("counts each phone's own network when the proxy is trusted, and believes no header otherwise", async () => {
    let now = MORNING;
    const trusting = await startTestServer({ clock: () => (now += 13_000), trustProxy: "loopback" });
    const plain = await startTestServer({ clock: () => (now += 13_000) });
    try {
      // Twelve phones on twelve networks, all through the proxy on this machine.
      expect(await taken(trusting, (i) => `203.0.113.${i + 1}`)).toBe(12);
      // Without the setting the header is anyone's to write: all twelve are the proxy's one address.
      expect(await taken(plain, (i) => `203.0.113.${i + 1}`)).toBe(10);
    } finally {
      await trusting.destroy();
      await plain.destroy();
    }
  });
});

describe("when the day ends", () => {
  it("forgets the phones behind the day's remote numbers", async () => {
    let now = MORNING;
    const server = await startTestServer({ clock: () => now, tickMs: 50 });
    try {
      const taken = await client(server.url).api("POST", "/api/remote", { body: { serviceId: "khai-sinh", phone: "0912 321 321" } });
      expect(taken.status).toBe(201);
      expect(server.service.state.reservations?.[taken.body.token]?.phoneHash).toMatch(/^s1:[0-9a-f]{64}$/);
      now += 24 * 3_600_000;
      await vi.waitFor(() => expect(server.service.state.day).toBe("2026-11-28"), { timeout: 5000 });
      const kept = JSON.parse(await readFile(join(server.dataDir, "days", "2026-11-27.json"), "utf8"));
      expect(kept.reservations[taken.body.token]).toMatchObject({ serviceId: "khai-sinh", phoneHash: "" });
      // The journal held the hash too, in the command that took the number: it is gone with the day.
      expect(await readdir(join(server.dataDir, "days"))).not.toContain("2026-11-27.journal.jsonl");
    } finally {
      await server.destroy();
    }
  });
});

describe("a number taken from a phone, arriving after the hall has closed", () => {
  it("joins the queue only while the hours rule lets numbers be issued", async () => {
    let now = MORNING;
    const server = await startTestServer({ clock: () => now });
    try {
      const r = await client(server.url).api("POST", "/api/remote", { body: { serviceId: "khai-sinh", phone: "0912 000 222" } });
      expect(r.status).toBe(201);
      const kiosk = connect(server.url, "/kiosk", KIOSK);
      await connected(kiosk);
      // 17:30: the hall has closed, and by default numbers are issued only in the hour before opening.
      now = Date.parse("2026-11-27T10:30:00Z");
      expect(await ask(kiosk, "ticket:follow", { token: r.body.token })).toMatchObject({ ok: false, code: "CENTER_CLOSED" });
      expect(Object.keys(server.service.state.tickets)).toHaveLength(0);
      // A hall that issues at any hour takes it in.
      await issueAtAnyHour(server.url);
      expect(await ask(kiosk, "ticket:follow", { token: r.body.token })).toMatchObject({ ok: true, data: { status: "waiting" } });
      kiosk.close();
    } finally {
      await server.destroy();
    }
  });
});
