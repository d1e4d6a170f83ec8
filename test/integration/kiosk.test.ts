import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KioskSnapshot, ProcedureCatalog } from "@motcua/protocol";
import type { DossierSource } from "@motcua/queue-server";
import { ask, client, connect, connected, DISPLAY, KIOSK, STATION, startTestServer, type TestServer } from "../helpers/harness.ts";

describe("a kiosk's commands against the real server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.destroy());

  it("gets the whole picture on connect: center, fields, services with waits, priority groups, follow address", async () => {
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const r = await ask(kiosk, "kiosk:sync");
    expect(r.ok).toBe(true);
    const snap = KioskSnapshot.parse(r.ok && r.data);
    expect(snap.center.name).toBe("Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng");
    expect(snap.fields.map((f) => f.id)).toContain("tra-ket-qua");
    expect(snap.services.find((s) => s.id === "khai-sinh")).toMatchObject({ code: "A", counterNumbers: [1, 2, 12] });
    expect(snap.priorityGroups.map((g) => g.id)).toEqual(["nguoi-cao-tuoi", "phu-nu-mang-thai", "nguoi-khuyet-tat", "nguoi-co-cong"]);
    expect(snap.followBase).toBe(`${server.url}/f`);
    kiosk.close();
  });

  it("gives a retried tap the same ticket, never a second one, and a new tap a new one", async () => {
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const before = (await client(server.url).api("GET", "/api/services")).body.find((s: { id: string }) => s.id === "ket-hon").waiting;
    const tap = { serviceId: "ket-hon", requestKey: "tap-0000000001" };
    const [a, b] = await Promise.all([ask(kiosk, "ticket:issue", tap), ask(kiosk, "ticket:issue", tap)]);
    const c = await ask(kiosk, "ticket:issue", tap);
    expect(a.ok && b.ok && c.ok).toBe(true);
    const ids = [a, b, c].map((r) => (r.ok ? r.data.id : null));
    expect(new Set(ids).size).toBe(1);
    const after = (await client(server.url).api("GET", "/api/services")).body.find((s: { id: string }) => s.id === "ket-hon").waiting;
    expect(after).toBe(before + 1);
    const other = await ask(kiosk, "ticket:issue", { serviceId: "ket-hon", requestKey: "tap-0000000002" });
    expect(other.ok).toBe(true);
    expect(other.ok && other.data.id).not.toBe(ids[0]);
    // Over REST the same key means the same tap too.
    const rest = await client(server.url).api("POST", "/api/tickets", { token: KIOSK, body: tap });
    expect(rest).toMatchObject({ status: 201, body: { id: ids[0] } });
    const bad = await ask(kiosk, "ticket:issue", { serviceId: "ket-hon", requestKey: "short" });
    expect(bad).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    kiosk.close();
  });

  it("finds today's ticket by the number a citizen types, padded or not", async () => {
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const issued = await ask(kiosk, "ticket:issue", { serviceId: "ly-lich-tu-phap" });
    const number = issued.ok ? issued.data.number : "";
    expect(number).toMatch(/^K\d{3}$/);
    for (const typed of [number, number.toLowerCase(), `K${Number(number.slice(1))}`]) {
      const r = await ask(kiosk, "ticket:find", { number: typed });
      expect(r).toMatchObject({ ok: true, data: { number, status: "waiting" } });
    }
    expect(await ask(kiosk, "ticket:find", { number: "K999" })).toMatchObject({ ok: false, code: "UNKNOWN_TICKET" });
    expect(await ask(kiosk, "ticket:find", { number: "<script>" })).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    kiosk.close();
  });

  it("shows a ready dossier's status with no one's name, and sends it to the returns counter", async () => {
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const ready = await ask(kiosk, "dossier:lookup", { code: "000.00.12.h36-261120-0001" });
    expect(ready).toMatchObject({ ok: true, data: { code: "000.00.12.H36-261120-0001", status: "ready", returnServiceId: "tra-ket-qua" } });
    expect(ready.ok && ready.data.procedureName.length).toBeGreaterThan(5);
    expect(Object.keys(ready.ok ? ready.data : {}).sort()).toEqual(["code", "dueOn", "procedureName", "procedureNameEn", "receivedOn", "returnServiceId", "status"]);
    const busy = await ask(kiosk, "dossier:lookup", { code: "000.00.12.H36-261125-0002" });
    expect(busy).toMatchObject({ ok: true, data: { status: "processing", returnServiceId: null } });
    expect(await ask(kiosk, "dossier:lookup", { code: "000.00.12.H36-200101-9999" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await ask(kiosk, "dossier:lookup", { code: "x".repeat(10_000) })).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    kiosk.close();
  });

  it("lists at least twenty procedures, each with papers, fee, time and place, in both languages, for services the center has", async () => {
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const r = await ask(kiosk, "procedures:list");
    const list = ProcedureCatalog.parse(r.ok && r.data);
    expect(list.length).toBeGreaterThanOrEqual(20);
    const services = new Set(server.service.config.services.map((s) => s.id));
    for (const p of list) expect(services.has(p.serviceId)).toBe(true);
    expect(list.find((p) => p.serviceId === "khai-sinh")?.documents.length).toBeGreaterThan(0);
    kiosk.close();
  });

  it("passes a station's scans only to a kiosk the station lists, never to all of them", async () => {
    const { LowdbStore } = await import("@motcua/queue-server");
    const config = { ...server.service.config, devices: server.service.config.devices.map((d) => (d.id === "tram-quay" ? { ...d, kioskIds: [] } : d)) };
    const { port, dataDir } = server;
    await server.close();
    await new LowdbStore(dataDir).saveConfig(config);
    server = await startTestServer({ port, dataDir });
    const station = connect(server.url, "/station", STATION);
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await Promise.all([connected(station), connected(kiosk)]);
    let heard = 0;
    kiosk.on("scan:received", () => heard++);
    expect(await ask(station, "scan:forward", { kioskId: "kiosk-sanh", text: "079123456789||Nguyễn Văn An|01011960|Nam|Đà Lạt|15082021" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    // A later answer on the same socket comes after anything the refused scan could have sent it.
    expect((await ask(kiosk, "services:list")).ok).toBe(true);
    expect(heard).toBe(0);
    station.close();
    kiosk.close();
  });

  it("refuses more ratings a minute from one kiosk than a queue of citizens gives", async () => {
    const c = client(server.url);
    const staff = await c.openCounter("canbo4", "quay-4");
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const served: string[] = [];
    for (let i = 0; i < 11; i++) {
      const t = await c.issue("dang-ky-dat-dai");
      await c.api("POST", "/api/counters/quay-4/next", { token: staff });
      await c.api("POST", `/api/tickets/${t.id}/start`, { token: staff });
      await c.api("POST", `/api/tickets/${t.id}/complete`, { token: staff });
      served.push(t.id);
    }
    const answers = [];
    for (const id of served) answers.push(await ask(kiosk, "rating:submit", { ticketId: id, level: "unsatisfied" }));
    expect(answers.slice(0, 10).every((a) => a.ok)).toBe(true);
    expect(answers[10]).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    kiosk.close();
  });

  it("is the kiosk's alone: a display may not take tickets or look up dossiers", async () => {
    const board = connect(server.url, "/kiosk", DISPLAY);
    const err = await new Promise<Error & { data?: { code?: string } }>((resolve) => board.once("connect_error", resolve));
    expect(err.data?.code).toBe("FORBIDDEN");
    board.close();
  });
});

describe("a province's dossier system that does not answer", () => {
  it("is reported as unavailable within seconds, and the kiosk keeps working", async () => {
    const silent: DossierSource = { lookup: () => new Promise(() => {}) };
    const failing: DossierSource = {
      lookup: async () => {
        throw new Error("connect ECONNREFUSED");
      },
    };
    for (const dossiers of [silent, failing]) {
      const server = await startTestServer({ dossiers });
      const kiosk = connect(server.url, "/kiosk", KIOSK);
      await connected(kiosk);
      const r = await ask(kiosk, "dossier:lookup", { code: "000.00.12.H36-261120-0001" });
      expect(r).toMatchObject({ ok: false, code: "UNAVAILABLE" });
      expect((await ask(kiosk, "ticket:issue", { serviceId: "khai-sinh" })).ok).toBe(true);
      kiosk.close();
      await server.destroy();
    }
  }, 20_000);
});
