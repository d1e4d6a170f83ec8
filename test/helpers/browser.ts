import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium (npm test installs it), started as this machine must start it as root:
 * no sandbox, no GPU, and no background calls to the internet, which a closed hall refuses.
 * A lobby TV also starts its board unattended, so sound may play before anyone clicks.
 * `extraArgs` add to these, e.g. the fake-camera flags in fake-camera.ts.
 */
export const launchChromium = (extraArgs: string[] = []): Promise<Browser> =>
  chromium.launch({
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
      ...extraArgs,
    ],
  });
