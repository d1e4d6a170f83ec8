import { chromium, type Browser } from "playwright-core";
import { inject } from "vitest";

/**
 * Debian's Chromium (npm test installs it), started as this machine must start it as root:
 * no sandbox, no GPU, and no background calls to the internet, which a closed hall refuses.
 * A lobby TV also starts its board unattended, so sound may play before anyone clicks.
 */
export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
  ],
};

/** A Chromium of the test's own, for flags that take effect at launch (a fake camera: fake-camera.ts). */
export const launchChromium = (extraArgs: string[] = []): Promise<Browser> =>
  chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, ...extraArgs] });

/**
 * The test run's one Chromium, started by the global setup of the screens' tests (chromium-server.ts):
 * each test file connects to it and opens its own contexts, instead of starting a browser of its
 * own. A file run outside that setup starts its own.
 */
export function sharedChromium(): Promise<Browser> {
  const endpoint = inject("chromiumEndpoint");
  return endpoint ? chromium.connect(endpoint) : launchChromium();
}
