import type { Server as HttpServer } from "node:http";
import type { Socket } from "node:net";
import { networkOf } from "../app/remote.ts";
import type { Logger } from "../log.ts";

/**
 * What one client may hold of the server's connections, and how long a connection may take to
 * say what it wants. Without these, one machine on the citizens' Wi-Fi opening thousands of
 * half-sent requests holds every file descriptor the process has, and /api/health fails with
 * everything else until they are let go (node's own defaults keep such a request 60–90 s).
 */
export interface ConnectionLimits {
  /**
   * TCP connections one address (one IPv6 /64) may hold at once; 0: no cap. Generous: a hall's
   * kiosks, boards and counter PCs may all reach the server through one NAT address, each with a
   * WebSocket and a few keep-alive connections of its browser.
   */
  perAddress: number;
  /** From a connection's start (or a request's first byte) to the end of its headers. */
  headersMs: number;
  /**
   * To receive a whole request, body included. Only the receiving: the answer may take as long as
   * it takes (a year's report export, a long-polling Socket.IO GET held 25 s), node does not count it.
   */
  requestMs: number;
  /** An idle keep-alive connection between two requests (node keeps it open 1 s more than it says). */
  keepAliveMs: number;
  /** How often node looks for requests past headersMs or requestMs: the timeouts' granularity. */
  checkEveryMs: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  perAddress: 200,
  // A phone on a bad 3G link sends a request's few hundred bytes of headers in well under a second.
  headersMs: 10_000,
  // No body may pass 64 kB (app.ts): seconds even on a poor phone link. Answers are not timed.
  requestMs: 30_000,
  keepAliveMs: 5_000,
  checkEveryMs: 1_000,
};

/** What the guard has seen, for health and metrics. */
export interface ConnectionGuard {
  /** Connections open now, over every address. */
  open(): number;
  /** Connections one address (its /64 for IPv6) holds now. */
  heldBy(address: string): number;
  /** Connections destroyed at once since start because their address held its cap. */
  refused(): number;
}

export interface GuardOptions {
  limits?: Partial<ConnectionLimits> | undefined;
  /** Whether a connection's peer address is a reverse proxy this server trusts: its connections are not capped. */
  trusted?: ((address: string) => boolean) | undefined;
  log?: Logger | undefined;
}

/**
 * Caps the connections one address holds and tightens node's request timeouts. Call it before
 * `listen`: node reads `connectionsCheckingInterval` when the server starts listening.
 *
 * WebSockets are untouched once upgraded: node takes an upgraded socket off its request timeouts
 * and its timeout handler, and `ws` sets the socket's own timeout to none. They still count
 * against their address's cap while open.
 */
export function guardConnections(server: HttpServer, opts: GuardOptions = {}): ConnectionGuard {
  const limits = limitsOf(opts.limits);
  applyTimeouts(server, limits);
  const held = new Map<string, number>();
  // Addresses that reached their cap: logged once when they reach it, not once per refusal.
  const atCap = new Set<string>();
  let open = 0;
  let refused = 0;

  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress;
    // Gone before we saw it (reset at once): nothing to count, node cleans up after it.
    if (!address) return;
    if (limits.perAddress === 0 || opts.trusted?.(address)) return countOpen(socket);
    const key = networkOf(address);
    const count = held.get(key) ?? 0;
    if (count >= limits.perAddress) {
      refused++;
      if (!atCap.has(key)) {
        atCap.add(key);
        opts.log?.warn({ network: key, cap: limits.perAddress }, "an address holds its cap of connections; more are refused");
      }
      // Nothing is answered: an answer costs the server more than the attacker, and a client
      // that really is this busy retries.
      socket.destroy();
      return;
    }
    held.set(key, count + 1);
    countOpen(socket);
    socket.once("close", () => release(key));
  });

  function countOpen(socket: Socket): void {
    open++;
    socket.once("close", () => open--);
  }

  function release(key: string): void {
    const left = (held.get(key) ?? 1) - 1;
    // An address with nothing open leaves the map: it would otherwise grow with every phone.
    if (left <= 0) held.delete(key);
    else held.set(key, left);
    if (left < limits.perAddress) atCap.delete(key);
  }

  return {
    open: () => open,
    heldBy: (address) => held.get(networkOf(address)) ?? 0,
    refused: () => refused,
  };
}

/** The defaults with what was given; headers can never take longer than the whole request. */
export function limitsOf(given: Partial<ConnectionLimits> = {}): ConnectionLimits {
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<ConnectionLimits>;
  const limits = { ...DEFAULT_LIMITS, ...defined };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`connection limit ${name} must be a whole number ≥ 0, not ${value}`);
  }
  if (limits.checkEveryMs === 0) throw new Error("connection limit checkEveryMs must be more than 0");
  return { ...limits, headersMs: Math.min(limits.headersMs, limits.requestMs || limits.headersMs) };
}

/**
 * Node's own timeouts, tighter. A connection that sends nothing counts as a request that has not
 * sent its headers, so headersMs also closes silent connections (with a 408). `server.timeout`
 * stays 0: it would cut an answer that takes long to make (an export) while the socket is quiet.
 */
function applyTimeouts(server: HttpServer, limits: ConnectionLimits): void {
  server.headersTimeout = limits.headersMs;
  server.requestTimeout = limits.requestMs;
  server.keepAliveTimeout = limits.keepAliveMs;
  // Read at 'listening' (node's setupConnectionsTracking); the default 30 s would let a request
  // live up to 30 s past its timeout.
  (server as HttpServer & { connectionsCheckingInterval: number }).connectionsCheckingInterval = limits.checkEveryMs;
}

/**
 * The "trust proxy" setting of an express app, as express compiled it (with proxy-addr): whether
 * a direct peer is a trusted proxy. A hop count or `true` trusts every peer: the server is then
 * reachable only through its proxies, and the cap per client is the proxy's to keep.
 */
export function trustedProxy(app: { get(setting: string): unknown }): (address: string) => boolean {
  const trust = app.get("trust proxy fn");
  if (typeof trust !== "function") return () => false;
  return (address) => Boolean((trust as (address: string, hop: number) => boolean)(address, 0));
}
