/**
 * Call → boards across instances: 500 board sockets spread over three queue-server processes on
 * one PostgreSQL database; an officer's Next over REST on one of them until the call reaches the
 * last board. Beside it, the floor: a bare Socket.IO server (no queue, no database) broadcasting
 * a message of the same size to the same number of sockets, timed the same way. Both sets of
 * sockets live in this process, so both figures carry the same client-side cost.
 *
 * Prints a line and the figures as JSON. Run with `npm run bench`; BENCH_BOARDS, BENCH_FANOUT_CALLS.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Server } from "socket.io";
import { io, type Socket } from "socket.io-client";
import { instanceOnFreePort, kill, start } from "@motcua/test/chaos";
import { issueAtAnyHour } from "@motcua/test/hours";
import { startPostgres } from "@motcua/test/postgres";
import { figures } from "./figures.ts";

const BOARDS = Number(process.env.BENCH_BOARDS ?? 500);
const CALLS = Number(process.env.BENCH_FANOUT_CALLS ?? 100);
/** How many of the three instances the boards connect to (1: all on the one the officer uses). */
const SPREAD = Number(process.env.BENCH_FANOUT_SPREAD ?? 3);

/** Connects `n` sockets round-robin over `urls`; resolves once all are connected. */
async function connectAll(urls: string[], n: number, token?: string): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, j) => io(urls[(i + j) % urls.length]!, { transports: ["websocket"], forceNew: true, ...(token ? { auth: { token } } : {}) }));
    await Promise.all(batch.map((s) => new Promise<void>((r, reject) => (s.once("connect", () => r()), s.once("connect_error", reject)))));
    sockets.push(...batch);
  }
  return sockets;
}

/** Resolves with the time the last of `sockets` hears `event` with a payload that `matches`. */
function lastHeard(sockets: Socket[], event: string, matches: (p: any) => boolean): Promise<number> {
  return new Promise((resolve) => {
    let left = sockets.length;
    for (const s of sockets) {
      const on = (p: unknown) => {
        if (!matches(p)) return;
        s.off(event, on);
        if (--left === 0) resolve(performance.now());
      };
      s.on(event, on);
    }
  });
}

const cluster = await startPostgres({ fsync: true });
const db = await cluster.createDatabase("fanout");
const instances = [await instanceOnFreePort("A"), await instanceOnFreePort("B"), await instanceOnFreePort("C")];
// The first makes the demo center, whose kiosks issue at any hour (a bench runs whenever it is run).
await start(instances[0]!, db);
await issueAtAnyHour(instances[0]!.url);
for (const i of instances.slice(1)) await start(i, db);
const bare = new Server(createServer().listen(0, "127.0.0.1"), { serveClient: false });
try {
  const [a] = instances;
  const post = async (url: string, path: string, token: string, body: unknown = {}) =>
    (await (await fetch(`${url}/api${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as any;
  const { token: officer } = await post(a!.url, "/session", "", { username: "canbo5", password: "demo" });
  await post(a!.url, "/counters/quay-8/open", officer);

  const boards = await connectAll(instances.slice(0, SPREAD).map((i) => `${i.url}/display`), BOARDS, "display-demo-key");
  const motcua: number[] = [];
  let size = 0;
  boards[0]!.on("ticket:called", (p) => (size = Buffer.byteLength(JSON.stringify(p))));
  for (let n = 0; n < CALLS; n++) {
    const t = await post(instances[n % 3]!.url, "/tickets", "kiosk-demo-key", { serviceId: "chung-thuc-ban-sao" });
    const heard = lastHeard(boards, "ticket:called", (p) => p.call.number === t.number);
    const t0 = performance.now();
    await post(a!.url, "/counters/quay-8/next", officer);
    motcua.push((await heard) - t0);
    await post(a!.url, `/tickets/${t.id}/start`, officer);
    await post(a!.url, `/tickets/${t.id}/complete`, officer);
  }
  for (const s of boards) s.close();

  // The floor: one bare server, the same number of sockets, a message of the same size.
  const bareUrl = `http://127.0.0.1:${(bare.httpServer.address() as AddressInfo).port}`;
  const listeners = await connectAll([bareUrl], BOARDS);
  const floor: number[] = [];
  for (let n = 0; n < CALLS; n++) {
    const heard = lastHeard(listeners, "ticket:called", (p) => p.n === n);
    const t0 = performance.now();
    bare.emit("ticket:called", { n, pad: "x".repeat(Math.max(0, size - 20)) });
    floor.push((await heard) - t0);
  }
  for (const s of listeners) s.close();

  const call = figures(motcua, 1);
  const base = figures(floor, 1);
  const result = { bench: "fanout", boards: BOARDS, instances: 3, boardsOn: SPREAD, calls: CALLS, messageBytes: size, callToLastBoard: call, bareBroadcast: base, p99Ratio: call.p99 / base.p99 };
  console.log(
    `motcua fan-out bench: ${BOARDS} boards over ${SPREAD} of 3 instances, ${CALLS} calls — call → last board p50/p99 ${call.p50.toFixed(1)}/${call.p99.toFixed(1)} ms; ` +
      `bare Socket.IO broadcast ${base.p50.toFixed(1)}/${base.p99.toFixed(1)} ms; p99 ×${result.p99Ratio.toFixed(2)} (target ≤ 1.5)`,
  );
  console.log(JSON.stringify(result));
} finally {
  bare.close();
  for (const i of instances) await kill(i);
  await cluster.stop();
}
