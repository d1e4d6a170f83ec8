import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { SHELL_MARK } from "@motcua/protocol";

// The worker's world, as far as it is used (this package is typed without the WebWorker library).
interface WaitEvent {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends WaitEvent {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface ShellCache {
  addAll(requests: Request[]): Promise<void>;
  match(request: Request | string): Promise<Response | undefined>;
}
interface WorkerScope {
  registration: { scope: string };
  clients: { claim(): Promise<void> };
  caches: { open(name: string): Promise<ShellCache>; keys(): Promise<string[]>; delete(name: string): Promise<boolean> };
  skipWaiting(): Promise<void>;
  setTimeout(fn: () => void, ms: number): unknown;
  addEventListener(type: "install" | "activate", fn: (e: WaitEvent) => void): void;
  addEventListener(type: "fetch", fn: (e: FetchEvent) => void): void;
}

/** How long a screen's own page may take to come before the cached one answers instead. */
export const NAVIGATION_TIMEOUT_MS = 3000;

/**
 * The service worker, as the browser runs it: its source is this function's text, so it uses
 * nothing from outside it, and names no function inside it (a transpiler that keeps names would
 * call a helper the worker does not have). It keeps one build's files in a cache named after the
 * build, deletes its screen's older caches, and answers a page from the network first; when the
 * server does not answer (no connection, a proxy's 502–504, nothing within the timeout) it answers
 * with the cached page, marked so the page knows. The build's files come from the cache. The API,
 * Socket.IO and anything else (the board's voice clips) are not its business: always the network.
 */
function shellWorker(worker: WorkerScope, files: string[], version: string, mark: string, timeoutMs: number): void {
  const scope = worker.registration.scope;
  const prefix = `motcua-shell ${scope} `;
  const name = prefix + version;
  const shell = new Set(files.map((f) => new URL(f, scope).href));
  const page = new URL("index.html", scope).href;

  worker.addEventListener("install", (e) => {
    // Past the HTTP cache: index.html's name does not change with its content. (Node's own
    // RequestInit, which the server's build checks this against, has no `cache`.)
    const reload: RequestInit & { cache: "reload" } = { cache: "reload" };
    const requests = [...shell].map((url) => new Request(url, reload));
    e.waitUntil(worker.caches.open(name).then((c) => c.addAll(requests)).then(() => worker.skipWaiting()));
  });
  worker.addEventListener("activate", (e) => {
    const old = worker.caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith(prefix) && k !== name).map((k) => worker.caches.delete(k))));
    e.waitUntil(old.then(() => worker.clients.claim()));
  });
  worker.addEventListener("fetch", (e) => {
    const request = e.request;
    if (request.method !== "GET") return;
    if (shell.has(request.url) && request.mode !== "navigate") {
      e.respondWith(worker.caches.open(name).then((c) => c.match(request)).then((hit) => hit ?? fetch(request)));
      return;
    }
    if (request.mode !== "navigate") return;
    e.respondWith(
      (async () => {
        let answered: Response | undefined;
        try {
          answered = await Promise.race([
            fetch(request),
            new Promise<never>((_, reject) => worker.setTimeout(() => reject(new Error("no answer in time")), timeoutMs)),
          ]);
          if (answered.status < 502 || answered.status > 504) return answered;
        } catch {
          // No server: the shell answers.
        }
        const cached = await worker.caches.open(name).then((c) => c.match(page));
        if (!cached) return answered ?? Response.error();
        const html = (await cached.text()).replace(/<head[^>]*>/i, (head) => `${head}<meta name="${mark}" content="cache">`);
        const headers = new Headers(cached.headers);
        headers.delete("content-length");
        return new Response(html, { status: 200, headers });
      })(),
    );
  });
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`])));
  return nested.flat();
}

/**
 * A screen's `sw.js`, from its built dist folder as it is now, or null where the screen is not
 * built. The shell is index.html and Vite's assets/ (scripts, styles, fonts: every chunk, the
 * ones a page loads later too, such as the kiosk's rarer screens and camera decoder); the version
 * is a hash of index.html and the assets' names, which carry their contents' hashes. So a new build
 * is a new `sw.js`, which the browser installs as an update, and its cache replaces the old one.
 * Written by the server rather than by each screen's build, so what is cached is what is served.
 */
export async function shellWorkerSource(dist: string): Promise<string | null> {
  const index = await readFile(join(dist, "index.html")).catch(() => null);
  if (!index) return null;
  // Every Chromium a hall runs takes a font's woff2: its woff twin would only weigh on the install.
  const assets = (await filesUnder(join(dist, "assets"))).filter((f) => !f.endsWith(".map") && !f.endsWith(".woff")).map((f) => `assets/${f}`);
  const files = ["index.html", ...assets.sort()];
  const version = createHash("sha256").update(index).update(files.join("\n")).digest("hex").slice(0, 16);
  const args = [files, version, SHELL_MARK, NAVIGATION_TIMEOUT_MS].map((a) => JSON.stringify(a)).join(", ");
  return `// motcua's offline shell, build ${version} (queue-server/src/http/shell-worker.ts).\n(${shellWorker.toString()})(self, ${args});\n`;
}
