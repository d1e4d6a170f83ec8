import { askServer, checkFact, kioskCommands, type Answer, type Fact } from "@motcua/protocol";
import { io, type Socket } from "socket.io-client";
import type { z } from "zod";

type Commands = typeof kioskCommands;
export type CommandName = keyof Commands;
export type Reply<K extends CommandName> = z.infer<Commands[K]["response"]>;
/** A failure the server sent, or OFFLINE when no answer came (the link is down or slow). */
export type Outcome<T> = Answer<T>;

export type LinkState = "connecting" | "live" | "offline" | "refused";

/** A fact the kiosk hears, checked against its schema; a misshapen one is dropped, never trusted. */
type KioskFact = "services:updated" | "printer:reported" | "scan:received" | "day:started" | "config:changed";
export type FactPayload<F extends KioskFact> = Fact<F>;

/** The kiosk's one connection to the server: typed commands with acks, and checked facts. */
export class Link {
  readonly socket: Socket;

  constructor(deviceKey: string, onState: (s: LinkState, message?: string) => void) {
    this.socket = io("/kiosk", { auth: { token: deviceKey }, transports: ["websocket"] });
    this.socket.on("connect", () => onState("live"));
    this.socket.on("disconnect", () => onState("offline"));
    this.socket.on("connect_error", (e: Error & { data?: { code?: string } }) => {
      const refused = e.data?.code === "UNAUTHENTICATED" || e.data?.code === "FORBIDDEN";
      onState(refused ? "refused" : "offline", e.message);
    });
  }

  on<F extends KioskFact>(name: F, fn: (payload: FactPayload<F>) => void): () => void {
    const listener = (payload: unknown) => {
      const p = checkFact(name, payload);
      if (p) fn(p);
    };
    const event: string = name;
    this.socket.on(event, listener);
    return () => void this.socket.off(event, listener);
  }

  /** Sends a command once the link is up, and waits at most `timeoutMs` for its answer. */
  call<K extends CommandName>(name: K, payload: z.input<Commands[K]["request"]>, timeoutMs = 8000): Promise<Outcome<Reply<K>>> {
    return askServer(this.socket, kioskCommands, name, payload, timeoutMs);
  }

  /** Resolves when the link is up (now, or when it comes back). */
  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => this.socket.once("connect", () => resolve()));
  }

  close(): void {
    this.socket.close();
  }
}

/** A fresh idempotency key for one tap. */
export const newRequestKey = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
