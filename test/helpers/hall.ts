import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { ServerOptions } from "@motcua/queue-server";
import { launchChromium, sharedChromium } from "./browser.ts";
import { startTestServer, type TestServer } from "./harness.ts";

/** Where browser tests leave screenshots for a person to look at (docs/screenshots has the kept ones). */
export const OUT = join(import.meta.dirname, "..", "browser", "out");

export interface Hall {
  /** Reassign to restart the server (a test of power cuts does). */
  server: TestServer;
  browser: Browser;
}

/**
 * A real server and Debian's Chromium for one describe block, started before its tests and
 * stopped after: what every browser test needs. Extra setup goes in the test's own beforeAll,
 * which runs after this one.
 */
export function useHall(setup: { server?: () => Promise<Partial<ServerOptions>>; chromium?: () => string[] } = {}): Hall {
  const hall = {} as Hall;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    hall.server = await startTestServer((await setup.server?.()) ?? {});
    // Launch flags (a fake camera) need a Chromium of their own; everyone else shares the run's.
    hall.browser = setup.chromium ? await launchChromium(setup.chromium()) : await sharedChromium();
  }, 60_000);
  afterAll(async () => {
    await hall.browser?.close();
    await hall.server?.destroy();
  });
  return hall;
}
