import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tcpPrinter, VirtualPrinter } from "@motcua/printer-driver";
import { demoConfig, LowdbStore, sha256 } from "@motcua/queue-server";
import { startStationAgent, type StationAgent, VirtualHid } from "@motcua/station-agent";
import { ask, client, connect, connected, KIOSK, next, STATION, startTestServer, type TestServer } from "../helpers/harness.ts";

/** For what must not happen: give a press time to arrive. */
/** For what must happen: a loaded machine may take longer than any fixed pause. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 20 });

describe("a station's scanner, counter keypad and rating pad", () => {
  let server: TestServer;
  let printer: VirtualPrinter;
  let agent: StationAgent;
  const scanner = new VirtualHid();
  const keypad = new VirtualHid();
  const pad = new VirtualHid();

  beforeAll(async () => {
    // The demo station, set up for counter 1's keypad and rating pad.
    const dataDir = await mkdtemp(join(tmpdir(), "motcua-devices-"));
    const config = await demoConfig();
    config.devices = config.devices.map((d) => (d.id === "tram-quay" ? { ...d, counterIds: ["quay-1"] } : d));
    // A second kiosk, with no station of its own: it must never see the first kiosk's scans.
    config.devices.push({ id: "kiosk-2", kind: "kiosk", name: "Kiosk 2", keyHash: sha256("kiosk-two-key"), revoked: false, fieldIds: [], counterIds: [], kioskIds: [] });
    config.devices = config.devices.map((d) => (d.id === "tram-quay" ? { ...d, kioskIds: ["kiosk-sanh"] } : d));
    await new LowdbStore(dataDir).saveConfig(config);
    server = await startTestServer({ dataDir });
    printer = new VirtualPrinter("80mm");
    const port = await printer.listen(0);
    agent = startStationAgent({
      serverUrl: server.url,
      key: STATION,
      printer: tcpPrinter("127.0.0.1", port, 1000),
      paper: "80mm",
      devices: [
        { kind: "scanner", kioskId: "kiosk-sanh", source: scanner },
        { kind: "keypad", counterId: "quay-1", source: keypad },
        { kind: "ratingPad", counterId: "quay-1", source: pad },
      ],
    });
    await connected(agent.socket);
  });
  afterAll(async () => {
    agent.close();
    await printer.close();
    await server.destroy();
  });

  it("passes a scan to the kiosk beside the scanner as typed, and to no other kiosk", async () => {
    const kiosk = connect(server.url, "/kiosk", KIOSK);
    const other = connect(server.url, "/kiosk", "kiosk-two-key");
    await Promise.all([connected(kiosk), connected(other)]);
    const elsewhere: unknown[] = [];
    other.on("scan:received", (x) => elsewhere.push(x));
    const got = next(kiosk, "scan:received");
    scanner.type("000.00.12.H36-210601-0001");
    expect(await got).toEqual({ text: "000.00.12.H36-210601-0001" });
    // The station may not aim a scan at a kiosk it does not serve.
    expect(await ask(agent.socket, "scan:forward", { kioskId: "kiosk-2", text: "079204001234|Nguyễn Thị Hoa" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    // A later answer on the other kiosk's own socket comes after anything either scan sent it.
    expect((await ask(other, "services:list")).ok).toBe(true);
    expect(elsewhere).toEqual([]);
    kiosk.close();
    other.close();
  });

  it("calls, completes and rates at counter 1 from the keypad and the pad, as the officer's buttons would", async () => {
    const c = client(server.url);
    const officer = await c.openCounter("canbo1", "quay-1");
    const t = await c.issue("khai-sinh");
    keypad.press(0x1e); // 1: Next
    await until(() => expect(server.service.state.tickets[t.id]).toMatchObject({ status: "called", counterId: "quay-1" }));
    keypad.press(0x21); // 4: Complete, refused: the citizen has not sat down (Start) yet
    keypad.press(0x20); // 3: Start
    // Keys reach the server in the order pressed: Start could only serve a ticket Complete left called.
    await until(() => expect(server.service.state.tickets[t.id]!.status).toBe("serving"));
    keypad.press(0x21); // 4: Complete
    await until(() => expect(server.service.state.tickets[t.id]!.status).toBe("done"));
    pad.press(0x1e); // Rất hài lòng
    await until(() => expect(server.service.state.tickets[t.id]!.rated).toBe(true));
    expect(server.service.state.ratings.at(-1)).toMatchObject({ ticketId: t.id, level: "very_satisfied", counterId: "quay-1" });
    // A second press finds nobody left to rate.
    const again = await ask(agent.socket, "rating:press", { counterId: "quay-1", level: "unsatisfied" });
    expect(again).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // Once the next citizen is called, the pad is theirs: the one before cannot be rated by them.
    const u = await c.issue("khai-sinh");
    const t2 = await c.issue("khai-sinh");
    keypad.press(0x1e);
    await until(() => expect(server.service.state.tickets[u.id]!.status).toBe("called"));
    keypad.press(0x20);
    keypad.press(0x21);
    await until(() => expect(server.service.state.tickets[u.id]!.status).toBe("done"));
    keypad.press(0x1e);
    await until(() => expect(server.service.state.tickets[t2.id]!.status).toBe("called"));
    expect(await ask(agent.socket, "rating:press", { counterId: "quay-1", level: "unsatisfied" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(server.service.state.tickets[u.id]!.rated).toBe(false);
    keypad.press(0x20);
    keypad.press(0x21);
    await until(() => expect(server.service.state.tickets[t2.id]!.status).toBe("done"));
    // A paused counter takes no keys: the citizen still waiting is not called.
    const w = await c.issue("khai-sinh");
    const paused = await c.api("POST", "/api/counters/quay-1/pause", { token: officer, body: { reason: "Nghỉ giải lao" } });
    expect(paused.status).toBe(200);
    expect(await ask(agent.socket, "counter:press", { counterId: "quay-1", key: "next" })).toMatchObject({ ok: false });
    expect(server.service.state.tickets[w.id]!.status).toBe("waiting");
    await c.api("POST", "/api/counters/quay-1/resume", { token: officer });
    await c.api("POST", "/api/counters/quay-1/close", { token: officer });
  });

  it("acts only for its own counters, and only while an officer has them open", async () => {
    const c = client(server.url);
    await c.issue("khai-sinh");
    // Counter 1 is closed now: its keypad does nothing.
    expect(await ask(agent.socket, "counter:press", { counterId: "quay-1", key: "next" })).toMatchObject({ ok: false });
    // Counter 2 is open, but this station has no keypad for it.
    await c.openCounter("canbo2", "quay-2");
    expect(await ask(agent.socket, "counter:press", { counterId: "quay-2", key: "next" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await ask(agent.socket, "rating:press", { counterId: "quay-2", level: "satisfied" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
