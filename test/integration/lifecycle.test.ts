import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LowdbStore } from "@motcua/queue-server";
import { DISPLAY, ask, client, connect, connected, next, startTestServer } from "../helpers/harness.ts";
import { storedDay } from "../helpers/stored-day.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

/** 08:00 on 27 Nov 2026 in Asia/Ho_Chi_Minh. */
const MORNING = Date.UTC(2026, 10, 27, 1, 0);

describe("restarts and service days", () => {
  it("restores the day exactly after a restart and continues the numbers", async () => {
    let now = MORNING;
    const first = await startTestServer({ clock: () => now });
    const c1 = client(first.url);
    const a = await c1.issue("khai-sinh");
    const b = await c1.issue("khai-sinh", "nguoi-cao-tuoi");
    const staff = await c1.openCounter("canbo1", "quay-1");
    const called = await c1.api("POST", "/api/counters/quay-1/next", { token: staff });
    expect(called.body.id).toBe(b.id); // the elderly citizen goes first
    const stateBefore = structuredClone(first.service.state);
    await first.close();

    now += 60_000;
    const second = await startTestServer({ dataDir: first.dataDir, clock: () => now });
    try {
      expect(second.service.state).toEqual(stateBefore);
      const c2 = client(second.url);
      const c = await c2.issue("khai-sinh");
      expect([a.number, b.number, c.number]).toEqual(["A001", "A002", "A003"]);
      // The officer's session survived the restart and still holds counter 1.
      const done = await c2.api("POST", `/api/tickets/${b.id}/start`, { token: staff });
      expect(done.body.status).toBe("serving");
      expect((await storedDay(first.dataDir, "2026-11-27"))!.order).toEqual([a.id, b.id, c.id]);
    } finally {
      await second.destroy();
    }
  });

  it("restarts numbering at the configured reset time (05:00 in the demo), in Vietnam's time zone", async () => {
    let now = Date.UTC(2026, 10, 27, 21, 30); // 04:30 on the 28th in Hanoi: still the 27th's service day
    const server = await startTestServer({ clock: () => now });
    const c = client(server.url);
    const display = connect(server.url, "/display", DISPLAY);
    try {
      await connected(display);
      // Numbers at 04:30 and 05:00, outside the opening hours.
      await issueAtAnyHour(server.url);
      const late = await c.issue("tra-ket-qua");
      expect(late).toMatchObject({ number: "R001", day: "2026-11-27" });
      expect((await c.issue("tra-ket-qua")).number).toBe("R002");

      now = Date.UTC(2026, 10, 27, 22, 0); // 05:00 on the 28th
      const turned = next<any>(display, "day:started");
      await server.service.checkDay();
      expect(await turned).toEqual({ day: "2026-11-28" });
      const fresh = await c.issue("tra-ket-qua");
      expect(fresh).toMatchObject({ number: "R001", day: "2026-11-28" });
      expect(fresh.id).not.toBe(late.id);
      // Yesterday stays on disk as its own document, whole in its final snapshot.
      const days = JSON.parse(await readFile(join(server.dataDir, "days", "2026-11-27.json"), "utf8"));
      expect(days.order).toHaveLength(2);
      expect(await new LowdbStore(server.dataDir).openDays()).toEqual(["2026-11-28"]);
    } finally {
      display.close();
      await server.destroy();
    }
  });

  it("does not let yesterday's counter binding act after the day turns", async () => {
    let now = Date.UTC(2026, 10, 27, 13, 0); // 20:00 in Hanoi
    const server = await startTestServer({ clock: () => now });
    const c = client(server.url);
    try {
      const token = await c.openCounter("canbo1", "quay-1");
      // A Saturday morning: numbers outside the working days too.
      await issueAtAnyHour(server.url);
      now = Date.UTC(2026, 10, 27, 23, 30); // 06:30 the next morning, past the 05:00 reset
      const t = await c.issue("khai-sinh");
      expect(t.day).toBe("2026-11-28");
      const r = await c.api("POST", `/api/tickets/${t.id}/cancel`, { token });
      expect(r.body.code).toBe("COUNTER_NOT_OPENED");
      expect((await c.api("POST", "/api/counters/quay-1/next", { token })).body.code).toBe("COUNTER_NOT_OPENED");
      expect((await c.api("POST", "/api/counters/quay-1/open", { token, body: {} })).status).toBe(200);
      expect((await c.api("POST", "/api/counters/quay-1/next", { token })).body.id).toBe(t.id);
    } finally {
      await server.destroy();
    }
  });

  it("ends a staff session after 12 hours, over REST and on an open socket", async () => {
    let now = MORNING;
    const server = await startTestServer({ clock: () => now });
    const c = client(server.url);
    try {
      const token = await c.openCounter("canbo2", "quay-2");
      const socket = connect(server.url, "/counter", token);
      await connected(socket);
      now += 11 * 60 * 60_000;
      expect((await c.api("GET", "/api/counters/quay-2", { token })).status).toBe(200);
      now += 61 * 60_000;
      const r = await c.api("GET", "/api/counters/quay-2", { token });
      expect(r.status).toBe(401);
      expect(await ask(socket, "counter:sync")).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      expect(await ask(socket, "counter:callNext")).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      socket.close();
    } finally {
      await server.destroy();
    }
  });

  it("calls a ticket that waited past the aging limit before a younger priority ticket", async () => {
    let now = MORNING;
    const server = await startTestServer({ clock: () => now });
    const c = client(server.url);
    try {
      const old = await c.issue("chung-thuc-ban-sao");
      now += 46 * 60_000;
      await c.issue("chung-thuc-ban-sao", "phu-nu-mang-thai");
      const staff = await c.openCounter("canbo3", "quay-3");
      const r = await c.api("POST", "/api/counters/quay-3/next", { token: staff });
      expect(r.body.id).toBe(old.id);
    } finally {
      await server.destroy();
    }
  });
});

describe("the API document", () => {
  it("is generated from the protocol schemas and lists every route", async () => {
    const server = await startTestServer();
    try {
      const doc = (await client(server.url).api("GET", "/api/openapi.json")).body;
      expect(doc.openapi).toBe("3.1.0");
      for (const path of ["/api/health", "/api/session", "/api/services", "/api/tickets", "/api/counters/{counterId}/next", "/api/tickets/{id}/no-show", "/api/ratings", "/api/stats/today"]) {
        expect(Object.keys(doc.paths)).toContain(path);
      }
      const issue = doc.paths["/api/tickets"].post;
      expect(issue.requestBody.content["application/json"].schema.required).toEqual(["serviceId"]);
      expect(Object.keys(issue.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "429"]));
      const rating = doc.paths["/api/ratings"].post.requestBody.content["application/json"].schema;
      expect(rating.properties.level.enum).toEqual(["very_satisfied", "satisfied", "unsatisfied"]);
      expect(doc.paths["/api/counters/{counterId}/next"].post.responses["204"]).toBeDefined();
    } finally {
      await server.destroy();
    }
  });
});
