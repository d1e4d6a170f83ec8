import type { LogFileStatus } from "../log.ts";
import { statfs } from "node:fs/promises";
import { serviceDayOf } from "@motcua/engine";
import type { Health } from "@motcua/protocol";
import type { Deployment } from "./deployment.ts";

type Check = Health["checks"][number];

/** Free space below which the server warns, and below which it says it cannot go on safely. */
const DISK_WARN_BYTES = 1024 ** 3;
const DISK_FAIL_BYTES = 100 * 1024 ** 2;

/**
 * What is wrong, for a monitor and an operator: the store (a write refused since the last good
 * one, or not reachable now), the disk's free space, each center's service day, printers
 * reporting trouble, follow links a phone outside the hall could not open, and the log file
 * when there is one.
 */
export async function checkHealth(deployment: Deployment, opts: { dataDir: string; publicUrl: string; log?: LogState | undefined }): Promise<Health> {
  const checks: Check[] = [await storeCheck(deployment), await diskCheck(opts.dataDir), dayCheck(deployment), printerCheck(deployment), publicUrlCheck(opts.publicUrl)];
  if (opts.log) checks.push(logCheck(opts.log));
  const status = checks.some((c) => c.status === "fail") ? "fail" : checks.some((c) => c.status === "warn") ? "warn" : "ok";
  return { ok: status !== "fail", status, checks };
}

async function storeCheck(d: Deployment): Promise<Check> {
  const failing = d.all().filter((h) => h.service.storeFailedAt !== null);
  if (failing.length) {
    const since = new Date(Math.min(...failing.map((h) => h.service.storeFailedAt!))).toISOString();
    return { name: "store", status: "fail", detail: `writes refused since ${since} (${failing.map((h) => h.center).join(", ")}): check the disk or the database` };
  }
  try {
    await d.stores.ping();
    return { name: "store", status: "ok", detail: d.shared ? "the database answers" : "the data folder is writable" };
  } catch (e) {
    return { name: "store", status: "fail", detail: `not reachable: ${(e as Error).message}` };
  }
}

async function diskCheck(dir: string): Promise<Check> {
  try {
    const s = await statfs(dir);
    const free = s.bavail * s.bsize;
    const shown = `${(free / 1024 ** 3).toFixed(1)} GB free where the data folder is`;
    if (free < DISK_FAIL_BYTES) return { name: "disk", status: "fail", detail: `${shown}: free space now, or writes will fail` };
    return { name: "disk", status: free < DISK_WARN_BYTES ? "warn" : "ok", detail: shown };
  } catch {
    return { name: "disk", status: "warn", detail: `cannot read the free space of ${dir}` };
  }
}

function dayCheck(d: Deployment): Check {
  const now = d.now();
  const behind = d.all().filter((h) => h.service.state.day !== serviceDayOf(now, h.service.config.center.dayResetTime));
  return behind.length
    ? { name: "day", status: "warn", detail: `the service day has not turned yet for ${behind.map((h) => h.center).join(", ")}` }
    : { name: "day", status: "ok", detail: "every center is on today" };
}

function printerCheck(d: Deployment): Check {
  const trouble = d.all().flatMap((h) => h.prints.reports().filter((r) => !r.ok).map((r) => `${h.center}/${r.stationId}`));
  return trouble.length
    ? { name: "printers", status: "warn", detail: `printers reporting trouble: ${trouble.join(", ")}` }
    : { name: "printers", status: "ok", detail: "no printer reports trouble" };
}

/** A ticket's QR and the booking pages point here: a phone on mobile data cannot open a private address. */
function publicUrlCheck(url: string): Check {
  if (!reachableByPhones(url)) {
    return { name: "publicUrl", status: "warn", detail: `follow links point to ${url}, which a phone outside the hall's network cannot open: set --public-url to an address phones reach` };
  }
  return { name: "publicUrl", status: "ok", detail: `follow links point to ${url}` };
}

/** Whether a phone on mobile data can open this address (one outside private and local ranges). */
export function reachableByPhones(url: string): boolean {
  try {
    return !isPrivate(new URL(url).hostname.replace(/^\[|\]$/g, ""));
  } catch {
    return false;
  }
}

/** Loopback, private and link-local addresses, and names only a local network knows. */
export function isPrivate(host: string): boolean {
  if (host === "localhost" || host.endsWith(".local") || host.endsWith(".lan") || !host.includes(".") && !host.includes(":")) return true;
  const v4 = host.match(/^(\d+)\.(\d+)\.\d+\.\d+$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = host.toLowerCase();
  return v6 === "::1" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe80");
}

/** Where the log writes and how it fares (log.ts `logStatus`). */
export type LogState = LogFileStatus & { where: "file" | "stdout"; capped: number };

/**
 * A log that cannot be written loses lines, not service: a warning, never a failure. Lines the
 * caps dropped (too many of one kind: a client misusing the server) are said too.
 */
function logCheck(s: LogState): Check {
  const what = s.where === "file" ? "the log file" : "standard output (the journal)";
  const capped = s.capped ? `; ${s.capped} lines dropped as too many of one kind (see "log lines dropped" in the log)` : "";
  return s.ok
    ? { name: "log", status: "ok", detail: `${what} is written${s.dropped ? `; ${s.dropped} lines were lost earlier` : ""}${capped}` }
    : { name: "log", status: "warn", detail: `${what} cannot be written (${s.error ?? "?"}): ${s.dropped} lines dropped so far; check its disk${capped}` };
}
