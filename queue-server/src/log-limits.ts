import { writeSync } from "node:fs";
import type { LogFileStatus } from "./log-file.ts";

/*
 * What keeps the log from ever stopping the server. Anything a client can make the server say
 * (a warning per misused socket, a line per command) is something an attacker can make it say a
 * million times: lines of one kind are capped, per client and in all, and the rest counted. And a
 * full or failing destination loses lines, never the server: a failed write is dropped, counted,
 * and shown in /api/health.
 */

/** Lines of one kind (one message) from one client, at most, in a window. */
export const PER_CLIENT = 30;
/** Lines of one kind from all clients together, at most, in a window. */
export const PER_KIND = 600;
export const WINDOW_MS = 60_000;
/** Kinds and clients remembered at most: beyond, the oldest windows are forgotten. */
const REMEMBERED = 5_000;

/** Lines dropped by the caps since the server started; for health and metrics. */
export interface LineBudgetStatus {
  dropped: number;
}

type LogMethod = (...args: unknown[]) => void;

/**
 * A pino `logMethod` hook that caps each kind of line. A line's kind is its message; its client,
 * the socket, address or principal its fields name. When a window ends with lines dropped, the
 * next line of that kind is preceded by one saying how many.
 */
export function lineBudget(clock: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number; dropped: number }>();
  let dropped = 0;

  /** The key's window now; a new one when the last has ended, with how many the last dropped. */
  const windowOf = (key: string, now: number) => {
    const last = windows.get(key);
    if (last && now - last.start < WINDOW_MS) return { w: last, droppedBefore: 0 };
    if (windows.size >= REMEMBERED) for (const [k, old] of windows) if (now - old.start >= WINDOW_MS || windows.size >= REMEMBERED) windows.delete(k);
    const w = { start: now, count: 0, dropped: 0 };
    windows.set(key, w);
    return { w, droppedBefore: last?.dropped ?? 0 };
  };

  function logMethod(this: unknown, args: unknown[], method: LogMethod): void {
    const first = args[0];
    const fields = first && typeof first === "object" ? (first as Record<string, unknown>) : {};
    const message = String(args.find((a) => typeof a === "string") ?? "");
    const client = fields.socket ?? fields.ip ?? fields.by ?? fields.station;
    const now = clock();
    const kind = windowOf(`*|${message}`, now);
    const mine = client === undefined ? null : windowOf(`${String(client).slice(0, 80)}|${message}`, now).w;
    if (kind.droppedBefore > 0) method.call(this, { dropped: kind.droppedBefore, like: message.slice(0, 120) }, "log lines dropped: too many of one kind in a minute");
    if (kind.w.count < PER_KIND && (!mine || mine.count < PER_CLIENT)) {
      kind.w.count++;
      if (mine) mine.count++;
      return method.apply(this, args);
    }
    kind.w.dropped++;
    dropped++;
  }

  return { logMethod, status: (): LineBudgetStatus => ({ dropped }) };
}

/**
 * Standard output as pino's destination, written synchronously like pino's own, but a write that
 * fails (a full disk under the journal, a closed pipe) never throws: the line is dropped and
 * counted, and writes are tried again after `retryMs`.
 */
export class StdoutLog {
  private dropped = 0;
  private error: string | undefined;
  private retryAt = 0;

  constructor(
    private readonly fd = 1,
    private readonly retryMs = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  write(line: string): void {
    const now = this.clock();
    if (this.error !== undefined && now < this.retryAt) {
      this.dropped++;
      return;
    }
    try {
      const bytes = Buffer.from(line);
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at);
      this.error = undefined;
    } catch (e) {
      this.dropped++;
      this.error = (e as NodeJS.ErrnoException).code ?? String(e);
      this.retryAt = now + this.retryMs;
    }
  }

  status(): LogFileStatus {
    return this.error === undefined ? { ok: true, dropped: this.dropped } : { ok: false, dropped: this.dropped, error: this.error };
  }

  flush(cb?: (err?: Error) => void): void {
    cb?.();
  }

  flushSync(): void {}
}
