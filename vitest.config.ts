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
];

/** What needs the screens built, and Chromium: both are set up only when one of these runs. */
const SCREENS = ["test/browser/**/*.test.ts", "test/build/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A poll ends as soon as what it waits for is there; its limit is for a loaded machine, where
    // a page can take more than the default second to draw.
    expect: { poll: { timeout: 5_000 } },
    pool: "forks",
    // Two cores: a browser test mostly waits on Chromium and the server, so two files at a time.
    maxWorkers: 2,
    // Test files in one worker share their imports (the server, socket.io, zod's schemas…): loading
    // them for every file cost a fifth of the run. A test that changes shared state puts it back.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    projects: [
      { extends: true, test: { name: "node", include: NODE } },
      { extends: true, test: { name: "screens", include: SCREENS, globalSetup: ["test/helpers/build-screens.ts", "test/helpers/chromium-server.ts"] } },
    ],
  },
});
