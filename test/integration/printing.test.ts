import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sha256, demoConfig, LowdbStore } from "@motcua/queue-server";
import { createCanvas } from "@napi-rs/canvas";
import { ticketLogo, tcpPrinter, type Transport, VirtualPrinter, type PrintedTicket } from "@motcua/printer-driver";
import { readQr } from "@motcua/printer-driver/read-paper";
import { startStationAgent, type StationAgent } from "@motcua/station-agent";
import { ask, client, connect, connected, KIOSK, next, nextMatching, refused, STATION, startTestServer, type TestServer } from "../helpers/harness.ts";

describe("kiosk → server → station agent → printer", () => {
  let server: TestServer;
  let printer: VirtualPrinter;
  let port: number;
  let agent: StationAgent | null = null;
  const startAgent = () => (agent = startStationAgent({ serverUrl: server.url, key: STATION, printer: tcpPrinter("127.0.0.1", port, 1000), paper: "80mm" }));

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.destroy());
  beforeEach(async () => {
    printer = new VirtualPrinter("80mm");
    port = await printer.listen(0);
  });
  afterEach(async () => {
    // Let the agent answer for what it printed, or the server would hand the job to the next one.
    await agent?.idle();
    agent?.close();
    agent = null;
    await printer.close();
  });

  it("prints the ticket a kiosk issues, with its number and a QR to its follow page, and the server hears it printed", async () => {
    startAgent();
    const boss = connect(server.url, "/supervisor", await client(server.url).login("giamsat"));
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await Promise.all([connected(boss), connected(kiosk), connected(agent!.socket)]);
    const printed = new Promise<PrintedTicket>((resolve) => printer.once("printed", resolve));
    const report = next(boss, "printer:reported");
    const r = await ask(kiosk, "ticket:issue", { serviceId: "khai-sinh" });
    expect(r.ok).toBe(true);
    const ticket = r.ok ? r.data : null;
    const paper = await printed;
    expect(ticket!.followToken).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(paper.printout.blocks.find((b) => b.kind === "qr")).toMatchObject({ data: `${server.url}/f/${ticket!.followToken}` });
    // What a phone reads off the paper: the PNG the printer drew, decoded by zxing.
    expect(await readQr(paper.png)).toBe(`${server.url}/f/${ticket!.followToken}`);
    expect(paper.printout.blocks.some((b) => b.kind === "text" && b.text.trim() === ticket!.number)).toBe(true);
    expect(await report).toMatchObject({ stationId: "tram-quay", ok: true, status: { online: true, paperOut: false } });
    boss.close();
    kiosk.close();
  });

  it("tells the kiosk and the supervisor plainly when the printer is out of paper; the ticket stays valid", async () => {
    startAgent();
    const boss = connect(server.url, "/supervisor", await client(server.url).login("giamsat"));
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await Promise.all([connected(boss), connected(kiosk), connected(agent!.socket)]);
    printer.set({ paperOut: true });
    const atKiosk = next(kiosk, "printer:reported");
    const atBoss = next(boss, "printer:reported");
    const r = await ask(kiosk, "ticket:issue", { serviceId: "tra-ket-qua" });
    expect(r.ok).toBe(true);
    for (const report of await Promise.all([atKiosk, atBoss])) expect(report).toMatchObject({ ok: false, status: { paperOut: true, online: false } });
    expect(printer.printed).toHaveLength(0);
    expect(r.ok && (await ask(kiosk, "ticket:get", { ticketId: r.data.id })).ok).toBe(true);
    boss.close();
    kiosk.close();
  });

  it("counts a print on a roll near its end as printed, and still tells the kiosk and the supervisor the paper is low", async () => {
    startAgent();
    const boss = connect(server.url, "/supervisor", await client(server.url).login("giamsat"));
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await Promise.all([connected(boss), connected(kiosk), connected(agent!.socket)]);
    printer.set({ paperNearEnd: true });
    const printed = new Promise<PrintedTicket>((resolve) => printer.once("printed", resolve));
    const atKiosk = next(kiosk, "printer:reported");
    const atBoss = next(boss, "printer:reported");
    expect((await ask(kiosk, "ticket:issue", { serviceId: "khai-sinh" })).ok).toBe(true);
    await printed;
    for (const report of await Promise.all([atKiosk, atBoss])) {
      expect(report).toMatchObject({ stationId: "tram-quay", ok: true, status: { online: true, paperNearEnd: true, paperOut: false } });
    }
    // The supervisor's dashboard starts from the same word (its snapshot), not only the pushed fact.
    const snapshot = await ask(boss, "dashboard:sync", {});
    expect(snapshot.ok && snapshot.data.printers).toContainEqual(expect.objectContaining({ stationId: "tram-quay", ok: true, status: expect.objectContaining({ paperNearEnd: true }) }));
    boss.close();
    kiosk.close();
  });

  it("notices between tickets when the printer runs out of paper, gets it back or vanishes, and tells the kiosk and the supervisor each change once", async () => {
    // Asked ten times a second here (30 s by default), over the same one-connection-at-a-time line as tickets.
    agent = startStationAgent({ serverUrl: server.url, key: STATION, printer: tcpPrinter("127.0.0.1", port, 1000), paper: "80mm", statusEverySeconds: 0.1 });
    const boss = connect(server.url, "/supervisor", await client(server.url).login("giamsat"));
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    const heard: { ok: boolean; status: unknown; ticketId?: string }[] = [];
    boss.on("printer:reported", (r) => heard.push(r));
    await Promise.all([connected(boss), connected(kiosk), connected(agent.socket)]);
    type Report = { ok: boolean; status: { online: boolean; paperOut: boolean; coverOpen: boolean } | null; message?: string; ticketId?: string };
    const atBoth = (pred: (r: Report) => boolean) =>
      Promise.all([nextMatching<Report>(kiosk, "printer:reported", pred, 5000), nextMatching<Report>(boss, "printer:reported", pred, 5000)]);

    const paperOut = atBoth((r) => r.status?.paperOut === true);
    printer.set({ paperOut: true });
    for (const r of await paperOut) {
      expect(r).toMatchObject({ stationId: "tram-quay", ok: false, status: { paperOut: true, online: false } });
      expect(r.ticketId).toBeUndefined();
    }
    // A kiosk that connects now starts from the same word.
    const sync = await ask(kiosk, "kiosk:sync", {});
    expect(sync.ok && sync.data.printer).toMatchObject({ ok: false, status: { paperOut: true } });

    const back = atBoth((r) => r.ok);
    printer.set({ paperOut: false });
    for (const r of await back) expect(r).toMatchObject({ stationId: "tram-quay", ok: true, status: { online: true, paperOut: false } });

    const gone = atBoth((r) => r.status?.online === false);
    printer.set({ vanished: true });
    for (const r of await gone) {
      expect(r).toMatchObject({ stationId: "tram-quay", ok: false, status: { online: false, paperOut: false, coverOpen: false } });
      expect(r.message).toContain(`127.0.0.1:${port}`);
    }
    const board = await ask(boss, "dashboard:sync", {});
    expect(board.ok && board.data.printers).toContainEqual(expect.objectContaining({ stationId: "tram-quay", ok: false, status: expect.objectContaining({ online: false }) }));

    // Only changes are reported: five more requests to a printer still gone add nothing.
    const before = heard.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(heard.length).toBe(before);
    for (let i = 1; i < heard.length; i++) expect(heard[i]).not.toEqual(heard[i - 1]);
    expect(heard.slice(-3).map((r) => r.ok)).toEqual([false, true, false]);
    expect(printer.printed).toHaveLength(0);
    boss.close();
    kiosk.close();
  });

  it("prints the center's logo above its name when the station has one", async () => {
    const drawing = createCanvas(120, 120);
    const ctx = drawing.getContext("2d");
    ctx.fillRect(20, 20, 80, 80);
    const logo = await ticketLogo(drawing.toBuffer("image/png"), "80mm");
    agent = startStationAgent({ serverUrl: server.url, key: STATION, printer: tcpPrinter("127.0.0.1", port, 1000), paper: "80mm", logo });
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await Promise.all([connected(kiosk), connected(agent.socket)]);
    const printed = new Promise<PrintedTicket>((resolve) => printer.once("printed", resolve));
    expect((await ask(kiosk, "ticket:issue", { serviceId: "khai-sinh" })).ok).toBe(true);
    const paper = await printed;
    const first = paper.printout.blocks.find((b) => b.kind !== "text" || b.text.trim() !== "");
    expect(first).toMatchObject({ kind: "raster", width: logo.width, height: logo.height });
    expect(first?.kind === "raster" && Buffer.from(first.bits).equals(Buffer.from(logo.bits))).toBe(true);
    kiosk.close();
  });

  it("never asks the printer how it is while a ticket is printing on it", async () => {
    // A slow printer, watched: a status request that overlaps a ticket is counted.
    const line = tcpPrinter("127.0.0.1", port, 1000);
    let printing = 0;
    let asked = 0;
    let overlaps = 0;
    const watched: Transport = {
      send: (bytes) => line.send(bytes),
      status: () => {
        asked++;
        if (printing > 0) overlaps++;
        return line.status();
      },
      print: async (bytes) => {
        printing++;
        try {
          await new Promise((r) => setTimeout(r, 150));
          return await line.print(bytes);
        } finally {
          printing--;
        }
      },
    };
    agent = startStationAgent({ serverUrl: server.url, key: STATION, printer: watched, paper: "80mm", statusEverySeconds: 0.02 });
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await Promise.all([connected(kiosk), connected(agent.socket)]);
    await vi.waitFor(() => expect(asked).toBeGreaterThan(0));
    for (let i = 0; i < 3; i++) expect((await ask(kiosk, "ticket:issue", { serviceId: "khai-sinh" })).ok).toBe(true);
    await vi.waitFor(() => expect(printer.printed).toHaveLength(3), { timeout: 10_000 });
    await agent.idle();
    const before = asked;
    await vi.waitFor(() => expect(asked).toBeGreaterThan(before));
    expect(overlaps).toBe(0);
    kiosk.close();
  });

  it("prints what was issued while the station was away once it connects again", async () => {
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    await connected(kiosk);
    const r = await ask(kiosk, "ticket:issue", { serviceId: "chung-thuc-ban-sao" });
    expect(r.ok).toBe(true);
    const printed = new Promise<PrintedTicket>((resolve) => printer.once("printed", resolve));
    startAgent();
    const paper = await printed;
    expect(paper.printout.blocks.some((b) => b.kind === "text" && r.ok && b.text.trim() === r.data.number)).toBe(true);
    kiosk.close();
  });

  it("does not print tickets that staff issue at a counter, and lets no kiosk in as a station", async () => {
    const c = client(server.url);
    const staff = await c.login("canbo1");
    startAgent();
    await connected(agent!.socket);
    const byStaff = await c.api("POST", "/api/tickets", { token: staff, body: { serviceId: "khai-sinh" } });
    expect(byStaff.status).toBe(201);
    // The next kiosk ticket is the first and only thing on paper.
    const printed = new Promise<PrintedTicket>((resolve) => printer.once("printed", resolve));
    const byKiosk = await c.issue("khai-sinh");
    const paper = await printed;
    await agent!.idle();
    expect(paper.printout.blocks.some((b) => b.kind === "text" && b.text.trim() === byKiosk.number)).toBe(true);
    expect(printer.printed).toHaveLength(1);
    expect(byStaff.body.number).not.toBe(byKiosk.number);
    const err = await refused(connect(server.url, "/station", KIOSK));
    expect(err.data?.code).toBe("FORBIDDEN");
  });
});

describe("stations print only for their own kiosks", () => {
  let server: TestServer;
  const printers: VirtualPrinter[] = [];
  const agents: StationAgent[] = [];

  beforeAll(async () => {
    // The demo center with a second kiosk and a second station: each station prints for one kiosk.
    const dataDir = await mkdtemp(join(tmpdir(), "motcua-stations-"));
    const config = await demoConfig();
    config.devices = config.devices.map((d) => (d.id === "tram-quay" ? { ...d, kioskIds: ["kiosk-sanh"] } : d));
    config.devices.push(
      { id: "kiosk-2", kind: "kiosk", name: "Kiosk tầng 2", keyHash: sha256("kiosk-two-key"), revoked: false, fieldIds: [], counterIds: [], kioskIds: [] },
      { id: "tram-2", kind: "station", name: "Trạm tầng 2", keyHash: sha256("station-two-key"), revoked: false, fieldIds: [], counterIds: [], kioskIds: ["kiosk-2"] },
    );
    await new LowdbStore(dataDir).saveConfig(config);
    server = await startTestServer({ dataDir });
  });
  afterAll(async () => {
    for (const a of agents) a.close();
    for (const p of printers) await p.close();
    await server.destroy();
  });

  it("sends each kiosk's tickets to its own station, and refuses a report on another station's job", async () => {
    const start = async (key: string) => {
      const printer = new VirtualPrinter("80mm");
      const port = await printer.listen(0);
      const agent = startStationAgent({ serverUrl: server.url, key, printer: tcpPrinter("127.0.0.1", port, 1000), paper: "80mm" });
      printers.push(printer);
      agents.push(agent);
      await connected(agent.socket);
      return { printer, agent };
    };
    const ground = await start(STATION);
    const upstairs = await start("station-two-key");
    const kiosk2 = connect(server.url, "/kiosk", "kiosk-two-key");
    await connected(kiosk2);

    // A third connection with the ground floor's key, held by hand, to look at what the server offers it.
    const peek = connect(server.url, "/station", STATION);
    await connected(peek);
    const pushed: unknown[] = [];
    peek.on("print:requested", (x) => pushed.push(x));

    const printed = new Promise<PrintedTicket>((resolve) => upstairs.printer.once("printed", resolve));
    const r = await ask(kiosk2, "ticket:issue", { serviceId: "khai-sinh" });
    expect(r.ok).toBe(true);
    const paper = await printed;
    expect(paper.printout.blocks.some((b) => b.kind === "text" && r.ok && b.text.trim() === r.data.number)).toBe(true);
    await upstairs.agent.idle();
    expect(ground.printer.printed).toHaveLength(0);
    expect(pushed).toEqual([]);

    // A fresh upstairs ticket while its station is away: the ground floor may neither see nor answer it.
    upstairs.agent.close();
    const r2 = await ask(kiosk2, "ticket:issue", { serviceId: "khai-sinh" });
    expect(r2.ok).toBe(true);
    const offered = await ask(peek, "print:sync", {});
    expect(offered.ok && offered.data.jobs).toEqual([]);
    const upstairsPeek = connect(server.url, "/station", "station-two-key");
    await connected(upstairsPeek);
    const theirs = await ask(upstairsPeek, "print:sync", {});
    const job = theirs.ok ? theirs.data.jobs.find((j: { ticketId: string }) => r2.ok && j.ticketId === r2.data.id) : undefined;
    expect(job).toBeDefined();
    const refusedReport = await ask(peek, "print:report", { jobId: job!.id, printed: true, status: null });
    expect(refusedReport).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // The job is still the upstairs station's to print.
    const still = await ask(upstairsPeek, "print:sync", {});
    expect(still.ok && still.data.jobs.map((j: { id: string }) => j.id)).toContain(job!.id);
    upstairsPeek.close();
    peek.close();
    kiosk2.close();
  });

  it("refuses a configuration where two stations would print the same kiosk's tickets", async () => {
    const c = client(server.url);
    const admin = await c.login("admin", "admin");
    const current = await c.api("GET", "/api/admin/config", { token: admin });
    const devices = current.body.devices.map((d: { id: string }) => (d.id === "tram-2" ? { ...d, kioskIds: [] } : d));
    const r = await c.api("PUT", "/api/admin/config", { token: admin, body: { ...current.body, devices } });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/kiosk kiosk-sanh is printed for by several stations \(tram-quay, tram-2\)/);
  });
});
