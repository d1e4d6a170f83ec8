/**
 * `npm run chaos`: the full failure drills, beyond the reduced ones `npm test` runs (test/crash).
 *  1. A hall's one server killed with SIGKILL at 50 random moments under kiosks, officers,
 *     boards and phones (hall.ts).
 *  2. Its disk full, read-only under it, read-only at start (storage.ts).
 *  3. Faults at start: a damaged day file, the clock stepped back, a restart across midnight and
 *     the day's turn, a short write on a full disk: their tests, run from here too.
 *  4. Three instances on one database, one killed at a random moment, 12 times (instances.ts).
 *  5. The database killed under load and started again (database-restart.ts).
 * Prints each drill's figures as JSON; exits 1 if any drill found anything.
 * CHAOS_KILLS, CHAOS_BOARDS and CHAOS_SEED change the first drill's kills, boards and seed.
 */
import { spawnSync } from "node:child_process";
import { runDatabaseRestart } from "./database-restart.ts";
import { runHallChaos } from "./hall.ts";
import { runChaos } from "./instances.ts";
import { runStorageFaults } from "./storage.ts";
import { startPostgres } from "../helpers/postgres.ts";

const log = (line: string) => console.error(line);
const failed: string[] = [];

const hall = await runHallChaos({
  kills: Number(process.env.CHAOS_KILLS ?? 50),
  boards: Number(process.env.CHAOS_BOARDS ?? 24),
  phones: 12,
  kiosks: 4,
  ...(process.env.CHAOS_SEED ? { seed: Number(process.env.CHAOS_SEED) } : {}),
  log,
});
console.log(JSON.stringify({ drill: "hall server killed", ...hall }));
if (hall.violations.length) failed.push("hall server killed");

const storage = await runStorageFaults(log);
console.log(JSON.stringify({ drill: "disk full and read-only", ...storage }));
if (storage.violations.length) failed.push("disk full and read-only");

const tests = ["test/integration/corrupt-file.test.ts", "test/integration/clock-faults.test.ts", "test/integration/short-write.test.ts"];
const vitest = spawnSync("npx", ["vitest", "run", "--project", "node", ...tests], { stdio: ["ignore", "inherit", "inherit"] });
console.log(JSON.stringify({ drill: "faults at start (damaged day file, clock back, midnight, short write)", tests, passed: vitest.status === 0 }));
if (vitest.status !== 0) failed.push("faults at start");

const cluster = await startPostgres({ fsync: true });
try {
  const kills = await runChaos({
    databaseUrl: await cluster.createDatabase("chaos"),
    kills: 12,
    boards: 100,
    kiosks: 9,
    roundMs: 1500,
    log,
  });
  console.log(JSON.stringify({ drill: "kill one of three instances", ...kills }));
  if (kills.violations.length) failed.push("kill one of three instances");
  const restart = await runDatabaseRestart(cluster, { awayMs: 5000, kiosks: 8 });
  console.log(JSON.stringify({ drill: "database killed and restarted", ...restart }));
  if (restart.lost.length > 0 || restart.unclear.length > 0 || restart.resumedMs < 0) failed.push("database killed and restarted");
} finally {
  await cluster.stop();
}
console.error(failed.length ? `chaos: FAILED: ${failed.join("; ")}` : "chaos: every drill passed");
process.exit(failed.length ? 1 : 0);
