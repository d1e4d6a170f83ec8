/**
 * Call to wall: from an officer's "next" over REST to the number drawn on a lobby board in
 * Chromium (the real server, the real board, Socket.IO). Run with `npm run bench`; the board's
 * browser test checks that every call gets there, this measures how soon.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { createLogger, startServer } from "@motcua/queue-server";

const N = Number(process.env.BENCH_CALLS ?? 200);
const dataDir = await mkdtemp(join(tmpdir(), "motcua-board-bench-"));
const server = await startServer({ dataDir, port: 0, host: "127.0.0.1", logger: createLogger("silent"), issuePerMinute: 100_000 });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
await page.goto(`${server.url}/board/?key=display-demo-key&mute=1`);
await page.waitForSelector("header h1");

const api = async (path: string, token: string, body?: unknown) => {
  const res = await fetch(`${server.url}/api${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  return (await res.json().catch(() => null)) as { id: string; number: string; token: string };
};
const { token: officer } = await api("/session", "", { username: "canbo5", password: "demo" });
await api("/counters/quay-8/open", officer);

const times: number[] = [];
for (let i = 0; i < N; i++) {
  const t = await api("/tickets", "kiosk-demo-key", { serviceId: "chung-thuc-ban-sao" });
  const started = performance.now();
  await api("/counters/quay-8/next", officer);
  await page.waitForFunction((n) => document.querySelector(".newest .number")?.textContent === n, t.number, { timeout: 5000, polling: "raf" });
  times.push(performance.now() - started);
  await api(`/tickets/${t.id}/start`, officer);
  await api(`/tickets/${t.id}/complete`, officer);
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
console.log(`\ncall → number on the lobby board (${N} calls, one board in Chromium)`);
console.log(`  p50 ${q(0.5).toFixed(1)} ms · p99 ${q(0.99).toFixed(1)} ms · max ${times.at(-1)!.toFixed(1)} ms`);
await browser.close();
await server.close();
await rm(dataDir, { recursive: true, force: true });
process.exit(0);
