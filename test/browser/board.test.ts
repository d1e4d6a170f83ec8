import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, DISPLAY, startTestServer, type TestServer } from "../helpers/harness.ts";

/** Debian's Chromium, started as the machine's notes say a sandboxed root must start it. */
const launch = () =>
  chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });

describe("the lobby board in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let c: ReturnType<typeof client>;

  beforeAll(async () => {
    server = await startTestServer();
    c = client(server.url);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  const newest = () => page.locator(".newest .number");

  it("shows the center, the clock and the fields, and says when nobody has been called yet", async () => {
    await page.goto(`${server.url}/board/?key=${DISPLAY}`);
    await expect.poll(() => page.locator("header h1").textContent()).toBe("Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng");
    expect(await page.locator(".newest.idle").textContent()).toContain("Chưa có số nào được gọi");
    expect(await page.locator(".fields th").allTextContents()).toContain("Lao động – Thương binh và Xã hội");
    expect(await page.locator(".clock .time").textContent()).toMatch(/^\d{2}:\d{2}$/);
  });

  it("shows a call the moment a counter makes it, with its counter, and drops a call the counter takes back", async () => {
    const staff = await c.openCounter("canbo1", "quay-1");
    const t = await c.issue("khai-sinh");
    await expect.poll(() => page.locator(".fields tr", { hasText: "Hộ tịch" }).locator(".waiting").textContent()).toBe("1");
    await c.api("POST", "/api/counters/quay-1/next", { token: staff });
    await expect.poll(() => newest().textContent(), { timeout: 3000 }).toBe(t.number);
    expect(await page.locator(".newest .counter").textContent()).toBe("Quầy 1");
    // No personal data on a public board: the officer's name never appears.
    expect(await page.locator("body").textContent()).not.toContain("Nguyễn Thị Hoa");
    // For a person to look at (docs/screenshots holds the reviewed copy).
    mkdirSync(join(import.meta.dirname, "out"), { recursive: true });
    await page.screenshot({ path: join(import.meta.dirname, "out", "board-1920x1080.png") });

    // Parking the citizen withdraws the call: the board must not keep showing it.
    await c.api("POST", `/api/tickets/${t.id}/park`, { token: staff });
    await expect.poll(() => page.locator(".newest.idle").count(), { timeout: 3000 }).toBe(1);
  });

  it("refuses, in words, a board opened without a valid key", async () => {
    const other = await browser.newPage();
    await other.goto(`${server.url}/board/?key=wrong`);
    await expect.poll(() => other.locator(".notice h1").textContent()).toBe("Màn hình chưa được cấp quyền");
    await other.close();
  });
});
