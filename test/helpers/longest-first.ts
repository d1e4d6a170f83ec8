import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest, slowest first. A clean clone has no timings from an earlier run,
 * and without them the slowest files could start last and leave one core idle at the end.
 */
const SLOWEST = [
  "simulator/src/planner.test.ts",
  "test/browser/kiosk.test.ts",
  "test/browser/kiosk-screens.test.ts",
  "test/browser/board.test.ts",
  "test/browser/citizen.test.ts",
  "test/crash/crash.test.ts",
  "test/browser/staffing.test.ts",
  "test/browser/board-week.test.ts",
  "engine/src/properties.test.ts",
  "test/browser/camera-decode.test.ts",
  "test/browser/admin.test.ts",
  "test/browser/appointments-phone.test.ts",
];

/** Vitest's own order (its recorded timings when it has them), with the known slowest files first. */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOWEST.findIndex((path) => f.moduleId.endsWith(path));
      return i < 0 ? SLOWEST.length : i;
    };
    return [...(await super.sort(files))].sort((a, b) => rank(a) - rank(b));
  }
}
