/**
 * The fuzzer: inputs made from the protocol itself (every REST route of `restRoutes`, every
 * command of every namespace of `NAMESPACES`), QR texts and configuration files, thrown at one
 * real server. It passes when the server answers all of them without an error of its own (no
 * HTTP 5xx, no INTERNAL ack, no error logged, nothing unanswered), never crashes, leaves the hall
 * as it was after a phase of invalid inputs only, keeps its invariants after valid ones (no number
 * twice, the journal on disk replays to the state it holds) and gives back its memory.
 *
 * Two phases: the first half of the inputs is invalid only (malformed, unauthenticated, the wrong
 * role, ids that do not exist), and the hall is compared before and after; the second half is
 * valid-shaped inputs mixed with mutated ones, which may change the hall as any client could.
 */
import http from "node:http";
import { join } from "node:path";
import { parse as parseQuery } from "node:querystring";
import { isDeepStrictEqual } from "node:util";
import v8 from "node:v8";
import vm from "node:vm";
import { CENTER_HEADER, NAMESPACES, restRoutes, type RouteSpec } from "@motcua/protocol";
import { demoConfig, validateConfig } from "@motcua/queue-server";
import { pino } from "pino";
import { io, type Socket } from "socket.io-client";
import type { z } from "zod";
import { DISPLAY, KIOSK, STATION, startTestServer, type TestServer } from "../helpers/harness.ts";
import { storedDay } from "../helpers/stored-day.ts";
import { Rng, arbitrary, hostileString, mutate, qrText, remember, seedOf, type Context } from "./generate.ts";

export interface FuzzOptions {
  inputs: number;
  seed: number;
  /** Inputs in flight at once (default 12). */
  concurrency?: number;
  /** Fail when the heap grew more than this (MB) from start to end; unset: only reported. */
  heapLimitMB?: number;
  /** Progress lines (the CLI prints them). */
  progress?: (line: string) => void;
  /** Said once for each input (and each request of it) still unanswered after HUNG_MS: what it is. */
  hung?: (line: string) => void;
}

/** An input unanswered this long waits for something that never comes (every request has its own timeout). */
const HUNG_MS = 30_000;

/** One input that went wrong, as sent, to replay by hand. */
export interface Finding {
  what: string;
  input: string;
  answer: string;
  /** For a server error: the hall as it was when it answered (its configuration and day), to reproduce it. */
  hall?: { configuration: "as started" | "one saved by a valid input, not yet put back"; config: unknown; day: unknown };
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  seconds: number;
  /** Inputs by kind: rest, socket, qr, config. */
  kinds: Record<string, number>;
  /** Inputs by route, command, or check (rest:issue, socket:kiosk ticket:issue, qr:readScan…). */
  targets: Record<string, number>;
  /** Answers by class: HTTP 2xx/4xx…, acks ok/refused, sockets dropped. */
  answers: Record<string, number>;
  serverErrors: Finding[];
  crashes: Finding[];
  /** What changed in the hall over the invalid phase. */
  stateChanges: string[];
  /** Invariants broken after the valid phase. */
  invariants: string[];
  /** Successful answers that do not match the protocol's response schema. */
  offProtocol: Finding[];
  /** Routes and commands no input reached. */
  notCovered: string[];
  /** The heap after setup, after the invalid phase (nothing to keep: it must be back), and at the end. */
  heap: { startMB: number; afterInvalidMB: number; endMB: number; gc: boolean };
  /** Times this process was held up more than a second (a loaded machine, or a blocked event loop), and the longest. */
  stalls: { count: number; longestSeconds: number };
  /** Whether kiosk-ui's readScan could be loaded (it needs an export "./read-scan"). */
  readScan: boolean;
  notes: string[];
  failures: string[];
}

type Role = "kiosk" | "display" | "station" | "staff" | "supervisor" | "admin" | "province" | "hall";
export type ReadScan = (raw: string, today?: Date) => { kind: string } & Record<string, unknown>;

const ROUTES = Object.entries(restRoutes) as [string, RouteSpec][];
const COMMANDS = Object.entries(NAMESPACES).flatMap(([ns, spec]) =>
  Object.entries(spec.commands as Record<string, { request: z.ZodType; response: z.ZodType }>).map(([name, c]) => ({ ns, path: spec.path, name, ...c })),
);
/** Who each namespace is opened as. */
const NAMESPACE_ROLE: Record<string, Role | "follow"> = { kiosk: "kiosk", display: "display", counter: "staff", supervisor: "supervisor", station: "station", province: "province", follow: "follow" };
/** Names socket.io's client refuses to emit. */
const RESERVED = new Set(["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]);
const SCAN_KINDS = new Set(["citizenId", "dossier", "ticket", "follow", "ticketNumber", "bookingCode", "unknown"]);
const MB = 1024 * 1024;
const clip = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
const show = (v: unknown) => {
  try {
    return clip(Buffer.isBuffer(v) ? `<Buffer ${v.length} bytes>` : (JSON.stringify(v) ?? String(v)));
  } catch (e) {
    return `<unprintable: ${(e as Error).message}>`;
  }
};
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x) && !Buffer.isBuffer(x);
/** What the server holds after JSON carried `v` (NaN → null, undefined fields gone). */
const wire = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v) ?? "null"));
/** encodeURIComponent, lone surrogates made U+FFFD (it throws on them; "%ED%A0%80" sends one raw). */
const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
/** Header values must be latin-1 without line breaks: what cannot be sent is replaced. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, "?").slice(0, 2_000);

/**
 * Notices when this process was held up (its timers late by more than a second), and by what:
 * busy (its own CPU ran all along: something, the server most likely, blocked the event loop) or
 * not (the machine did not give it the CPU: another's build on a shared machine).
 */
class StallWatch {
  count = 0;
  longest = 0;
  /** What is in flight now, by a key: the suspects when the event loop was blocked. */
  readonly inFlight = new Map<object, string>();
  /** When each in flight began, and those already said to hang. */
  readonly since = new Map<object, number>();
  private readonly told = new WeakSet<object>();
  private last = performance.now();
  private lastCpu = process.cpuUsage();
  private readonly spans: { from: number; to: number; busy: boolean }[] = [];
  private readonly timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const wall = now - this.last;
    if (wall > 1_250) {
      const busy = (cpu.user - this.lastCpu.user + cpu.system - this.lastCpu.system) / 1_000 / wall > 0.6;
      this.count++;
      this.longest = Math.max(this.longest, wall);
      this.spans.push({ from: this.last, to: now, busy });
      if (this.spans.length > 1_000) this.spans.shift();
      if (busy && wall > 2_000) this.onBlocked(wall, [...this.inFlight.values()]);
    }
    for (const [key, what] of this.inFlight) {
      const began = this.since.get(key);
      if (began === undefined || now - began < HUNG_MS || this.told.has(key)) continue;
      this.told.add(key);
      this.onHung(`${what}: no answer after ${Math.round((now - began) / 1000)} s`);
    }
    this.last = now;
    this.lastCpu = cpu;
  }, 250);
  constructor(
    private readonly onBlocked: (ms: number, suspects: string[]) => void,
    private readonly onHung: (line: string) => void = () => undefined,
  ) {}

  /** Something in flight from now until `done` is called. */
  track(key: object, what: string): () => void {
    this.inFlight.set(key, what);
    this.since.set(key, performance.now());
    return () => {
      this.inFlight.delete(key);
      this.since.delete(key);
    };
  }
  /** Whether the process was held up for seconds since `from` (long enough to lose an answer), and how. */
  during(from: number): "busy" | "machine" | null {
    const overlap = (x: { from: number; to: number }) => Math.max(0, x.to - Math.max(x.from, from));
    const held = this.spans.reduce((sum, x) => sum + overlap(x), 0) + Math.max(0, performance.now() - Math.max(this.last, from));
    if (held <= 5_000) return null;
    return this.spans.some((x) => x.busy && overlap(x) > 0) ? "busy" : "machine";
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** Where the inputs' outcomes are counted and their findings kept (a few hundred at most). */
class Recorder {
  constructor(readonly report: FuzzReport) {}
  private static add(m: Record<string, number>, k: string): void {
    m[k] = (m[k] ?? 0) + 1;
  }
  target(k: string): void {
    Recorder.add(this.report.targets, k);
  }
  answer(k: string): void {
    Recorder.add(this.report.answers, k);
  }
  kind(k: string): void {
    Recorder.add(this.report.kinds, k);
  }
  serverError(f: Finding): void {
    if (this.report.serverErrors.length < 200) this.report.serverErrors.push(f);
  }
  crash(f: Finding): void {
    if (this.report.crashes.length < 200) this.report.crashes.push(f);
  }
  offProtocol(f: Finding): void {
    if (this.report.offProtocol.length < 50) this.report.offProtocol.push(f);
  }
}

/** A function that collects garbage now, where Node lets one be had. */
function collector(): (() => void) | null {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === "function") return g;
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as () => void;
  } catch {
    return null;
  }
}

export async function fuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const concurrency = opts.concurrency ?? 12;
  const report: FuzzReport = {
    seed: opts.seed,
    inputs: 0,
    seconds: 0,
    kinds: {},
    targets: {},
    answers: {},
    serverErrors: [],
    crashes: [],
    stateChanges: [],
    invariants: [],
    offProtocol: [],
    notCovered: [],
    heap: { startMB: 0, afterInvalidMB: 0, endMB: 0, gc: false },
    stalls: { count: 0, longestSeconds: 0 },
    readScan: false,
    notes: [],
    failures: [],
  };
  const rec = new Recorder(report);
  const { serverError, crash } = { serverError: (f: Finding) => rec.serverError(f), crash: (f: Finding) => rec.crash(f) };

  const onRejection = (e: unknown) => crash({ what: "unhandled rejection", input: "", answer: String((e as Error)?.stack ?? e) });
  const onException = (e: unknown) => crash({ what: "uncaught exception", input: "", answer: String((e as Error)?.stack ?? e) });
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);

  const readScan = await loadReadScan();
  report.readScan = readScan !== null;
  if (!readScan) report.notes.push('readScan not fuzzed: @motcua/kiosk-ui does not export "./read-scan"; its QR texts went to the server only');

  // What the server itself says is an error: every line it logs at level error or above.
  const logged: string[] = [];
  const logger = pino({ level: "error" }, { write: (line: string) => void (logged.length < 200 && logged.push(line)) });
  const server = await startTestServer({ logger });
  // A shared machine may stop this process for seconds (another's build, a full disk): answers
  // lost then are the machine's, not the server's, and are counted apart.
  const stalls = new StallWatch(
    (ms, suspects) =>
      serverError({ what: `the event loop was blocked ${Math.round(ms / 100) / 10} s, this process computing`, input: `in flight then: ${suspects.slice(0, 12).join("\n      ") || "nothing"}`, answer: "" }),
    (line) => opts.hung?.(line),
  );
  const gc = collector();
  report.heap.gc = gc !== null;
  const heapNow = () => {
    gc?.();
    gc?.();
    return Math.round((process.memoryUsage().heapUsed / MB) * 10) / 10;
  };

  try {
    const h = await Hall.open(server, rec, stalls, opts.seed);
    opts.progress?.(`server ${server.url}, ${ROUTES.length} routes, ${COMMANDS.length} commands in ${Object.keys(NAMESPACES).length} namespaces`);
    report.heap.startMB = heapNow();

    const half = Math.floor(opts.inputs / 2);
    const before = h.snapshot();
    await runPhase(h, 0, half, true, stalls);
    const after = h.snapshot();
    report.heap.afterInvalidMB = heapNow();
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (before[k] !== after[k]) report.stateChanges.push(`${k}: ${clip(String(before[k]), 200)} → ${clip(String(after[k]), 200)}`);
    }
    await runPhase(h, half, opts.inputs, false, stalls);

    h.closeSockets();
    await new Promise((r) => setTimeout(r, 300));
    const health = await h.send("GET", "/api/health", {});
    if (health.status !== 200) crash({ what: "health after the run", input: "GET /api/health", answer: `${health.status} ${clip(health.text)}` });
    report.invariants.push(...(await h.invariants()));
    report.notes.push(...h.notes);
    report.heap.endMB = heapNow();
  } finally {
    stalls.stop();
    report.stalls = { count: stalls.count, longestSeconds: Math.round(stalls.longest / 100) / 10 };
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
    await server.destroy();
  }

  for (const line of logged) serverError({ what: "logged an error", input: "", answer: clip(line, 1_500) });
  if (({} as Record<string, unknown>).polluted !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")) {
    crash({ what: "Object.prototype polluted", input: "", answer: String(({} as Record<string, unknown>).polluted) });
  }
  const reached = new Set(Object.keys(report.targets));
  if (opts.inputs >= 2_000) {
    for (const [name] of ROUTES) if (!reached.has(`rest:${name}`)) report.notCovered.push(`rest:${name}`);
    for (const c of COMMANDS) if (!reached.has(`socket:${c.ns} ${c.name}`)) report.notCovered.push(`socket:${c.ns} ${c.name}`);
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;

  const f = report.failures;
  if (report.serverErrors.length) f.push(`${report.serverErrors.length} server errors`);
  if (report.crashes.length) f.push(`${report.crashes.length} crashes`);
  if (report.stateChanges.length) f.push(`the hall changed over the invalid phase: ${report.stateChanges.length} differences`);
  if (report.invariants.length) f.push(`${report.invariants.length} invariants broken`);
  if (report.offProtocol.length) f.push(`${report.offProtocol.length} answers off the protocol`);
  if (report.notCovered.length) f.push(`not reached: ${report.notCovered.join(", ")}`);
  if (opts.heapLimitMB !== undefined) {
    const { startMB, afterInvalidMB, endMB } = report.heap;
    if (afterInvalidMB - startMB > opts.heapLimitMB) f.push(`heap grew ${Math.round(afterInvalidMB - startMB)} MB over the invalid phase (limit ${opts.heapLimitMB} MB)`);
    if (endMB - startMB > opts.heapLimitMB) f.push(`heap grew ${Math.round(endMB - startMB)} MB over the run (limit ${opts.heapLimitMB} MB)`);
  }
  return report;

  /** Inputs `from`..`to`, `concurrency` at a time; each made by its own seeded generator. */
  async function runPhase(h: Hall, from: number, to: number, invalid: boolean, stalls: StallWatch): Promise<void> {
    let next = from;
    let done = 0;
    const step = Math.max(1_000, Math.floor(opts.inputs / 20));
    const worker = async () => {
      for (let i = next++; i < to; i = next++) {
        const rng = new Rng(seedOf(opts.seed, i));
        const roll = rng.next();
        const kind = roll < 0.45 ? "rest" : roll < 0.8 ? "socket" : roll < 0.9 ? "qr" : "config";
        rec.kind(kind);
        report.inputs++;
        const key = {};
        const untrack = stalls.track(key, `input ${i} (${kind}, seed ${opts.seed})`);
        try {
          if (kind === "rest") await h.restInput(rng, invalid);
          else if (kind === "socket") await h.socketInput(rng, invalid);
          else if (kind === "qr") await h.qrInput(rng, invalid, readScan);
          else await h.configInput(rng, invalid);
        } catch (e) {
          crash({ what: `the fuzzer failed on input ${i} (seed ${opts.seed})`, input: kind, answer: String((e as Error)?.stack ?? e) });
        } finally {
          untrack();
        }
        if (++done % step === 0) opts.progress?.(`${invalid ? "invalid" : "valid"} phase: ${from + done} inputs, ${Math.round((Date.now() - started) / 1000)} s, ${report.serverErrors.length} server errors`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
}

/** The server, its principals and sockets, and what the inputs are made of. */
class Hall {
  readonly ctx: Context = { byKey: new Map(), all: [] };
  readonly tokens = new Map<Role, string>();
  /** Sessions to log out (DELETE /api/session), one each. */
  readonly throwaway: string[] = [];
  readonly notes: string[] = [];
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly lines = new Map<string, SocketLine>();
  private created = 0;
  private planning = false;
  private restoring: Promise<void> = Promise.resolve();
  private adminBody: Record<string, unknown> = {};
  private fullConfig!: Awaited<ReturnType<typeof demoConfig>>;
  private catalog: unknown;
  demo!: Awaited<ReturnType<typeof demoConfig>>;
  readonly center: string;

  private constructor(
    readonly server: TestServer,
    private readonly rec: Recorder,
    readonly stalls: StallWatch,
  ) {
    this.center = server.service.config.center.id;
  }

  /** An answer lost while this process was held up: counted apart (a blocked event loop is itself reported). */
  private lostToStall(sent: number): boolean {
    const how = this.stalls.during(sent);
    if (how) this.rec.answer(how === "busy" ? "no answer: the event loop was blocked meanwhile (reported)" : "no answer: the machine held this process up meanwhile");
    return how !== null;
  }

  /** What is being asked, while it is: a suspect if the event loop blocks. */
  private async tracked<T>(what: () => string, run: () => Promise<T>): Promise<T> {
    const untrack = this.stalls.track({}, clip(what(), 300));
    try {
      return await run();
    } finally {
      untrack();
    }
  }

  /** A server error, with the hall as it is now (the first few only: a day's state is large). */
  private serverError(f: Finding): void {
    if (this.rec.report.serverErrors.filter((x) => x.hall).length < 5) {
      const live = this.server.service;
      const same = JSON.stringify(live.config) === JSON.stringify(this.fullConfig);
      f.hall = { configuration: same ? "as started" : "one saved by a valid input, not yet put back", config: structuredClone(live.config), day: structuredClone(live.state) };
    }
    this.rec.serverError(f);
  }

  static async open(server: TestServer, rec: Recorder, stalls: StallWatch, seed: number): Promise<Hall> {
    const h = new Hall(server, rec, stalls);
    await h.setUp(seed);
    return h;
  }

  private async setUp(seed: number): Promise<void> {
    this.demo = await demoConfig();
    this.fullConfig = structuredClone(this.server.service.config);
    const login = async (username: string, password: string, center = this.center) => {
      const r = await this.send("POST", "/api/session", { body: JSON.stringify({ username, password, center }) });
      if (r.status !== 200) throw new Error(`setup: login ${username}: ${r.status} ${r.text}`);
      return JSON.parse(r.text).token as string;
    };
    this.tokens.set("kiosk", KIOSK).set("display", DISPLAY).set("station", STATION);
    this.tokens.set("staff", await login("canbo1", "demo"));
    this.tokens.set("supervisor", await login("giamsat", "demo"));
    this.tokens.set("admin", await login("admin", "admin"));
    this.tokens.set("province", await login("tinh", "demo", "province"));
    for (const n of [5, 6, 7, 8]) this.throwaway.push(await login(`canbo${n}`, "demo"));
    this.throwaway.push(await login("tinh", "demo", "province"));
    const opened = await this.send("POST", "/api/counters/quay-1/open", { token: this.tokens.get("staff"), body: "{}" });
    if (opened.status !== 200) throw new Error(`setup: open quay-1: ${opened.status} ${opened.text}`);
    // A linked commune: its link key is the "hall" principal of the link routes.
    const commune = await this.send("POST", "/api/province/centers", {
      token: this.tokens.get("province"),
      body: JSON.stringify({ id: "xa-fuzz", name: "Bộ phận Một cửa xã Fuzz", linked: true, admin: { username: "quantri", displayName: "Quản trị", password: "mat-khau-fuzz-123" } }),
    });
    if (commune.status !== 201) throw new Error(`setup: create the commune: ${commune.status} ${commune.text}`);
    this.tokens.set("hall", JSON.parse(commune.text).linkKey);
    this.adminBody = JSON.parse((await this.send("GET", "/api/admin/config", { token: this.tokens.get("admin") })).text);
    this.catalog = JSON.parse((await this.send("GET", "/api/province/catalog", { token: this.tokens.get("province") })).text);

    // The hall's own names, by the fields that take them.
    const c = this.fullConfig;
    for (const s of c.services) for (const k of ["serviceId", "toServiceId"]) remember(this.ctx, k, s.id);
    for (const x of c.counters) for (const k of ["counterId", "toCounterId"]) remember(this.ctx, k, x.id);
    for (const f of c.fields) remember(this.ctx, "fieldId", f.id);
    for (const g of c.priorityGroups) remember(this.ctx, "priority", g.id);
    for (const d of c.devices) if (d.kind === "kiosk") remember(this.ctx, "kioskId", d.id);
    for (const id of [this.center, "xa-fuzz"]) for (const k of ["id", "parentId", "center"]) remember(this.ctx, k, id);
    const day = this.server.service.state.day;
    const shift = (n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    for (const n of [0, -1, -7]) for (const k of ["day", "from"]) remember(this.ctx, k, shift(n));
    for (const n of [0, 1, 2, 7]) for (const k of ["date", "to"]) remember(this.ctx, k, shift(n));
    for (let m = 7 * 60 + 30; m <= 17 * 60; m += 30) remember(this.ctx, "time", `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
    // A few tickets, one followed from a phone.
    const rng = new Rng(seed);
    for (let n = 0; n < 6; n++) {
      const r = await this.send("POST", "/api/tickets", { token: KIOSK, body: JSON.stringify({ serviceId: rng.pick(c.services.slice(0, 4)).id }) });
      if (r.status !== 201) throw new Error(`setup: issue: ${r.status} ${r.text}`);
      this.harvest(JSON.parse(r.text));
    }
    for (const [ns, role] of Object.entries(NAMESPACE_ROLE)) {
      this.lines.set(ns, new SocketLine(this, NAMESPACES[ns as keyof typeof NAMESPACES].path, role));
      this.lines.set(`${ns}!`, new SocketLine(this, NAMESPACES[ns as keyof typeof NAMESPACES].path, role));
      this.lines.set(`${ns}+`, new SocketLine(this, NAMESPACES[ns as keyof typeof NAMESPACES].path, role));
    }
  }

  tokenOf(role: Role | "follow"): string | undefined {
    return role === "follow" ? this.ctx.byKey.get("token")?.[0] : this.tokens.get(role);
  }

  /** Remembers the ids, numbers, tokens and codes an answer names, for later inputs to use. */
  harvest(v: unknown, depth = 0): void {
    if (depth > 5 || typeof v !== "object" || v === null) return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 20)) this.harvest(x, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (typeof x !== "string" || x.length > 200) {
        this.harvest(x, depth + 1);
        continue;
      }
      if ((k === "id" || k === "ticketId") && /^\d{4}-\d{2}-\d{2}-[A-Z]{1,2}\d{1,4}$/.test(x)) remember(this.ctx, "ticketId", x);
      else if (k === "number" && /^[A-Z]{1,2}\d{1,4}$/.test(x)) remember(this.ctx, "number", x);
      else if (k === "followToken" || k === "token") remember(this.ctx, "token", x);
      else if (k === "code" && (/^[2-9A-HJKMNP-Z]{6}$/.test(x) || /^\d{4}$/.test(x))) remember(this.ctx, "code", x);
      else if (k === "jobId") remember(this.ctx, "jobId", x);
      else if (/url|link/i.test(k)) {
        const m = /\/f\/([A-Za-z0-9_-]{16,64})/.exec(x);
        if (m) remember(this.ctx, "token", m[1]!);
      }
    }
  }

  /** Every real value the inputs know of: an invalid input's id must be none of them. */
  private isReal(s: string): boolean {
    if (this.ctx.all.includes(s)) return true;
    for (const a of this.server.deployment.all()) if (s in a.service.state.tickets || s in a.service.state.counters) return true;
    return false;
  }

  /**
   * One HTTP request on a keep-alive connection. A connection the server closed as idle just as it
   * was reused resets before the request was read (node's documented race): sent again, once.
   */
  async send(method: string, path: string, o: { token?: string; body?: string; headers?: Record<string, string>; waitMs?: number }): Promise<{ status: number; text: string }> {
    try {
      return await this.sendOnce(method, path, o);
    } catch (e) {
      if (!(e as { reusedSocket?: boolean }).reusedSocket || (e as NodeJS.ErrnoException).code !== "ECONNRESET") throw e;
      this.rec.answer("http keep-alive race, sent again");
      return this.sendOnce(method, path, o);
    }
  }

  private sendOnce(method: string, path: string, o: { token?: string; body?: string; headers?: Record<string, string>; waitMs?: number }): Promise<{ status: number; text: string }> {
    const waitMs = o.waitMs ?? 20_000;
    const headers: Record<string, string> = { ...o.headers };
    if (o.token !== undefined) headers.authorization ??= `Bearer ${o.token}`;
    if (o.body !== undefined) headers["content-type"] ??= "application/json";
    return new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: this.server.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      });
      req.setTimeout(waitMs, () => req.destroy(new Error(`no answer within ${waitMs / 1000} s`)));
      req.on("error", (e) => reject(Object.assign(e, { reusedSocket: req.reusedSocket })));
      req.end(o.body);
    });
  }

  // ------------------------------------------------------------ REST

  async restInput(rng: Rng, invalid: boolean): Promise<void> {
    const [name, spec] = rng.pick(ROUTES);
    if (name === "saveConfig" && rng.chance(0.7)) return this.putConfig(rng, invalid, `rest:${name}`);
    this.rec.target(`rest:${name}`);
    // A staffing plan simulates hundreds of days, one plan at a time (a few seconds each): one
    // question is planned at once, the others while it runs are invalid ones, refused at once.
    const planning = name === "staffingPlan" && !invalid;
    if (planning && this.planning) invalid = true;
    const input = this.restRequest(name, spec, rng, invalid);
    if (!planning || invalid) return this.sendRest(name, spec, input, invalid);
    this.planning = true;
    try {
      await this.sendRest(name, spec, { ...input, waitMs: 5 * 60_000 }, invalid);
    } finally {
      this.planning = false;
    }
  }

  private restRequest(name: string, spec: RouteSpec, rng: Rng, invalid: boolean) {
    const headers: Record<string, string> = {};
    let who = "public";
    let token: string | undefined;
    // Who calls: someone allowed, or not.
    if (spec.roles !== "public") {
      const roles = spec.roles as readonly string[];
      const allowed = [...this.tokens.keys()].filter((r) => roles.includes(r));
      const others = [...this.tokens.keys()].filter((r) => !roles.includes(r));
      let mode = invalid ? rng.pick(["anonymous", "forged", "wrongRole", "allowed", "allowed", "allowed"]) : rng.chance(0.85) ? "allowed" : rng.pick(["anonymous", "forged", "wrongRole"]);
      if (mode === "allowed" && name === "logOut") mode = invalid ? "forged" : "logOut";
      if (mode === "wrongRole" && !others.length) mode = "forged";
      if (mode === "allowed") token = this.tokens.get((who = rng.pick(allowed)) as Role);
      else if (mode === "wrongRole") token = this.tokens.get((who = rng.pick(others)) as Role);
      else if (mode === "logOut") [who, token] = ["a session to end", this.throwaway.pop() ?? "ended"];
      else if (mode === "forged") {
        who = "forged";
        const real = this.tokens.get(rng.pick(allowed.length ? allowed : ["kiosk" as Role]))!;
        headers.authorization = headerSafe(rng.pick([`Bearer ${hostileString(rng).slice(0, 300)}`, "Bearer", "Bearer  ", `Basic ${Buffer.from("admin:admin").toString("base64")}`, `Bearer ${real}x`, `Bearer ${real.slice(0, -1)}`, `bearer${real}`]));
      } else who = "anonymous";
      // Anyone but the allowed sends anything: refused before its input is read.
      if (mode !== "allowed") invalid = false;
    }
    if (spec.roles === "public" || rng.chance(0.2)) {
      const r = rng.next();
      if (r < 0.8) headers[CENTER_HEADER] = this.center;
      else if (r < 0.9) headers[CENTER_HEADER] = headerSafe(hostileString(rng).slice(0, 100));
    }

    // What it sends: path parameters, query, body. An invalid input breaks at least one of them.
    const names = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
    const levers = [...(names.length ? ["params"] : []), ...(spec.body ? ["body"] : []), ...(spec.query ? ["query"] : [])];
    const broken = invalid ? (levers.length ? rng.pick(levers) : "readOnly") : "none";
    if (broken === "readOnly" && spec.method !== "get") throw new Error(`${name}: no way to make an invalid input`);
    const params: Record<string, string> = {};
    for (const p of names) params[p] = this.param(p, rng, broken === "params" || (!invalid && rng.chance(0.15)));
    const path = `/api${spec.path.replace(/:([A-Za-z]+)/g, (_, p: string) => params[p]!)}`;

    let query = "";
    if (spec.query) {
      const q = this.valueFor(spec.query, rng, broken === "query", (v) => parseQuery(toQuery(v)));
      query = toQuery(q);
      if (broken === "query" && spec.query.safeParse({ ...parseQuery(query) }).success) throw new Error(`an invalid query is valid: ${name} ${clip(query)}`);
    } else if (rng.chance(0.1)) query = toQuery({ [rng.pick(["a", "__proto__", "constructor", "serviceId"])]: hostileString(rng).slice(0, 500) });

    let body: string | undefined;
    if (spec.body) {
      let value = this.valueFor(spec.body, rng, broken === "body", (v) => v);
      if (name === "createCenter" && this.created >= 3 && isObj(value)) value.id = this.center;
      body = this.encode(value, rng, spec, broken === "body");
      // As the server will read it: no body is {} (but for PUT), a body is parsed strictly.
      if (broken === "body" && (body === undefined ? spec.method !== "put" && spec.body.safeParse({}).success : parsesValid(spec, body))) {
        throw new Error(`an invalid body is valid: ${name} ${clip(body ?? "(none)")}`);
      }
    } else if (spec.method !== "get" && rng.chance(0.3)) body = JSON.stringify(mutate({}, rng));
    if (!invalid && rng.chance(0.05)) headers["content-type"] = rng.pick(["text/plain", "application/json; charset=utf-16", "application/x-www-form-urlencoded", "application/json; charset=latin1"]);
    return { method: spec.method.toUpperCase(), path: query ? `${path}?${query}` : path, headers, token, body, who };
  }

  /**
   * A value for `schema`: valid-shaped (and now and then mutated), or, when `broken`, mutated
   * until the server, after JSON (or the query string) carried it, must refuse it.
   */
  private valueFor(schema: z.ZodType, rng: Rng, broken: boolean, carried: (v: unknown) => unknown): unknown {
    if (!broken) {
      const v = arbitrary(schema, rng, this.ctx);
      return rng.chance(0.25) ? mutate(v, rng) : v;
    }
    const refused = (v: unknown) => !schema.safeParse(carried(wire(v) ?? {})).success;
    for (let attempt = 0; attempt < 30; attempt++) {
      const v = mutate(arbitrary(schema, rng, this.ctx), rng);
      if (refused(v)) return v;
    }
    const plain = [42, "x", [1], true].filter(refused);
    if (!plain.length) throw new Error("a schema that takes anything: no invalid value for it");
    return rng.pick(plain);
  }

  /** The body as sent: JSON mostly; sometimes JSON a parser may mind (huge numbers, broken text). */
  private encode(value: unknown, rng: Rng, spec: RouteSpec, broken: boolean): string | undefined {
    let text = JSON.stringify(value);
    if (text === undefined) return undefined;
    const r = rng.next();
    if (r < 0.04) return rng.pick(["{", "[1,", '{"a":}', "\u0000", "nul", text.slice(0, Math.floor(text.length / 2)) || "{"]);
    if (r < 0.08) {
      const big = text.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/i, rng.pick(["1e999", "-1e999", "1e-999", "123456789012345678901234567890"]));
      // Still refused when it must be: the parsed number may be the one thing that made it invalid.
      if (!broken || !parsesValid(spec, big)) text = big;
    }
    return text;
  }

  /** A path parameter: a real id mostly, or (broken) one that names nothing, in any encoding. */
  private param(name: string, rng: Rng, broken: boolean): string {
    const key = name === "id" ? "ticketId" : name;
    const real = this.ctx.byKey.get(key) ?? [];
    if (!broken && real.length) return enc(rng.pick(real));
    for (let attempt = 0; attempt < 20; attempt++) {
      const base = real.length && rng.chance(0.6) ? rng.pick(real) : "";
      const junk = rng.chance(0.5) ? hostileString(rng).slice(0, rng.chance(0.1) ? 9_000 : 300) : rng.pick(["../", "..%2f", "%00", "%", "%zz", "%ED%A0%80", "%C0%AF", "/..", ".", "..", "~", "%2e%2e", "\\..\\"]);
      const value = rng.chance(0.5) ? base + junk : junk + base;
      // Raw: "/", "%" and "." as they are; only what cannot be sent is escaped (and "?", "#").
      const raw = rng.chance(0.3);
      const encoded = raw ? value.replace(/[^\x21-\x7e]|[?#]/g, (c) => enc(c).replace(/%25/g, "%")) || "%20" : enc(value) || "%20";
      const pieces = encoded.split("/").map(tryDecode);
      if (pieces.every((p) => !this.isReal(p) && p !== "")) return encoded;
    }
    return "no-such-thing-%00";
  }

  private async sendRest(name: string, spec: RouteSpec, input: ReturnType<Hall["restRequest"]> & { waitMs?: number }, invalid: boolean): Promise<void> {
    const described = () => `${input.method} ${clip(input.path, 300)} as ${input.who}${input.body !== undefined ? ` body ${clip(input.body, 600)}` : ""}${Object.keys(input.headers).length ? ` headers ${show(input.headers)}` : ""}`;
    let res: { status: number; text: string };
    const sent = performance.now();
    try {
      res = await this.tracked(described, () => this.send(input.method, input.path, input));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // A body over the limit may be cut off mid-send once the server has answered 413.
      if ((err.code === "ECONNRESET" || err.code === "EPIPE") && (input.body?.length ?? 0) > 60_000) return this.rec.answer("http reset after a body over 64 kB");
      if (this.lostToStall(sent)) return;
      return this.serverError({ what: `rest:${name}: no answer (${err.code ?? err.message})`, input: described(), answer: "" });
    }
    this.rec.answer(`http ${Math.floor(res.status / 100)}xx`);
    if (res.status >= 500) return this.serverError({ what: `rest:${name}: HTTP ${res.status}`, input: described(), answer: clip(res.text, 800) });
    let json: unknown;
    try {
      json = res.text ? JSON.parse(res.text) : undefined;
    } catch {
      if (!spec.file || res.status >= 300) this.rec.offProtocol({ what: `rest:${name}: HTTP ${res.status} not JSON`, input: described(), answer: clip(res.text) });
      return;
    }
    this.harvest(json);
    if (res.status < 300 && spec.response && !spec.file && res.status !== 204) {
      const checked = spec.response.safeParse(json);
      if (!checked.success) this.rec.offProtocol({ what: `rest:${name}: answer off its schema: ${clip(checked.error.message, 300)}`, input: described(), answer: clip(res.text) });
    }
    if (res.status >= 200 && res.status < 300 && !invalid) {
      if (name === "createCenter") this.created++;
      if (name === "saveConfig") await this.restoreConfig();
      if (name === "saveProvinceCatalog") await this.restoreCatalog();
    }
  }

  // ------------------------------------------------------------ sockets

  async socketInput(rng: Rng, invalid: boolean): Promise<void> {
    const r = rng.next();
    if (r < 0.02 && invalid) return this.connectForged(rng);
    const c = rng.pick(COMMANDS);
    if (r < 0.07) return this.ackless(c.ns, rng.chance(0.7) ? c.name : oddEventName(c.name, rng), mutate(arbitrary(c.request, rng, this.ctx), rng));
    let payload: unknown;
    if (invalid) payload = this.valueFor(c.request, rng, true, (v) => v);
    else {
      payload = arbitrary(c.request, rng, this.ctx);
      if (rng.chance(0.25)) payload = mutate(payload, rng);
    }
    if (rng.chance(0.02)) {
      // Binary: a Buffer is an object to zod, and may pass a schema of optional fields alone.
      const buffer = Buffer.from(hostileString(rng));
      if (!invalid || !c.request.safeParse(buffer).success) payload = buffer;
    }
    await this.command(c, payload, rng, invalid);
  }

  /** A command with an ack: the answer must come, and must not be INTERNAL. */
  async command(c: (typeof COMMANDS)[number], payload: unknown, rng: Rng, invalid: boolean, target = `socket:${c.ns} ${c.name}`): Promise<void> {
    this.rec.target(target);
    const described = () => `${c.ns} ${c.name} ${show(payload)}`;
    // Over the server's 64 kB a message closes its connection (and whatever else was asked on it):
    // those go on a socket of their own, so that any other closing is the server's doing.
    const bytes = Buffer.isBuffer(payload) ? payload.length : Buffer.byteLength(JSON.stringify(payload) ?? "");
    const big = bytes > 60_000;
    const line = this.lines.get(big ? `${c.ns}+` : c.ns)!;
    const socket = await line.get();
    if (!socket) return void this.rec.answer("socket not connected");
    // Invalid: a payload the schema refuses (checked as the server will see it), and nothing else.
    if (invalid && c.request.safeParse(Buffer.isBuffer(payload) ? payload : (wire(payload) ?? {})).success) throw new Error(`an invalid payload is valid: ${described()}`);
    const shape = rng.next();
    let answer: unknown;
    // A socket the server closes meanwhile (a session a saved configuration ended) answers nothing.
    let closed: (reason: string) => void = () => {};
    const sent = performance.now();
    const dropped = new Promise<{ dropped: string }>((resolve) => socket.once("disconnect", (closed = (reason: string) => resolve({ dropped: reason }))));
    try {
      const timed = socket.timeout(10_000);
      answer = await this.tracked(described, () => Promise.race([
        shape < 0.05 && !invalid ? timed.emitWithAck(c.name) : shape < 0.1 ? timed.emitWithAck(c.name, payload, hostileString(rng).slice(0, 50)) : timed.emitWithAck(c.name, payload),
        dropped,
      ]));
    } catch (e) {
      if (!socket.connected && big) return void this.rec.answer("socket closed: a message over 64 kB");
      if (this.lostToStall(sent)) return;
      return this.serverError({ what: `${target}: no answer (${(e as Error).message})`, input: described(), answer: "" });
    } finally {
      socket.off("disconnect", closed);
    }
    if (isObj(answer) && "dropped" in answer) {
      if (big) return void this.rec.answer("socket closed: a message over 64 kB");
      // The server ends a socket whose session or key ended (a configuration saved): said, not dropped.
      if (answer.dropped === "io server disconnect") return void this.rec.answer(`socket ${c.ns} ended by the server while asking`);
      if (this.lostToStall(sent)) return;
      return this.serverError({ what: `${target}: the connection dropped (${String(answer.dropped)})`, input: described(), answer: "" });
    }
    if (!isObj(answer) || typeof answer.ok !== "boolean") return this.rec.offProtocol({ what: `${target}: not an ack`, input: described(), answer: show(answer) });
    this.rec.answer(answer.ok ? "ack ok" : "ack refused");
    if (!answer.ok && answer.code === "INTERNAL") return this.serverError({ what: `${target}: INTERNAL`, input: described(), answer: show(answer) });
    this.harvest(answer);
    if (answer.ok) {
      const checked = c.response.safeParse(answer.data);
      if (!checked.success) this.rec.offProtocol({ what: `${target}: answer off its schema: ${clip(checked.error.message, 300)}`, input: described(), answer: show(answer) });
    }
  }

  /** A command without an ack (the server says nothing, and closes the socket after three). */
  private async ackless(ns: string, name: string, payload: unknown): Promise<void> {
    this.rec.target(`socket:${ns} (no ack)`);
    const line = this.lines.get(`${ns}!`)!;
    const socket = await line.get();
    if (!socket) return void this.rec.answer("socket not connected");
    try {
      socket.emit(name, payload);
    } catch (e) {
      return void this.rec.answer(`client refused to emit (${(e as Error).message.slice(0, 40)})`);
    }
    this.rec.answer("sent without ack");
    if (++line.sent >= 2) line.drop();
  }

  /** Connecting with a forged credential, or to a namespace there is none of: refused, never let in. */
  private async connectForged(rng: Rng): Promise<void> {
    this.rec.target("socket:connect forged");
    const ns = rng.pick(Object.values(NAMESPACES));
    const path = rng.chance(0.8) ? ns.path : rng.pick(["/admin", "/../kiosk", "/kiosk/../counter", `/${hostileString(rng).slice(0, 40)}`]);
    const token = rng.pick([hostileString(rng).slice(0, 500), `${KIOSK}x`, "", "null", rng.pick(["__proto__", "constructor"])]);
    const s = io(this.server.url + path, { auth: rng.chance(0.8) ? { token } : { [rng.pick(["token", "__proto__"])]: { token } }, transports: ["websocket"], reconnection: false, forceNew: true, timeout: 10_000 });
    // A name with a lone surrogate reaches the server as U+FFFD (UTF-8 cannot carry it): the
    // server refuses that name, and the client, waiting on the name it sent, never hears it.
    const unsendable = /\p{Cs}/u.test(path);
    let wait: ReturnType<typeof setTimeout> | undefined;
    const outcome = await new Promise<string>((resolve) => {
      s.once("connect", () => resolve("connected"));
      s.once("connect_error", (e) => resolve(`refused: ${e.message}`));
      s.io.once("close", (reason) => resolve(`closed: ${reason}`));
      wait = setTimeout(() => resolve("no answer"), unsendable ? 1_000 : 15_000);
    });
    clearTimeout(wait);
    s.close();
    if (outcome === "no answer") {
      if (unsendable) return void this.rec.answer("forged connection to a name the wire cannot carry: unanswered");
      return this.serverError({ what: `socket: a connection to ${path} never answered`, input: `auth ${show(token)}`, answer: "" });
    }
    this.rec.answer(outcome === "connected" ? "forged connection let in" : "forged connection refused");
    if (outcome === "connected") this.serverError({ what: `socket: a forged credential let in to ${path}`, input: `auth ${show(token)}`, answer: outcome });
  }

  // ------------------------------------------------------------ QR

  async qrInput(rng: Rng, invalid: boolean, read: ReadScan | null): Promise<void> {
    const text = qrText(rng, this.ctx, [this.server.url, "http://192.168.1.10:3000", "https://dichvucong.gov.vn/tra-cuu?ma="]);
    let meaning: ({ kind: string } & Record<string, unknown>) | null = null;
    if (read) {
      this.rec.target("qr:readScan");
      const today = new Date(this.server.service.now());
      const problem = checkScan(read, text, today);
      if (problem) return this.rec.crash({ what: `readScan: ${problem}`, input: show(text), answer: "" });
      meaning = read(text, today);
    }
    // Then where the kiosk takes it: the server's paths for each kind of code.
    const kiosk = COMMANDS.filter((c) => c.ns === "kiosk");
    const cmd = (name: string) => kiosk.find((c) => c.name === name)!;
    const field = (k: string) => (meaning && typeof meaning[k] === "string" ? (meaning[k] as string) : text);
    const paths = ["scan", "dossier", "find", "get", "follow"];
    if (!invalid) paths.push("checkIn", "followSocket");
    const pathTaken = meaning ? ({ dossier: "dossier", ticket: "get", ticketNumber: "find", follow: invalid ? "follow" : "followSocket", bookingCode: invalid ? "scan" : "checkIn" } as Record<string, string>)[meaning.kind] ?? rng.pick(paths) : rng.pick(paths);
    this.rec.target(`qr:${pathTaken}`);
    const take = async (name: string, payload: Record<string, unknown>) => {
      const c = name === "scan:forward" ? COMMANDS.find((x) => x.ns === "station" && x.name === name)! : cmd(name);
      // The invalid phase sends what is refused or only read: a payload that would check in is left out.
      if (invalid && ["appointment:checkIn", "ticket:follow"].includes(name)) return;
      await this.command(c, payload, rng, false, `qr:${name}`);
    };
    switch (pathTaken) {
      case "scan":
        return take("scan:forward", { kioskId: rng.pick(this.ctx.byKey.get("kioskId") ?? ["kiosk"]), text });
      case "dossier":
        return take("dossier:lookup", { code: field("code") });
      case "find":
        return take("ticket:find", { number: field("number") });
      case "get":
        return take("ticket:get", { ticketId: field("ticketId") });
      case "checkIn":
        return take("appointment:checkIn", { code: field("code") });
      case "followSocket":
        return take("ticket:follow", { token: field("token") });
      default: {
        const token = enc(field("token").slice(0, 3_000)) || "x";
        if (invalid && this.isReal(tryDecode(token))) return;
        const res = await this.send("GET", `/api/follow/${token}`, { headers: { [CENTER_HEADER]: this.center } }).catch((e: Error) => ({ status: 0, text: e.message }));
        this.rec.answer(`http ${Math.floor(res.status / 100)}xx`);
        if (res.status >= 500 || res.status === 0) this.serverError({ what: `qr: GET /api/follow/:token: ${res.status}`, input: show(text), answer: clip(res.text) });
      }
    }
  }

  // ------------------------------------------------------------ configuration

  async configInput(rng: Rng, invalid: boolean): Promise<void> {
    const r = rng.next();
    if (r < 0.3) return this.putConfig(rng, invalid, "config:put");
    if (r < 0.5) return this.configFile(rng);
    this.rec.target("config:validate");
    const mutated = mutate(structuredClone(this.demo), rng);
    this.validate(mutated, show(mutated));
  }

  /** validateConfig on anything: never throws; what it accepts it accepts again. */
  private validate(input: unknown, described: string): void {
    try {
      const r = validateConfig(input);
      this.rec.answer(r.ok ? "config accepted" : "config refused");
      if (r.ok && !validateConfig(structuredClone(r.config)).ok) this.rec.crash({ what: "validateConfig: refuses what it accepted", input: described, answer: "" });
      if (!r.ok && typeof r.message !== "string") this.rec.crash({ what: "validateConfig: a refusal without a message", input: described, answer: show(r) });
    } catch (e) {
      this.rec.crash({ what: "validateConfig threw", input: described, answer: String((e as Error).stack) });
    }
  }

  /** A configuration file as read from disk: the demo's, its text damaged. */
  private configFile(rng: Rng): void {
    this.rec.target("config:file");
    let text = JSON.stringify(this.demo, null, rng.chance(0.5) ? 2 : 0);
    const at = rng.int(text.length);
    switch (rng.int(6)) {
      case 0:
        text = text.slice(0, at);
        break;
      case 1:
        text = text.slice(0, at) + rng.pick(["\u0000", "}", "]", ",", '"', "\ufffd"]) + text.slice(at + 1);
        break;
      case 2:
        text = `\ufeff${text}`;
        break;
      case 3:
        text = text.replace("{", `{"__proto__":{"mode":"production","polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},`);
        break;
      case 4:
        text = text.replace('"mode":', `"mode":${JSON.stringify(hostileString(rng).slice(0, 1_000))},"mode":`);
        break;
      default:
        text = text.replace(/\d+/g, (d) => (rng.chance(0.05) ? rng.pick(["1e999", "-1", "0.5", "99999999999999999999"]) : d));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return void this.rec.answer("config file not JSON");
    }
    this.validate(parsed, clip(text, 300));
  }

  /**
   * PUT /api/admin/config with a mutated copy of what GET gave. Invalid phase: only what the
   * server must refuse (its secrets merged back and validateConfig run as it will); valid phase:
   * anything, and a saved one is put back at once.
   */
  private async putConfig(rng: Rng, invalid: boolean, target: string): Promise<void> {
    await this.restoring;
    const body = mutate(structuredClone(this.adminBody), rng);
    if (invalid && !this.mustRefuse(body)) {
      this.rec.target("config:validate");
      return this.validate(body, show(body));
    }
    this.rec.target(target);
    this.rec.target("rest:saveConfig");
    const spec = restRoutes.saveConfig;
    const text = JSON.stringify(body);
    await this.sendRest("saveConfig", spec, { method: "PUT", path: "/api/admin/config", headers: {}, token: this.tokens.get("admin"), body: text, who: "admin" }, invalid);
  }

  private mustRefuse(body: unknown): boolean {
    const b = wire(body);
    if (!isObj(b)) return true;
    if (typeof b.version === "string" && b.version !== this.adminBody.version) return true;
    const old = this.fullConfig;
    const merged: Record<string, unknown> = { ...b };
    for (const [list, hash, fresh] of [
      ["staff", "passwordHash", "password"],
      ["devices", "keyHash", "newKey"],
    ] as const) {
      const items = b[list];
      if (!Array.isArray(items)) continue;
      const out: unknown[] = [];
      for (const raw of items) {
        if (!isObj(raw)) {
          out.push(raw);
          continue;
        }
        const { [hash]: _dropped, ...item } = raw;
        if (fresh in item) return false; // a new password or key: leave it to the server (not sent invalid)
        const kept = (old[list] as { id: string }[]).find((o) => o.id === item.id) as Record<string, unknown> | undefined;
        if (!kept) return true;
        out.push({ ...item, [hash]: kept[hash] });
      }
      merged[list] = out;
    }
    return !validateConfig(merged).ok;
  }

  /** Puts the configuration saved by a valid input back, and logs in again whoever it logged out. */
  private restoreConfig(): Promise<void> {
    return (this.restoring = this.restoring.then(async () => {
      const r = await this.server.service.updateConfig(structuredClone(this.fullConfig));
      if (!r.ok) this.notes.push(`could not put the configuration back: ${r.message}`);
      this.adminBody = JSON.parse((await this.send("GET", "/api/admin/config", { token: this.tokens.get("admin") })).text);
      await this.relogin();
    }));
  }

  private restoreCatalog(): Promise<void> {
    return (this.restoring = this.restoring.then(async () => {
      const r = await this.send("PUT", "/api/province/catalog", { token: this.tokens.get("province"), body: JSON.stringify(this.catalog) });
      if (r.status !== 200) this.notes.push(`could not put the catalog back: ${r.status} ${clip(r.text)}`);
    }));
  }

  private async relogin(): Promise<void> {
    for (const [role, username, password] of [
      ["staff", "canbo1", "demo"],
      ["supervisor", "giamsat", "demo"],
      ["admin", "admin", "admin"],
    ] as const) {
      const alive = await this.send("GET", "/api/display/snapshot", { token: this.tokens.get(role) });
      if (alive.status !== 401) continue;
      const r = await this.send("POST", "/api/session", { body: JSON.stringify({ username, password, center: this.center }) });
      if (r.status === 200) this.tokens.set(role, JSON.parse(r.text).token);
      else this.notes.push(`could not log ${username} in again: ${r.status}`);
    }
  }

  // ------------------------------------------------------------ the hall's state

  /** What must not change over the invalid phase, per center. */
  snapshot(): Record<string, string> {
    const out: Record<string, string> = {};
    const all = this.server.deployment.all();
    out.centers = all.map((a) => a.center).join(",");
    out.catalog = JSON.stringify(all[0]!.provinceCatalog());
    for (const a of all) {
      const s = a.service.state;
      out[`${a.center}.day`] = s.day;
      out[`${a.center}.version`] = String(s.version);
      out[`${a.center}.tickets`] = JSON.stringify(s.order.map((id) => [id, s.tickets[id]!.status]));
      out[`${a.center}.counters`] = JSON.stringify(s.counters);
      out[`${a.center}.ratings`] = String(s.ratings.length);
      out[`${a.center}.reservations`] = JSON.stringify(s.reservations ?? {});
      out[`${a.center}.expected`] = JSON.stringify(s.expected ?? {});
      out[`${a.center}.config`] = JSON.stringify(a.service.config);
    }
    return out;
  }

  /** No number given twice; the journal on disk replays to the state the server holds. */
  async invariants(): Promise<string[]> {
    const broken: string[] = [];
    for (const a of this.server.deployment.all()) {
      const s = a.service.state;
      const seen = new Map<string, string>();
      for (const t of Object.values(s.tickets)) {
        const other = seen.get(t.number);
        if (other) broken.push(`${a.center}: number ${t.number} given to ${other} and ${t.id}`);
        seen.set(t.number, t.id);
      }
      const dir = a.center === this.center ? this.server.dataDir : join(this.server.dataDir, "centers", a.center);
      let onDisk;
      try {
        onDisk = await storedDay(dir, s.day);
      } catch (e) {
        broken.push(`${a.center}: the day on disk does not replay: ${(e as Error).message}`);
        continue;
      }
      if (!onDisk) {
        if (s.order.length) broken.push(`${a.center}: ${s.order.length} tickets held, none on disk`);
        continue;
      }
      for (const k of ["order", "tickets", "counters", "seq", "ratings", "version"] as const) {
        if (!isDeepStrictEqual(onDisk[k], s[k])) broken.push(`${a.center}: ${k} replayed from disk differs from the server's (${clip(show(onDisk[k]), 200)} vs ${clip(show(s[k]), 200)})`);
      }
    }
    return broken;
  }

  closeSockets(): void {
    for (const l of this.lines.values()) l.drop();
    this.agent.destroy();
  }
}

/** One namespace's socket, opened as its principal when first needed and again after it closed. */
class SocketLine {
  private socket: Socket | null = null;
  private opening: Promise<Socket | null> | null = null;
  sent = 0;
  constructor(
    private readonly h: { server: TestServer; tokenOf(role: Role | "follow"): string | undefined },
    private readonly path: string,
    private readonly role: Role | "follow",
  ) {}

  get(): Promise<Socket | null> {
    if (this.socket?.connected) return Promise.resolve(this.socket);
    return (this.opening ??= new Promise<Socket | null>((resolve) => {
      const s = io(this.h.server.url + this.path, { auth: { token: this.h.tokenOf(this.role) }, transports: ["websocket"], reconnection: false, forceNew: true });
      s.once("connect", () => resolve((this.socket = s)));
      s.once("connect_error", () => {
        s.close();
        resolve(null);
      });
      s.io.once("close", () => resolve(null));
    }).finally(() => {
      this.opening = null;
      this.sent = 0;
    }));
  }

  drop(): void {
    this.socket?.close();
    this.socket = null;
  }
}

/**
 * What is wrong with readScan's reading of `text`, or null: it must not throw, must say what the
 * code is, and must never keep a chip ID card's ID number nor show a name it should not.
 */
export function checkScan(read: ReadScan, text: string, today: Date): string | null {
  let meaning: ({ kind: string } & Record<string, unknown>) | null;
  try {
    meaning = read(text, today);
  } catch (e) {
    return `threw ${String((e as Error).stack ?? e)}`;
  }
  if (!meaning || !SCAN_KINDS.has(meaning.kind)) return `no meaning: ${show(meaning)}`;
  const id = /^\s*(\d{12})\|/.exec(text)?.[1];
  if (meaning.kind === "citizenId" && id && JSON.stringify(meaning).includes(id)) return `kept the ID number: ${show(meaning)}`;
  if (meaning.kind === "citizenId" && meaning.name !== null && (typeof meaning.name !== "string" || meaning.name.length > 80 || /[<>]/.test(meaning.name))) {
    return `a name it should not show: ${show(meaning)}`;
  }
  return null;
}

/** Whether the body text, as the server parses it, passes the route's schema. */
function parsesValid(spec: RouteSpec, text: string): boolean {
  try {
    const v = JSON.parse(text);
    return typeof v === "object" && v !== null && spec.body!.safeParse(v).success;
  } catch {
    return false;
  }
}

/** A flat object as a query string (arrays as repeated keys, like a form). */
function toQuery(v: unknown): string {
  if (!isObj(v)) return enc(show(v));
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    for (const one of Array.isArray(x) ? x : [x]) parts.push(`${enc(k)}=${enc(typeof one === "string" ? one : (JSON.stringify(one) ?? ""))}`);
  }
  return parts.join("&");
}

function tryDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** An event name a client should not send: a command's with something more, a prototype's. */
function oddEventName(name: string, rng: Rng): string {
  const odd = rng.pick([`${name}\u0000`, `${name} `, name.toUpperCase(), "__proto__", "constructor", "hasOwnProperty", "toString", hostileString(rng).slice(0, 100), ""]);
  return RESERVED.has(odd) ? `${odd}!` : odd;
}

/** kiosk-ui's readScan, where the package exports it. */
async function loadReadScan(): Promise<ReadScan | null> {
  const spec = "@motcua/kiosk-ui/read-scan";
  try {
    const m = (await import(spec)) as { readScan?: ReadScan };
    return typeof m.readScan === "function" ? m.readScan : null;
  } catch {
    return null;
  }
}

/** The figures, and what went wrong with the inputs that did it. */
export function formatReport(r: FuzzReport): string {
  const rows = (m: Record<string, number>) =>
    Object.entries(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
  const lines = [
    `fuzz: ${r.inputs} inputs (seed ${r.seed}) in ${r.seconds} s — ${rows(r.kinds)}`,
    `  routes and commands reached: ${Object.keys(r.targets).filter((k) => /^(rest|socket):[a-z]/i.test(k) && !k.includes("(no ack)") && !k.includes("forged")).length} (${ROUTES.length} routes, ${COMMANDS.length} commands)`,
    `  answers: ${rows(r.answers)}`,
    `  server errors ${r.serverErrors.length}, crashes ${r.crashes.length}, state changes over the invalid phase ${r.stateChanges.length}, invariants broken ${r.invariants.length}, answers off the protocol ${r.offProtocol.length}`,
    `  heap ${r.heap.startMB} MB at start, ${r.heap.afterInvalidMB} MB after the invalid phase, ${r.heap.endMB} MB at end${r.heap.gc ? " (after gc)" : " (no gc available)"}`,
    `  this process held up: ${r.stalls.count} times over a second, the longest ${r.stalls.longestSeconds} s`,
    `  readScan: ${r.readScan ? "fuzzed" : "not loaded"}`,
  ];
  for (const n of r.notes) lines.push(`  note: ${n}`);
  const findings = (title: string, fs: Finding[]) => {
    for (const f of fs.slice(0, 15)) {
      lines.push(`  ${title}: ${f.what}${f.input ? `\n    input: ${f.input}` : ""}${f.answer ? `\n    answer: ${f.answer}` : ""}${f.hall ? `\n    configuration then: ${f.hall.configuration}` : ""}`);
    }
    if (fs.length > 15) lines.push(`  … and ${fs.length - 15} more`);
  };
  findings("SERVER ERROR", r.serverErrors);
  findings("CRASH", r.crashes);
  findings("OFF PROTOCOL", r.offProtocol);
  for (const s of r.stateChanges.slice(0, 15)) lines.push(`  STATE CHANGED: ${s}`);
  for (const s of r.invariants.slice(0, 15)) lines.push(`  INVARIANT: ${s}`);
  lines.push(r.failures.length ? `FAILED: ${r.failures.join("; ")}` : "passed: 0 server errors, 0 crashes, the hall unchanged by invalid inputs");
  return lines.join("\n");
}
