/** The reduced form of the database restart in `npm run chaos` (test/chaos/database-restart.ts). */
import { afterAll, describe, expect, it } from "vitest";
import { runDatabaseRestart } from "../chaos/database-restart.ts";
import { startPostgres, type PgCluster } from "../helpers/postgres.ts";

let cluster: PgCluster | undefined;
afterAll(() => cluster?.stop());

describe("the database killed under load and started again", () => {
  it("refuses with a clear error while it is away, loses nothing acknowledged, and resumes by itself", async () => {
    // A cluster of its own: the run's shared one must not go away under the other tests.
    cluster = await startPostgres();
    const r = await runDatabaseRestart(cluster, { awayMs: 1500, kiosks: 4 });
    console.log(`database restart: ${JSON.stringify({ ...r, lost: r.lost.length, unclear: r.unclear.length })}`);
    expect(r.lost).toEqual([]);
    expect(r.unclear).toEqual([]);
    expect(r.refusedWhileAway).toBeGreaterThan(0);
    expect(r.resumedMs).toBeGreaterThanOrEqual(0);
    expect(r.acknowledged).toBeGreaterThan(20);
  }, 90_000);
});
