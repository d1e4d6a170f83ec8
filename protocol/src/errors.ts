import { z } from "./zod.ts";

/** The closed set of reasons a command or request can fail. Clients switch on these. */
export const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "INVALID_CREDENTIALS",
  "FORBIDDEN",
  "NOT_FOUND",
  "RATE_LIMITED",
  "UNKNOWN_SERVICE",
  "UNKNOWN_COUNTER",
  "UNKNOWN_TICKET",
  "UNKNOWN_PRIORITY_GROUP",
  "NUMBER_RANGE_EXHAUSTED",
  "COUNTER_CLOSED",
  "COUNTER_PAUSED",
  "COUNTER_BUSY",
  "COUNTER_TAKEN",
  "COUNTER_NOT_OPENED",
  "NOT_YOUR_COUNTER",
  "INVALID_TRANSITION",
  "NO_SHOW_TOO_EARLY",
  "ALREADY_RATED",
  "RATING_CLOSED",
  "INVALID_CONFIG",
  /** Every place in this appointment slot is taken. */
  "SLOT_FULL",
  /** An appointment scanned on the wrong day or too early to check in. */
  "APPOINTMENT_NOT_NOW",
  /** Outside the opening hours, where the center's rules issue no numbers (rules.issueOutsideHours). */
  "CENTER_CLOSED",
  /**
   * Not offered this way: a procedure that takes no numbers from phones or no appointments, a
   * code that checks in elsewhere. A rule of the center, not a refusal of the caller's role.
   */
  "NOT_OFFERED",
  /** A code typed wrong (the hall code on the boards). */
  "WRONG_CODE",
  /** Another admin saved the configuration since this one was loaded. */
  "CONFIG_CHANGED",
  /** The province chose an id another center has. */
  "CENTER_EXISTS",
  "STORE_FAILED",
  /** A system the server depends on (the province's dossier system) did not answer. */
  "UNAVAILABLE",
  "INTERNAL",
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
  /** A refusal that passes with time (CENTER_CLOSED, APPOINTMENT_NOT_NOW): from when (ISO) it will be accepted. */
  at?: string;
}
export interface Success<T> {
  ok: true;
  data: T;
}
/** The one ack envelope every Socket.IO command answers with. */
export type Ack<T> = Success<T> | Failure;

export const FailureSchema = z.object({
  ok: z.literal(false),
  code: ErrorCode,
  message: z.string(),
  at: z.string().optional(),
});

export const ackSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion("ok", [z.object({ ok: z.literal(true), data }), FailureSchema]);

export const ok = <T>(data: T): Success<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, at?: number): Failure => ({ ok: false, code, message, ...(at !== undefined ? { at: new Date(at).toISOString() } : {}) });

/** HTTP status for each failure code; REST and sockets share one mapping. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  UNKNOWN_SERVICE: 404,
  UNKNOWN_COUNTER: 404,
  UNKNOWN_TICKET: 404,
  UNKNOWN_PRIORITY_GROUP: 400,
  NUMBER_RANGE_EXHAUSTED: 409,
  COUNTER_CLOSED: 409,
  COUNTER_PAUSED: 409,
  COUNTER_BUSY: 409,
  COUNTER_TAKEN: 409,
  COUNTER_NOT_OPENED: 409,
  NOT_YOUR_COUNTER: 403,
  INVALID_TRANSITION: 409,
  NO_SHOW_TOO_EARLY: 409,
  ALREADY_RATED: 409,
  RATING_CLOSED: 409,
  INVALID_CONFIG: 400,
  SLOT_FULL: 409,
  APPOINTMENT_NOT_NOW: 409,
  CENTER_CLOSED: 409,
  NOT_OFFERED: 409,
  WRONG_CODE: 422,
  CONFIG_CHANGED: 409,
  CENTER_EXISTS: 409,
  STORE_FAILED: 503,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** A zod refusal in one line that names each field, as a 400 or a BAD_REQUEST ack says it. */
export const describeZodError = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`)
    .join("; ");
