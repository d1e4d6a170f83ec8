import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISPLAY, KIOSK, STATION, ask, client, connect, connected, next, nextMatching, startTestServer, type TestServer } from "../helpers/harness.ts";

let server: TestServer;
let c: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer();
  c = client(server.url);
});
afterAll(() => server.destroy());

describe("a citizen's visit over REST", () => {
  it("goes issue → next → start → complete → rating, and shows in today's figures", async () => {
    const health = await c.api("GET", "/api/health");
    expect(health).toMatchObject({ status: 200, body: { ok: true } });

    const ticket = await c.issue("khai-sinh");
    expect(ticket).toMatchObject({ number: "A001", serviceId: "khai-sinh", status: "waiting", ahead: 0 });
    expect(Date.parse(ticket.issuedAt)).toBeGreaterThan(0);
    expect(ticket.estimatedWait.maxMinutes).toBeGreaterThan(ticket.estimatedWait.minMinutes);

    const second = await c.issue("khai-sinh");
    expect(second).toMatchObject({ number: "A002", ahead: 1 });

    const services = await c.api("GET", "/api/services");
    const ks = services.body.find((s: any) => s.id === "khai-sinh");
    expect(ks).toMatchObject({ code: "A", name: "Đăng ký khai sinh", waiting: 2 });

    const staff = await c.openCounter("canbo1", "quay-1");
    const called = await c.api("POST", "/api/counters/quay-1/next", { token: staff });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ id: ticket.id, status: "called", counterId: "quay-1" });

    const started = await c.api("POST", `/api/tickets/${ticket.id}/start`, { token: staff });
    expect(started.body.status).toBe("serving");
    const done = await c.api("POST", `/api/tickets/${ticket.id}/complete`, { token: staff });
    expect(done.body.status).toBe("done");

    const rating = await c.api("POST", "/api/ratings", { token: KIOSK, body: { ticketId: ticket.id, level: "very_satisfied" } });
    expect(rating).toEqual({ status: 201, body: { ticketId: ticket.id, level: "very_satisfied" } });
    const again = await c.api("POST", "/api/ratings", { token: KIOSK, body: { ticketId: ticket.id, level: "unsatisfied" } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("ALREADY_RATED");
    // A station rates only through its counter's rating pad (right after the service), never by ticket id.
    expect((await c.api("POST", "/api/ratings", { token: STATION, body: { ticketId: ticket.id, level: "unsatisfied" } })).status).toBe(403);

    const boss = await c.login("giamsat");
    const stats = await c.api("GET", "/api/stats/today", { token: boss });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ issued: 2, served: 1, waiting: 1, ratings: 1, satisfactionRate: 1, calledWithin15Share: 1 });
    expect(stats.body.perService.find((r: any) => r.id === "khai-sinh")).toMatchObject({ issued: 2, served: 1 });
    expect(stats.body.perCounter.find((r: any) => r.id === "quay-1")).toMatchObject({ served: 1, ratings: 1 });

    // Its holder follows it by the token in its QR; the guessable id is for kiosks and staff.
    const follow = await c.api("GET", `/api/follow/${second.followToken}`);
    expect(follow.body).toMatchObject({ number: "A002", status: "waiting", ahead: 0 });
    expect((await c.api("GET", `/api/tickets/${second.id}`, { token: KIOSK })).body).toMatchObject({ number: "A002", status: "waiting" });
  });

  it("answers 204 when nobody waits for the counter", async () => {
    const staff = await c.openCounter("canbo4", "quay-4");
    const r = await c.api("POST", "/api/counters/quay-4/next", { token: staff });
    expect(r.status).toBe(204);
  });

  it("recalls, marks no-show after the configured recalls, and requeues a citizen who came back", async () => {
    const t = await c.issue("dang-ky-doanh-nghiep");
    const staff = await c.openCounter("canbo6", "quay-6");
    expect((await c.api("POST", "/api/counters/quay-6/next", { token: staff })).body.id).toBe(t.id);
    const early = await c.api("POST", `/api/tickets/${t.id}/no-show`, { token: staff });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("NO_SHOW_TOO_EARLY");
    for (let i = 1; i <= 2; i++) {
      const r = await c.api("POST", `/api/tickets/${t.id}/recall`, { token: staff });
      expect(r.body.recalls).toBe(i);
    }
    const gone = await c.api("POST", `/api/tickets/${t.id}/no-show`, { token: staff });
    expect(gone.body.status).toBe("no_show");
    const back = await c.api("POST", `/api/tickets/${t.id}/requeue`, { token: staff });
    expect(back.body).toMatchObject({ status: "waiting", recalls: 0 });
    expect((await c.api("POST", "/api/counters/quay-6/next", { token: staff })).body.id).toBe(t.id);
  });

  it("transfers to another service keeping the citizen's place, parks and unparks, pauses and closes", async () => {
    const staff2 = await c.openCounter("canbo2", "quay-2");
    const staff3 = await c.openCounter("canbo3", "quay-3");
    const early = await c.issue("ket-hon");
    const later = await c.issue("chung-thuc-ban-sao");
    expect((await c.api("POST", "/api/counters/quay-2/next", { token: staff2 })).body.id).toBe(early.id);
    const moved = await c.api("POST", `/api/tickets/${early.id}/transfer`, {
      token: staff2,
      body: { toServiceId: "chung-thuc-ban-sao", note: "cần chứng thực bản sao trước" },
    });
    expect(moved.body).toMatchObject({ status: "waiting", serviceId: "chung-thuc-ban-sao", transfers: 1 });
    // The transferred ticket was issued first, so counter 3 calls it before the younger one.
    expect((await c.api("POST", "/api/counters/quay-3/next", { token: staff3 })).body.id).toBe(early.id);
    await c.api("POST", `/api/tickets/${early.id}/start`, { token: staff3 });
    const parked = await c.api("POST", `/api/tickets/${early.id}/park`, { token: staff3 });
    expect(parked.body.status).toBe("parked");
    expect((await c.api("POST", "/api/counters/quay-3/next", { token: staff3 })).body.id).toBe(later.id);
    const busy = await c.api("POST", `/api/tickets/${early.id}/unpark`, { token: staff3 });
    expect(busy.body.code).toBe("COUNTER_BUSY");
    await c.api("POST", `/api/tickets/${later.id}/cancel`, { token: staff3 });
    const resumed = await c.api("POST", `/api/tickets/${early.id}/unpark`, { token: staff3 });
    expect(resumed.body.status).toBe("serving");
    await c.api("POST", `/api/tickets/${early.id}/complete`, { token: staff3 });

    const paused = await c.api("POST", "/api/counters/quay-3/pause", { token: staff3, body: { reason: "Nghỉ giữa ca" } });
    expect(paused.body).toMatchObject({ status: "paused", pauseReason: "Nghỉ giữa ca" });
    expect((await c.api("POST", "/api/counters/quay-3/next", { token: staff3 })).body.code).toBe("COUNTER_PAUSED");
    expect((await c.api("POST", "/api/counters/quay-3/resume", { token: staff3 })).body.status).toBe("open");
    expect((await c.api("POST", "/api/counters/quay-3/close", { token: staff3 })).body.status).toBe("closed");
    // Closing the counter releases the session's hold on it.
    expect((await c.api("POST", "/api/counters/quay-3/next", { token: staff3 })).body.code).toBe("COUNTER_NOT_OPENED");
  });
});

describe("the same visit over Socket.IO", () => {
  it("pushes the call to boards, the queue to the counter, and only the fact of a rating to the officer", async () => {
    const display = connect(server.url, "/display", DISPLAY);
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    const token = await c.login("canbo5");
    const counter = connect(server.url, "/counter", token);
    await Promise.all([connected(display), connected(kiosk), connected(counter)]);
    try {
      const snap = await ask(display, "display:sync");
      expect(snap.ok).toBe(true);

      const issued = await ask(kiosk, "ticket:issue", { serviceId: "giay-phep-xay-dung" });
      expect(issued).toMatchObject({ ok: true, data: { number: "H001", status: "waiting" } });
      const ticketId = (issued as any).data.id;

      const opened = await ask(counter, "counter:open", { counterId: "quay-5" });
      expect(opened).toMatchObject({ ok: true, data: { counter: { counterId: "quay-5", status: "open" } } });
      expect((opened as any).data.waiting.map((t: any) => t.id)).toContain(ticketId);

      // Views derived from the state are pushed too: the counter's queue, the services' waits.
      const queued = nextMatching<any>(counter, "queue:updated", (f) => f.view.waiting.length === 2);
      const waits = nextMatching<any>(kiosk, "services:updated", (f) => f.services.some((x: any) => x.id === "giay-phep-xay-dung" && x.waiting === 2));
      await ask(kiosk, "ticket:issue", { serviceId: "giay-phep-xay-dung" });
      expect((await queued).view.waiting.map((t: any) => t.number)).toEqual(["H001", "H002"]);
      expect((await waits).services.find((x: any) => x.id === "giay-phep-xay-dung").waiting).toBe(2);

      const shown = next<any>(display, "ticket:called");
      const boardCounter = nextMatching<any>(display, "counter:updated", (f) => f.counter.counterId === "quay-5" && f.counter.currentNumber !== null);
      const call = await ask(counter, "counter:callNext");
      expect(call).toMatchObject({ ok: true, data: { id: ticketId, status: "called" } });
      const fact = await shown;
      expect(fact.call).toMatchObject({ ticketId, number: "H001", counterId: "quay-5", counterNumber: 5, fieldId: "xay-dung" });
      expect(JSON.stringify(fact)).not.toMatch(/Phạm|Trần|Nguyễn/);
      expect((await boardCounter).counter).toMatchObject({ counterId: "quay-5", currentNumber: "H001", staffName: null });
      const board = await ask(display, "display:sync");
      // Boards are public: numbers, fields and counters, never a person's name.
      expect(JSON.stringify(board)).not.toMatch(/Hoàng Thị Lan|canbo5/);
      expect(JSON.stringify(board)).toContain("H001");

      const recalled = next<any>(display, "ticket:recalled");
      await ask(counter, "ticket:recall", { ticketId });
      expect((await recalled).call.recalls).toBe(1);

      await ask(counter, "ticket:start", { ticketId });
      const done = await ask(counter, "ticket:complete", { ticketId });
      expect(done).toMatchObject({ ok: true, data: { status: "done" } });

      const told = next<any>(counter, "rating:received");
      const rated = await ask(kiosk, "rating:submit", { ticketId, level: "satisfied", reasons: [] });
      expect(rated.ok).toBe(true);
      expect(await told).toEqual({ ticketId });

      const second = await ask(counter, "counter:callNext");
      expect(second).toMatchObject({ ok: true, data: { number: "H002", status: "called" } });
      await ask(counter, "ticket:cancel", { ticketId: (second as any).data.id });
      const nobody = await ask(counter, "counter:callNext");
      expect(nobody).toEqual({ ok: true, data: null });
    } finally {
      for (const s of [display, kiosk, counter]) s.close();
    }
  });

  it("withdraws a call from the boards when the ticket is transferred away", async () => {
    const display = connect(server.url, "/display", DISPLAY);
    const token = await c.login("canbo7");
    const counter = connect(server.url, "/counter", token);
    await Promise.all([connected(display), connected(counter)]);
    try {
      const t = await c.issue("ho-kinh-doanh");
      await ask(counter, "counter:open", { counterId: "quay-7" });
      await ask(counter, "counter:callNext");
      const withdrawn = next<any>(display, "call:withdrawn");
      const moved = await ask(counter, "ticket:transfer", { ticketId: t.id, toCounterId: "quay-6" });
      expect(moved.ok).toBe(true);
      expect(await withdrawn).toEqual({ ticketId: t.id, counterId: "quay-7" });
      const snap = await ask(display, "display:sync");
      expect(snap.ok && snap.data.recentCalls.some((x: any) => x.ticketId === t.id)).toBe(false);
    } finally {
      display.close();
      counter.close();
    }
  });
});
