/**
 * Crash safety: the real server runs as a child process, kiosks issue tickets under load, and
 * the process is killed with SIGKILL at a random moment, several times over the same data dir.
 * Only tickets whose POST was answered 201 count; requests in flight at the kill may be lost.
 *
 * After every kill and restart:
 *  (a) every acknowledged ticket is still there (GET /api/tickets/:id, and the day rebuilt from
 *      its snapshot and journal on disk alone),
 *  (b) no number was handed out twice, and the next numbers continue above the highest
 *      acknowledged one,
 *  (c) every day on disk reads back (a torn journal line from the kill is dropped, never fatal).
 *
 * SIGKILL ends the process, not the machine: this proves writes are atomic and acknowledged
 * only once written; it cannot prove the fsyncs that guard against power loss.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { DayState } from "@motcua/engine";
import { LowdbStore } from "@motcua/queue-server";
import { freePort } from "../helpers/harness.ts";
import { storedDay } from "../helpers/stored-day.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const KIOSK = "kiosk-demo-key";
const ROUNDS = 8;
/** Per-round cap on requests, so a fast machine stays far inside each service's 999 numbers a day. */
const ROUND_CAP = 500;
const CLIENTS = 12;
/** Spread over several services; each has numbers 1–999 a day, far more than the test issues. */
const SERVICES = ["khai-sinh", "ket-hon", "chung-thuc-ban-sao", "tra-ket-qua", "dang-ky-dat-dai", "ly-lich-tu-phap"];

interface Acked {
  id: string;
  day: string;
  number: string;
  serviceId: string;
  issuedAt: string;
  round: number;
}

interface Child {
  proc: ChildProcess;
  url: string;
  exited: Promise<void>;
  output: () => string;
}

let current: Child | null = null;
let dataDir: string | null = null;

afterAll(async () => {
  if (current && current.proc.exitCode === null && current.proc.signalCode === null) {
    current.proc.kill("SIGKILL");
    await current.exited;
  }
  current = null;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startChild(dir: string): Promise<Child> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    // Without the demo's in-process printer station: it is paper, not storage, and it doubles the
    // start-up (the ticket renderer's fonts and canvas) that nine restarts pay for.
    ["--import", "tsx", "queue-server/src/main.ts", "--port", String(port), "--data-dir", dir, "--issue-rate", "1000000", "--command-rate", "1000000", "--host", "127.0.0.1", "--no-station"],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-4000);
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const child: Child = { proc, url: `http://127.0.0.1:${port}`, exited, output: () => out };
  current = child;

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`server exited during startup (${proc.exitCode ?? proc.signalCode}):\n${out}`);
    }
    try {
      const res = await fetch(`${child.url}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not healthy within 20 s:\n${out}`);
    await sleep(50);
  }
}

async function killHard(child: Child): Promise<void> {
  child.proc.kill("SIGKILL");
  await child.exited;
  expect(child.proc.signalCode).toBe("SIGKILL");
}

async function issue(url: string, serviceId: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/tickets`, {
    method: "POST",
    headers: { authorization: `Bearer ${KIOSK}`, "content-type": "application/json" },
    body: JSON.stringify({ serviceId }),
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const seqOf = (number: string): number => Number(number.replace(/^\D+/, ""));

/** Runs a task over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) await task(items[i++]!);
    }),
  );
}

describe("crash safety under SIGKILL", () => {
  it(`keeps every acknowledged ticket and never repeats a number across ${ROUNDS} kills`, { timeout: 60_000 }, async () => {
    const started = Date.now();
    dataDir = await mkdtemp(join(tmpdir(), "motcua-crash-"));
    const acked: Acked[] = [];
    /** day|serviceId → seq → ticket id: a second id for one seq is a number given twice. */
    const numbers = new Map<string, Map<number, string>>();
    /** Numbers given twice (or answers that are not the ticket asked for). */
    const duplicates: string[] = [];
    const ids = new Set<string>();

    const record = (t: any, requested: string, round: number) => {
      if (t?.serviceId !== requested || t.id !== `${t.day}-${t.number}`) duplicates.push(`round ${round}: odd ticket for ${requested}: ${JSON.stringify(t)}`);
      const key = `${t.day}|${t.serviceId}`;
      const seen = numbers.get(key) ?? new Map<number, string>();
      numbers.set(key, seen);
      const seq = seqOf(t.number);
      const before = seen.get(seq);
      if (before !== undefined || ids.has(t.id)) duplicates.push(`${t.number} (${t.serviceId}, ${t.day}) given to ${before ?? t.id} and again in round ${round}`);
      seen.set(seq, t.id);
      ids.add(t.id);
      acked.push({ id: t.id, day: t.day, number: t.number, serviceId: t.serviceId, issuedAt: t.issuedAt, round });
    };

    const highest = (day: string, serviceId: string): number => Math.max(0, ...(numbers.get(`${day}|${serviceId}`)?.keys() ?? []));

    /** (c) every day's snapshot and journal read back; (a) every acknowledged ticket is in its day, same number. */
    const checkFiles = async (round: number) => {
      const names = await readdir(join(dataDir!, "days"));
      const days = new Map<string, any>();
      for (const day of await new LowdbStore(dataDir!).listDays()) {
        let state: DayState | null;
        try {
          state = await storedDay(dataDir!, day);
        } catch (e) {
          throw new Error(`round ${round}: day ${day} cannot be rebuilt after the kill (${(e as Error).message})`);
        }
        expect(state?.day).toBe(day);
        days.set(day, state);
      }
      const missing: string[] = [];
      for (const a of acked) {
        const state = days.get(a.day);
        const t = state?.tickets?.[a.id];
        if (!t || t.number !== a.number || t.serviceId !== a.serviceId || new Date(t.issuedAt).toISOString() !== a.issuedAt) {
          missing.push(`${a.id} (round ${a.round})`);
          continue;
        }
        if (!state.order.includes(a.id)) missing.push(`${a.id} not in order (round ${a.round})`);
      }
      expect(missing, `acknowledged tickets lost from the day file after kill ${round}`).toEqual([]);
      for (const [key, seen] of numbers) {
        const [day, serviceId] = key.split("|") as [string, string];
        const state = days.get(day);
        if (state) expect(state.seq[serviceId], `seq of ${serviceId} in ${day}.json`).toBeGreaterThanOrEqual(Math.max(...seen.keys()));
      }
      return names.filter((n) => n.endsWith(".tmp")).length;
    };

    /** (a) over HTTP after the restart: every acknowledged ticket of today, same number. */
    const checkApi = async (child: Child, today: string, round: number) => {
      const lost: string[] = [];
      await pool(
        acked.filter((a) => a.day === today),
        16,
        async (a) => {
          const res = await fetch(`${child.url}/api/tickets/${a.id}`, { headers: { authorization: `Bearer ${KIOSK}` }, signal: AbortSignal.timeout(5000) });
          const body = (await res.json()) as any;
          if (res.status !== 200 || body.number !== a.number || body.serviceId !== a.serviceId || body.issuedAt !== a.issuedAt) {
            lost.push(`${a.id} (round ${a.round}): ${res.status} ${JSON.stringify(body).slice(0, 120)}`);
          }
        },
      );
      expect(lost, `acknowledged tickets missing over HTTP after restart ${round}`).toEqual([]);
    };

    /** (b) the first numbers after a restart continue above every acknowledged one. */
    const checkContinuation = async (child: Child, round: number): Promise<string> => {
      let today = "";
      for (const serviceId of SERVICES) {
        const r = await issue(child.url, serviceId);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        const top = highest(r.body.day, serviceId);
        expect(seqOf(r.body.number), `${serviceId} after restart ${round}: ${r.body.number} vs highest acknowledged ${top}`).toBeGreaterThan(top);
        record(r.body, serviceId, round);
        today = r.body.day;
      }
      return today;
    };

    let child = await startChild(dataDir);
    // The server runs on the machine's clock (03:30 in this run): its kiosks issue at any hour.
    await issueAtAnyHour(child.url);
    let leftoverTmp = 0;
    const perRound: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      let stop = false;
      let inRound = 0;
      let sent = 0;
      const unexpected: string[] = [];
      const url = child.url;
      const clients = Array.from({ length: CLIENTS }, async (_, c) => {
        let k = c;
        while (!stop && sent < ROUND_CAP) {
          sent++;
          const serviceId = SERVICES[k++ % SERVICES.length]!;
          try {
            const r = await issue(url, serviceId);
            if (r.status === 201) {
              record(r.body, serviceId, round);
              inRound++;
            } else if (!stop) unexpected.push(`${r.status} ${JSON.stringify(r.body)}`);
          } catch (e) {
            // Requests cut by the kill fail; before it, nothing should.
            if (!stop) unexpected.push(String(e));
          }
        }
      });

      // Kill at a random moment once the load is flowing (at least a few acknowledged),
      // or as the round's last requests are in flight.
      const delay = 100 + Math.random() * 1100;
      const t0 = Date.now();
      while ((Date.now() - t0 < delay || (inRound < 5 && Date.now() - t0 < 10_000)) && sent < ROUND_CAP) await sleep(2);
      stop = true;
      await killHard(child);
      await Promise.all(clients);
      expect(unexpected, `failures before kill ${round}`).toEqual([]);
      perRound.push(inRound);

      leftoverTmp = await checkFiles(round);

      child = await startChild(dataDir);
      const today = await checkContinuation(child, round);
      await checkApi(child, today, round);
    }

    // A last look at the files with the server (still running on the same dir) in place.
    await checkFiles(ROUNDS + 1);
    expect(duplicates, "numbers given twice").toEqual([]);
    expect(acked.length).toBeGreaterThan(ROUNDS * 5);

    console.log(
      `crash test: ${ROUNDS} SIGKILL rounds, ${acked.length} acknowledged tickets ` +
        `(per round under load: ${perRound.join(", ")}; plus ${ROUNDS * SERVICES.length} continuation checks), ` +
        `all present after restart, no number repeated; ${leftoverTmp} leftover temp file(s); ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
