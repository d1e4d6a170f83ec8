import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * The machine's clock this run pretends (vitest.config.ts, shift-clock.mjs): if the shift stopped
 * working, the suite would quietly go back to depending on the hour CI runs it at.
 */
describe("the clock of a test run", () => {
  const pretended = Date.parse(process.env.MOTCUA_TEST_CLOCK ?? "");

  it("is set, in this process and in every Node process a test starts", () => {
    expect(Number.isNaN(pretended)).toBe(false);
    // The run started at the pretended moment, not days away from it (the machine's own date).
    expect(Date.now() - pretended).toBeGreaterThanOrEqual(0);
    expect(Date.now() - pretended).toBeLessThan(43_200_000);
    expect(new Date().getTime() - pretended).toBeLessThan(43_200_000);
    const child = Number(execFileSync(process.execPath, ["-e", "console.log(Date.now())"], { encoding: "utf8" }));
    expect(child - pretended).toBeGreaterThanOrEqual(0);
    expect(child - pretended).toBeLessThan(43_200_000);
  });

  it("leaves dates that are given alone", () => {
    expect(new Date("2026-11-27T08:00:00+07:00").toISOString()).toBe("2026-11-27T01:00:00.000Z");
    expect(Date.UTC(2026, 10, 27)).toBe(Date.parse("2026-11-27T00:00:00Z"));
  });
});
