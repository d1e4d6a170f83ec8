import type { z } from "zod";
import { ERROR_CODES, type ErrorCode, type Failure } from "../errors.ts";
import { facts, type CommandSpec } from "../events.ts";

/** The little of a socket.io-client Socket a command needs: the protocol does not depend on the client. */
export interface CommandSocket {
  connected: boolean;
  timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: Error | null, answer: unknown) => void): unknown };
}

/** A command's answer as a screen sees it: the data, the server's refusal, or no answer at all. */
export type Answer<T> = { ok: true; data: T } | Failure | { ok: false; code: "OFFLINE"; message: string };

type Specs = Record<string, CommandSpec<z.ZodType, z.ZodType>>;

/**
 * Sends a command and checks what comes back against its response schema: every screen's one
 * way to talk to the server. A dropped link or a slow server is OFFLINE, never a hang.
 * `arrived` is called the moment the answer comes in, in order with the facts around it.
 */
export async function askServer<M extends Specs, K extends keyof M & string>(
  socket: CommandSocket,
  specs: M,
  name: K,
  payload: z.input<M[K]["request"]>,
  timeoutMs = 8000,
  arrived?: () => void,
): Promise<Answer<z.infer<M[K]["response"]>>> {
  const offline = { ok: false as const, code: "OFFLINE" as const, message: "no answer from the server" };
  if (!socket.connected) return offline;
  let answer: unknown;
  try {
    answer = await new Promise((resolve, reject) =>
      socket.timeout(timeoutMs).emit(name, payload, (err, a) => {
        if (err) return reject(err);
        arrived?.();
        resolve(a);
      }),
    );
  } catch {
    return offline;
  }
  const a = answer as { ok?: unknown; data?: unknown; code?: unknown; message?: unknown; at?: unknown } | null;
  // A refusal carries one of the protocol's codes; the screens read it from their own dictionaries.
  if (a?.ok === false) {
    const code = (ERROR_CODES as readonly unknown[]).includes(a.code) ? (a.code as ErrorCode) : "INTERNAL";
    return { ok: false, code, message: String(a.message ?? ""), ...(typeof a.at === "string" ? { at: a.at } : {}) };
  }
  const data = specs[name]!.response.safeParse(a?.ok === true ? a.data : undefined);
  return data.success ? { ok: true, data: data.data as z.infer<M[K]["response"]> } : { ok: false, code: "INTERNAL", message: "unexpected answer" };
}

export type Fact<F extends keyof typeof facts> = z.infer<(typeof facts)[F]>;

/** A pushed fact checked against its schema; null for a misshapen one, which a screen drops. */
export function checkFact<F extends keyof typeof facts>(name: F, payload: unknown): Fact<F> | null {
  const p = facts[name].safeParse(payload);
  return p.success ? (p.data as Fact<F>) : null;
}
