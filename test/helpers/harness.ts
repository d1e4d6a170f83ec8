import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Ack, CommandName, allCommands } from "@motcua/protocol";
import type { z } from "zod";
import { io, type Socket } from "socket.io-client";
import { hallClock } from "./clock.ts";
import { startServer, type RunningServer, type ServerOptions, createLogger } from "@motcua/queue-server";

export const KIOSK = "kiosk-demo-key";
export const DISPLAY = "display-demo-key";
export const STATION = "station-demo-key";

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Stops the server and removes its data dir. */
  destroy(): Promise<void>;
}

/**
 * A real server on a random port with its own data dir; pass `dataDir` to reopen one. Its clock
 * is the test file's working morning unless the test gives its own: never the hour CI runs at.
 */
export async function startTestServer(opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), "motcua-test-")));
  const server = await startServer({
    clock: hallClock,
    issuePerMinute: 100_000,
    loginPerMinute: 100_000,
    readsPerMinute: 100_000,
    commandsPerMinute: 100_000,
    logger: createLogger("silent"),
    host: "127.0.0.1",
    port: 0,
    ...opts,
    dataDir,
  });
  return {
    ...server,
    dataDir,
    destroy: async () => {
      await server.close();
      // A write the server started just before closing (a day's summary) may still be landing.
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export function client(baseUrl: string) {
  async function api<T = any>(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.raw !== undefined) {
      payload = opts.raw;
      headers["content-type"] ??= "application/json";
    } else if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers["content-type"] = "application/json";
    }
    const res = await fetch(baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  async function login(username: string, password = "demo"): Promise<string> {
    const r = await api("POST", "/api/session", { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  }
  /** Logs a demo officer in and opens a counter for them. */
  async function openCounter(username: string, counterId: string): Promise<string> {
    const token = await login(username);
    const r = await api("POST", `/api/counters/${counterId}/open`, { token, body: {} });
    if (r.status !== 200) throw new Error(`open ${counterId} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return token;
  }
  async function issue(serviceId: string, priority?: string): Promise<any> {
    const r = await api("POST", "/api/tickets", { token: KIOSK, body: { serviceId, ...(priority ? { priority } : {}) } });
    if (r.status !== 201) throw new Error(`issue failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  return { api, login, openCounter, issue };
}

export function connect(baseUrl: string, namespace: string, token?: string, extra: { extraHeaders?: Record<string, string>; transports?: ("polling" | "websocket")[] } = {}): Socket {
  return io(baseUrl + namespace, {
    auth: token ? { token } : {},
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    ...extra,
  });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once("connect", () => resolve());
    socket.once("connect_error", (e) => reject(e));
  });
}

export function refused(socket: Socket): Promise<Error & { data?: { code?: string } }> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("connected but should have been refused")));
    socket.once("connect_error", (e) => resolve(e as Error & { data?: { code?: string } }));
  });
}

type Commands = typeof allCommands;
type RequestOf<K extends CommandName> = Commands[K] extends { request: infer R extends z.ZodType } ? z.input<R> : never;
type ResponseOf<K extends CommandName> = Commands[K] extends { response: infer R extends z.ZodType } ? z.infer<R> : never;

/** Sends a command by its protocol name: a renamed command or a misshapen payload fails to compile. */
export function ask<K extends CommandName>(socket: Socket, event: K, ...[payload]: {} extends RequestOf<K> ? [RequestOf<K>?] : [RequestOf<K>]): Promise<Ack<ResponseOf<K>>> {
  return socket.timeout(5000).emitWithAck(event, payload ?? {}) as Promise<Ack<ResponseOf<K>>>;
}

/** Sends anything at all, as an attacker or a broken client would: any name, any payload. */
export function askRaw<T = any>(socket: Socket, event: string, payload: unknown = {}): Promise<Ack<T>> {
  return socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

export function next<T = any>(socket: Socket, event: string, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** The first `event` whose payload satisfies `pred` (earlier pushes of the same event are skipped). */
export function nextMatching<T = any>(socket: Socket, event: string, pred: (payload: T) => boolean, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, on);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (payload: T) => {
      if (!pred(payload)) return;
      clearTimeout(timer);
      socket.off(event, on);
      resolve(payload);
    };
    socket.on(event, on);
  });
}

export { freePort } from "./free-port.ts";
