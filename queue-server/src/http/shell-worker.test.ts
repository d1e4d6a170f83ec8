import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NAVIGATION_TIMEOUT_MS, shellWorkerSource } from "./shell-worker.ts";

const SCOPE = "http://127.0.0.1:8080/kiosk/";
const page = (entry: string) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><script type="module" src="/kiosk/assets/${entry}"></script></head><body></body></html>`;
const CACHED_PAGE = '<!doctype html><html><head lang="vi"><title>t</title></head></html>';
const versionOf = (source: string | null) => /build ([0-9a-f]+)/.exec(source ?? "")?.[1];

/** The worker's source run as a browser would, against a fake scope: its handlers, caches and network. */
function runWorker(source: string, network: (request: Request) => Promise<Response>) {
  const handlers: Record<string, (e: unknown) => void> = {};
  const stores = new Map<string, Map<string, Response>>();
  const self = {
    registration: { scope: SCOPE },
    clients: { claim: async () => undefined },
    skipWaiting: async () => undefined,
    setTimeout,
    addEventListener: (type: string, fn: (e: unknown) => void) => void (handlers[type] = fn),
    caches: {
      open: async (name: string) => {
        const store = stores.get(name) ?? new Map<string, Response>();
        stores.set(name, store);
        return {
          addAll: async (requests: Request[]) => {
            for (const r of requests) store.set(r.url, new Response(r.url.endsWith("/index.html") ? CACHED_PAGE : `${r.url} (${r.cache})`, { headers: { "content-type": "text/html", "content-security-policy": "default-src 'self'" } }));
          },
          match: async (r: Request | string) => store.get(typeof r === "string" ? r : r.url)?.clone(),
        };
      },
      keys: async () => [...stores.keys()],
      delete: async (name: string) => stores.delete(name),
    },
  };
  runInNewContext(source, { self, URL, Request, Response, Headers, Promise, Set, fetch: network });
  const wait = async (type: string, e: object = {}) => {
    let done: Promise<unknown> = Promise.resolve();
    handlers[type]!({ ...e, waitUntil: (p: Promise<unknown>) => void (done = p) });
    await done;
  };
  const respond = async (request: Request): Promise<Response | undefined> => {
    let answer: Promise<Response> | undefined;
    handlers.fetch!({ request, respondWith: (p: Promise<Response>) => void (answer = p), waitUntil: () => undefined });
    return answer;
  };
  return { stores, install: () => wait("install"), activate: () => wait("activate"), respond };
}

/** A page's own request, as the browser makes it when the PC opens the screen. */
const navigation = (url: string) => Object.defineProperty(new Request(url), "mode", { value: "navigate" });

describe("a screen's service worker", () => {
  let dist: string;
  beforeEach(() => {
    dist = mkdtempSync(join(tmpdir(), "motcua-dist-"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), page("index-aaaa.js"));
    writeFileSync(join(dist, "assets", "index-aaaa.js"), "1");
    writeFileSync(join(dist, "assets", "font-x.woff2"), "2");
    writeFileSync(join(dist, "assets", "font-x.woff"), "3");
  });
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it("is named after its build: the same build the same worker, another build another", async () => {
    const first = await shellWorkerSource(dist);
    expect(versionOf(first)).toMatch(/^[0-9a-f]{16}$/);
    expect(first).toContain('["index.html","assets/font-x.woff2","assets/index-aaaa.js"]');
    expect(await shellWorkerSource(dist)).toBe(first);
    rmSync(join(dist, "assets", "index-aaaa.js"));
    writeFileSync(join(dist, "assets", "index-bbbb.js"), "4");
    writeFileSync(join(dist, "index.html"), page("index-bbbb.js"));
    const second = await shellWorkerSource(dist);
    expect(versionOf(second)).not.toBe(versionOf(first));
    expect(second).not.toContain("index-aaaa");
    expect(await shellWorkerSource(join(dist, "not-built"))).toBeNull();
  });

  it("keeps its build in one cache, drops its screen's older ones, and answers a page the network cannot", async () => {
    const source = (await shellWorkerSource(dist))!;
    let server: "up" | "down" | "proxy" | "silent" = "up";
    const worker = runWorker(source, async (r) => {
      if (server === "down") throw new TypeError("Failed to fetch");
      if (server === "proxy") return new Response("Máy chủ chưa sẵn sàng", { status: 502 });
      if (server === "silent") return new Promise<never>(() => undefined);
      return new Response(`network: ${r.url}`);
    });
    // An older build's cache of this screen, and another screen's: only the first goes.
    const name = `motcua-shell ${SCOPE} ${versionOf(source)}`;
    worker.stores.set(`motcua-shell ${SCOPE} 0000000000000000`, new Map());
    worker.stores.set("motcua-shell http://127.0.0.1:8080/board/ 0000000000000000", new Map());
    await worker.install();
    expect([...worker.stores.get(name)!.keys()]).toEqual([`${SCOPE}index.html`, `${SCOPE}assets/font-x.woff2`, `${SCOPE}assets/index-aaaa.js`]);
    await worker.activate();
    expect([...worker.stores.keys()].sort()).toEqual(["motcua-shell http://127.0.0.1:8080/board/ 0000000000000000", name]);

    // The server up: the network answers the page; the build's files come from the cache.
    const start = `${SCOPE}?key=kiosk-demo-key`;
    expect(await (await worker.respond(navigation(start)))!.text()).toBe(`network: ${start}`);
    expect(await (await worker.respond(new Request(`${SCOPE}assets/index-aaaa.js`)))!.text()).toBe(`${SCOPE}assets/index-aaaa.js (reload)`);
    // The API, Socket.IO and the board's clips are none of its business.
    expect(await worker.respond(new Request("http://127.0.0.1:8080/api/health"))).toBeUndefined();
    expect(await worker.respond(new Request(`${SCOPE}voice/chime.wav`))).toBeUndefined();

    // No server, a proxy's 502, or no answer in time: the cached page, marked, with its headers.
    for (const state of ["down", "proxy", "silent"] as const) {
      server = state;
      const answered = Date.now();
      const r = (await worker.respond(navigation(start)))!;
      expect(r.status, state).toBe(200);
      expect(await r.text(), state).toBe('<!doctype html><html><head lang="vi"><meta name="motcua-shell" content="cache"><title>t</title></head></html>');
      expect(r.headers.get("content-security-policy"), state).toBe("default-src 'self'");
      if (state === "silent") expect(Date.now() - answered).toBeGreaterThanOrEqual(NAVIGATION_TIMEOUT_MS - 50);
    }
  }, 10_000);
});
