import type { Page } from "playwright-core";
import { expect } from "vitest";

/** What the QR on a chip ID card holds: number, old number, name, birth, sex, address, issue date. */
export const CCCD = "079123456789|123456789|Nguyễn Văn An|01011960|Nam|12 Lê Lợi, Phường 1, Đà Lạt, Lâm Đồng|15082021";

/** Types on the kiosk's own keyboard, as a finger would: it has no other. */
export async function tapKeys(page: Page, text: string): Promise<void> {
  for (const ch of text.toUpperCase()) {
    if (ch === " ") await page.locator(".key.space").click();
    else await page.locator(".key", { hasText: new RegExp(`^${ch.replace(/[.-]/g, "\\$&")}$`) }).click();
  }
}

/** Field tile → service → "no priority" (or a group) → the number on screen, which it returns. */
export async function takeTicket(page: Page, fieldId: string, service: string | null, group: string | null = null): Promise<string> {
  await page.locator(`.tile[data-field=${fieldId}]`).click();
  if (service) await page.locator(".service", { hasText: service }).click();
  await (group ? page.locator(`.choice[data-group=${group}]`) : page.locator(".choice.main", { hasText: "Không, lấy số thường" })).click();
  await expect.poll(() => page.locator(".ticket-facts .number").count(), { timeout: 30_000 }).toBe(1);
  return (await page.locator(".ticket-facts .number").textContent())!;
}
