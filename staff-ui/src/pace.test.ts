import { describe, expect, it } from "vitest";
import { MIN_PACE_DAYS, MIN_PACE_DOSSIERS, paceOf } from "./pace.ts";

const row = (served: number, projectedYear: number) => ({ staffId: "canbo1", name: "Nguyễn Thị Hoa", served, projectedYear });

describe("an officer's pace against the yardstick", () => {
  it("is not given after six dossiers on the year's first day (that would read 137 %)", () => {
    expect(paceOf({ yardstick: 1600, days: 1 }, row(6, 2190))).toBeNull();
  });

  it.each([
    { when: "a day short of the minimum days", days: MIN_PACE_DAYS - 1, served: 400, pace: null },
    { when: "the minimum days but a dossier short", days: MIN_PACE_DAYS, served: MIN_PACE_DOSSIERS - 1, pace: null },
    { when: "the minimum days and dossiers", days: MIN_PACE_DAYS, served: MIN_PACE_DOSSIERS, pace: 0.5 },
    { when: "most of the year", days: 300, served: 1300, pace: 0.5 },
  ])("with $when: $pace", ({ days, served, pace }) => {
    expect(paceOf({ yardstick: 1600, days }, row(served, 800))).toBe(pace);
  });

  it("judges on dossiers alone when the server does not say how many days it measured", () => {
    expect(paceOf({ yardstick: 1600 }, row(MIN_PACE_DOSSIERS - 1, 1600))).toBeNull();
    expect(paceOf({ yardstick: 1600 }, row(MIN_PACE_DOSSIERS, 1600))).toBe(1);
  });
});
