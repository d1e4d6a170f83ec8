import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, client, connect, connected, DISPLAY, KIOSK, next, nextMatching, STATION } from "../helpers/harness.ts";
import { WORKING_MORNING } from "../helpers/clock.ts";
import { freshDatabase } from "../helpers/databases.ts";
import { startInstance, type Instance } from "../helpers/instances.ts";

/** Three instances of one center on one PostgreSQL database, as a province's data center runs them. */
describe("several instances on one database", () => {
  let a: Instance, b: Instance, c: Instance;
  beforeAll(async () => {
    const url = await freshDatabase();
    // One at a time: the first makes the demo center, the others find it.
    a = await startInstance(url);
    b = await startInstance(url);
    c = await startInstance(url);
  });
  afterAll(async () => {
    for (const i of [a, b, c]) await i?.stop();
  });

  it("hands out each number once, whichever instance each kiosk reaches", async () => {
    const kiosks = [a, b, c].map((i) => client(i.url));
    const answers = await Promise.all(
      Array.from({ length: 45 }, (_, n) => kiosks[n % 3]!.api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "ket-hon" } })),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
    const numbers = answers.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(45);
    expect([...numbers].sort()).toEqual(Array.from({ length: 45 }, (_, n) => `B${String(n + 1).padStart(3, "0")}`));
    // Every instance has taken in every ticket, also those the others issued.
    for (const i of [a, b, c]) {
      await expect.poll(() => answers.every((r) => i.service.state.tickets[r.body.id]?.number === r.body.number)).toBe(true);
    }
  });

  it("lets a board on one instance hear a call made on another, for a ticket issued on a third", async () => {
    const board = connect(c.url, "/display", DISPLAY);
    await connected(board);
    const t = (await client(b.url).api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "tra-ket-qua" } })).body;
    const officer = await client(a.url).openCounter("canbo9", "quay-11");
    const heard = nextMatching<{ call: { number: string } }>(board, "ticket:called", (p) => p.call.number === t.number, 5000);
    const called = await client(a.url).api("POST", "/api/counters/quay-11/next", { token: officer });
    expect(called, JSON.stringify(called.body)).toMatchObject({ status: 200, body: { number: t.number } });
    expect((await heard).call).toMatchObject({ number: t.number, counterId: "quay-11" });
    board.close();
  });

  it("prints on a station connected to another instance than the kiosk's, and passes its scans back", async () => {
    const kiosk = connect(a.url, "/kiosk", KIOSK);
    const station = connect(b.url, "/station", STATION);
    const stationOnC = connect(c.url, "/station", STATION);
    await Promise.all([kiosk, station, stationOnC].map(connected));
    try {
      const requested = next<{ job: { id: string; ticketId: string } }>(station, "print:requested", 5000);
      const issued = await ask(kiosk, "ticket:issue", { serviceId: "chung-thuc-ban-sao" });
      expect(issued.ok).toBe(true);
      const { job } = await requested;
      expect(issued.ok && job.ticketId).toBe(issued.ok && issued.data.id);
      // Every instance holds the job until one answers it; then none offers it again.
      const offeredOnC = async () => {
        const r = await ask(stationOnC, "print:sync");
        return r.ok && r.data.jobs.some((j) => j.id === job.id);
      };
      await expect.poll(offeredOnC).toBe(true);
      const kioskHears = next<{ ok: boolean }>(kiosk, "printer:reported", 5000);
      expect(await ask(station, "print:report", { jobId: job.id, printed: true, status: null })).toMatchObject({ ok: true });
      expect((await kioskHears).ok).toBe(true);
      await expect.poll(offeredOnC).toBe(false);
      // The station's scanner reads a chip card: the kiosk's screen on another instance hears it.
      const scanned = next<{ text: string }>(kiosk, "scan:received", 5000);
      expect(await ask(station, "scan:forward", { kioskId: "kiosk-sanh", text: "https://dvc.example/hs/123" })).toMatchObject({ ok: true });
      expect((await scanned).text).toBe("https://dvc.example/hs/123");
    } finally {
      for (const s of [kiosk, station, stationOnC]) s.close();
    }
  });

  it("takes up a configuration an admin saved on another instance", async () => {
    const admin = await client(a.url).login("admin", "admin");
    const config = (await client(a.url).api("GET", "/api/admin/config", { token: admin })).body;
    const renamed = { ...config, center: { ...config.center, name: "Trung tâm thử nghiệm nhiều máy chủ" } };
    expect((await client(a.url).api("PUT", "/api/admin/config", { token: admin, body: renamed })).status).toBe(200);
    for (const i of [b, c]) await expect.poll(() => i.service.config.center.name).toBe("Trung tâm thử nghiệm nhiều máy chủ");
  });

  it("takes a session opened on one instance on every other, and its logout too", async () => {
    const t = (await client(c.url).api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })).body;
    const token = await client(a.url).login("canbo3");
    const seen = await client(b.url).api("GET", `/api/tickets/${t.id}`, { token });
    expect(seen).toMatchObject({ status: 200, body: { number: t.number } });
    expect((await client(c.url).api("DELETE", "/api/session", { token })).status).toBe(204);
    await expect.poll(async () => (await client(b.url).api("GET", `/api/tickets/${t.id}`, { token })).status).toBe(401);
  });

  it("gives a slot's last places once, whichever instance each phone reaches", async () => {
    // Khai sinh takes three citizens per half hour; five phones try for one slot at once.
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        client([a, b, c][n % 3]!.url).api("POST", "/api/appointments", { body: { serviceId: "khai-sinh", date: "2026-12-02", time: "09:00", phone: `0912 000 10${n}` } }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    for (const i of [a, b, c]) {
      await expect
        .poll(async () => (await client(i.url).api("GET", "/api/appointments/slots?fieldId=ho-tich&date=2026-12-02")).body.slots.find((s: { time: string }) => s.time === "09:00")?.left)
        .toBe(0);
    }
  });

  it("counts a network's remote numbers, a minute's and the day's, on every instance together", async () => {
    // A clock the test moves: a network takes five a minute, and ten a day (the demo's rule).
    let now = WORKING_MORNING;
    const url = await freshDatabase();
    const two = [await startInstance(url, { clock: () => now }), await startInstance(url, { clock: () => now })];
    try {
      const take = async (n: number) =>
        (await client(two[n % 2]!.url).api("POST", "/api/remote", { body: { serviceId: "chung-thuc-ban-sao", phone: `0987 000 ${String(100 + n)}` } })).status;
      const minute = [];
      for (let n = 0; n < 6; n++) minute.push(await take(n));
      expect(minute).toEqual([201, 201, 201, 201, 201, 429]);
      now += 60_000;
      const later = [];
      for (let n = 6; n < 11; n++) later.push(await take(n));
      expect(later).toEqual([201, 201, 201, 201, 201]);
      // A new minute, and the day's ten are taken: each instance alone would still allow five.
      now += 60_000;
      expect(await take(11)).toBe(429);
    } finally {
      for (const i of two) await i.stop();
    }
  });

  it("counts a password guesser's tries on every instance together", async () => {
    const url = await freshDatabase();
    const guarded = [await startInstance(url, { loginPerMinute: 3 }), await startInstance(url, { loginPerMinute: 3 })];
    try {
      const tries = [];
      for (let n = 0; n < 4; n++) tries.push(await client(guarded[n % 2]!.url).api("POST", "/api/session", { body: { username: "admin", password: `doan-${n}` } }));
      expect(tries.map((r) => r.status)).toEqual([401, 401, 401, 429]);
      // Refused on the other instance too, even with the right password: the minute is spent.
      expect((await client(guarded[1]!.url).api("POST", "/api/session", { body: { username: "admin", password: "admin" } })).status).toBe(429);
    } finally {
      for (const i of guarded) await i.stop();
    }
  });
});
