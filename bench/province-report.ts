/**
 * How long a province report over a year of 150 units takes: each unit a commune with 365 past
 * days on disk (simulated through the real engine; the units share the simulated days, each
 * keeping its own files), then POST /api/province/reports over real HTTP as the province: the
 * first time (every unit's every day summarised and kept), again (summaries only), and the XLSX
 * export. Run with `npm run bench` (BENCH_UNITS=20 for a quicker look).
 */
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createLogger, DEMO_COMMUNES, demoCommuneConfig, demoConfig, startServer } from "@motcua/queue-server";
import { writeHistory } from "@motcua/test/history";

const UNITS = Number(process.env.BENCH_UNITS ?? 150);
const DAYS = 365;
const root = await mkdtemp(join(tmpdir(), "motcua-bench-province-report-"));
// The report's year ends yesterday: the server runs on a clock the history was written for.
const now = Date.parse("2026-12-01T10:00:00+07:00");
try {
  const started = performance.now();
  // The provincial center at the folder's top; one commune's year, which every commune's days link to.
  await writeHistory(root, await demoConfig(), DAYS, 8, [600, 900], now);
  // Outside centers/: not a unit, only the days the units link to.
  const template = join(root, "template");
  const history = await writeHistory(template, await demoCommuneConfig(DEMO_COMMUNES[2]!), DAYS, 8, [40, 120], now);
  const days = (await readdir(join(template, "days"))).filter((f) => f.endsWith(".json"));
  for (let n = 1; n < UNITS; n++) {
    const id = `xa-${String(n).padStart(3, "0")}`;
    const base = DEMO_COMMUNES[n % DEMO_COMMUNES.length]!;
    const config = await demoCommuneConfig({ ...base, id, name: `Bộ phận Một cửa xã số ${n}` });
    // Device keys must differ between units.
    config.devices = [];
    const dir = join(root, "centers", id);
    await mkdir(join(dir, "days"), { recursive: true });
    await writeFile(join(dir, "config.json"), JSON.stringify(config));
    for (const d of days) await symlink(join(template, "days", d), join(dir, "days", d));
  }
  console.log(`${UNITS} units × ${DAYS} days on disk (${history.tickets.toLocaleString("en")} tickets a commune) in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const server = await startServer({ dataDir: root, port: 0, host: "127.0.0.1", clock: () => now + (performance.now() - started), logger: createLogger("silent") });
  const post = async (path: string, body: unknown, token?: string) =>
    fetch(`${server.url}/api${path}`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const { token } = (await (await post("/session", { username: "tinh", password: "demo", center: "province" })).json()) as { token: string };
  const span = { from: "2025-12-01", to: "2026-11-30" };
  const times: Record<string, number> = {};
  const time = async (what: string, run: () => Promise<Response>) => {
    const t = performance.now();
    const res = await run();
    const bytes = (await res.arrayBuffer()).byteLength;
    times[what] = (performance.now() - t) / 1000;
    console.log(`  ${what.padEnd(40)} ${times[what]!.toFixed(2)} s  (${res.status}, ${(bytes / 1024).toFixed(0)} kB)`);
  };
  console.log(`province report over a year of ${UNITS} units:`);
  await time("first (summarises every day of every unit)", () => post("/province/reports", span, token));
  await time("again (daily summaries only)", () => post("/province/reports", span, token));
  await time("XLSX export", () => post("/province/reports/export", { ...span, format: "xlsx" }, token));
  await server.close();
  console.log(JSON.stringify({ bench: "province-report", node: process.version, cpus: cpus().length, units: UNITS, days: DAYS, seconds: times }));
} finally {
  await rm(root, { recursive: true, force: true });
}
