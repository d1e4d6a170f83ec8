import { FollowView } from "@motcua/protocol";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, client, connect, connected, KIOSK, nextMatching, startTestServer, type TestServer } from "../helpers/harness.ts";
import { WORKING_MORNING } from "../helpers/clock.ts";

describe("following a ticket by the token in its QR", () => {
  let server: TestServer;
  // The server's clock, driven by the test, so the day can turn.
  let now = WORKING_MORNING;
  beforeAll(async () => {
    server = await startTestServer({ clock: () => now });
  });
  afterAll(() => server?.destroy());

  const follow = (token: string) => io(`${server.url}/follow`, { auth: { token }, transports: ["websocket"], reconnection: false });

  it("gives the issuing kiosk an unguessable token, and the link shows the ticket's place and nothing more", async () => {
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const issued = await ask(kiosk, "ticket:issue", { serviceId: "ly-lich-tu-phap" });
    expect(issued.ok).toBe(true);
    const ticket = issued.ok ? issued.data : null;
    expect(ticket!.followToken).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const r = await client(server.url).api("GET", `/api/follow/${ticket!.followToken}`);
    expect(r.status).toBe(200);
    expect(FollowView.strict().parse(r.body)).toMatchObject({ number: ticket!.number, serviceName: "Cấp Phiếu lý lịch tư pháp", status: "waiting", counterNumber: null });
    // Nobody else's ticket carries the token: not boards, not the supervisor's feed, not lookups.
    const again = await ask(kiosk, "ticket:get", { ticketId: ticket!.id });
    expect(again.ok && again.data.followToken).toBeUndefined();
    kiosk.close();
  });

  it("shows nothing for a forged or mistyped link, and the guessable id opens nothing public", async () => {
    const c = client(server.url);
    const t = await c.issue("khai-sinh");
    // One character off (never the same one: a token ending in x would be its own forgery).
    const mistyped = `${t.followToken.slice(0, -1)}${t.followToken.endsWith("x") ? "y" : "x"}`;
    for (const forged of ["AAAAAAAAAAAAAAAA", mistyped, "../../etc/passwd", t.id]) {
      const r = await c.api("GET", `/api/follow/${encodeURIComponent(forged)}`);
      expect(r).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
      expect(JSON.stringify(r.body)).not.toContain(t.number);
    }
    expect((await c.api("GET", `/api/tickets/${t.id}`)).status).toBe(401);
    const err = await new Promise<Error & { data?: { code?: string } }>((resolve) => follow("AAAAAAAAAAAAAAAA").once("connect_error", resolve));
    expect(err.data?.code).toBe("NOT_FOUND");
  });

  it("pushes the ticket's new place and its counter when called, over Socket.IO", async () => {
    const c = client(server.url);
    const t = await c.issue("doi-giay-phep-lai-xe");
    const phone = follow(t.followToken);
    await connected(phone);
    const first = await ask(phone, "follow:sync");
    expect(first).toMatchObject({ ok: true, data: { number: t.number, status: "waiting" } });
    const called = nextMatching(phone, "follow:updated", (p: { view: { status: string } }) => p.view.status === "called");
    const staff = await c.openCounter("canbo10", "quay-10");
    await c.api("POST", "/api/counters/quay-10/next", { token: staff });
    expect((await called).view).toMatchObject({ status: "called", counterNumber: 10, number: t.number });
    phone.close();
  });

  it("expires with its day: yesterday's link opens nothing", async () => {
    const c = client(server.url);
    const t = await c.issue("khai-sinh");
    const phone = follow(t.followToken);
    await connected(phone);
    const gone = new Promise<string>((resolve) => phone.once("disconnect", resolve));
    now += 24 * 3_600_000;
    await server.service.checkDay();
    expect(await gone).toBe("io server disconnect");
    expect((await c.api("GET", `/api/follow/${t.followToken}`)).status).toBe(404);
  });
});
