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
import type { CenterConfig, RatingLevel } from "@motcua/protocol";
import { demoConfig } from "../queue-server/src/config/demo.ts";
import { apply, createDay, serviceDayOf } from "../queue-server/src/engine/index.ts";
import type { Command, DayState, Millis, TicketRecord } from "../queue-server/src/engine/index.ts";
import { createLogger } from "../queue-server/src/log.ts";
import { startServer } from "../queue-server/src/server.ts";
import { LowdbStore } from "../queue-server/src/store/lowdb-store.ts";
import { io as connectSocket, type Socket } from "socket.io-client";

const KIOSK = "kiosk-demo-key";
const HISTORY_DAYS = 365;
const DISTINCT_DAYS = 12;
const WARMUP = 100;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 2000);
const CLIENTS = 8;

const MINUTE = 60_000;
const HCM_OFFSET_MS = 7 * 60 * MINUTE;

// ---------------------------------------------------------------------------------------------
// History: simulated past days

/** Deterministic PRNG (mulberry32), so every run writes the same year. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Epoch ms of a wall-clock time in Hanoi on `day`. */
const localTime = (day: string, hour: number, minute = 0): Millis =>
  Date.parse(`${day}T00:00:00Z`) - HCM_OFFSET_MS + (hour * 60 + minute) * MINUTE;

/** How often citizens come for each service at a provincial center (relative weights). */
const SERVICE_WEIGHTS: Record<string, number> = {
  "khai-sinh": 11,
  "ket-hon": 4,
  "chung-thuc-ban-sao": 24,
  "chung-thuc-chu-ky": 8,
  "dang-ky-dat-dai": 7,
  "dang-ky-doanh-nghiep": 4,
  "ho-kinh-doanh": 5,
  "giay-phep-xay-dung": 3,
  "ly-lich-tu-phap": 6,
  "tro-cap-xa-hoi": 4,
  "tro-cap-that-nghiep": 3,
  "doi-giay-phep-lai-xe": 6,
  "tra-ket-qua": 15,
};
const PRIORITY_GROUPS = ["nguoi-cao-tuoi", "phu-nu-mang-thai", "nguoi-khuyet-tat", "nguoi-co-cong"];
const REASONS = ["long_wait", "unclear_guidance", "attitude", "missing_result", "other"];

function pickWeighted(random: () => number, weights: Record<string, number>): string {
  const entries = Object.entries(weights);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return entries[entries.length - 1]![0];
}

/** One working day at the demo center, driven through the real engine. */
function simulateDay(config: CenterConfig, day: string, tickets: number, random: () => number): DayState {
  let state = createDay(config, day);
  const run = (cmd: Command, now: Millis) => {
    const r = apply(config, state, cmd, now);
    if (!r.ok) throw new Error(`simulation: ${cmd.type} failed on ${day}: ${r.error.message}`);
    state = r.state;
    return r.events;
  };

  // Staff open their counters before the doors open at 07:30 (counter 12 stays closed).
  const staff = [...config.staff.filter((s) => s.role === "staff"), ...config.staff.filter((s) => s.role === "supervisor")];
  const counters = config.counters.slice(0, staff.length).map((c, i) => ({ id: c.id, serviceIds: new Set(c.serviceIds), staff: staff[i]! }));
  for (const c of counters) run({ type: "openCounter", counterId: c.id, staffId: c.staff.id, staffName: c.staff.displayName }, localTime(day, 7, 25));

  // Arrivals over 07:30–16:30, busier in the morning.
  const open = localTime(day, 7, 30);
  const span = 9 * 60 * MINUTE;
  const arrivals = Array.from({ length: tickets }, () => open + Math.floor(Math.pow(random(), 1.3) * span)).sort((a, b) => a - b);

  const minutesFor = new Map(config.services.map((s) => [s.id, s.defaultServiceMinutes]));
  // Staff work faster than the configured defaults on busy days, so a day still ends around 17:00.
  const pace = 0.55 * Math.min(1, 1000 / tickets);
  const busy = new Map<string, { until: Millis; ticketId: string | null }>();

  const tryCall = (counterId: string, now: Millis) => {
    const called = run({ type: "callNext", counterId }, now).find((e) => e.type === "ticket.called");
    if (!called) return;
    const t = state.tickets[called.ticketId]!;
    if (random() < 0.04) {
      // Nobody comes: two recalls, then a no-show.
      run({ type: "recall", ticketId: t.id }, now + MINUTE);
      run({ type: "recall", ticketId: t.id }, now + 2 * MINUTE);
      run({ type: "noShow", ticketId: t.id }, now + 3 * MINUTE);
      busy.set(counterId, { until: now + 3 * MINUTE, ticketId: null });
      return;
    }
    const startAt = now + Math.floor((20 + random() * 40) * 1000);
    run({ type: "start", ticketId: t.id }, startAt);
    const mean = (minutesFor.get(t.serviceId) ?? 8) * pace;
    const serviceMs = Math.max(MINUTE / 2, Math.floor(-Math.log(1 - random()) * mean * MINUTE));
    busy.set(counterId, { until: startAt + serviceMs, ticketId: t.id });
  };

  const finish = (counterId: string, until: Millis, ticketId: string | null) => {
    busy.delete(counterId);
    if (ticketId) {
      run({ type: "complete", ticketId }, until);
      if (random() < 0.55) {
        const r = random();
        const level: RatingLevel = r < 0.72 ? "very_satisfied" : r < 0.95 ? "satisfied" : "unsatisfied";
        const reasons = level === "unsatisfied" ? [REASONS[Math.floor(random() * REASONS.length)]!] : [];
        run({ type: "rate", ticketId, level, reasons: reasons as never }, until + 20_000);
      }
    }
    tryCall(counterId, until + 10_000);
  };

  let next = 0;
  let last = open;
  for (;;) {
    const arrival = next < arrivals.length ? arrivals[next]! : Infinity;
    let soonest: [string, { until: Millis; ticketId: string | null }] | null = null;
    for (const entry of busy) if (!soonest || entry[1].until < soonest[1].until) soonest = entry;
    if (arrival === Infinity && !soonest) break;
    if (arrival <= (soonest?.[1].until ?? Infinity)) {
      const serviceId = pickWeighted(random, SERVICE_WEIGHTS);
      const priorityGroupId = random() < 0.07 ? PRIORITY_GROUPS[Math.floor(random() * PRIORITY_GROUPS.length)]! : null;
      run({ type: "issueTicket", serviceId, priorityGroupId }, arrival);
      next++;
      last = arrival;
      for (const c of counters) if (!busy.has(c.id) && c.serviceIds.has(serviceId)) tryCall(c.id, arrival);
    } else {
      const [counterId, { until, ticketId }] = soonest!;
      last = until;
      finish(counterId, until, ticketId);
    }
  }
  for (const c of counters) run({ type: "closeCounter", counterId: c.id }, last + 5 * MINUTE);
  return state;
}

/** The same day moved to another date: ids, order, ratings and every timestamp follow. */
function redate(template: DayState, day: string): DayState {
  const shift = localTime(day, 0) - localTime(template.day, 0);
  const id = (old: string) => day + old.slice(template.day.length);
  const time = (t: Millis | null) => (t === null ? null : t + shift);
  const tickets: Record<string, TicketRecord> = {};
  for (const t of Object.values(template.tickets)) {
    tickets[id(t.id)] = {
      ...t,
      id: id(t.id),
      issuedAt: t.issuedAt + shift,
      queuedAt: t.queuedAt + shift,
      calledAt: time(t.calledAt),
      waitEndedAt: time(t.waitEndedAt),
      startedAt: time(t.startedAt),
      finishedAt: time(t.finishedAt),
    };
  }
  return {
    ...template,
    day,
    tickets,
    order: template.order.map(id),
    ratings: template.ratings.map((r) => ({ ...r, ticketId: id(r.ticketId), at: r.at + shift })),
  };
}

async function writeHistory(dir: string, config: CenterConfig): Promise<{ days: number; tickets: number; ms: number }> {
  const started = performance.now();
  const store = new LowdbStore(dir);
  await store.saveConfig(config);
  const random = rng(20261127);
  const templates: DayState[] = [];
  const today = serviceDayOf(Date.now(), config.center.dayResetTime);
  const dayAt = (back: number) => new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < DISTINCT_DAYS; i++) {
    templates.push(simulateDay(config, dayAt(HISTORY_DAYS - i), 800 + Math.floor(random() * 701), random));
  }
  let tickets = 0;
  for (let back = HISTORY_DAYS; back >= 1; back--) {
    const template = templates[(HISTORY_DAYS - back) % DISTINCT_DAYS]!;
    const state = template.day === dayAt(back) ? template : redate(template, dayAt(back));
    await store.saveDay(state);
    tickets += state.order.length;
  }
  return { days: HISTORY_DAYS, tickets, ms: performance.now() - started };
}

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

interface Figures {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  perSecond: number;
}

function figures(latencies: number[], wallMs: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return {
    n: sorted.length,
    p50: rank(0.5),
    p99: rank(0.99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    max: sorted[sorted.length - 1]!,
    perSecond: (sorted.length / wallMs) * 1000,
  };
}

interface CaseResult {
  sequential: Figures;
  concurrent: Figures;
  /** Sequential p50 over the first and the last 10% of the run: the day file grows as it goes. */
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
  const server = await startServer({ dataDir, port: 0, host: "127.0.0.1", issuePerMinute: 1e9, logger: createLogger("silent") });
  const hall = live ? await liveHall(server.url) : undefined;
  let k = 0;
  const issue = async (): Promise<number> => {
    const serviceId = serviceIds[k++ % serviceIds.length]!;
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/tickets`, {
      method: "POST",
      headers: { authorization: `Bearer ${KIOSK}`, "content-type": "application/json" },
      body: JSON.stringify({ serviceId }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 201) throw new Error(`issue ${serviceId}: ${res.status} ${body}`);
    return ms;
  };
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
    const { size } = await stat(join(dataDir, "days", `${today.day}.json`));
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
    const history = await writeHistory(historyDir, config);
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
          `today's day file at the end: ${r.todayTickets} tickets, ${mb(r.todayBytes)}` +
          (r.hall ? `; 12 counters served ${r.hall.served} tickets meanwhile, ${r.hall.facts} facts pushed to 16 sockets` : ""),
      );
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
