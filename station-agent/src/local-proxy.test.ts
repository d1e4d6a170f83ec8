import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startLocalProxy, type LocalProxy } from "./local-proxy.ts";

/** What the stand-in server saw of one request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  remote: string;
}

/** A stand-in for the queue-server on a random loopback port: each test sets what it answers. */
async function upstream(): Promise<{ server: Server; url: string; host: string; seen: Seen[]; handle: (fn: (req: IncomingMessage, res: ServerResponse) => void) => void }> {
  const seen: Seen[] = [];
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end("ok");
  const server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, remote: req.socket.remoteAddress! });
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, seen, handle: (fn) => (handler = fn) };
}

/** One request through the proxy, as a browser at http://localhost:PORT would send it. */
function ask(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<{ status: number; message: string; headers: IncomingHttpHeaders; raw: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: opts.host ?? "127.0.0.1", port, method: opts.method ?? "GET", path: opts.path ?? "/", headers: { host: `localhost:${port}`, ...opts.headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, message: res.statusMessage!, headers: res.headers, raw: res.rawHeaders, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

const lanAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

describe("the kiosk PC's local proxy", () => {
  let up: Awaited<ReturnType<typeof upstream>>;
  let proxy: LocalProxy;
  const logged: string[] = [];

  beforeAll(async () => {
    up = await upstream();
    proxy = await startLocalProxy({ serverUrl: up.url, port: 0, log: (m) => logged.push(m) });
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((r) => up.server.close(r));
  });
  afterEach(() => {
    up.seen.length = 0;
    up.handle((_req, res) => res.end("ok"));
  });

  it("listens on loopback only, at http://localhost:PORT", async () => {
    expect(proxy.url).toBe(`http://localhost:${proxy.port}`);
    expect(proxy.addresses).toContain("127.0.0.1");
    expect(proxy.addresses.every((a) => a === "127.0.0.1" || a === "::1")).toBe(true);
    // From the hall's network the port is closed.
    const lan = lanAddress();
    if (lan) {
      const s = connect(proxy.port, lan);
      const [e] = (await once(s, "error")) as [NodeJS.ErrnoException];
      expect(e.code).toBe("ECONNREFUSED");
    }
  });

  it("passes method, path, query, headers and body; Host becomes the server's, Origin too when it is the proxy's own; adds no forwarding headers", async () => {
    up.handle((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => res.writeHead(201, "Made", { "content-type": "application/json", "x-answer": "yes" }).end(JSON.stringify({ body })));
    });
    const r = await ask(proxy.port, {
      method: "POST",
      path: "/api/tickets?x=1&y=%C3%A1",
      headers: { origin: `http://localhost:${proxy.port}`, authorization: "Bearer kiosk-key", "content-type": "application/json", "x-motcua-center": "demo" },
      body: '{"serviceId":"khai-sinh"}',
    });
    expect(r.status).toBe(201);
    expect(r.message).toBe("Made");
    expect(r.headers["x-answer"]).toBe("yes");
    expect(JSON.parse(r.body)).toEqual({ body: '{"serviceId":"khai-sinh"}' });
    const seen = up.seen[0]!;
    expect(seen).toMatchObject({ method: "POST", url: "/api/tickets?x=1&y=%C3%A1" });
    expect(seen.headers.host).toBe(up.host);
    expect(seen.headers.origin).toBe(up.url);
    expect(seen.headers.authorization).toBe("Bearer kiosk-key");
    expect(seen.headers["x-motcua-center"]).toBe("demo");
    expect(Object.keys(seen.headers).filter((h) => /forwarded|^via$/i.test(h))).toEqual([]);
    // The server sees this PC as the client: its own address, here loopback.
    expect(seen.remote).toMatch(/127\.0\.0\.1/);
  });

  it("leaves any other Origin as it is, for the server to judge", async () => {
    await ask(proxy.port, { headers: { origin: "http://evil.example" } });
    expect(up.seen[0]!.headers.origin).toBe("http://evil.example");
    await ask(proxy.port, {});
    expect(up.seen[1]!.headers.origin).toBeUndefined();
  });

  it("answers only to localhost names (a page on another name, say by DNS rebinding, gets nothing)", async () => {
    const r = await ask(proxy.port, { headers: { host: "evil.example" } });
    expect(r.status).toBe(421);
    expect(up.seen).toEqual([]);
    for (const host of [`127.0.0.1:${proxy.port}`, `[::1]:${proxy.port}`, `kiosk.localhost:${proxy.port}`]) expect((await ask(proxy.port, { headers: { host } })).status).toBe(200);
  });

  it("passes the server's status and headers: an error status, several cookies, a redirect to its own origin kept on localhost", async () => {
    up.handle((req, res) => {
      if (req.url === "/kiosk") return res.writeHead(301, { location: `${up.url}/kiosk/` }).end();
      if (req.url === "/rel") return res.writeHead(302, { location: "/kiosk/" }).end();
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.writeHead(404, { "content-type": "application/json" }).end('{"ok":false,"code":"NOT_FOUND"}');
    });
    const missing = await ask(proxy.port, { path: "/api/nothing" });
    expect(missing.status).toBe(404);
    expect(missing.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(missing.body).toBe('{"ok":false,"code":"NOT_FOUND"}');
    expect((await ask(proxy.port, { path: "/kiosk" })).headers.location).toBe(`http://localhost:${proxy.port}/kiosk/`);
    expect((await ask(proxy.port, { path: "/rel" })).headers.location).toBe("/kiosk/");
  });

  it("streams the response: the browser gets the first part while the server still holds the rest", async () => {
    let finish!: () => void;
    up.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first ");
      finish = () => res.end("last");
    });
    const res = await new Promise<IncomingMessage>((resolve, reject) => request({ port: proxy.port, host: "127.0.0.1", headers: { host: `localhost:${proxy.port}` } }, resolve).on("error", reject).end());
    res.setEncoding("utf8");
    const [first] = (await once(res, "data")) as [string];
    expect(first).toBe("first ");
    let rest = "";
    res.on("data", (d: string) => (rest += d));
    finish();
    await once(res, "end");
    expect(rest).toBe("last");
  });

  it("streams the request: the server gets the first part of a body while the browser still sends the rest", async () => {
    let received = "";
    const got = new Set<(s: string) => void>();
    up.handle((req, res) => {
      req.setEncoding("utf8");
      req.on("data", (d: string) => {
        received += d;
        for (const g of got) g(received);
      });
      req.on("end", () => res.end(`got ${received}`));
    });
    const until = (text: string) => new Promise<void>((r) => got.add((s) => s.includes(text) && r()));
    const done = new Promise<string>((resolve, reject) => {
      const req = request({ port: proxy.port, host: "127.0.0.1", method: "POST", headers: { host: `localhost:${proxy.port}`, "transfer-encoding": "chunked" } }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve(body));
      });
      req.on("error", reject);
      req.write("one,");
      void until("one,").then(() => req.end("two"));
    });
    expect(await done).toBe("got one,two");
  });

  it("a server that breaks off mid-answer breaks off the browser's answer, not a clean short one", async () => {
    up.handle((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("only part");
      setTimeout(() => res.socket?.destroy(), 50);
    });
    await expect(ask(proxy.port, { path: "/big" })).rejects.toThrow(/aborted|hang up|ECONNRESET/);
  });

  it("a browser that goes away (a long-poll closed) frees the server's side at once", async () => {
    const closed = new Promise<void>((resolve) => up.handle((req) => req.socket.once("close", () => resolve())));
    const req = request({ port: proxy.port, host: "127.0.0.1", path: "/socket.io/?transport=polling", headers: { host: `localhost:${proxy.port}` } });
    req.on("error", () => undefined);
    req.end();
    await expect.poll(() => up.seen.length).toBe(1);
    req.destroy();
    await closed;
  });

  it("passes a websocket upgrade both ways, with Host and Origin the server's", async () => {
    const ws = await upstream();
    let seenHeaders: IncomingHttpHeaders = {};
    let atServer: Socket | undefined;
    ws.server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
      seenHeaders = req.headers;
      atServer = socket;
      socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: test\r\n\r\n");
      socket.write("hello from the server;");
      if (head.length) socket.write(`early:${head};`);
      socket.on("data", (d) => socket.write(`echo:${d};`));
    });
    const wsProxy = await startLocalProxy({ serverUrl: ws.url, port: 0 });
    try {
      const req = request({
        port: wsProxy.port,
        host: "127.0.0.1",
        path: "/socket.io/?EIO=4&transport=websocket",
        headers: { host: `localhost:${wsProxy.port}`, origin: `http://localhost:${wsProxy.port}`, connection: "Upgrade", upgrade: "websocket", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==", "sec-websocket-version": "13" },
      });
      req.end();
      const [res, socket, head] = (await once(req, "upgrade")) as [IncomingMessage, Socket, Buffer];
      expect(res.statusCode).toBe(101);
      expect(res.headers["sec-websocket-accept"]).toBe("test");
      expect(seenHeaders.host).toBe(ws.host);
      expect(seenHeaders.origin).toBe(ws.url);
      expect(seenHeaders["sec-websocket-key"]).toBe("dGhlIHNhbXBsZSBub25jZQ==");
      expect(seenHeaders.upgrade).toBe("websocket");
      // What the server sent right after its 101 may come with the answer's head, or after it.
      let text = head.toString();
      socket.on("data", (d) => (text += d));
      socket.write("ping");
      await expect.poll(() => text).toBe("hello from the server;echo:ping;");
      // The server hangs up: so does the proxy, towards the browser.
      const closed = once(socket, "close");
      atServer!.destroy();
      await closed;
    } finally {
      await wsProxy.close();
      atServer?.destroy();
      await new Promise((r) => ws.server.close(r));
    }
  });

  it("passes a refused upgrade as the server answered it", async () => {
    const ws = await upstream();
    ws.server.on("upgrade", (_req: IncomingMessage, socket: Socket) => {
      const body = '{"code":4,"message":"origin not allowed"}';
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    });
    const wsProxy = await startLocalProxy({ serverUrl: ws.url, port: 0 });
    try {
      const req = request({ port: wsProxy.port, host: "127.0.0.1", path: "/socket.io/", headers: { host: `localhost:${wsProxy.port}`, origin: "http://evil.example", connection: "Upgrade", upgrade: "websocket" } });
      req.end();
      const [res] = (await once(req, "response")) as [IncomingMessage];
      expect(res.statusCode).toBe(403);
      let body = "";
      for await (const d of res) body += d;
      expect(body).toBe('{"code":4,"message":"origin not allowed"}');
    } finally {
      await wsProxy.close();
      await new Promise((r) => ws.server.close(r));
    }
  });

  describe("when the server is down", () => {
    let down: LocalProxy;
    let downLog: string[];
    let serverUrl: string;
    beforeAll(async () => {
      // A port that was free a moment ago, now closed: connection refused.
      const gone = await upstream();
      serverUrl = gone.url;
      await new Promise((r) => gone.server.close(r));
      downLog = [];
      down = await startLocalProxy({ serverUrl, port: 0, log: (m) => downLog.push(m) });
    });
    afterAll(() => down.close());

    it("answers its own 502 page, in Vietnamese and English, that reloads itself", async () => {
      const r = await ask(down.port, { path: "/kiosk/?key=k", headers: { accept: "text/html,application/xhtml+xml" } });
      expect(r.status).toBe(502);
      expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(r.headers["cache-control"]).toBe("no-store");
      expect(r.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(r.body).toContain("<title>Máy chủ chưa sẵn sàng — Server not reachable</title>");
      expect(r.body).toContain('<meta http-equiv="refresh" content="5">');
      expect(r.body).toContain("ECONNREFUSED");
      // Said once, not at every retry.
      await ask(down.port, { headers: { accept: "text/html" } });
      expect(downLog.filter((m) => m.includes("not reachable"))).toHaveLength(1);
    });

    it("answers 502 in plain text to the API and sockets, which the screens read as offline", async () => {
      const r = await ask(down.port, { path: "/api/services", headers: { accept: "application/json" } });
      expect(r.status).toBe(502);
      expect(r.body).toBe(`Máy chủ chưa sẵn sàng — Server not reachable (${serverUrl}: ECONNREFUSED)\n`);
      const req = request({ port: down.port, host: "127.0.0.1", path: "/socket.io/", headers: { host: `localhost:${down.port}`, connection: "Upgrade", upgrade: "websocket" } });
      req.end();
      const [res] = (await once(req, "response")) as [IncomingMessage];
      expect(res.statusCode).toBe(502);
      res.resume();
    });

    it("gives up on a server that does not even refuse within the connect timeout", async () => {
      // 192.0.2.0/24 is TEST-NET-1, routed nowhere: connecting there hangs, as to a PC switched off.
      const silent = await startLocalProxy({ serverUrl: "http://192.0.2.123:8080", port: 0, connectTimeoutMs: 300 });
      try {
        const r = await ask(silent.port, { headers: { accept: "text/html" } });
        expect(r.status).toBe(502);
        expect(r.body).toMatch(/ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/);
      } finally {
        await silent.close();
      }
    });
  });

  it("says so when its port is taken", async () => {
    await expect(startLocalProxy({ serverUrl: up.url, port: proxy.port })).rejects.toThrow(`port ${proxy.port} on localhost is taken by another program`);
  });

  it("refuses a server address that is not http(s)", async () => {
    await expect(startLocalProxy({ serverUrl: "ftp://192.168.1.10", port: 0 })).rejects.toThrow(/http:\/\/ or https:\/\//);
  });
});

describe("the station's --serve-kiosk", () => {
  const cli = join(import.meta.dirname, "cli.ts");
  let up: Awaited<ReturnType<typeof upstream>>;
  let proc: ChildProcess | undefined;
  beforeAll(async () => {
    up = await upstream();
  });
  afterAll(async () => {
    proc?.kill();
    await new Promise((r) => up.server.close(r));
  });

  const start = (args: string[]) => {
    const p = spawn(process.execPath, ["--import", "tsx", cli, "--server", up.url, "--key", "k", "--printer", "tcp://127.0.0.1:9", "--status-every", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    return { p, out: () => out };
  };

  it("serves the kiosk at http://localhost:PORT/kiosk/ through to the server", async () => {
    // A free port: the proxy's own, taken and given back.
    const probe = await startLocalProxy({ serverUrl: up.url, port: 0 });
    const port = probe.port;
    await probe.close();
    const s = start(["--serve-kiosk", String(port)]);
    proc = s.p;
    await expect.poll(s.out, { timeout: 20_000 }).toContain(`http://localhost:${port}/kiosk/`);
    up.handle((_req, res) => res.end("the kiosk page"));
    const r = await ask(port, { path: "/kiosk/?key=kiosk-key" });
    expect(r.body).toBe("the kiosk page");
    expect(up.seen.some((x) => x.url === "/kiosk/?key=kiosk-key")).toBe(true);
    proc.kill();
    await once(proc, "exit");
  });

  it("stops at the start on a port that is no port", async () => {
    const s = start(["--serve-kiosk", "eighty"]);
    const [code] = (await once(s.p, "exit")) as [number];
    expect(code).toBe(2);
    expect(s.out()).toContain("--serve-kiosk PORT");
  });
});
