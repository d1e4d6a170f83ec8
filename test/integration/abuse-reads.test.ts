import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, connect, connected, startTestServer, type TestServer } from "../helpers/harness.ts";

// Issue 18, finding 9: the public reads (services, a ticket's follow view, the booking slots) and
// the sockets' commands had no throttle: a script reading in a loop kept the server computing
// answers for nobody. Now an address may make 300 public GETs a minute, and a socket send 300
// commands a minute; health is never held back.

const AT = (ip: string) => ({ "x-forwarded-for": ip });

describe("reading the public routes in a loop", () => {
  let server: TestServer;
  beforeAll(async () => {
    // The defaults, behind a proxy on this machine that says who is asking.
    server = await startTestServer({ readsPerMinute: 300, commandsPerMinute: 300, trustProxy: "loopback" });
  });
  afterAll(() => server.destroy());

  it("is held back after 300 a minute from one address, not for another address, and never for health", async () => {
    const c = client(server.url);
    const ticket = await c.issue("khai-sinh");
    const statuses: number[] = [];
    for (let i = 0; i < 360; i++) {
      const path = i % 3 === 0 ? "/api/services" : i % 3 === 1 ? `/api/follow/${ticket.followToken}` : "/api/appointments/slots?serviceId=khai-sinh";
      statuses.push((await c.api("GET", path, { headers: AT("203.0.113.5") })).status);
    }
    const held = statuses.filter((s) => s === 429).length;
    console.log(`public reads: 360 from one address in a burst, ${360 - held} answered, ${held} held back (429)`);
    expect(statuses.slice(0, 300).every((s) => s !== 429)).toBe(true);
    // The allowance refills as the burst runs (five a second): about 60 held back.
    expect(held).toBeGreaterThanOrEqual(50);
    expect(held).toBeLessThanOrEqual(60);
    expect((await c.api("GET", "/api/services", { headers: AT("203.0.113.5") })).body.code).toBe("RATE_LIMITED");
    expect((await c.api("GET", "/api/services", { headers: AT("203.0.113.6") })).status).toBe(200);
    expect((await c.api("GET", "/api/health", { headers: AT("203.0.113.5") })).status).toBe(200);
  });

  it("on a socket, answers RATE_LIMITED after 300 commands a minute, and keeps the socket", async () => {
    const ticket = await client(server.url).issue("khai-sinh");
    const phone = connect(server.url, "/follow", ticket.followToken);
    await connected(phone);
    const answers = await Promise.all(Array.from({ length: 350 }, () => phone.timeout(10_000).emitWithAck("follow:sync", {})));
    const codes = answers.map((a: { ok: boolean; code?: string }) => (a.ok ? "ok" : a.code));
    const held = codes.filter((c) => c === "RATE_LIMITED").length;
    expect(held).toBeGreaterThanOrEqual(40);
    expect(codes.filter((c) => c !== "ok" && c !== "RATE_LIMITED")).toEqual([]);
    expect(phone.connected).toBe(true);
    phone.close();
  });
});
