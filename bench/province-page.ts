/**
 * The province's page with 150 units: from a kiosk's ticket over REST to that unit's new figure
 * in the page's table in Chromium, and the page's frame times while units' figures flow in.
 * The server sends each unit at most once a second (realtime/province.ts), so the latency's floor
 * is that throttle, not the page: the figures say how much the page adds to it.
 *
 * Prints a line and the figures as JSON. Run with `npx tsx bench/province-page.ts`;
 * BENCH_UNITS, BENCH_KIOSKS, BENCH_TICKETS, BENCH_FRAME_SECONDS, BENCH_SCREENSHOT (a path for a picture).
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { createLogger, startServer } from "@motcua/queue-server";
import { figures, issueTicket, type Figures } from "./figures.ts";

const UNITS = Number(process.env.BENCH_UNITS ?? 150);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 30);
const FRAME_SECONDS = Number(process.env.BENCH_FRAME_SECONDS ?? 10);
/** Units besides the demo center that get a kiosk of their own (each its admin's login: ~50 ms of hashing). */
const WITH_KIOSKS = Math.min(UNITS - 1, Number(process.env.BENCH_KIOSKS ?? UNITS - 1));
/** Clients issuing at every kiosk in turn while frames are timed. */
const CLIENTS = 6;
const AREAS = ["urban", "rural", "remote"] as const;

/** A unit's kiosk and the service it issues for. */
interface Kiosk {
  unit: string;
  key: string;
  serviceId: string;
}

/** Tuesday 1 December 2026, 09:00 in Hanoi, running at the real pace: the hall open whatever the hour the bench runs at. */
const WORKING_MORNING = Date.parse("2026-12-01T09:00:00+07:00");
const offset = WORKING_MORNING - Date.now();
const hallClock = () => Date.now() + offset;

/** Debian's Chromium, started as the browser tests start it (test/helpers/browser.ts). */
const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

/** Wall-clock milliseconds, comparable between this process and the page (both count from the epoch). */
const epochNow = () => performance.timeOrigin + performance.now();

/** Percentiles of a sample whose rate means nothing (one after the other, or per frame). */
function spread(xs: number[]): Omit<Figures, "perSecond"> {
  const { perSecond: _, ...f } = figures(xs, 1);
  return f;
}

/** What the page records: frame times and long tasks while `recording`, and rows touched per batch of DOM changes. */
const RECORDER = `(() => {
  const b = (window.__bench = { frames: [], longTasks: [], slow: [], touched: [], recording: false });
  let last = performance.now();
  requestAnimationFrame(function frame(t) {
    if (b.recording) b.frames.push(t - last);
    last = t;
    requestAnimationFrame(frame);
  });
  new PerformanceObserver((list) => { if (b.recording) for (const e of list.getEntries()) b.longTasks.push(Math.round(e.duration)); }).observe({ type: "longtask" });
  // A frame over 50 ms, and what ran in it: the page's own script, or nothing (the machine was busy).
  new PerformanceObserver((list) => {
    if (!b.recording) return;
    for (const e of list.getEntries()) {
      const scriptMs = Math.round(e.scripts.reduce((n, x) => n + x.duration, 0));
      b.slow.push({ ms: Math.round(e.duration), blockingMs: Math.round(e.blockingDuration), scriptMs, renderMs: Math.round(e.startTime + e.duration - e.renderStart) });
    }
  }).observe({ type: "long-animation-frame" });
  new MutationObserver((records) => {
    const rows = new Set();
    for (const r of records) {
      const el = r.target instanceof Element ? r.target : r.target.parentElement;
      const row = el && el.closest("tr[data-unit]");
      if (row) rows.add(row);
      // A row moved in the order: the table body's children changed.
      for (const n of r.addedNodes) if (n instanceof Element && n.matches("tr[data-unit]")) rows.add(n);
    }
    if (rows.size) b.touched.push(rows.size);
  }).observe(document.querySelector(".unit-table"), { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

// The screens as the tree has them (a no-op when nothing changed), as the browser tests do.
execFileSync(process.execPath, [join(import.meta.dirname, "..", "scripts", "build-ui.mjs")], { stdio: "inherit" });

const dataDir = await mkdtemp(join(tmpdir(), "motcua-province-bench-"));
// A working morning at the real pace: the bench runs the same at any hour.
const server = await startServer({
  dataDir,
  port: 0,
  host: "127.0.0.1",
  clock: hallClock,
  logger: createLogger("silent"),
  issuePerMinute: 1e9,
  loginPerMinute: 1e9,
});
const browser = await chromium.launch(CHROMIUM);

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<any> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** The demo center and UNITS − 1 more, made as the province makes them, four at a time; WITH_KIOSKS of them get a kiosk from their admin. */
async function makeUnits(): Promise<Kiosk[]> {
  const { token: province } = await call("POST", "/session", null, { username: "tinh", password: "demo", center: "province" });
  const ids = Array.from({ length: UNITS - 1 }, (_, i) => `xa-${String(i + 1).padStart(3, "0")}`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < ids.length) {
        const n = next++;
        const id = ids[n]!;
        const admin = { username: "quantri", displayName: "Quản trị xã", password: `mat-khau-cua-${id}` };
        await call("POST", "/province/centers", province, {
          id,
          name: `Bộ phận Một cửa xã số ${n + 1}`,
          level: n % 10 === 0 ? "district" : "commune",
          area: AREAS[n % AREAS.length],
          parentId: "lam-dong",
          admin,
        });
      }
    }),
  );
  const kiosks: Kiosk[] = [{ unit: "lam-dong", key: "kiosk-demo-key", serviceId: "khai-sinh" }];
  for (const id of ids.slice(0, WITH_KIOSKS)) {
    const { token } = await call("POST", "/session", null, { username: "quantri", password: `mat-khau-cua-${id}`, center: id });
    const config = await call("GET", "/admin/config", token);
    config.devices.push({ id: "kiosk", kind: "kiosk", name: "Kiosk", newKey: true });
    const saved = await call("PUT", "/admin/config", token, config);
    kiosks.push({ unit: id, key: saved.newKeys.kiosk, serviceId: "tiep-nhan-ho-so" });
  }
  return kiosks;
}

try {
  const made = performance.now();
  const kiosks = await makeUnits();
  const makingMs = performance.now() - made;

  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${server.url}/staff/`);
  await page.locator("select[name=center]").selectOption("province");
  await page.locator("input[name=username]").fill("tinh");
  await page.locator("input[name=password]").fill("demo");
  const opened = performance.now();
  await page.locator("button[type=submit]").click();
  await page.waitForFunction((n) => document.querySelectorAll("tr[data-unit]").length === n, UNITS, { timeout: 30_000 });
  const firstPictureMs = performance.now() - opened;

  // In the page: every frame's time, long tasks, and how many rows each batch of DOM changes touched.
  // Sent as text: tsx names the functions it compiles with a helper the page does not have.
  await page.evaluate(RECORDER);

  /** Issues at a kiosk; resolves with ms until the page shows that unit's new count of tickets issued. */
  async function issueToRow(k: Kiosk): Promise<number> {
    const row = `tr[data-unit="${k.unit}"]`;
    const before = Number(await page.locator(row).getAttribute("data-issued"));
    const t0 = epochNow();
    await issueTicket(server.url, k.serviceId, k.key);
    // Seen in the page at the frame it drew it: the page's own clock, not the trip back here.
    const seen = await page.waitForFunction(
      ([sel, n]) => document.querySelector(sel)?.getAttribute("data-issued") === n && performance.timeOrigin + performance.now(),
      [row, String(before + 1)] as const,
      { timeout: 10_000, polling: "raf" },
    );
    return ((await seen.jsonValue()) as number) - t0;
  }

  const latencies: number[] = [];
  for (let n = 0; n < TICKETS; n++) {
    latencies.push(await issueToRow(kiosks[n % kiosks.length]!));
    // Not in step with the server's one-second flush: each ticket lands at another point of it.
    await new Promise((r) => setTimeout(r, Math.random() * 700));
  }

  // Frames while figures flow: clients issue at every kiosk in turn for FRAME_SECONDS, so each of
  // the server's flushes carries many units at once and the order keeps changing.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const busy = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value * 1000]));
  const busyBefore = await busy();
  await page.evaluate("window.__bench.recording = true");
  const until = performance.now() + FRAME_SECONDS * 1000;
  let flowed = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const k = kiosks[flowed++ % kiosks.length]!;
        await issueTicket(server.url, k.serviceId, k.key);
      }
    }),
  );
  await new Promise((r) => setTimeout(r, 1500));
  const busyAfter = await busy();
  // The page's main thread over the flow (and the 1.5 s after it): what it spent on script, style, layout.
  const spent = (k: string) => Math.round((busyAfter[k] ?? 0) - (busyBefore[k] ?? 0));
  const mainThread = { overMs: FRAME_SECONDS * 1000 + 1500, taskMs: spent("TaskDuration"), scriptMs: spent("ScriptDuration"), styleMs: spent("RecalcStyleDuration"), layoutMs: spent("LayoutDuration") };
  const inPage = (await page.evaluate("(window.__bench.recording = false, window.__bench)")) as {
    frames: number[];
    longTasks: number[];
    slow: { ms: number; blockingMs: number; scriptMs: number; renderMs: number }[];
    touched: number[];
  };
  if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });

  const issue = spread(latencies);
  const frames = spread(inPage.frames);
  const touched = spread(inPage.touched);
  const slowFrames = inPage.frames.filter((f) => f > 50).length;
  const result = {
    bench: "province-page",
    node: process.version,
    cpus: cpus().length,
    units: UNITS,
    kiosks: kiosks.length,
    makingUnitsMs: Math.round(makingMs),
    firstPictureMs: Math.round(firstPictureMs),
    serverThrottleMs: 1000,
    tickets: TICKETS,
    issueToRow: issue,
    frameSeconds: FRAME_SECONDS,
    ticketsWhileFraming: flowed,
    frames,
    framesOver50ms: slowFrames,
    /** Each task over 50 ms the page ran while recording, in ms. */
    longTasks: inPage.longTasks,
    /** Each animation frame over 50 ms: how long, and how much of it was script and rendering. */
    longAnimationFrames: inPage.slow,
    rowsTouchedPerDomBatch: touched,
    mainThread,
  };
  console.log(
    `motcua province page bench: ${UNITS} units in Chromium at 1920×1080 — ticket → row p50/p99/max ${issue.p50.toFixed(0)}/${issue.p99.toFixed(0)}/${issue.max.toFixed(0)} ms ` +
      `(server sends each unit at most once a second: that is the floor); frames over ${FRAME_SECONDS} s with ${flowed} tickets at ${kiosks.length} units ` +
      `p50/p99/max ${frames.p50.toFixed(1)}/${frames.p99.toFixed(1)}/${frames.max.toFixed(1)} ms, ${slowFrames} over 50 ms, ${inPage.longTasks.length} long tasks${inPage.longTasks.length ? ` (${inPage.longTasks.join(", ")} ms)` : ""}; ` +
      `rows touched per DOM change p50/max ${touched.p50}/${touched.max}; ` +
      `main thread busy ${mainThread.taskMs} ms of ${mainThread.overMs} (script ${mainThread.scriptMs}, style ${mainThread.styleMs}, layout ${mainThread.layoutMs}); first picture ${firstPictureMs.toFixed(0)} ms`,
  );
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
  await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
