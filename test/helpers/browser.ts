import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium (npm test installs it), started as this machine must start it as root:
 * no sandbox, no GPU, and no background calls to the internet, which a closed hall refuses.
 * A lobby TV also starts its board unattended, so sound may play before anyone clicks.
 */
export const launchChromium = (): Promise<Browser> =>
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
    ],
  });
