import { Agent as HttpAgent, createServer, request as httpRequest, STATUS_CODES, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { pipeline } from "node:stream";

/**
 * A kiosk PC's own address for the kiosk screen: `http://localhost:PORT/` passed through to the
 * queue-server. Chromium gives the camera (getUserMedia) only to secure contexts, and a page from
 * `http://localhost` is one while a page from `http://192.168.1.10:8080` is not. So the kiosk's
 * browser opens the screen here, and everything (pages, REST, Socket.IO's long-polling and
 * websockets) goes on to the server unchanged, bodies streamed in both directions.
 *
 * It listens on loopback only (127.0.0.1, and ::1 where the machine has it): nobody but this PC
 * can use it. It rewrites `Host` to the server's, and `Origin` when it is this proxy's own
 * origin, so the server sees what a page it served itself would send and its same-origin checks
 * (the API's originGuard, the sockets' allowRequest) pass. It adds no forwarding headers: the
 * server sees the kiosk PC's address as the client, as it would without the proxy.
 *
 * When the server cannot be reached it answers a page of its own (502) that says so in
 * Vietnamese and English and reloads itself every few seconds, so a kiosk started before the
 * server comes up finds it by itself.
 */
export interface LocalProxyOptions {
  /** The queue-server, e.g. http://192.168.1.10:8080 (or https://…); only its origin is used. */
  serverUrl: string;
  /** The local port, e.g. 8081; 0 takes a free one (tests). */
  port: number;
  /** How long a connection to the server may take before the proxy gives up on it (default 5000). */
  connectTimeoutMs?: number;
  /** Seconds the "server not reachable" page waits before it reloads itself (default 5). */
  retrySeconds?: number;
  log?: (message: string, detail?: Record<string, unknown>) => void;
}

export interface LocalProxy {
  /** The port it listens on. */
  readonly port: number;
  /** Its origin as the kiosk's browser opens it: http://localhost:PORT. */
  readonly url: string;
  /** The loopback addresses it listens on: 127.0.0.1, and ::1 when the machine has IPv6. */
  readonly addresses: string[];
  close(): Promise<void>;
}

/** Headers of one connection, not of the message: never passed on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"]);

/** Names a browser may call this PC by, all of them loopback and all of them secure contexts in Chromium. */
const LOOPBACK_NAME = /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;
const isLoopbackAddress = (a: string | undefined) => !!a && (a === "::1" || /^(?:::ffff:)?127\./.test(a));

export async function startLocalProxy(opts: LocalProxyOptions): Promise<LocalProxy> {
  const upstream = new URL(opts.serverUrl);
  if (upstream.protocol !== "http:" && upstream.protocol !== "https:") throw new Error(`the server's address must be http:// or https:// (got ${opts.serverUrl})`);
  const secure = upstream.protocol === "https:";
  const request = secure ? httpsRequest : httpRequest;
  const hostname = upstream.hostname.replace(/^\[|\]$/g, "");
  const upstreamPort = Number(upstream.port) || (secure ? 443 : 80);
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const connectTimeoutMs = opts.connectTimeoutMs ?? 5000;
  const retrySeconds = opts.retrySeconds ?? 5;
  const log = opts.log ?? (() => {});

  // Connections in both directions, so close() ends upgraded websockets as well.
  const open = new Set<Duplex>();
  const track = (s: Duplex) => {
    if (open.has(s)) return;
    open.add(s);
    s.once("close", () => open.delete(s));
  };

  // Said once when the server stops answering and once when it answers again, not at every retry.
  let reachable = true;
  const failed = (e: Error) => {
    if (reachable) log("kiosk proxy: the server is not reachable", { server: upstream.origin, error: e.message });
    reachable = false;
  };
  const answered = () => {
    if (!reachable) log("kiosk proxy: the server answers again", { server: upstream.origin });
    reachable = true;
  };

  /** What goes to the server: the request's headers less the connection's own, with Host and Origin the server's. */
  const headersFor = (req: IncomingMessage, upgrade: boolean): OutgoingHttpHeaders => {
    const listed = new Set(String(req.headers.connection ?? "").toLowerCase().split(",").map((t) => t.trim()));
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
      // This proxy already answered "100 Continue" itself (node's default).
      if (name === "expect") continue;
      headers[name] = value;
    }
    headers.host = upstream.host;
    // The browser's page is this proxy's: to the server it is its own page.
    if (req.headers.origin === `http://${req.headers.host}`) headers.origin = upstream.origin;
    if (upgrade) {
      headers.connection = "Upgrade";
      headers.upgrade = req.headers.upgrade;
    }
    return headers;
  };

  const toServer = (req: IncomingMessage, upgrade: boolean): ClientRequest => {
    const out = request({
      protocol: upstream.protocol,
      hostname,
      port: upstreamPort,
      method: req.method,
      path: req.url,
      headers: headersFor(req, upgrade),
      // A websocket takes its connection for good: a fresh one, not one of the pool's.
      agent: upgrade ? false : agent,
    });
    out.on("socket", (s: Socket) => {
      track(s);
      if (!s.connecting) return;
      const timer = setTimeout(() => out.destroy(Object.assign(new Error(`no connection to ${upstream.host} within ${connectTimeoutMs} ms`), { code: "ETIMEDOUT" })), connectTimeoutMs);
      s.once("connect", () => clearTimeout(timer));
      s.once("close", () => clearTimeout(timer));
    });
    return out;
  };

  /** The proxy's own page when the server does not answer: a screen a citizen can read, which retries by itself. */
  const unreachable = (req: IncomingMessage, e: Error & { code?: string }): { headers: Record<string, string>; body: string } => {
    const reason = e.code ?? e.message;
    const html = /\btext\/html\b/.test(String(req.headers.accept ?? ""));
    const headers = {
      "content-type": html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": String(retrySeconds),
      "x-content-type-options": "nosniff",
      // This page is the proxy's, not the server's, so the server's policy does not cover it: its own.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    };
    if (!html) return { headers, body: `Máy chủ chưa sẵn sàng — Server not reachable (${upstream.origin}: ${reason})\n` };
    return { headers, body: unreachablePage(upstream.origin, reason, retrySeconds) };
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!LOOPBACK_NAME.test(req.headers.host ?? "")) {
      res.writeHead(421, { "content-type": "text/plain; charset=utf-8" }).end("This proxy answers only to localhost.\n");
      return;
    }
    const out = toServer(req, false);
    out.on("response", (back) => {
      answered();
      res.writeHead(back.statusCode ?? 502, back.statusMessage, responseHeaders(back, upstream.origin, `http://${req.headers.host}`));
      // The body as it comes; a server that breaks off mid-body breaks off the browser's answer too.
      pipeline(back, res, () => undefined);
    });
    out.on("error", (e: Error & { code?: string }) => {
      if (res.headersSent || res.destroyed) return void res.destroy();
      failed(e);
      const page = unreachable(req, e);
      res.writeHead(502, page.headers).end(req.method === "HEAD" ? undefined : page.body);
    });
    // A browser that goes away (a long-poll closed, a page left) frees the server's side at once.
    res.on("close", () => {
      if (!res.writableFinished) out.destroy();
    });
    req.on("error", () => out.destroy());
    req.pipe(out);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => undefined);
    if (!LOOPBACK_NAME.test(req.headers.host ?? "")) return void socket.end(rawResponse(421, { "content-type": "text/plain; charset=utf-8" }, "This proxy answers only to localhost.\n"));
    const out = toServer(req, true);
    out.on("upgrade", (back, server, serverHead) => {
      answered();
      server.on("error", () => undefined);
      if (socket.destroyed) return void server.destroy();
      socket.write(`HTTP/1.1 ${back.statusCode} ${back.statusMessage}\r\n${rawHeaderLines(back.rawHeaders)}\r\n`);
      if (serverHead.length) socket.write(serverHead);
      if (head.length) server.write(head);
      (socket as Socket).setNoDelay?.(true);
      server.setNoDelay(true);
      // Either side's end or failure ends the other: a websocket cut at the server is cut at the browser.
      server.pipe(socket);
      socket.pipe(server);
      server.on("close", () => socket.destroy());
      socket.on("close", () => server.destroy());
    });
    // The server declined the upgrade (a refused origin, a bad request): its answer as it gave it.
    out.on("response", (back) => {
      answered();
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(back.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      headers.connection = "close";
      socket.write(rawHead(back.statusCode ?? 502, headers, back.statusMessage));
      pipeline(back, socket, () => undefined);
    });
    out.on("error", (e: Error & { code?: string }) => {
      if (socket.destroyed) return;
      if (!socket.writable) return void socket.destroy();
      failed(e);
      const page = unreachable(req, e);
      socket.end(rawResponse(502, page.headers, page.body));
    });
    socket.on("close", () => out.destroy());
    out.end();
  };

  const servers: Server[] = [];
  const serve = (): Server => {
    const server = createServer(onRequest);
    server.on("upgrade", onUpgrade);
    server.on("connection", (s: Socket) => {
      // Loopback is all it listens on; a connection from elsewhere would be a mistake of the OS's.
      if (!isLoopbackAddress(s.remoteAddress)) return void s.destroy();
      track(s);
    });
    return server;
  };
  const stopAll = () => Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));

  const addresses: string[] = [];
  let port = opts.port;
  for (let attempt = 0; ; attempt++) {
    const v4 = serve();
    try {
      await listen(v4, port, "127.0.0.1");
    } catch (e) {
      throw taken(e, opts.port);
    }
    servers.push(v4);
    const chosen = (v4.address() as { port: number }).port;
    const v6 = serve();
    try {
      await listen(v6, chosen, "::1");
      servers.push(v6);
      addresses.push("127.0.0.1", "::1");
    } catch (e) {
      const code = (e as { code?: string }).code;
      // No IPv6 on this machine: 127.0.0.1 alone, which is where Chromium's localhost then goes.
      if (code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT") {
        addresses.push("127.0.0.1");
      } else {
        await stopAll();
        // A port chosen at random and taken on ::1 only: another one.
        if (opts.port === 0 && code === "EADDRINUSE" && attempt < 5) continue;
        throw taken(e, opts.port);
      }
    }
    port = chosen;
    break;
  }

  return {
    port,
    url: `http://localhost:${port}`,
    addresses,
    close: async () => {
      const stopped = stopAll();
      for (const s of open) s.destroy();
      agent.destroy();
      await stopped;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => reject(e);
    server.once("error", fail);
    server.listen({ port, host, exclusive: true }, () => {
      server.off("error", fail);
      // Once listening, an error (out of file descriptors on accept) must not end the printing and scanning too.
      server.on("error", () => undefined);
      resolve();
    });
  });
}

function taken(e: unknown, port: number): Error {
  if ((e as { code?: string }).code === "EADDRINUSE") return Object.assign(new Error(`port ${port} on localhost is taken by another program`), { code: "EADDRINUSE" });
  return e as Error;
}

/** The server's answer's headers, less the connection's own; a redirect to the server's origin stays on this proxy. */
function responseHeaders(back: IncomingMessage, upstreamOrigin: string, localOrigin: string): string[] {
  const listed = new Set(String(back.headers.connection ?? "").toLowerCase().split(",").map((t) => t.trim()));
  const out: string[] = [];
  const raw = back.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    let value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || listed.has(lower)) continue;
    if (lower === "location" && (value === upstreamOrigin || value.startsWith(`${upstreamOrigin}/`))) value = localOrigin + value.slice(upstreamOrigin.length);
    out.push(name, value);
  }
  return out;
}

function rawHeaderLines(raw: string[]): string {
  let lines = "";
  for (let i = 0; i + 1 < raw.length; i += 2) lines += `${raw[i]}: ${raw[i + 1]}\r\n`;
  return lines;
}

function rawHead(status: number, headers: Record<string, string | string[]>, message?: string): string {
  let head = `HTTP/1.1 ${status} ${message || STATUS_CODES[status] || ""}\r\n`;
  for (const [name, value] of Object.entries(headers)) for (const v of Array.isArray(value) ? value : [value]) head += `${name}: ${v}\r\n`;
  return `${head}\r\n`;
}

function rawResponse(status: number, headers: Record<string, string>, body: string): string {
  return rawHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)), connection: "close" }) + body;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The kiosk's screen while the server is away: large, calm, in both languages, reloading itself. */
export function unreachablePage(server: string, reason: string, retrySeconds = 5): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="${retrySeconds}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Máy chủ chưa sẵn sàng — Server not reachable</title>
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; align-items: center; justify-content: center; background: #f3f5f8; color: #1d2a38; font-family: "Be Vietnam Pro", "Segoe UI", system-ui, sans-serif; text-align: center; cursor: default; user-select: none; }
  main { max-width: 48rem; padding: 2rem; }
  h1 { font-size: 2.6rem; margin: 0 0 0.6rem; }
  p { font-size: 1.5rem; margin: 0 0 2.2rem; line-height: 1.4; }
  .en { color: #55636f; }
  .en h1 { font-size: 2rem; }
  .en p { font-size: 1.25rem; }
  small { display: block; color: #8a96a3; font-size: 0.95rem; }
</style>
</head>
<body>
<main id="proxy-unreachable">
  <h1>Máy chủ chưa sẵn sàng</h1>
  <p>Máy lấy số đang chờ kết nối tới máy chủ và sẽ tự thử lại sau ${retrySeconds} giây. Nếu kéo dài, xin báo cán bộ.</p>
  <div class="en" lang="en">
    <h1>Server not reachable</h1>
    <p>This kiosk is waiting for the server and retries by itself every ${retrySeconds} seconds. If this persists, please tell a member of staff.</p>
  </div>
  <small>${escape(server)} — ${escape(reason)}</small>
</main>
</body>
</html>
`;
}
