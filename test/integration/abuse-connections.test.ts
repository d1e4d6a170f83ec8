/**
 * Issue 18, finding 2: one machine on the citizens' network held every file descriptor with
 * half-sent requests, and /api/health failed until it let go. Now one address holds at most its
 * cap of connections, what it opens beyond is closed at once, requests that do not finish in time
 * are closed, and Socket.IO clients once connected stay connected however quiet they are.
 */
import { connect as tcp, type Socket as TcpSocket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK, ask, connect, connected, refused, startTestServer, type TestServer } from "../helpers/harness.ts";

/** Linux answers on all of 127/8: the attacker is another loopback address than the hall's own clients. */
const ATTACKER = "127.0.0.2";
const PROXY = "127.0.0.3";
const HALF_SENT = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
const FULL = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

interface Probe {
  socket: TcpSocket;
  /** What the server sent. */
  got: () => string;
  /** Resolves when the connection ends, with how long it lived from its connect. */
  closed: Promise<number>;
  isClosed: () => boolean;
}

/** A raw TCP connection from `from`, sending `send` (if any) once connected. */
function probe(port: number, from: string, send?: string): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = tcp({ port, host: "127.0.0.1", localAddress: from });
    let got = "";
    let done = false;
    let start = 0;
    socket.on("data", (d) => (got += d.toString()));
    // A refused connection may end in a reset: that is what is expected, not a failure.
    socket.on("error", () => undefined);
    const closed = new Promise<number>((r) => socket.once("close", () => ((done = true), r(Date.now() - start))));
    socket.once("connect", () => {
      start = Date.now();
      if (send) socket.write(send);
      resolve({ socket, got: () => got, closed, isClosed: () => done });
    });
    socket.once("close", () => !start && reject(new Error(`connection from ${from} failed`)));
  });
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<never>((_, j) => setTimeout(() => j(new Error(`${what}: not within ${ms} ms`)), ms))]);

async function timed(url: string): Promise<{ status: number; ms: number }> {
  const t = Date.now();
  const r = await fetch(url);
  await r.arrayBuffer();
  return { status: r.status, ms: Date.now() - t };
}

describe("one address cannot exhaust the server's connections (default limits)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.destroy());

  it("holds 200 half-sent requests from one address, closes the rest, and goes on answering others", async () => {
    const attempts = 250;
    const attack = await Promise.all(Array.from({ length: attempts }, () => probe(server.port, ATTACKER, HALF_SENT)));
    try {
      // What is beyond the cap is closed at once, with nothing answered.
      await expect.poll(() => attack.filter((a) => a.isClosed()).length).toBe(attempts - 200);
      for (const a of attack.filter((x) => x.isClosed())) expect(a.got()).toBe("");
      expect(server.connections.heldBy(ATTACKER)).toBe(200);
      expect(server.connections.refused()).toBe(attempts - 200);

      const health = await timed(`${server.url}/api/health`);
      const services = await timed(`${server.url}/api/services`);
      expect(health.status).toBe(200);
      expect(services.status).toBe(200);
      // An operator's monitoring sees it: the refusals, and the connections held.
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(new RegExp(`^motcua_connections_refused_total ${attempts - 200}$`, "m"));
      expect(Number(/^motcua_connections_open (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(200);
      // The attack still holds: nothing of it timed out meanwhile.
      expect(attack.filter((a) => !a.isClosed()).length).toBe(200);
      console.log(
        `connections: ${attempts} from one address, ${server.connections.heldBy(ATTACKER)} held, ${server.connections.refused()} refused; ` +
          `health answered in ${health.ms} ms and services in ${services.ms} ms during the attack`,
      );
    } finally {
      for (const a of attack) a.socket.destroy();
    }
    // Every connection let go is counted off: the address may connect again.
    await expect.poll(() => server.connections.heldBy(ATTACKER)).toBe(0);
    const again = await probe(server.port, ATTACKER, FULL);
    await expect.poll(() => again.got()).toMatch(/^HTTP\/1\.1 200/);
    again.socket.destroy();
  });
});

describe("requests that take too long are closed; Socket.IO clients are not (short limits)", () => {
  let server: TestServer;
  const limits = { perAddress: 5, headersMs: 300, requestMs: 600, keepAliveMs: 300, checkEveryMs: 100 };
  /** Generous: the timeouts are well under a second, the machine may be busy. */
  const BOUND = 5000;
  beforeAll(async () => {
    server = await startTestServer({ connections: limits, trustProxy: PROXY });
  });
  afterAll(() => server.destroy());

  it("closes a half-sent request, a silent connection and an idle keep-alive connection", async () => {
    const [half, silent, idle] = await Promise.all([probe(server.port, ATTACKER, HALF_SENT), probe(server.port, ATTACKER), probe(server.port, ATTACKER, FULL)]);
    const lived = await within(Promise.all([half.closed, silent.closed, idle.closed]), BOUND, "closed");
    expect(half.got()).toMatch(/^HTTP\/1\.1 408/);
    expect(silent.got()).toMatch(/^HTTP\/1\.1 408/);
    // The keep-alive connection was answered, then let go when it stayed quiet.
    expect(idle.got()).toMatch(/^HTTP\/1\.1 200/);
    console.log(`timeouts: half-sent request closed after ${lived[0]} ms, silent connection after ${lived[1]} ms, idle keep-alive after ${lived[2]} ms (limits ${limits.headersMs}/${limits.keepAliveMs} ms)`);
  });

  it("caps an address but not the trusted proxy's", async () => {
    await expect.poll(() => server.connections.heldBy(ATTACKER)).toBe(0);
    const answered = async (from: string) => {
      const all = await Promise.all(Array.from({ length: 10 }, () => probe(server.port, from, FULL)));
      await within(Promise.all(all.map((a) => a.closed)), BOUND, "answered, then closed");
      return all.filter((a) => /^HTTP\/1\.1 200/.test(a.got())).length;
    };
    expect(await answered(ATTACKER)).toBe(limits.perAddress);
    expect(await answered(PROXY)).toBe(10);
  });

  it("keeps a kiosk connected past every timeout, over WebSocket and long-polling", async () => {
    const ws = connect(server.url, "/kiosk", KIOSK);
    const polling = connect(server.url, "/kiosk", KIOSK, { transports: ["polling"] });
    const dropped: string[] = [];
    ws.on("disconnect", (why) => dropped.push(`websocket: ${why}`));
    polling.on("disconnect", (why) => dropped.push(`polling: ${why}`));
    try {
      await Promise.all([connected(ws), connected(polling)]);
      // Quiet for longer than the headers, request and keep-alive timeouts (keep-alive + node's 1 s):
      // the upgraded WebSocket is off node's timeouts, and polling's GET held open is an answer in the making.
      await new Promise((r) => setTimeout(r, 2500));
      expect(dropped).toEqual([]);
      expect(ws.connected && polling.connected).toBe(true);
      expect((await ask(ws, "kiosk:sync")).ok).toBe(true);
      expect((await ask(polling, "kiosk:sync")).ok).toBe(true);
    } finally {
      ws.close();
      polling.close();
    }
  });

  it("refuses the root namespace, with or without credentials", async () => {
    for (const token of [undefined, KIOSK]) {
      const e = await refused(connect(server.url, "/", token));
      expect(e.data?.code).toBe("NOT_FOUND");
    }
  });
});
