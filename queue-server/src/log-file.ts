import { appendFileSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * The log file's state, for /api/health: `ok` false while lines cannot be written (the disk is
 * full, the folder is gone or not ours), `dropped` the lines lost since the server started.
 */
export interface LogFileStatus {
  ok: boolean;
  dropped: number;
  error?: string;
}

export interface LogFileOptions {
  /** The current day's file; a finished day's is renamed to `PATH.YYYY-MM-DD`. */
  path: string;
  /** Finished days kept beside the current file (default 14); older ones are deleted. 0 keeps today's alone. */
  keepDays?: number;
  /** The machine's clock (ms since the epoch); a test sets its own. Days turn at local midnight. */
  clock?: () => number;
  /** How long after a failed write the file is tried again (default 10 s); lines in between are dropped. */
  retryMs?: number;
  /**
   * How often the day is looked at without a line to write (default every minute, 0 = only when a
   * line comes), so that a quiet night still turns the file over and deletes the oldest.
   */
  checkEveryMs?: number;
  /** Told when the file starts and stops failing, or cannot be turned over or pruned (default: stderr, i.e. the journal). */
  onProblem?: (message: string) => void;
}

export const DEFAULT_KEEP_DAYS = 14;
const DAY_SUFFIX = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A pino destination writing JSON lines to one file per local day.
 *
 * The current day is always at PATH (what `tail -F PATH` follows and what an operator opens); at
 * the first line or check after local midnight it is closed and renamed `PATH.YYYY-MM-DD` after
 * the day it holds, and the days older than `keepDays` are deleted. Renaming rather than writing
 * to dated names with a link to the current one: a symbolic link needs a privilege on Windows,
 * and tools that follow a file by name (tail -F, a log shipper) keep working across the night.
 *
 * Writes are synchronous, as pino's own stdout destination: the last lines before a crash are on
 * disk, and no buffer grows while the disk is slow. A write that fails (ENOSPC, EACCES, EIO, the
 * folder removed…) never throws: the line is counted as dropped, the file is closed, and lines are
 * dropped without trying until `retryMs` has passed; then the file is opened again and written,
 * and once a line gets through a note of how many were lost is written first.
 */
export class LogFile {
  readonly path: string;
  readonly keepDays: number;
  private readonly clock: () => number;
  private readonly retryMs: number;
  private readonly onProblem: (message: string) => void;
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private fd: number | null = null;
  /** The local day (YYYY-MM-DD) the file at `path` holds, and when the next one starts. */
  private day: string;
  private nextDayAt: number;
  private retryAt = 0;
  private error: string | undefined;
  private dropped = 0;
  /** Lines dropped since the last line that got through: told in the note written on recovery. */
  private droppedNow = 0;
  /** A write stopped halfway: the next line starts on a line of its own. */
  private partial = false;
  private closed = false;

  constructor(opts: LogFileOptions) {
    this.path = resolve(opts.path);
    this.keepDays = opts.keepDays ?? DEFAULT_KEEP_DAYS;
    if (!Number.isInteger(this.keepDays) || this.keepDays < 0) throw new RangeError(`keepDays must be a whole number of days, got ${opts.keepDays}`);
    this.clock = opts.clock ?? Date.now;
    this.retryMs = opts.retryMs ?? 10_000;
    this.onProblem = opts.onProblem ?? toStderr;
    const now = this.clock();
    this.day = localDay(now);
    this.nextDayAt = startOfNextLocalDay(now);
    // A file left from a day the server was not running over midnight: that day's, not today's.
    const stale = this.staleDay();
    if (stale) this.archive(stale);
    this.tryOpen(now);
    this.prune();
    const every = opts.checkEveryMs ?? 60_000;
    this.timer = every > 0 ? setInterval(() => this.tick(), every) : undefined;
    this.timer?.unref();
  }

  /** pino's destination: one JSON line (with its newline). Never throws. */
  write(line: string): void {
    if (this.closed) return;
    const now = this.clock();
    if (now >= this.nextDayAt) this.roll(now);
    if (this.fd === null && (now < this.retryAt || !this.tryOpen(now))) {
      this.drop();
      return;
    }
    const note = this.droppedNow > 0 ? noteLine(now, `log file: ${this.droppedNow} lines dropped while it could not be written (${this.error})`) : "";
    if (this.writeAll(note + line, now)) {
      if (this.error !== undefined) this.onProblem(`log file ${this.path} is written again (${this.droppedNow} lines were dropped)`);
      this.error = undefined;
      this.droppedNow = 0;
    } else {
      this.drop();
    }
  }

  /** What health shows. */
  status(): LogFileStatus {
    return this.error === undefined ? { ok: true, dropped: this.dropped } : { ok: false, dropped: this.dropped, error: this.error };
  }

  /** Turns the file over if the day has changed since the last line (the periodic check calls it). */
  tick(): void {
    if (this.closed) return;
    const now = this.clock();
    if (now >= this.nextDayAt) this.roll(now);
  }

  /** For pino's `logger.flush()`: writes are synchronous, so there is nothing waiting. */
  flush(cb?: (err?: Error) => void): void {
    cb?.();
  }

  flushSync(): void {}

  /** Stops the periodic check and closes the file; later lines are ignored. */
  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.closeFd();
  }

  private drop(): void {
    this.dropped++;
    this.droppedNow++;
  }

  /** Writes every byte or reports why not; a failure closes the file until the retry. */
  private writeAll(text: string, now: number): boolean {
    const bytes = Buffer.from(this.partial ? "\n" + text : text);
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done);
      this.partial = false;
      return true;
    } catch (e) {
      if (done > 0) this.partial = true;
      this.fail(now, `cannot write ${this.path}: ${(e as Error).message}`);
      return false;
    }
  }

  private tryOpen(now: number): boolean {
    try {
      mkdirSync(dirname(this.path), { recursive: true });
    } catch {
      // openSync below says why, if it matters.
    }
    try {
      this.fd = openSync(this.path, "a", 0o640);
      return true;
    } catch (e) {
      this.fail(now, `cannot open ${this.path}: ${(e as Error).message}`);
      return false;
    }
  }

  private fail(now: number, error: string): void {
    if (this.error === undefined) this.onProblem(`${error}; dropping log lines, trying again every ${Math.round(this.retryMs / 1000)} s`);
    this.error = error;
    this.retryAt = now + this.retryMs;
    this.closeFd();
  }

  private closeFd(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // Already gone: nothing to release.
    }
    this.fd = null;
  }

  /** Past local midnight: the finished day's file takes its date, today's starts, the oldest go. */
  private roll(now: number): void {
    const today = localDay(now);
    this.nextDayAt = startOfNextLocalDay(now);
    // A clock set back over midnight keeps writing to the current file: days only move forward.
    if (today <= this.day) return;
    this.closeFd();
    this.archive(this.day);
    this.day = today;
    this.partial = false;
    // Opened now even while failing: a new day's file is worth one try before the retry's time.
    this.tryOpen(now);
    this.prune();
  }

  /** PATH becomes PATH.DAY; should that exist already (a clock set back), PATH is added to its end. */
  private archive(day: string): void {
    const target = `${this.path}.${day}`;
    try {
      const st = statSync(this.path, { throwIfNoEntry: false });
      // Only a regular file is ours to move (never /dev/full, a pipe or a folder).
      if (!st?.isFile()) return;
      if (statSync(target, { throwIfNoEntry: false })) {
        appendFileSync(target, readFileSync(this.path));
        unlinkSync(this.path);
      } else {
        renameSync(this.path, target);
      }
    } catch (e) {
      this.onProblem(`cannot turn the log file over to ${target}: ${(e as Error).message}; today's lines go on in ${this.path}`);
    }
  }

  /** The day the file at PATH was last written, when it is not today (and it holds something). */
  private staleDay(): string | undefined {
    try {
      const st = statSync(this.path, { throwIfNoEntry: false });
      if (!st?.isFile() || st.size === 0) return undefined;
      const day = localDay(st.mtimeMs);
      return day < this.day ? day : undefined;
    } catch {
      return undefined;
    }
  }

  /** Deletes the finished days before the last `keepDays` ones (by their date, not their count). */
  private prune(): void {
    const [y, m, d] = this.day.split("-").map(Number) as [number, number, number];
    const oldestKept = localDay(new Date(y, m - 1, d - this.keepDays).getTime());
    const dir = dirname(this.path);
    const prefix = basename(this.path) + ".";
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      const day = name.slice(prefix.length);
      if (!DAY_SUFFIX.test(day) || day >= oldestKept) continue;
      try {
        unlinkSync(join(dir, name));
      } catch (e) {
        this.onProblem(`cannot delete the old log file ${join(dir, name)}: ${(e as Error).message}`);
      }
    }
  }
}

export const openLogFile = (opts: LogFileOptions): LogFile => new LogFile(opts);

/** `--log-keep` / MOTCUA_LOG_KEEP: a whole number of days, 0 or more; undefined or "" gives the default. */
export function parseKeepDays(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_KEEP_DAYS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`--log-keep must be a whole number of days, got "${value}"`);
  return n;
}

/** The local calendar day of a moment, YYYY-MM-DD, in the machine's time zone. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The next local midnight after a moment (the first moment of the next day, where a zone skips midnight). */
function startOfNextLocalDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
}

/** A line of the file's own, in pino's shape (level 40 is warn). */
function noteLine(now: number, msg: string): string {
  return JSON.stringify({ level: 40, time: new Date(now).toISOString(), app: "motcua", msg }) + "\n";
}

function toStderr(message: string): void {
  try {
    process.stderr.write(`motcua: ${message}\n`);
  } catch {
    // Nowhere left to say it.
  }
}
