import { DisplaySnapshot, FollowView } from "@motcua/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, client, connect, connected, DISPLAY, KIOSK, nextMatching, STATION, startTestServer, type TestServer } from "../helpers/harness.ts";

/** 09:00 in Hanoi, the start of a ten-minute window: the center is open. */
const MORNING = Date.parse("2026-11-27T02:00:00Z");
const MINUTE = 60_000;
const WINDOW = 10 * MINUTE;

describe("“I have arrived” with the hall code", () => {
  let server: TestServer;
  let now = MORNING + MINUTE;
  // Behind a trusted proxy (this machine), each request names its phone's network: the per-network
  // limits of taking numbers do not get in the way of a test that needs a dozen of them.
  beforeAll(async () => {
    server = await startTestServer({ clock: () => now, tickMs: 50, trustProxy: "loopback" });
  });
  afterAll(() => server?.destroy());

  const api = (method: string, path: string, body: unknown, network: string) =>
    client(server.url).api(method, path, { body, headers: { "x-forwarded-for": network } });
  let phones = 0;
  /** A number taken from home, by a phone of its own on a network of its own. */
  const take = async (serviceId = "khai-sinh"): Promise<string> => {
    phones++;
    const r = await api("POST", "/api/remote", { serviceId, phone: `09${String(30_000_000 + phones).padStart(8, "0")}` }, `198.51.100.${phones}`);
    expect(r.status).toBe(201);
    return r.body.token as string;
  };
  const arrive = (token: string, code: string, network = "203.0.113.1") => api("POST", `/api/follow/${token}/arrive`, { code }, network);
  /** What the lobby board shows now. */
  const shown = async () => DisplaySnapshot.parse((await client(server.url).api("GET", "/api/display/snapshot", { token: DISPLAY })).body).hallCode!;
  /** A four-digit code that none of `good` is. */
  const wrong = (...good: string[]) => [...Array(10_000).keys()].map((n) => String(n).padStart(4, "0")).find((c) => !good.includes(c))!;
  const tickets = () => Object.keys(server.service.state.tickets).length;

  /** The code of the first window (09:00–09:10), then of the second, read off the board. */
  let c0 = "";
  let c1 = "";
  it("is on every board, changes every ten minutes and is pushed when it does", async () => {
    const first = await shown();
    expect(first).toEqual({ code: expect.stringMatching(/^\d{4}$/), changesAt: "2026-11-27T02:10:00.000Z" });
    c0 = first.code;
    const board = connect(server.url, "/display", DISPLAY);
    await connected(board);
    expect(await ask(board, "display:sync")).toMatchObject({ ok: true, data: { hallCode: first } });
    now = MORNING + WINDOW + MINUTE;
    const pushed = await nextMatching<{ hallCode: { code: string; changesAt: string } }>(board, "hallCode:changed", () => true);
    expect(pushed.hallCode.changesAt).toBe("2026-11-27T02:20:00.000Z");
    c1 = pushed.hallCode.code;
    expect(await shown()).toEqual(pushed.hallCode);
    board.close();

    // A board set up for one area (a field without numbers from home) shows it all the same.
    const c = client(server.url);
    const admin = await c.login("admin", "admin");
    const cfg = (await c.api("GET", "/api/admin/config", { token: admin })).body;
    cfg.devices.push({ id: "bang-dat-dai", kind: "display", name: "Bảng khu Đất đai", newKey: true, fieldIds: ["dat-dai"], counterIds: [] });
    const saved = await c.api("PUT", "/api/admin/config", { token: admin, body: cfg });
    expect(saved.status).toBe(200);
    const area = await c.api("GET", "/api/display/snapshot", { token: saved.body.newKeys["bang-dat-dai"] });
    expect(area.body.fields.map((f: { id: string }) => f.id)).toEqual(["dat-dai"]);
    expect(area.body.hallCode).toEqual(pushed.hallCode);
  });

  it("refuses a wrong code plainly, and a number typing wrong codes for a minute", async () => {
    const token = await take();
    const bad = wrong(c0, c1);
    for (let i = 0; i < 5; i++) {
      const r = await arrive(token, bad);
      expect(r).toMatchObject({ status: 422, body: { code: "WRONG_CODE" } });
      expect(r.body.message).toContain("Mã chưa đúng. Xin xem mã trên màn hình lớn ở sảnh.");
    }
    // Five wrong: even the right code waits a minute (the answer says nothing about the code).
    expect(await arrive(token, c1)).toMatchObject({ status: 429, body: { code: "RATE_LIMITED" } });
    expect(FollowView.parse((await client(server.url).api("GET", `/api/follow/${token}`)).body).status).toBe("reserved");
    now += MINUTE;
    const r = await arrive(token, c1);
    expect(r.status).toBe(200);
    expect(FollowView.parse(r.body)).toMatchObject({ status: "waiting", number: expect.stringMatching(/^A\d{3}$/) });
    // Not in the hall's form: four digits only.
    expect(await arrive(await take(), "12a4")).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
  });

  it("holds a number to twenty wrong codes a day, and a network to twenty a minute", async () => {
    const token = await take();
    const bad = wrong(c0, c1);
    for (let minute = 0; minute < 4; minute++) {
      for (let i = 0; i < 5; i++) expect((await arrive(token, bad, `203.0.113.${10 + minute}`)).status).toBe(422);
      now += MINUTE;
    }
    // A new minute, but the day's wrong tries are spent: the kiosk's scanner still takes it.
    expect(await arrive(token, c1)).toMatchObject({ status: 429, body: { code: "RATE_LIMITED" } });
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    expect(await ask(kiosk, "ticket:follow", { token })).toMatchObject({ ok: true, data: { status: "waiting" } });
    kiosk.close();

    // Four numbers typing five wrong codes each from one network: a fifth number from there waits.
    const network = "203.0.113.77";
    for (let n = 0; n < 4; n++) {
      const t = await take();
      for (let i = 0; i < 5; i++) expect((await arrive(t, bad, network)).status).toBe(422);
    }
    const fifth = await take();
    expect(await arrive(fifth, c1, network)).toMatchObject({ status: 429, body: { code: "RATE_LIMITED" } });
    expect((await arrive(fifth, c1, "203.0.113.78")).status).toBe(200);
  });

  it("checks a held number in once with the right code, without printing; asking again answers the same ticket", async () => {
    const token = await take("ket-hon");
    const before = tickets();
    const first = await arrive(token, c1);
    expect(first.status).toBe(200);
    const view = FollowView.parse(first.body);
    expect(view).toMatchObject({ status: "waiting", serviceName: "Đăng ký kết hôn", number: expect.stringMatching(/^B\d{3}$/), cancellable: false });
    expect(tickets()).toBe(before + 1);
    const again = await arrive(token, c1);
    expect(again).toMatchObject({ status: 200, body: { number: view.number, status: "waiting" } });
    // The kiosk scanning it afterwards finds the same ticket, too.
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    expect(await ask(kiosk, "ticket:follow", { token })).toMatchObject({ ok: true, data: { number: view.number } });
    kiosk.close();
    expect(tickets()).toBe(before + 1);
    // No kiosk was involved: nothing to print for this ticket.
    const station = connect(server.url, "/station", STATION);
    await connected(station);
    const jobs = await ask(station, "print:sync");
    expect(jobs.ok && jobs.data.jobs.filter((j: { ticket: { number: string } }) => j.ticket.number === view.number)).toEqual([]);
    station.close();
    // The phone following it sees the ticket.
    expect((await client(server.url).api("GET", `/api/follow/${token}`)).body).toMatchObject({ status: "waiting", number: view.number });
  });

  it("takes the code of the window before, but not one two windows old", async () => {
    // Still 09:1x: the code read before 09:10 (the window before) still works.
    const late = await take();
    expect((await arrive(late, c0)).status).toBe(200);
    now = MORNING + 2 * WINDOW + MINUTE;
    const c2 = (await shown()).code;
    const stale = await take();
    if (c0 !== c1 && c0 !== c2) expect(await arrive(stale, c0)).toMatchObject({ status: 422, body: { code: "WRONG_CODE" } });
    expect((await arrive(stale, c1)).status).toBe(200);
    expect((await arrive(await take(), c2)).status).toBe(200);
  });

  it("is only for a number taken from home: a booking, a ticket, a given-up number or a forged link is refused", async () => {
    const code = (await shown()).code;
    const booked = await api("POST", "/api/appointments", { serviceId: "khai-sinh", date: "2026-11-30", time: "08:00", phone: "0912 777 888" }, "198.51.100.200");
    expect(booked.status).toBe(201);
    const refused = await arrive(booked.body.token, code);
    expect(refused).toMatchObject({ status: 409, body: { code: "NOT_OFFERED" } });
    expect(refused.body.message).toContain("an appointment or a ticket checks in at the kiosk");
    const walkIn = await client(server.url).issue("khai-sinh");
    expect(await arrive(walkIn.followToken, code)).toMatchObject({ status: 409, body: { code: "NOT_OFFERED" } });
    const given = await take();
    expect((await client(server.url).api("POST", `/api/follow/${given}/cancel`)).status).toBe(200);
    expect(await arrive(given, code)).toMatchObject({ status: 409, body: { code: "INVALID_TRANSITION" } });
    expect(await arrive("AAAAAAAAAAAAAAAAAAAA", code)).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
  });

  it("leaves the boards when no field takes numbers from phones", async () => {
    const c = client(server.url);
    const admin = await c.login("admin", "admin");
    const cfg = (await c.api("GET", "/api/admin/config", { token: admin })).body;
    cfg.fields = cfg.fields.map((f: object) => ({ ...f, remoteTickets: false }));
    expect((await c.api("PUT", "/api/admin/config", { token: admin, body: cfg })).status).toBe(200);
    expect((await c.api("GET", "/api/display/snapshot", { token: DISPLAY })).body.hallCode).toBeNull();
  });
});
