/**
 * The reduced form of `npm run chaos` (test/chaos/instances.ts): three instances on one database,
 * one killed with SIGKILL at a random moment in each of a few rounds and started again, under
 * kiosks, counters and boards. Nothing acknowledged may be lost, no number given twice, and boards
 * on the survivors must hear every call, those the dying instance made included.
 */
import { describe, expect, it } from "vitest";
import { runChaos } from "../chaos/instances.ts";
import { freshDatabase } from "../helpers/databases.ts";

describe("three instances, one killed again and again", () => {
  it("loses nothing acknowledged, repeats no number, and keeps the survivors' boards whole", async () => {
    const report = await runChaos({ databaseUrl: await freshDatabase(), kills: 4, boards: 24, kiosks: 6, roundMs: 500 });
    console.log(`instances kill test: ${JSON.stringify({ ...report, violations: report.violations.length })}`);
    expect(report.violations).toEqual([]);
    expect(report.acknowledgedTickets).toBeGreaterThan(50);
    expect(report.acknowledgedCalls).toBeGreaterThan(10);
    expect(report.callsHeard).toBeGreaterThan(0);
  }, 120_000);
});
