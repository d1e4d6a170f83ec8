import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/helpers/build-screens.ts"],
    include: ["protocol/src/**/*.test.ts", "engine/src/**/*.test.ts", "queue-server/src/**/*.test.ts", "simulator/src/**/*.test.ts", "printer-driver/src/**/*.test.ts", "station-agent/src/**/*.test.ts", "display-board/src/**/*.test.ts", "kiosk-ui/src/**/*.test.ts", "staff-ui/src/**/*.test.ts", "citizen-web/src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
