import type { Locator, Page } from "playwright-core";

/** The page has drawn what it holds: two animation frames, not a guessed pause. */
export const drawn = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

/** Every CSS animation on the element has run to its end (the board's flash on a new call). */
export const animationsDone = (element: Locator): Promise<void> =>
  element.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)).then(() => undefined));
