import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { hallClock } from "./clock.ts";

/** Logs in through the staff screens' own form, as an officer at a counter PC would. */
export async function staffLogIn(page: Page, url: string, username: string, password = "demo"): Promise<void> {
  await page.goto(`${url}/staff/`);
  await page.locator("input[name=username]").fill(username);
  await page.locator("input[name=password]").fill(password);
  await page.locator("button[type=submit]").click();
}

/**
 * Logs the admin in and opens the "Quản trị" tab. The admin's PC agrees with the server about
 * today: the calendar marks days past by it.
 */
export async function openAdmin(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.clock.install({ time: hallClock() });
  await staffLogIn(page, url, "admin", "admin");
  await page.getByRole("button", { name: "Quản trị", exact: true }).click();
  await expect.poll(() => page.locator(".admin [data-section]").count(), { timeout: 15_000 }).toBe(7);
  return page;
}
