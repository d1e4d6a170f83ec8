import { describe, expect, it } from "vitest";
import type { Store } from "../store/types.ts";
import { demoProvinceClock } from "./province.ts";

/** Only the days on record matter to the clock. */
const withDays = (days: string[]) => ({ listDays: async () => days }) as unknown as Store;
const hanoi = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");

describe("the demo province's clock", () => {
  it("starts at a working morning of the day asked for, and runs faster than the wall clock", async () => {
    const clock = await demoProvinceClock(withDays([]), 10, "2026-12-01");
    expect(hanoi(clock())).toBe("2026-12-01 07:30");
    await new Promise((r) => setTimeout(r, 120));
    expect(clock() - Date.parse("2026-12-01T07:30:00+07:00")).toBeGreaterThanOrEqual(1000);
  });

  it("goes on from the day after the last one an earlier run reached, never back", async () => {
    expect(hanoi((await demoProvinceClock(withDays(["2026-11-30", "2026-12-02"]), 10, "2026-12-01"))())).toBe("2026-12-03 07:30");
    expect(hanoi((await demoProvinceClock(withDays(["2026-11-20"]), 10, "2026-12-01"))())).toBe("2026-12-01 07:30");
  });
});
