import { askServer, checkFact, ERROR_TEXT, type Answer, type CommandSpec, type ErrorCode, type facts } from "@motcua/protocol";
import { io, type Socket } from "socket.io-client";
import type { z } from "zod";

type Specs = Record<string, CommandSpec<z.ZodType, z.ZodType>>;
export type Outcome<T> = Answer<T>;

/** A namespace's commands, typed by the protocol and checked on the way back. */
export interface Channel<M extends Specs> {
  socket: Socket;
  call<K extends keyof M & string>(name: K, payload: z.input<M[K]["request"]>): Promise<Outcome<z.infer<M[K]["response"]>>>;
  /** A pushed fact, checked against its schema; a misshapen one is dropped. */
  on<F extends keyof typeof facts>(name: F, fn: (payload: z.infer<(typeof facts)[F]>) => void): void;
  close(): void;
}

export function channel<M extends Specs>(path: string, token: string, specs: M): Channel<M> {
  const socket = io(path, { auth: { token }, transports: ["websocket"] });
  return {
    socket,
    call: (name, payload) => askServer(socket, specs, name, payload),
    on(name, fn) {
      const event: string = name;
      socket.on(event, (payload: unknown) => {
        const p = checkFact(name, payload);
        if (p) fn(p);
      });
    },
    close: () => void socket.close(),
  };
}

/**
 * Follows a channel's connection for a screen: live or not, `onConnect` on every (re)connect so
 * the screen can catch up, and `onExpired` when the session is over.
 */
export function watchSession(c: { socket: Socket }, { onLive, onExpired, onConnect }: { onLive: (live: boolean) => void; onExpired: () => void; onConnect: () => void }): void {
  c.socket.on("connect", () => {
    onLive(true);
    onConnect();
  });
  c.socket.on("disconnect", (reason) => {
    onLive(false);
    // The server hung up on purpose (the session ended, the account changed): log in again.
    if (reason === "io server disconnect") onExpired();
  });
  c.socket.on("connect_error", (e: Error & { data?: { code?: string } }) => {
    if (e.data?.code === "UNAUTHENTICATED") onExpired();
  });
}

/** What an officer reads when a command fails: the protocol's plain sentence for its code. */
export function errorText(r: { code: ErrorCode | "OFFLINE" }, lang: "vi" | "en"): string {
  if (r.code === "OFFLINE") return lang === "vi" ? "Mất kết nối tới máy chủ; đang kết nối lại…" : "Lost the server; reconnecting…";
  return ERROR_TEXT[r.code][lang];
}
