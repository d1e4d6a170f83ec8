/**
 * The reduced form of `npm run chaos`'s first drill (test/chaos/hall.ts): a hall's one server
 * killed with SIGKILL at random moments under kiosks, officers, boards and phones, and started
 * again. Nothing acknowledged may be lost, no number given twice, no tap given two tickets, and
 * every screen must show what the server holds within 5 s of it answering again, with no reload.
 */
import { describe, expect, it } from "vitest";
import { runHallChaos } from "../chaos/hall.ts";

describe("a hall's server killed again and again", () => {
  it("loses nothing acknowledged and has every screen current again within 5 s", async () => {
    const report = await runHallChaos({ kills: 5, boards: 6, phones: 4, roundMs: 800 });
    console.log(`hall kill test: ${JSON.stringify(report)}`);
    expect(report.violations).toEqual([]);
    expect(report.acknowledgedTickets).toBeGreaterThan(30);
    expect(report.acknowledgedCalls).toBeGreaterThan(10);
    expect(report.syncAfterRestartMs.max).toBeLessThanOrEqual(5000);
  }, 180_000);
});
