import { pino, type Logger } from "pino";
import { LogFile, openLogFile, type LogFileStatus } from "./log-file.ts";
import { lineBudget, StdoutLog, type LineBudgetStatus } from "./log-limits.ts";

export type { Logger };
export type { LogFileStatus };

export interface LoggerOptions {
  /** pino's level (default LOG_LEVEL, else "info"); "silent" in tests. */
  level?: string;
  /** Write to this file, a file per local day (see LogFile), instead of stdout. */
  file?: string;
  /** Finished days of `file` kept (default 14). */
  keepDays?: number;
  /** The clock that turns the file over at midnight (tests). */
  clock?: () => number;
}

/**
 * Structured JSON logs: on stdout (the journal, under systemd) unless `file` is given.
 * `createLogger("silent")` and `createLogger()` work as they always have.
 */
export function createLogger(level?: string): Logger;
export function createLogger(opts: LoggerOptions): Logger;
export function createLogger(arg?: string | LoggerOptions): Logger {
  const opts: LoggerOptions = typeof arg === "object" ? arg : { level: arg };
  // Lines of one kind are capped (log-limits.ts): what a client can make the server say, an
  // attacker can make it say a million times.
  const budget = lineBudget(opts.clock);
  const options = { level: opts.level ?? process.env.LOG_LEVEL ?? "info", base: { app: "motcua" }, timestamp: pino.stdTimeFunctions.isoTime, hooks: { logMethod: budget.logMethod } };
  // Standard output that cannot be written (a full disk under it) drops lines, never the server.
  const stream = opts.file ? openLogFile({ path: opts.file, keepDays: opts.keepDays, clock: opts.clock }) : new StdoutLog();
  budgets.set(stream, budget.status);
  return pino(options, stream);
}

const budgets = new WeakMap<object, () => LineBudgetStatus>();
const streamOf = (log: Logger): unknown => (log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];

/** The log file a logger (or any child of it) writes to; undefined when it writes to stdout. */
export function logFileOf(log: Logger): LogFile | undefined {
  const stream = streamOf(log);
  return stream instanceof LogFile ? stream : undefined;
}

/**
 * The log's state for health, wherever it writes: whether its destination takes lines, how many
 * were lost there, and how many the caps dropped. Undefined for a logger not made here.
 */
export function logStatus(log: Logger): (LogFileStatus & { where: "file" | "stdout"; capped: number }) | undefined {
  const stream = streamOf(log);
  const capped = stream && typeof stream === "object" ? budgets.get(stream) : undefined;
  if (!(stream instanceof LogFile || stream instanceof StdoutLog) || !capped) return undefined;
  return { ...stream.status(), where: stream instanceof LogFile ? "file" : "stdout", capped: capped().dropped };
}

/** The log file's state for health: undefined when logs go to stdout (nothing that can fail here). */
export function logFileStatus(log: Logger): LogFileStatus | undefined {
  return logFileOf(log)?.status();
}
