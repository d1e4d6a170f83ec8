import { pino, type Logger } from "pino";

export type { Logger };

/** Structured JSON logs on stdout; `level: "silent"` in tests. */
export const createLogger = (level = process.env.LOG_LEVEL ?? "info"): Logger =>
  pino({ level, base: { app: "motcua" }, timestamp: pino.stdTimeFunctions.isoTime });
