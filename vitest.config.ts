import { fileURLToPath, pathToFileURL } from "node:url";
import { defineConfig } from "vitest/config";
import LongestFirst from "./test/helpers/longest-first.ts";

/** Every package's own tests, and the tests across packages that need no browser. */
const NODE = [
  "protocol/src/**/*.test.ts",
  "engine/src/**/*.test.ts",
  "queue-server/src/**/*.test.ts",
  "simulator/src/**/*.test.ts",
  "printer-driver/src/**/*.test.ts",
  "station-agent/src/**/*.test.ts",
  "display-board/src/**/*.test.ts",
  "kiosk-ui/src/**/*.test.ts",
  "staff-ui/src/**/*.test.ts",
  "citizen-web/src/**/*.test.ts",
  "test/integration/**/*.test.ts",
  "test/crash/**/*.test.ts",
  "test/release/**/*.test.ts",
  "test/structure/**/*.test.ts",
  "test/fuzz/**/*.test.ts",
  "test/helpers/**/*.test.ts",
];

/** What needs the screens built, and Chromium: both are set up only when one of these runs. */
const SCREENS = ["test/browser/**/*.test.ts", "test/build/**/*.test.ts"];

const SHIFT = fileURLToPath(new URL("./test/helpers/shift-clock.mjs", import.meta.url));
/**
 * The machine's clock in this run (shift-clock.mjs): the node tests at 03:30 in Hanoi on a working
 * day, the screens' tests on a public holiday (New Year's Day, 10:00). No test may depend on the
 * hour CI runs it at; these are the hours that caught the ones that did. MOTCUA_TEST_CLOCK picks
 * another moment for a run by hand.
 */
const at = (moment: string) => ({ setupFiles: [SHIFT], env: { MOTCUA_TEST_CLOCK: process.env.MOTCUA_TEST_CLOCK ?? moment, NODE_OPTIONS: `--import=${pathToFileURL(SHIFT).href}` } });
const AT_NIGHT = at("2026-12-08T03:30:00+07:00");
const ON_A_HOLIDAY = at("2027-01-01T10:00:00+07:00");

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A poll ends as soon as what it waits for is there; its limit is for a loaded machine, where
    // a page can take more than the default second to draw.
    expect: { poll: { timeout: 5_000 } },
    pool: "forks",
    // Two cores, three files at a time: a browser test spends much of its time waiting (timers,
    // Chromium, the server), so a third file keeps the cores busy.
    maxWorkers: 3,
    // Test files in one worker share their imports (the server, socket.io, zod's schemas…): loading
    // them for every file cost a fifth of the run. A test that changes shared state puts it back.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: "node", include: NODE, globalSetup: ["test/helpers/postgres-setup.ts"], ...AT_NIGHT } },
      {
        extends: true,
        test: { name: "screens", include: SCREENS, globalSetup: ["test/helpers/build-screens.ts", "test/helpers/chromium-server.ts"], ...ON_A_HOLIDAY },
      },
    ],
  },
});
