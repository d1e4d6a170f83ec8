import type { Page } from "playwright-core";

/** Logs in through the staff screens' own form, as an officer at a counter PC would. */
export async function staffLogIn(page: Page, url: string, username: string, password = "demo"): Promise<void> {
  await page.goto(`${url}/staff/`);
  await page.locator("input[name=username]").fill(username);
  await page.locator("input[name=password]").fill(password);
  await page.locator("button[type=submit]").click();
}
