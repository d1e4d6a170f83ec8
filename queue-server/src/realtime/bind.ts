import { type Ack, type CommandSpec, type Failure, describeZodError, fail } from "@motcua/protocol";
import type { Socket } from "socket.io";
import type { z } from "zod";
import type { Logger } from "../log.ts";
import { RateLimiter } from "../auth/rate-limit.ts";

type Specs = Record<string, CommandSpec<z.ZodType, z.ZodType>>;

/** Commands without an ack a socket may send before it is closed. */
export const ACKLESS_LIMIT = 3;
/**
 * Commands one socket may send a minute (a burst of as many): a counter or a station sends a few
 * a minute, a phone one on each reconnect; a script in a loop would keep the server computing
 * answers (a follow view, the kiosk's picture) for nobody.
 */
export const COMMANDS_PER_MINUTE = 300;

/** Each Socket.IO server's own allowance (tests and benches that drive sockets hard raise it). */
const allowance = new WeakMap<object, number>();
export const allowCommands = (io: object, perMinute: number): void => void allowance.set(io, perMinute);
/** A socket of any namespace: the command wiring is the same for all. */
type AnySocket = Socket<any, any, any, any>;

export type SocketHandlers<M extends Specs, S extends AnySocket> = {
  [E in keyof M]: (payload: z.infer<M[E]["request"]>, socket: S) => Promise<Ack<z.infer<M[E]["response"]>> | Failure>;
};

/**
 * Wires a namespace's commands: every payload is checked against its protocol schema,
 * every command answers through its ack with the one envelope, and nothing thrown escapes.
 */
export function bindCommands<M extends Specs, S extends AnySocket>(
  socket: S,
  specs: M,
  handlers: SocketHandlers<M, S>,
  log: Logger,
  /** Checked before every command: a socket's credential can end while it stays open. */
  guard: (socket: S) => Failure | null,
): void {
  let ackless = 0;
  const budget = new RateLimiter(allowance.get(socket.nsp.server) ?? COMMANDS_PER_MINUTE, Date.now);
  for (const name of Object.keys(specs) as (keyof M & string)[]) {
    socket.on(name, (async (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack !== "function") {
        // Every client of ours asks for an answer: a command without one is a misused socket,
        // said once, then the socket is closed (each used to write a warning: a log-filling flood).
        ackless++;
        if (ackless === 1) log.warn({ event: name, socket: socket.id }, "command without ack ignored");
        if (ackless === ACKLESS_LIMIT) {
          log.warn({ socket: socket.id, commands: ackless }, "socket closed: commands without ack");
          socket.disconnect(true);
        }
        return;
      }
      if (!budget.take(socket.id)) return ack(fail("RATE_LIMITED", "Too many commands on this connection just now; please wait a moment."));
      const denied = guard(socket);
      if (denied) return ack(denied);
      const payload = args.length >= 2 ? args[0] : {};
      const parsed = specs[name]!.request.safeParse(payload ?? {});
      if (!parsed.success) return ack(fail("BAD_REQUEST", describeZodError(parsed.error)));
      try {
        ack(await handlers[name](parsed.data as never, socket));
      } catch (e) {
        log.error({ err: e, event: name }, "socket command failed");
        ack(fail("INTERNAL", "Something went wrong on the server; nothing was changed."));
      }
    }) as never);
  }
}
