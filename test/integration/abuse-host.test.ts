import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, KIOSK, startTestServer, type TestServer } from "../helpers/harness.ts";

// Issue 18, finding 3: DNS rebinding. A page at evil.example that makes its name resolve to the
// hall server sends `Host: evil.example:PORT` with a matching Origin; the socket check compared
// the two and let it in, and HTTP looked at no Host at all. The server now answers only to the
// names it was told (--public-url, --allow-host, --allow-origin), IP addresses and localhost.

/** A GET with the Host a browser on that name would send (fetch may not set it). */
function getAs(url: string, path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: { ...headers, host } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Whether a kiosk socket naming this Host (and an Origin of that name) is let in. */
function socketAs(url: string, host: string): Promise<"connected" | string> {
  const s = connect(url, "/kiosk", KIOSK, { extraHeaders: { host, origin: `http://${host}` } });
  return new Promise((resolve) => {
    s.on("connect", () => (s.close(), resolve("connected")));
    s.on("connect_error", (e) => (s.close(), resolve(e.message)));
  });
}

describe("a server reached by a name it was not told (DNS rebinding)", () => {
  let server: TestServer;
  let port: string;
  beforeAll(async () => {
    server = await startTestServer({ publicUrl: "https://xephang.tinh.example.vn", allowedHosts: ["motcua.lan"] });
    port = new URL(server.url).port;
  });
  afterAll(() => server.destroy());

  it("answers HTTP only to its names, its addresses and localhost; 421 to any other, with what to do", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, "xephang.tinh.example.vn", `MOTCUA.LAN:${port}`, `[::1]:${port}`]) {
      expect((await getAs(server.url, "/api/services", host, { authorization: `Bearer ${KIOSK}` })).status, host).toBe(200);
    }
    for (const host of [`evil.example:${port}`, "xephang.tinh.example.vn.evil.example", `127.0.0.1.nip.io:${port}`]) {
      const r = await getAs(server.url, "/api/services", host, { authorization: `Bearer ${KIOSK}` });
      expect(r.status, host).toBe(421);
      expect(JSON.parse(r.body).message).toContain("--allow-host");
      // Nothing is served to it: not the screens, not health.
      expect((await getAs(server.url, "/kiosk/", host)).status, host).toBe(421);
      expect((await getAs(server.url, "/api/health", host)).status, host).toBe(421);
    }
  });

  it("lets no socket in under another name, even with an Origin that matches it", async () => {
    expect(await socketAs(server.url, `127.0.0.1:${port}`)).toBe("connected");
    expect(await socketAs(server.url, `xephang.tinh.example.vn`)).toBe("connected");
    expect(await socketAs(server.url, `evil.example:${port}`)).not.toBe("connected");
  });
});
