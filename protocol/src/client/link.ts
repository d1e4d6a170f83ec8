import { io, type Socket } from "socket.io-client";
import type { z } from "zod";
import type { ErrorCode } from "../errors.ts";
import { NAMESPACES, type CommandSpec, type NamespaceName } from "../events.ts";
import { askServer, checkFact, type Answer, type Fact } from "./answer.ts";

/**
 * Where a screen's link to the server stands: connecting the first time, live, offline (it
 * reconnects by itself), or refused (its key, session or token is not accepted: no retry helps).
 */
export type LinkState = "connecting" | "live" | "offline" | "refused";

type Commands<N extends NamespaceName> = (typeof NAMESPACES)[N]["commands"];
type Heard<N extends NamespaceName> = (typeof NAMESPACES)[N]["facts"][number];
type RequestOf<N extends NamespaceName, K extends keyof Commands<N>> = Commands<N>[K] extends { request: infer R extends z.ZodType } ? z.input<R> : never;
type ResponseOf<N extends NamespaceName, K extends keyof Commands<N>> = Commands<N>[K] extends { response: infer R extends z.ZodType } ? z.infer<R> : never;

export interface LinkOptions {
  /** The credential: a device key, a session token, or a ticket's follow token. */
  token: string;
  /** Where the server is; default: this page's own origin. */
  url?: string;
  /** A phone on a carrier that refuses WebSockets falls back to long polling. */
  polling?: boolean;
  /** How long a command waits for its answer before it is OFFLINE (default 8 s). */
  timeoutMs?: number;
  /** The unit a province administrator looks at (its dashboard, read-only); nobody else sends one. */
  center?: string;
}

/** Refusals that no reconnect will change: the credential itself is not accepted. */
const REFUSALS: readonly string[] = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "INVALID_CREDENTIALS"];

/**
 * A screen's one connection to its namespace: typed commands with acks, pushed facts checked
 * against their schemas (a misshapen one is dropped, never trusted), and one set of link states.
 * Every screen resynchronises on each (re)connect (`onLive`): the server does not replay facts.
 */
export class Link<N extends NamespaceName> {
  readonly socket: Socket;
  state: LinkState = "connecting";
  /** Why the server refused the link, when it did. */
  refusal: ErrorCode | null = null;
  private readonly listeners = new Set<(state: LinkState) => void>();
  private readonly timeoutMs: number;
  /** Facts heard so far (see `resync`). */
  private heard = 0;

  constructor(
    readonly namespace: N,
    opts: LinkOptions,
  ) {
    this.timeoutMs = opts.timeoutMs ?? 8000;
    this.socket = io(`${opts.url ?? ""}${NAMESPACES[namespace].path}`, {
      auth: { token: opts.token, ...(opts.center ? { center: opts.center } : {}) },
      transports: opts.polling ? ["websocket", "polling"] : ["websocket"],
      ...(opts.polling ? { tryAllTransports: true } : {}),
      // A restarted server must find every screen again within 5 s (npm run chaos). socket.io's
      // default backoff grows to 5 s ± 50 %, so after an outage of a few seconds a board could
      // knock 7.5 s after the server was back. At most 2 s ± 50 %, a hundred screens knock fifty
      // times a second while it is away: nothing to a server.
      reconnectionDelayMax: 2000,
    });
    this.socket.onAny(() => this.heard++);
    this.socket.on("connect", () => this.set("live"));
    this.socket.on("disconnect", (reason) => {
      // The server hung up on purpose: the key was revoked, the session ended, the ticket is gone.
      if (reason === "io server disconnect") this.refuse("UNAUTHENTICATED");
      else this.set("offline");
    });
    this.socket.on("connect_error", (e: Error & { data?: { code?: string } }) => {
      const code = e.data?.code;
      if (code && REFUSALS.includes(code)) this.refuse(code as ErrorCode);
      else this.set("offline");
    });
  }

  private refuse(code: ErrorCode): void {
    this.refusal = code;
    this.set("refused");
  }

  private set(state: LinkState): void {
    if (state !== "refused") this.refusal = null;
    this.state = state;
    for (const fn of this.listeners) fn(state);
  }

  /** Hears every change of state; returns how to stop. */
  onState(fn: (state: LinkState) => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  /** Runs `fn` on every connect and reconnect: where a screen takes its whole picture again. */
  onLive(fn: () => void): () => void {
    return this.onState((s) => s === "live" && fn());
  }

  /** A pushed fact, checked against its schema; returns how to stop listening. */
  on<F extends Heard<N>>(name: F, fn: (payload: Fact<F>) => void): () => void {
    const listener = (payload: unknown) => {
      const p = checkFact(name, payload);
      if (p) fn(p);
    };
    const event: string = name;
    this.socket.on(event, listener);
    return () => void this.socket.off(event, listener);
  }

  /** Sends a command and waits at most `timeoutMs` for its answer; OFFLINE while the link is down. `arrived`: see askServer. */
  call<K extends keyof Commands<N> & string>(name: K, payload: RequestOf<N, K>, timeoutMs = this.timeoutMs, arrived?: () => void): Promise<Answer<ResponseOf<N, K>>> {
    const specs: Record<string, CommandSpec<z.ZodType, z.ZodType>> = NAMESPACES[this.namespace].commands;
    return askServer(this.socket, specs, name, payload, timeoutMs, arrived) as Promise<Answer<ResponseOf<N, K>>>;
  }

  /**
   * Asks for the whole picture (the namespace's sync command) and hands it to `apply`; asks
   * again when a fact came in behind the answer. One read of the socket can carry several
   * packets (long polling always does; WebSocket frames can in Node), and the screen then hears
   * a fact sent after the answer before the answer's own turn comes: the older picture would
   * undo it, and a board would show a counter's call before last until its next one (npm run
   * chaos found it). Resolves to the last answer.
   */
  async resync<K extends keyof Commands<N> & string>(name: K, payload: RequestOf<N, K>, apply: (data: ResponseOf<N, K>) => void): Promise<Answer<ResponseOf<N, K>>> {
    for (let round = 1; ; round++) {
      let heardThen = -1;
      const r = await this.call(name, payload, this.timeoutMs, () => (heardThen = this.heard));
      if (r.ok) apply(r.data);
      // A hall where facts never stop is asked three times, then left to its next fact.
      if (!r.ok || this.heard === heardThen || round === 3) return r;
    }
  }

  /** Resolves when the link is up (now, or when it comes back). */
  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => this.socket.once("connect", () => resolve()));
  }

  close(): void {
    this.listeners.clear();
    this.socket.close();
  }
}
