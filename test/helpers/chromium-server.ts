import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM } from "./browser.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the run's shared Chromium listens; empty when none was started. */
    chromiumEndpoint: string;
  }
}

/**
 * Vitest's global setup for the screens' tests: one Chromium for the whole run. Starting one per
 * test file cost a second each, two dozen times; a connection to a running one costs a third of that.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer(CHROMIUM);
  project.provide("chromiumEndpoint", server.wsEndpoint());
  return () => server.close();
}
