/**
 * Ticket issue latency over real HTTP against the real server, with an empty data dir and
 * with a year (365 service days) of history on disk. Run with `npm run bench`.
 *
 * The history is built with the real engine: each past day is a simulated working day at the
 * demo center (issue → call → start → complete, some no-shows, ratings), written through the
 * real store, so every file is a genuine DayState. Simulating 365 days through the immutable
 * engine takes minutes, so a handful of distinct days are simulated and the rest of the year
 * re-dates them (new day, ids and timestamps; same shape and size).
 *
 * A third case runs a live hall: 12 counters connected over Socket.IO calling, starting and
 * completing tickets as fast as they come, 3 boards and a supervisor dashboard listening,
 * so the figures include the fan-out of every change.
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { demoConfig, createLogger, startServer } from "@motcua/queue-server";
import { writeHistory } from "@motcua/test/history";
import { figures, issueTicket, type Figures } from "./figures.ts";
import { io as connectSocket, type Socket } from "socket.io-client";

const KIOSK = "kiosk-demo-key";
const HISTORY_DAYS = 365;
const DISTINCT_DAYS = 12;
const WARMUP = 100;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 2000);
const CLIENTS = 8;


async function diskUsage(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const name of await readdir(dir)) {
    if (!name.endsWith(".json")) continue;
    files++;
    bytes += (await stat(join(dir, name))).size;
  }
  return { files, bytes };
}

// ---------------------------------------------------------------------------------------------
// Measurement

interface CaseResult {
  sequential: Figures;
  concurrent: Figures;
  /** Sequential p50 over the first and the last 10% of the run: the day fills as it goes. */
  firstTenthP50: number;
  lastTenthP50: number;
  todayBytes: number;
  todayTickets: number;
}

interface Hall {
  facts: number;
  served: number;
  stop(): Promise<void>;
}

/** Officers at all 12 demo counters working over Socket.IO, plus boards and a dashboard listening. */
async function liveHall(url: string): Promise<Hall> {
  const login = async (username: string, password: string): Promise<string> => {
    const r = await fetch(`${url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
    return ((await r.json()) as { token: string }).token;
  };
  const open = (ns: string, token: string) =>
    new Promise<Socket>((resolve, reject) => {
      const s = connectSocket(url + ns, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
      s.once("connect", () => resolve(s));
      s.once("connect_error", reject);
    });
  const hall: Hall = { facts: 0, served: 0, stop: async () => undefined };
  const sockets: Socket[] = [];
  for (let i = 0; i < 3; i++) sockets.push(await open("/display", "display-demo-key"));
  sockets.push(await open("/supervisor", await login("giamsat", "demo")));
  for (const s of sockets) s.onAny(() => hall.facts++);
  const officers = [...Array.from({ length: 10 }, (_, i) => [`canbo${i + 1}`, "demo"]), ["giamsat", "demo"], ["admin", "admin"]];
  let running = true;
  const loops: Promise<void>[] = [];
  for (let i = 0; i < officers.length; i++) {
    const [u, p] = officers[i]!;
    const s = await open("/counter", await login(u!, p!));
    s.onAny(() => hall.facts++);
    sockets.push(s);
    await s.emitWithAck("counter:open", { counterId: `quay-${i + 1}` });
    loops.push(
      (async () => {
        while (running) {
          const r = (await s.emitWithAck("counter:callNext", {})) as { ok: boolean; data: { id: string } | null };
          if (r.ok && r.data) {
            await s.emitWithAck("ticket:start", { ticketId: r.data.id });
            await s.emitWithAck("ticket:complete", { ticketId: r.data.id });
            hall.served++;
          }
          await new Promise((res) => setTimeout(res, r.ok && r.data ? 20 : 50));
        }
      })(),
    );
  }
  hall.stop = async () => {
    running = false;
    await Promise.all(loops);
    for (const s of sockets) s.close();
  };
  return hall;
}

async function runCase(dataDir: string, serviceIds: string[], live = false): Promise<CaseResult & { hall?: Hall }> {
  // The live hall's counters call as fast as they are answered: more than a counter's allowance of commands.
  const server = await startServer({ dataDir, port: 0, host: "127.0.0.1", issuePerMinute: 1e9, commandsPerMinute: 1e9, logger: createLogger("silent") });
  const hall = live ? await liveHall(server.url) : undefined;
  let k = 0;
  const issue = (): Promise<number> => issueTicket(server.url, serviceIds[k++ % serviceIds.length]!, KIOSK);
  try {
    for (let i = 0; i < WARMUP; i++) await issue();

    const seq: number[] = [];
    let t0 = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) seq.push(await issue());
    const sequential = figures(seq, performance.now() - t0);
    const tenth = Math.max(1, Math.floor(seq.length / 10));
    const firstTenthP50 = figures(seq.slice(0, tenth), 1).p50;
    const lastTenthP50 = figures(seq.slice(-tenth), 1).p50;

    const conc: number[] = [];
    let left = CONCURRENT;
    t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (left > 0) {
          left--;
          conc.push(await issue());
        }
      }),
    );
    const concurrent = figures(conc, performance.now() - t0);

    const today = server.service.state;
    // Today on disk: its last snapshot and the journal since (the journal alone grows per ticket).
    const sizeOf = (name: string) => stat(join(dataDir, "days", name)).then((st) => st.size, () => 0);
    const size = (await sizeOf(`${today.day}.json`)) + (await sizeOf(`${today.day}.journal.jsonl`));
    await hall?.stop();
    return { sequential, concurrent, firstTenthP50, lastTenthP50, todayBytes: size, todayTickets: today.order.length, ...(hall ? { hall } : {}) };
  } finally {
    await hall?.stop();
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (x: number) => x.toFixed(2);

async function main() {
  const root = await mkdtemp(join(tmpdir(), "motcua-bench-"));
  try {
    const config = await demoConfig();
    const serviceIds = config.services.map((s) => s.id);
    const emptyDir = join(root, "empty");
    const historyDir = join(root, "history");

    console.log(`motcua issue-latency bench (node ${process.version})`);
    console.log(`generating ${HISTORY_DAYS} days of history (${DISTINCT_DAYS} simulated with the engine, the rest re-dated)…`);
    const history = await writeHistory(historyDir, config, HISTORY_DAYS, DISTINCT_DAYS, [800, 1500], Date.now());
    const disk = await diskUsage(join(historyDir, "days"));
    console.log(
      `  ${disk.files} day files, ${history.tickets.toLocaleString("en")} tickets, ${mb(disk.bytes)} on disk ` +
        `(avg ${Math.round(history.tickets / history.days)} tickets, ${mb(disk.bytes / disk.files)} per day), built in ${(history.ms / 1000).toFixed(1)} s`,
    );

    console.log(`measuring: ${WARMUP} warm-up, ${SEQUENTIAL} sequential, ${CONCURRENT} with ${CLIENTS} concurrent clients, per case…`);
    const cases: [string, CaseResult & { hall?: Hall }][] = [];
    cases.push(["empty data dir", await runCase(emptyDir, serviceIds)]);
    cases.push([`${HISTORY_DAYS} days history`, await runCase(historyDir, serviceIds)]);
    cases.push(["live hall", await runCase(join(root, "live"), serviceIds, true)]);

    const header = ["case", "mode", "n", "p50 ms", "p99 ms", "mean ms", "max ms", "req/s"];
    const rows: string[][] = [];
    for (const [name, r] of cases) {
      for (const [mode, f] of [["sequential", r.sequential], [`${CLIENTS} clients`, r.concurrent]] as const) {
        rows.push([name, mode, String(f.n), ms(f.p50), ms(f.p99), ms(f.mean), ms(f.max), f.perSecond.toFixed(0)]);
      }
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
    console.log("");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of rows) console.log(line(r));
    console.log("");
    console.log(`history on disk: ${disk.files} files, ${mb(disk.bytes)}`);
    for (const [name, r] of cases) {
      console.log(
        `${name}: sequential p50 ${ms(r.firstTenthP50)} ms over the first 10% → ${ms(r.lastTenthP50)} ms over the last 10%; ` +
          `today on disk at the end (snapshot + journal): ${r.todayTickets} tickets, ${mb(r.todayBytes)}` +
          (r.hall ? `; 12 counters served ${r.hall.served} tickets meanwhile, ${r.hall.facts} facts pushed to 16 sockets` : ""),
      );
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
