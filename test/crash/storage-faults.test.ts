/**
 * `npm run chaos`'s storage drill (test/chaos/storage.ts), whole: the data disk full, turned
 * read-only by ext4 under the running server, and read-only when the server starts. Every tap is
 * a stored ticket or a clear STORE_FAILED, health says so, the board stays up, and service comes
 * back with the disk, with nothing acknowledged lost.
 */
import { describe, expect, it } from "vitest";
import { runStorageFaults } from "../chaos/storage.ts";

describe("the hall's disk failing under it", () => {
  it("refuses clearly while it fails, loses nothing, and serves again once it is back", async () => {
    const report = await runStorageFaults();
    console.log(`storage faults test: ${JSON.stringify(report)}`);
    expect(report.violations).toEqual([]);
    for (const fault of [report.diskFull, report.readOnly, report.readOnlyAtStart]) {
      expect(fault.refused).toBeGreaterThan(0);
      expect(fault.resumedMs).toBeGreaterThanOrEqual(0);
    }
    expect(report.readOnlyAtStart.started).toBe(true);
  }, 120_000);
});
