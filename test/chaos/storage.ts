/**
 * The hall's disk fails under it: full, then read-only, then read-only when the server starts.
 * The data folder is an ext4 filesystem of its own, on a file through a loop device, mounted
 * `errors=remount-ro` as a hall's disk is: the failures are the kernel's own (short writes and
 * ENOSPC; EROFS after ext4 meets an error, triggered here through its sysfs knob). Mounting needs
 * root and e2fsprogs, which CI has.
 *
 * What must hold (`violations` lists what did not):
 *  - while the disk refuses, every tap is either a ticket that is on disk or a clear 503
 *    STORE_FAILED, and a login says STORE_FAILED, not a bare 500;
 *  - /api/health says the store fails; the board stays up with the last picture;
 *  - once there is room again, service resumes without a restart; after the operator's repair
 *    (fsck, mount, start) every acknowledged ticket is there, each number once.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Health, Ticket } from "@motcua/protocol";
import { Link } from "@motcua/protocol/client";
import { createBoardStore } from "@motcua/display-board/store";
import { feedBoard } from "@motcua/display-board/feed";
import type { TicketRecord } from "@motcua/engine";
import { LowdbStore } from "@motcua/queue-server";
import { smallDisk } from "../helpers/small-disk.ts";
import { daysFrom } from "../helpers/stored-day.ts";
import { clockAcrossRestarts, instanceOnFreePort, KIOSK, kill, SERVICES, start } from "./instances.ts";


export interface StorageReport {
  /** Per fault: taps acknowledged and stored, taps refused with STORE_FAILED. */
  diskFull: { stored: number; refused: number; resumedMs: number };
  readOnly: { stored: number; refused: number; resumedMs: number };
  readOnlyAtStart: { started: boolean; refused: number; resumedMs: number };
  acknowledged: number;
  violations: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runStorageFaults(log: (line: string) => void = () => undefined): Promise<StorageReport> {
  const violations: string[] = [];
  const base = await mkdtemp(join(tmpdir(), "motcua-disk-"));
  const disk = await smallDisk(base).catch(async (e: Error) => {
    await rm(base, { recursive: true, force: true });
    throw e;
  });
  const dir = disk.dir;
  const server = await instanceOnFreePort("hall");
  const clockEnv = clockAcrossRestarts();
  const acked = new Map<string, string>();
  let taps = 0;

  /** One tap at the kiosk: "stored", "refused" (STORE_FAILED), or a violation. */
  const tap = async (): Promise<"stored" | "refused" | "other"> => {
    const res = await fetch(`${server.url}/api/tickets`, {
      method: "POST",
      headers: { authorization: `Bearer ${KIOSK}`, "content-type": "application/json" },
      body: JSON.stringify({ serviceId: SERVICES[taps % SERVICES.length], requestKey: `storage-drill-${taps++}` }),
      signal: AbortSignal.timeout(5000),
    }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as (Ticket & { code?: string }) | null;
    if (res?.status === 201 && body) {
      acked.set(body.id, body.number);
      return "stored";
    }
    if (res?.status === 503 && body?.code === "STORE_FAILED") return "refused";
    violations.push(`a tap answered ${res?.status ?? "nothing"} ${JSON.stringify(body)}`);
    return "other";
  };
  const storeCheck = async () => {
    const h = (await (await fetch(`${server.url}/api/health`)).json()) as Health;
    return h.checks.find((c) => c.name === "store")!;
  };
  /** Taps until one is stored again: how long service took to come back by itself. */
  const resumes = async (what: string): Promise<number> => {
    const from = performance.now();
    while (performance.now() - from < 10_000) {
      if ((await tap()) === "stored") return Math.round(performance.now() - from);
      await sleep(100);
    }
    violations.push(`${what}: no ticket stored within 10 s of the disk coming back`);
    return -1;
  };
  /** A burst of taps and a login while the disk refuses. */
  const underFault = async (what: string) => {
    let stored = 0;
    let refused = 0;
    for (let n = 0; n < 40; n++) {
      const r = await tap();
      if (r === "stored") stored++;
      if (r === "refused") refused++;
    }
    if (refused === 0) violations.push(`${what}: no tap was refused; the drill did not make the disk fail`);
    const check = await storeCheck();
    if (check.status !== "fail") violations.push(`${what}: /api/health says the store is ${check.status}: ${check.detail}`);
    const login = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "canbo2", password: "demo" }) });
    const answer = (await login.json()) as { code?: string };
    if (login.status !== 503 || answer.code !== "STORE_FAILED") violations.push(`${what}: a login answered ${login.status} ${answer.code}, not 503 STORE_FAILED`);
    log(`${what}: ${stored} stored, ${refused} refused; health: ${check.detail}`);
    return { stored, refused };
  };

  const board = createBoardStore({ fields: [], counters: [], counter: null });
  let link: Link<"display"> | null = null;
  try {
    await start(server, dir, clockEnv());
    link = new Link("display", { url: server.url, token: "display-demo-key", timeoutMs: 3000 });
    feedBoard(board, link);
    for (let n = 0; n < 5; n++) await tap();

    // 1. Full: a file takes every byte left, the way a log or a download would.
    const freeAgain = disk.fill();
    const full = await underFault("disk full");
    if (board.link.value !== "live" || !board.snapshot.value) violations.push(`disk full: the board is ${board.link.value}`);
    freeAgain();
    const fullResumed = await resumes("disk full");

    // 2. ext4 meets an error under the running server and turns the disk read-only.
    disk.fail();
    const ro = await underFault("read-only");
    if (board.link.value !== "live") violations.push(`read-only: the board is ${board.link.value}`);
    await kill(server);
    disk.repair();
    await start(server, dir, clockEnv());
    const roResumed = await resumes("read-only, after the repair");

    // 3. Read-only when the server starts (the disk came back so after a crash): it starts,
    // serves what it has and refuses writes; once the disk is writable, it takes them again.
    await kill(server);
    disk.readOnly(true);
    let started = true;
    await start(server, dir, clockEnv()).catch((e: Error) => {
      started = false;
      violations.push(`read-only at start: ${e.message.slice(0, 300)}`);
    });
    const atStart = { refused: 0, resumedMs: -1 };
    if (started) {
      // Back by itself, without a reload (the hall drill times it; here a busy machine may be slow).
      for (const deadline = Date.now() + 15_000; board.link.value !== "live" && Date.now() < deadline; ) await sleep(50);
      if (board.link.value !== "live") violations.push(`read-only at start: the board is ${board.link.value} 15 s after the start`);
      atStart.refused = (await underFault("read-only at start")).refused;
    }
    disk.readOnly(false);
    if (started) atStart.resumedMs = await resumes("read-only at start");

    // Everything acknowledged is on disk, each number once.
    if (server.proc) await kill(server);
    const store = new LowdbStore(dir);
    try {
      const days = await daysFrom(store);
      const tickets: Record<string, TicketRecord> = Object.assign({}, ...days.map((d) => d.tickets));
      for (const [id, number] of acked) if (tickets[id]?.number !== number) violations.push(`acknowledged ticket ${number} (${id}) is not on disk`);
      const numbers = days.flatMap((d) => Object.values(d.tickets).map((t) => `${d.day}|${t.serviceId}:${t.number}`));
      if (new Set(numbers).size !== numbers.length) violations.push("a number was given twice");
    } finally {
      await store.close();
    }
    return {
      diskFull: { ...full, resumedMs: fullResumed },
      readOnly: { ...ro, resumedMs: roResumed },
      readOnlyAtStart: { started, ...atStart },
      acknowledged: acked.size,
      violations,
    };
  } finally {
    link?.close();
    if (server.proc) await kill(server);
    disk.unmount();
    await rm(base, { recursive: true, force: true });
  }
}
