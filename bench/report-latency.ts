/**
 * How long a year's report takes: 365 past days of a provincial center (800–1,500 tickets a
 * day, simulated through the real engine) on disk, then POST /api/reports for the whole year over
 * real HTTP — the first time (each day summarised and kept) and again (summaries only), and the
 * XLSX export. Run with `npm run bench`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoConfig, createLogger, startServer, LowdbStore } from "@motcua/queue-server";
import { writeHistory } from "@motcua/test/history";

const root = await mkdtemp(join(tmpdir(), "motcua-bench-report-"));
try {
  console.log("generating 365 days of history…");
  const history = await writeHistory(root, await demoConfig(), 365, 12, [800, 1500], Date.now());
  const days = await new LowdbStore(root).listDays();
  const server = await startServer({ dataDir: root, port: 0, host: "127.0.0.1", logger: createLogger("silent") });
  const login = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "giamsat", password: "demo" }) });
  const { token } = (await login.json()) as { token: string };
  const post = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  const span = { from: days[0]!, to: days[days.length - 1]! };
  const time = async (what: string, run: () => Promise<Response>) => {
    const t = performance.now();
    const res = await run();
    const bytes = (await res.arrayBuffer()).byteLength;
    console.log(`  ${what.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(2)} s  (${res.status}, ${(bytes / 1024).toFixed(0)} kB)`);
  };
  console.log(`report over ${days.length} days, ${history.tickets.toLocaleString("en")} tickets:`);
  await time("first report (summarises every day)", () => post("/api/reports", span));
  await time("second report (daily summaries only)", () => post("/api/reports", span));
  await time("XLSX export", () => post("/api/reports/export", { ...span, format: "xlsx" }));
  await server.close();
} finally {
  await rm(root, { recursive: true, force: true });
}
