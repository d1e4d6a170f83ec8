/**
 * The demo as `npm start` runs it, printing every ticket through its station, against the same
 * server with --no-station: 8 kiosks issuing as fast as they are answered for 10 s, then one kiosk
 * alone. `npx tsx bench/demo-station.ts [--root CHECKOUT]` measures another checkout's main.ts
 * (an earlier release, to compare with).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { freePort } from "@motcua/test/free-port";
import { issueAtAnyHour } from "@motcua/test/hours";
import { figures, issueTicket } from "./figures.ts";

const { values } = parseArgs({ options: { root: { type: "string" }, seconds: { type: "string", default: "10" } } });
const ROOT = resolve(values.root ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
const SECONDS = Number(values.seconds);

async function measure(station: boolean) {
  const dataDir = await mkdtemp(join(tmpdir(), "motcua-bench-demo-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, ["--import", "tsx", "queue-server/src/main.ts", "--data-dir", dataDir, "--port", String(port), "--host", "127.0.0.1", "--issue-rate", "1000000", "--command-rate", "1000000", ...(station ? [] : ["--no-station"])], {
    cwd: ROOT,
    stdio: "ignore",
    env: { ...process.env, LOG_LEVEL: "warn" },
  });
  try {
    while (!(await fetch(`${url}/api/health`).catch(() => null))) await new Promise((r) => setTimeout(r, 100));
    await issueAtAnyHour(url);
    // The station has connected and printed one ticket: its fonts are loaded.
    if (station) {
      await issueTicket(url, "khai-sinh");
      while (!(await readdir(join(dataDir, "printed")).catch(() => [])).some((f) => f.endsWith(".png"))) await new Promise((r) => setTimeout(r, 50));
    }
    // Each service numbers up to 999 a day: the kiosks take turns over all of them.
    const services = ((await (await fetch(`${url}/api/services`)).json()) as { id: string }[]).map((s) => s.id);
    let turn = 0;
    const steady = async (kiosks: number) => {
      const latencies: number[] = [];
      const end = performance.now() + SECONDS * 1000;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: kiosks }, async () => {
        while (performance.now() < end) latencies.push(await issueTicket(url, services[turn++ % services.length]!));
      }));
      return figures(latencies, performance.now() - t0);
    };
    const eight = await steady(8);
    const one = await steady(1);
    const printed = (await readdir(join(dataDir, "printed")).catch(() => [])).filter((f) => f.endsWith(".png")).length;
    return { eight, one, printed };
  } finally {
    proc.kill("SIGTERM");
    await new Promise((r) => proc.once("exit", r));
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log(`demo tickets/s, ${ROOT}: 8 kiosks for ${SECONDS} s, then one kiosk alone`);
const results: Record<string, unknown> = {};
for (const station of [true, false]) {
  const { eight, one, printed } = await measure(station);
  results[station ? "withStation" : "noStation"] = { eight, one, printed };
  console.log(
    `  ${station ? "with its station " : "--no-station     "} 8 kiosks: ${eight.perSecond.toFixed(0)} tickets/s (p50 ${eight.p50.toFixed(1)} ms, p99 ${eight.p99.toFixed(1)} ms)` +
      `   1 kiosk: ${one.mean.toFixed(1)} ms per ticket` + (station ? `   printed ${printed}` : ""),
  );
}
console.log(JSON.stringify(results));
