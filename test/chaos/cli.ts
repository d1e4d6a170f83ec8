/**
 * `npm run chaos`: the full failure drills, beyond the reduced ones `npm test` runs.
 *  1. Three instances on one database, kiosks, counters and 100 boards; one instance killed with
 *     SIGKILL at a random moment, 12 times, and started again each time.
 *  2. The database killed under load and started again.
 * Prints each drill's figures as JSON; exits 1 if anything acknowledged was lost or any board on a
 * survivor missed a call.
 */
import { runDatabaseRestart } from "./database-restart.ts";
import { runChaos } from "./instances.ts";
import { startPostgres } from "../helpers/postgres.ts";

const cluster = await startPostgres({ fsync: true });
let failed = false;
try {
  const kills = await runChaos({
    databaseUrl: await cluster.createDatabase("chaos"),
    kills: Number(process.env.CHAOS_KILLS ?? 12),
    boards: Number(process.env.CHAOS_BOARDS ?? 100),
    kiosks: 9,
    roundMs: 1500,
    log: (line) => console.error(line),
  });
  console.log(JSON.stringify({ drill: "kill one of three instances", ...kills }));
  const restart = await runDatabaseRestart(cluster, { awayMs: 5000, kiosks: 8 });
  console.log(JSON.stringify({ drill: "database killed and restarted", ...restart }));
  failed = kills.violations.length > 0 || restart.lost.length > 0 || restart.unclear.length > 0 || restart.resumedMs < 0;
} finally {
  await cluster.stop();
}
process.exit(failed ? 1 : 0);
