import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

/** The page has drawn what it holds: two animation frames, not a guessed pause. */
export const drawn = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

/** Every CSS animation on the element has run to its end (the board's flash on a new call). */
export const animationsDone = (element: Locator): Promise<void> =>
  element.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)).then(() => undefined));

/**
 * Logs in at the staff screens of a deployment of several centers: the login's select names the
 * account's center, or "province" for the province's administrators.
 */
export async function logInAt(page: Page, url: string, center: string | { label: string }, username: string, password: string): Promise<void> {
  await page.goto(`${url}/staff/`);
  await expect.poll(() => page.locator("select[name=center]").count()).toBe(1);
  await page.locator("select[name=center]").selectOption(center);
  await page.locator("input[name=username]").fill(username);
  await page.locator("input[name=password]").fill(password);
  await page.locator("button[type=submit]").click();
}
