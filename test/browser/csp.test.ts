import { describe, expect, it } from "vitest";
import { useHall } from "../helpers/hall.ts";
import { DISPLAY, KIOSK } from "../helpers/harness.ts";

/** Each screen as a hall opens it: under the server's Content-Security-Policy, nothing is refused. */
const SCREENS = [`/kiosk/?key=${KIOSK}`, `/board/?key=${DISPLAY}`, "/staff/", "/c/", "/c/hen", "/c/?chon=don-vi", "/"];

describe("the screens under the Content-Security-Policy", () => {
  const hall = useHall();

  it("run with nothing refused: no inline script, no outside origin", async () => {
    for (const path of SCREENS) {
      const page = await hall.browser.newPage();
      const refused: string[] = [];
      page.on("console", (m) => {
        if (/Content[- ]Security[- ]Policy/i.test(m.text())) refused.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => console.error(`Content-Security-Policy refused ${e.violatedDirective}: ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
      });
      await page.goto(`${hall.server.url}${path}`, { waitUntil: "networkidle" });
      // The screen drew itself (its script ran), and nothing it needed was refused.
      expect(await page.locator("body *").count(), path).toBeGreaterThan(2);
      expect(refused, path).toEqual([]);
      await page.close();
    }
  }, 60_000);
});
