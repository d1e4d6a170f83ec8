/**
 * Kill one of three instances, again and again, under load: the province's data center losing a
 * machine. Three queue-server processes on one PostgreSQL database; kiosks, counters and boards
 * spread across them; each round one instance is killed with SIGKILL at a random moment and
 * started again. Its clients go to the others, as behind a load balancer.
 *
 * What must hold (`violations` lists what did not):
 *  - every acknowledged ticket is in the journal, with its number, and no number is given twice;
 *  - every acknowledged call is in the record (the ticket called, at that counter);
 *  - every board that stayed connected to a surviving instance through a round heard every call
 *    acknowledged in that round, including those the killed instance made before it died;
 *  - the killed instance's kiosks are served again, and how long that took (failover).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { DayState, TicketRecord } from "@motcua/engine";
import { PgDatabase } from "@motcua/queue-server";
import { io, type Socket } from "socket.io-client";
import { WORKING_MORNING } from "../helpers/clock.ts";
import { freePort } from "../helpers/free-port.ts";
import { daysFrom } from "../helpers/stored-day.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The demo center an empty database starts with. */
export const CENTER = "lam-dong";
export const KIOSK = "kiosk-demo-key";
export const DISPLAY = "display-demo-key";
export const SERVICES = ["khai-sinh", "ket-hon", "chung-thuc-ban-sao", "tra-ket-qua", "dang-ky-dat-dai", "ly-lich-tu-phap"];
/** Officers and the counters they work (each serves at least one of SERVICES). */
export const OFFICERS: [string, string][] = [
  ["canbo1", "quay-1"],
  ["canbo3", "quay-3"],
  ["canbo4", "quay-4"],
  ["canbo8", "quay-8"],
  ["canbo10", "quay-11"],
];

export interface ChaosOptions {
  databaseUrl: string;
  kills: number;
  boards: number;
  kiosks: number;
  /** Load before and after each kill, in ms. */
  roundMs: number;
  /** Each kiosk's pause between tickets (numbers run to 999 per service a day). */
  kioskPauseMs?: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  kills: number;
  acknowledgedTickets: number;
  acknowledgedCalls: number;
  boards: number;
  /** Calls heard by boards that had to hear them (connected to a survivor through the round). */
  callsHeard: number;
  failoverMs: { p50: number; max: number };
  restartMs: { p50: number; max: number };
  violations: string[];
}

/** A queue-server process on the database, as a deployment runs it. */
export interface Instance {
  name: string;
  port: number;
  url: string;
  proc: ChildProcess | null;
  exited: Promise<void>;
  out: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SHIFT = pathToFileURL(fileURLToPath(new URL("../helpers/shift-clock.mjs", import.meta.url))).href;
/**
 * One clock across every restart of a drill's server, from `from` (a Tuesday morning, open, by
 * default) at the real pace: the environment that tells each start where the clock is now.
 */
export function clockAcrossRestarts(from = WORKING_MORNING): () => Record<string, string> {
  const t0 = Date.now();
  return () => ({ NODE_OPTIONS: `--import=${SHIFT}`, MOTCUA_TEST_CLOCK: new Date(from + Date.now() - t0).toISOString() });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A stopped instance on a free port, ready for `start`. */
export async function instanceOnFreePort(name: string): Promise<Instance> {
  const port = await freePort();
  return { name, port, url: `http://127.0.0.1:${port}`, proc: null, exited: Promise.resolve(), out: "" };
}

/**
 * Starts the process (again) on a database, or on a data folder (`where` not a postgres:// URL),
 * with `env` added to this one's; resolves once it answers /api/health, to how long that took.
 */
export async function start(i: Instance, where: string, env: Record<string, string> = {}): Promise<number> {
  const t0 = performance.now();
  const store = where.startsWith("postgres") ? ["--database", where] : ["--data-dir", where];
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", "queue-server/src/main.ts", ...store, "--port", String(i.port), "--host", "127.0.0.1", "--issue-rate", "1000000", "--command-rate", "1000000", "--read-rate", "1000000", "--no-station"],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  i.proc = proc;
  i.out = "";
  const keep = (chunk: Buffer) => {
    i.out = (i.out + chunk.toString()).slice(-4000);
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  i.exited = new Promise((r) => proc.once("exit", () => r()));
  for (const deadline = Date.now() + 30_000; ; ) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`${i.name} exited during start:\n${i.out}`);
    // Any answer: a server whose health fails (its disk refuses writes) still serves what it holds.
    const ok = await fetch(`${i.url}/api/health`, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);
    if (ok) return performance.now() - t0;
    if (Date.now() > deadline) throw new Error(`${i.name} not healthy within 30 s:\n${i.out}`);
    await sleep(50);
  }
}

export async function kill(i: Instance): Promise<void> {
  i.proc?.kill("SIGKILL");
  await i.exited;
  i.proc = null;
}

const alive = (i: Instance) => i.proc !== null;

export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const log = opts.log ?? (() => undefined);
  const violations: string[] = [];
  const instances = [await instanceOnFreePort("A"), await instanceOnFreePort("B"), await instanceOnFreePort("C")];
  // One after another: the first makes the demo center in the empty database, whose kiosks are
  // told to issue at any hour (a drill runs at whatever hour it is run) before the others read it.
  await start(instances[0]!, opts.databaseUrl);
  await issueAtAnyHour(instances[0]!.url);
  for (const i of instances.slice(1)) await start(i, opts.databaseUrl);
  const live = () => instances.filter(alive);
  const anyLive = (not?: Instance) => {
    const xs = live().filter((i) => i !== not);
    return xs[Math.floor(Math.random() * xs.length)]!;
  };

  let round = 0;
  let running = true;
  const acked = new Map<string, { number: string; serviceId: string; round: number }>();
  const calls: { ticketId: string; number: string; counterId: string; round: number }[] = [];
  /** When a kiosk of the killed instance was served again, per kill. */
  const failovers: number[] = [];
  const restarts: number[] = [];
  let killedAt = 0;
  let victim: Instance | null = null;

  /** Each kiosk's instance now; at a kill, the kiosks that were on the victim. */
  const kioskAt: Instance[] = [];
  let stranded = new Set<number>();
  // Kiosks: REST, each on an instance until it stops answering, then on another (a load balancer).
  const kiosk = async (k: number) => {
    kioskAt[k] = instances[k % 3]!;
    let n = 0;
    while (running) {
      let at = kioskAt[k]!;
      if (!alive(at)) at = kioskAt[k] = anyLive();
      const serviceId = SERVICES[(k + n++) % SERVICES.length]!;
      const res = await fetch(`${at.url}/api/tickets`, {
        method: "POST",
        headers: { authorization: `Bearer ${KIOSK}`, "content-type": "application/json" },
        body: JSON.stringify({ serviceId }),
        signal: AbortSignal.timeout(3000),
      }).catch(() => null);
      if (!res) {
        kioskAt[k] = anyLive(at);
        continue;
      }
      const body = (await res.json().catch(() => null)) as { id: string; number: string } | null;
      if (res.status === 201 && body) {
        if (acked.has(body.id)) violations.push(`ticket ${body.id} acknowledged twice`);
        acked.set(body.id, { number: body.number, serviceId, round });
        if (stranded.has(k) && at !== victim) {
          // The first of the killed instance's kiosks served again: this kill's failover time.
          failovers.push(performance.now() - killedAt);
          stranded = new Set();
        }
      } else if (res.status >= 500 && res.status !== 503) {
        violations.push(`kiosk ${k}: ${res.status} ${JSON.stringify(body)}`);
      }
      await sleep(opts.kioskPauseMs ?? 100);
    }
  };

  // Boards: Socket.IO, spread over the instances; each remembers the calls it heard and whether
  // it was ever cut off in a round.
  interface Board {
    socket: Socket;
    at: Instance;
    heard: Set<string>;
    cutIn: Set<number>;
  }
  const boards: Board[] = [];
  const connectBoard = (b: Board) => {
    b.socket = io(`${b.at.url}/display`, { auth: { token: DISPLAY }, transports: ["websocket"], reconnection: false, forceNew: true });
    b.socket.on("ticket:called", (p: { call: { number: string; counterId: string } }) => b.heard.add(`${p.call.number}@${p.call.counterId}`));
    b.socket.on("disconnect", () => {
      b.cutIn.add(round);
      if (!running) return;
      // A board moves to another instance, and asks for the board's state again there.
      setTimeout(() => {
        if (!running) return;
        b.at = anyLive(b.at);
        connectBoard(b);
      }, 100);
    });
    b.socket.on("connect_error", () => {
      b.cutIn.add(round);
      if (running)
        setTimeout(() => {
          b.at = anyLive(b.at);
          connectBoard(b);
        }, 200);
    });
  };
  for (let n = 0; n < opts.boards; n++) {
    const b: Board = { socket: null as unknown as Socket, at: instances[n % 3]!, heard: new Set(), cutIn: new Set() };
    connectBoard(b);
    boards.push(b);
  }

  // Counters: an officer logs in once; the session is the database's, so any instance takes it.
  const officer = async ([username, counterId]: [string, string], k: number) => {
    // Logged in on any instance that answers: one may be killed while the officer logs in.
    let token: string | undefined;
    for (let at = instances[k % 3]!; !token && running; at = anyLive(at)) {
      const login = await fetch(`${at.url}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: "demo" }),
        // A login is a scrypt at N = 2^17: seconds on two cores busy with three instances. Given up
        // sooner it is tried again while the server still counts the first against the account.
        signal: AbortSignal.timeout(15_000),
      }).catch(() => null);
      const answer = (await login?.json().catch(() => null)) as { token?: string; code?: string; message?: string } | null;
      token = answer?.token;
      if (login && !token && login.status !== 503) {
        violations.push(`${username} could not log in: ${login.status} ${answer?.code ?? ""} ${answer?.message ?? ""}`.trim());
        return;
      }
    }
    if (!token) return;
    let at = instances[k % 3]!;
    let opened = false;
    while (running) {
      if (!alive(at)) at = anyLive();
      const s = io(`${at.url}/counter`, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
      const ask = <T>(event: string, payload: unknown = {}): Promise<{ ok: boolean; data?: T; code?: string } | null> =>
        s.timeout(3000).emitWithAck(event, payload).then(
          (r: { ok: boolean; data?: T; code?: string }) => r,
          () => null,
        );
      const up = await new Promise<boolean>((r) => {
        s.once("connect", () => r(true));
        s.once("connect_error", () => r(false));
      });
      if (!up) {
        s.close();
        at = anyLive(at);
        await sleep(100);
        continue;
      }
      if (!opened) opened = (await ask("counter:open", { counterId }))?.ok ?? false;
      while (running && s.connected) {
        // Whoever is at the desk first (a call stored but never answered, before a kill).
        const view = await ask<{ current: { id: string; status: string } | null }>("counter:sync");
        if (!view) break;
        const current = view.data?.current;
        if (current) {
          if (current.status === "called" && !(await ask("ticket:start", { ticketId: current.id }))) break;
          if (!(await ask("ticket:complete", { ticketId: current.id }))) break;
        }
        const r = await ask<{ id: string; number: string } | null>("counter:callNext");
        if (!r) break;
        if (r.ok && r.data) calls.push({ ticketId: r.data.id, number: r.data.number, counterId, round });
        await sleep(r.ok && r.data ? 30 : 80);
      }
      s.close();
      at = anyLive(at);
    }
  };

  // A client that breaks is a finding, not a crash of the drill.
  const load = [...Array.from({ length: opts.kiosks }, (_, k) => kiosk(k)), ...OFFICERS.map((o, k) => officer(o, k))].map((p) =>
    p.catch((e: Error) => void violations.push(`a client stopped: ${e.message}`)),
  );

  /** Per round, the boards that had to hear all of its calls. */
  const heardIn = new Map<number, Board[]>();
  try {
    await sleep(opts.roundMs);
    for (round = 1; round <= opts.kills; round++) {
      victim = instances[Math.floor(Math.random() * 3)]!;
      await sleep(Math.random() * opts.roundMs);
      killedAt = performance.now();
      if (stranded.size) violations.push(`round ${round - 1}: the killed instance's kiosks were never served again`);
      stranded = new Set(kioskAt.flatMap((at, k) => (at === victim ? [k] : [])));
      await kill(victim);
      log(`round ${round}: killed ${victim.name}; ${acked.size} tickets, ${calls.length} calls so far`);
      await sleep(opts.roundMs);
      restarts.push(await start(victim, opts.databaseUrl));
      log(`round ${round}: ${victim.name} serves again after ${Math.round(restarts.at(-1)!)} ms`);
      await sleep(opts.roundMs / 2);
      // The calls of this round, each heard by every board that stayed on a survivor throughout
      // (a board's instance notices within a poll of the journal).
      const roundCalls = calls.filter((c) => c.round === round);
      await sleep(1500);
      for (const b of boards) {
        if (b.cutIn.has(round)) continue;
        for (const c of roundCalls) if (!b.heard.has(`${c.number}@${c.counterId}`)) violations.push(`round ${round}: a board on ${b.at.name} never heard ${c.number} at ${c.counterId}`);
      }
      heardIn.set(round, boards.filter((b) => !b.cutIn.has(round)));
    }
  } finally {
    running = false;
    log("load stopping");
    await Promise.allSettled(load);
    for (const b of boards) b.socket.close();
    log("load stopped; reading the record");
  }

  // The record, read afresh: the days rebuilt from the database alone (a run may cross the reset).
  const db = await PgDatabase.connect(opts.databaseUrl, { max: 2 });
  let days: DayState[] = [];
  try {
    days = await daysFrom(db.store(CENTER));
  } finally {
    await db.close();
    for (const i of instances) if (alive(i)) await kill(i);
  }
  const tickets: Record<string, TicketRecord> = Object.assign({}, ...days.map((d) => d.tickets));
  for (const [id, a] of acked) {
    if (tickets[id]?.number !== a.number) violations.push(`acknowledged ticket ${id} (${a.number}, round ${a.round}) is not in the journal`);
  }
  const numbers = days.flatMap((d) => Object.values(d.tickets).map((t) => `${d.day}|${t.serviceId}:${t.number}`));
  if (new Set(numbers).size !== numbers.length) violations.push("a number was given twice");
  for (const c of calls) {
    const t = tickets[c.ticketId];
    if (!t || t.calledAt === null || t.counterId !== c.counterId) violations.push(`acknowledged call of ${c.number} at ${c.counterId} (round ${c.round}) is not in the record`);
  }
  let callsHeard = 0;
  for (const [r, heard] of heardIn) callsHeard += heard.length * calls.filter((c) => c.round === r).length;
  if (stranded.size) violations.push(`round ${opts.kills}: the killed instance's kiosks were never served again`);
  return {
    kills: opts.kills,
    acknowledgedTickets: acked.size,
    acknowledgedCalls: calls.length,
    boards: opts.boards,
    callsHeard,
    failoverMs: { p50: median(failovers), max: Math.max(0, ...failovers) },
    restartMs: { p50: median(restarts), max: Math.max(0, ...restarts) },
    violations,
  };
}
