/**
 * What a ticket costs as the day fills, on each store: issue latency with an empty day and with
 * 4,000 of today's tickets already issued (a simulated provincial day, served), and durable tickets
 * per second through the API with 8 concurrent clients on that full day. Real HTTP against the real server; every answer came after its journal
 * entry was durable (fdatasync for the embedded store, a commit for PostgreSQL).
 *
 * Prints a table and one JSON line (BENCH_JSON=1 prints only the JSON). Run with `npm run bench`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createLogger, demoConfig, LowdbStore, PgDatabase, startServer, type Store } from "@motcua/queue-server";
import { rng, simulateDay } from "@motcua/test/history";
import { startPostgres } from "@motcua/test/postgres";
import { figures, issueTicket, type Figures } from "./figures.ts";

const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 500);
const FILL_TO = 4_000;
const THROUGHPUT = Number(process.env.BENCH_THROUGHPUT ?? 2_000);
const CLIENTS = 8;

interface StoreCase {
  store: string;
  empty: Figures;
  full: Figures;
  /** p50 with 4,000 tickets over p50 with none: the target is at most 1.2. */
  ratioP50: number;
  ratioP99: number;
  clients8: Figures;
}

/**
 * Both days run on the same clock, the simulated day's 18:00 in Hanoi (its last citizen long
 * served) moving on in real time, so the two differ only in the tickets already issued.
 */
const DAY = "2026-12-01";
const AT = Date.UTC(2026, 11, 1, 11, 0);
const started = performance.now();
const clock = () => AT + Math.floor(performance.now() - started);

async function serverOn(store: Store, services: string[]) {
  const server = await startServer({ dataDir: join(root, "unused"), store, clock, port: 0, host: "127.0.0.1", issuePerMinute: 1e9, logger: createLogger("silent") });
  let k = 0;
  const run = async (n: number, clients: number): Promise<Figures> => {
    const times: number[] = [];
    let left = n;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (left > 0) {
          left--;
          times.push(await issueTicket(server.url, services[k++ % services.length]!));
        }
      }),
    );
    return figures(times, performance.now() - t0);
  };
  return { server, run };
}

/** Sequential issues on an empty day and on a day of 4,000 served tickets, then 8 clients on the full one. */
async function measure(name: string, open: () => Promise<Store>): Promise<StoreCase> {
  const config = await demoConfig();
  const day = simulateDay(config, DAY, FILL_TO, rng(20261201));
  // Both days issue for the same services, those with numbers to spare: the busiest ones gave
  // most of their 999 to the full day.
  const services = config.services.map((s) => s.id).filter((id) => (day.seq[id] ?? 0) < 999 - Math.ceil((SAMPLE + THROUGHPUT + 50) / 4));
  const emptyStore = await open();
  const a = await serverOn(emptyStore, services);
  let empty: Figures;
  try {
    await a.run(50, 1);
    empty = await a.run(SAMPLE, 1);
  } finally {
    await a.server.close();
  }
  const fullStore = await open();
  await fullStore.saveConfig(config);
  await fullStore.saveSnapshot(day, 0);
  const b = await serverOn(fullStore, services);
  try {
    if (b.server.service.state.order.length !== FILL_TO) throw new Error(`the full day holds ${b.server.service.state.order.length} tickets`);
    await b.run(50, 1);
    const full = await b.run(SAMPLE, 1);
    const clients8 = await b.run(THROUGHPUT, CLIENTS);
    return { store: name, empty, full, ratioP50: full.p50 / empty.p50, ratioP99: full.p99 / empty.p99, clients8 };
  } finally {
    await b.server.close();
  }
}

const root = await mkdtemp(join(tmpdir(), "motcua-store-bench-"));
const cluster = await startPostgres({ fsync: true });
try {
  const cases: StoreCase[] = [];
  let dirs = 0;
  cases.push(await measure("embedded", async () => new LowdbStore(join(root, `embedded-${++dirs}`))));
  const db = await PgDatabase.connect(await cluster.createDatabase("bench"));
  let centers = 0;
  try {
    cases.push(await measure("postgresql", async () => db.store(`center-${++centers}`)));
  } finally {
    await db.close();
  }
  const result = { bench: "store-latency", node: process.version, cpus: cpus().length, sample: SAMPLE, fullDay: FILL_TO, cases };
  if (!process.env.BENCH_JSON) {
    const f = (x: number) => x.toFixed(2);
    console.log(`motcua store-latency bench (node ${process.version}, ${cpus().length} cores; PostgreSQL with fsync on)`);
    for (const c of cases) {
      console.log(
        `  ${c.store.padEnd(10)} issue p50/p99: ${f(c.empty.p50)}/${f(c.empty.p99)} ms empty → ${f(c.full.p50)}/${f(c.full.p99)} ms at ${FILL_TO} tickets ` +
          `(×${f(c.ratioP50)} p50, target ≤ 1.2) · ${CLIENTS} clients: ${c.clients8.perSecond.toFixed(0)} tickets/s (target ≥ 500), p99 ${f(c.clients8.p99)} ms`,
      );
    }
  }
  console.log(JSON.stringify(result));
} finally {
  await cluster.stop();
  await rm(root, { recursive: true, force: true });
}
