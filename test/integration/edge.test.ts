import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, client, connect, connected, KIOSK, startTestServer, type TestServer } from "../helpers/harness.ts";

const ELSEWHERE = "http://trang-khac.example";
const ALLOWED = "http://man-hinh-rieng.example";

describe("the server's edge", () => {
  let server: TestServer;
  /** Every log line the server writes, at debug level, to look for secrets in. */
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    server = await startTestServer({ allowedOrigins: [ALLOWED], logger: pino({ level: "debug" }, sink) });
  });
  afterAll(() => server?.destroy());

  it("sends a strict Content-Security-Policy and refuses framing, on pages and the API alike", async () => {
    for (const path of ["/", "/kiosk/", "/board/", "/staff/", "/c/", "/api/health"]) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("unsafe-eval");
      expect(csp.match(/script-src[^;]*/)![0], path).not.toContain("unsafe-inline");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  it("lets a listed origin call the API, and refuses any other", async () => {
    const from = (origin: string, init: RequestInit = {}) => fetch(`${server.url}/api/services`, { ...init, headers: { origin, ...(init.headers as object) } });
    const refused = await from(ELSEWHERE);
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toContain("--allow-origin");
    const allowed = await from(ALLOWED);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    const preflight = await from(ALLOWED, { method: "OPTIONS", headers: { "access-control-request-method": "POST", "access-control-request-headers": "authorization" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
    // The server's own pages, and agents that send no Origin, are as before.
    expect((await fetch(`${server.url}/api/services`, { headers: { origin: server.url } })).status).toBe(200);
    expect((await fetch(`${server.url}/api/services`)).status).toBe(200);
  });

  it("never writes a device key or a follow token to its log, whatever the URL", async () => {
    const t = (await client(server.url).api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })).body;
    await fetch(`${server.url}/kiosk/?key=${KIOSK}`);
    await fetch(`${server.url}/board/?key=display-demo-key&lang=vi`);
    await fetch(`${server.url}/f/${t.followToken}`);
    await fetch(`${server.url}/api/follow/${t.followToken}`);
    await fetch(`${server.url}/api/nothing-here?token=${t.followToken}`);
    await expect.poll(() => lines.filter((l) => l.includes('"msg":"http"')).length).toBeGreaterThanOrEqual(5);
    const all = lines.join("");
    expect(all).toContain("/kiosk/?key=…");
    for (const secret of [KIOSK, "display-demo-key", t.followToken]) expect(all).not.toContain(secret);
  });

  it("caps request bodies and socket messages at 64 kB: the sender is refused, the hall goes on", async () => {
    const big = { serviceId: "khai-sinh", pad: "x".repeat(70_000) };
    expect((await client(server.url).api("POST", "/api/tickets", { token: KIOSK, body: big })).status).toBe(413);
    for (const transport of ["websocket", "polling"] as const) {
      const kiosk = connect(server.url, "/kiosk", KIOSK, { transports: [transport] });
      await connected(kiosk);
      const gone = new Promise<string>((resolve) => kiosk.on("disconnect", resolve));
      kiosk.emit("ticket:issue", big, () => undefined);
      expect(await gone).toMatch(/transport (close|error)/);
      kiosk.close();
    }
    const again = connect(server.url, "/kiosk", KIOSK);
    await connected(again);
    expect((await ask(again, "ticket:issue", { serviceId: "khai-sinh" })).ok).toBe(true);
    again.close();
  });
});
