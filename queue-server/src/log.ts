import { pino, type Logger } from "pino";
import { LogFile, openLogFile, type LogFileStatus } from "./log-file.ts";

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
  const options = { level: opts.level ?? process.env.LOG_LEVEL ?? "info", base: { app: "motcua" }, timestamp: pino.stdTimeFunctions.isoTime };
  if (!opts.file) return pino(options);
  return pino(options, openLogFile({ path: opts.file, keepDays: opts.keepDays, clock: opts.clock }));
}

/** The log file a logger (or any child of it) writes to; undefined when it writes to stdout. */
export function logFileOf(log: Logger): LogFile | undefined {
  const stream = (log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym];
  return stream instanceof LogFile ? stream : undefined;
}

/** The log file's state for health: undefined when logs go to stdout (nothing that can fail here). */
export function logFileStatus(log: Logger): LogFileStatus | undefined {
  return logFileOf(log)?.status();
}
