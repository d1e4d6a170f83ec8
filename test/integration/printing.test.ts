import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tcpPrinter } from "../../printer-driver/src/transport.ts";
import { VirtualPrinter, type PrintedTicket } from "../../printer-driver/src/virtual-printer.ts";
import { startStationAgent, type StationAgent } from "../../station-agent/src/agent.ts";
import { ask, client, connect, connected, KIOSK, next, refused, STATION, startTestServer, type TestServer } from "../helpers/harness.ts";

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
    expect(paper.printout.blocks.find((b) => b.kind === "qr")).toMatchObject({ data: `${server.url}/t/${encodeURIComponent(ticket!.id)}` });
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
    expect((await c.api("POST", "/api/tickets", { token: staff, body: { serviceId: "khai-sinh" } })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 200));
    expect(printer.printed).toHaveLength(0);
    const err = await refused(connect(server.url, "/station", KIOSK));
    expect(err.data?.code).toBe("FORBIDDEN");
  });

  it("opens, from the ticket's QR, a page with the ticket's live place and nothing about its holder", async () => {
    const c = client(server.url);
    const t = await c.issue("ly-lich-tu-phap");
    const page = await fetch(`${server.url}/t/${encodeURIComponent(t.id)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`>${t.number}<`);
    expect(html).toContain("Cấp Phiếu lý lịch tư pháp");
    expect(html).toContain("Đang chờ");
    const missing = await fetch(`${server.url}/t/2026-11-27-Z999`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Không tìm thấy số thứ tự này");
  });
});
