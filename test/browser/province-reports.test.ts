import { mkdirSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_COMMUNES, demoCommuneConfig, demoConfig } from "@motcua/queue-server";
import { hallClock } from "../helpers/clock.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { writeHistory } from "../helpers/history.ts";
import { drawn, logInAt } from "../helpers/page.ts";
import { readXlsx, rowsOf } from "../helpers/read-xlsx.ts";

/** Where the screenshots kept with the documentation go. */
const SCREENSHOTS = join(import.meta.dirname, "..", "..", "docs", "screenshots");
const PROVINCE = "Cấp tỉnh (quản trị tỉnh)";
const COMMUNE = DEMO_COMMUNES.find((c) => c.area === "rural")!;
const DAY_MS = 86_400_000;
/** A service day before the hall clock's, as the history writes them (Hanoi is UTC+7). */
const dayBack = (n: number) => new Date(hallClock() + 7 * 3_600_000 - n * DAY_MS).toISOString().slice(0, 10);

describe("the province's report of every unit over a month, a quarter or a year, in a real browser", () => {
  // Twenty recorded days of the provincial center, and of a rural commune in its own folder.
  const hall = useHall({
    server: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "motcua-province-reports-"));
      await writeHistory(dataDir, await demoConfig(), 20, 4, [700, 1000]);
      await writeHistory(join(dataDir, "centers", COMMUNE.id), await demoCommuneConfig(COMMUNE), 20, 4, [150, 220]);
      return { dataDir };
    },
  });

  const logInAsProvince = (page: Page) => logInAt(page, hall.server.url, { label: PROVINCE }, "tinh", "demo");

  const state = (page: Page) => page.locator(".province-reports [data-state]").getAttribute("data-state");
  const units = (page: Page) => page.locator("table[data-report=units] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-unit")));

  it("opens on this month so far, reports the month with the history, ranks both units, and downloads it as XLSX and CSV", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
    await logInAsProvince(page);
    await expect.poll(() => page.locator("section.units").count()).toBe(1);
    await page.getByRole("button", { name: "Báo cáo toàn tỉnh" }).click();

    // The month the hall's clock is in, so far: its first day, and no figures yet.
    const today = dayBack(0);
    const [year, month] = today.split("-").map(Number) as [number, number];
    expect(await page.locator("select[name=kind]").inputValue()).toBe("month");
    expect(await page.locator("select[name=year]").inputValue()).toBe(String(year));
    expect(await page.locator("select[name=part]").inputValue()).toBe(String(month));
    expect(await page.locator(".period .span").getAttribute("data-span")).toBe(`${today.slice(0, 8)}01/${today}`);
    await expect.poll(() => state(page), { timeout: 15_000 }).toBe("empty");
    expect(await page.locator(".province-reports [data-state=empty]").textContent()).toContain("Chưa có số liệu trong kỳ này");

    // The month of the history's last day: both units, ranked.
    const last = dayBack(1);
    await page.locator("select[name=year]").selectOption(String(Number(last.slice(0, 4))));
    await page.locator("select[name=part]").selectOption(String(Number(last.slice(5, 7))));
    await expect.poll(() => units(page), { timeout: 15_000 }).toHaveLength(2);
    expect((await units(page)).sort()).toEqual(["lam-dong", COMMUNE.id].sort());
    expect(await page.locator("table[data-report=units] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-rank")))).toEqual(["1", "2"]);
    const commune = page.locator(`table[data-report=units] tr[data-unit=${COMMUNE.id}]`);
    expect(await commune.locator("td").nth(2).textContent()).toBe("Cấp xã");
    expect(await commune.locator("td").nth(3).textContent()).toBe("Nông thôn");
    expect(await commune.locator("td[data-fig=pace]").textContent()).toMatch(/^[\d.]+ \/ 1\.200$/);
    expect(await commune.locator("td[data-fig=satisfaction] [data-verdict]").textContent()).toMatch(/^(Đạt|Chưa đạt)$/);
    expect(await page.locator(".preport-sum [data-sum=units] b").textContent()).toBe("2");
    expect(await page.locator("table[data-report=byLevel] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-group")))).toEqual(["provincial", "commune"]);
    expect(await page.locator("table[data-report=byArea] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-group")))).toEqual(["urban", "rural"]);
    expect(await page.locator("table[data-report=officers] tbody tr").count()).toBeGreaterThan(1);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await drawn(page);
    await page.screenshot({ path: join(SCREENSHOTS, "province-report.png") });

    // The same month as an Excel workbook: a sheet of the units, both there.
    const folder = await mkdtemp(join(tmpdir(), "motcua-province-export-"));
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.locator("[data-export=xlsx]").click()]);
    const from = `${last.slice(0, 8)}01`;
    const span = await page.locator(".period .span").getAttribute("data-span");
    expect(span?.startsWith(`${from}/`)).toBe(true);
    expect(xlsx.suggestedFilename()).toBe(`bao-cao-toan-tinh-${span!.replace("/", "_")}.xlsx`);
    await xlsx.saveAs(join(folder, "report.xlsx"));
    // Headed with the province and the period; the units by name, their codes in the last column.
    const sheet = rowsOf(readXlsx(await readFile(join(folder, "report.xlsx"))), "Theo đơn vị");
    expect(sheet[0]).toEqual(["Phạm vi: toàn tỉnh Lâm Đồng (2 đơn vị)"]);
    expect(sheet[1]![0]).toBe(`Kỳ báo cáo: ${span!.split("/").map((d) => d.split("-").reverse().join("/")).join(" – ")}`);
    expect(sheet.slice(5).map((row) => row[1]).sort()).toEqual(["Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", COMMUNE.name].sort());
    expect(sheet.slice(5).map((row) => row[row.length - 1]).sort()).toEqual(["lam-dong", COMMUNE.id].sort());

    // And as CSV, in the plan's terms.
    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("[data-export=csv]").click()]);
    expect(csv.suggestedFilename()).toBe(`bao-cao-toan-tinh-${span!.replace("/", "_")}.csv`);
    await csv.saveAs(join(folder, "report.csv"));
    const text = await readFile(join(folder, "report.csv"), "utf8");
    expect(text.startsWith("\uFEFFPhạm vi: toàn tỉnh Lâm Đồng (2 đơn vị)\r\n")).toBe(true);
    expect(text).toContain(";Tỷ lệ được gọi trong 15 phút (%);");
    expect(text).toContain(";lam-dong\r\n");

    // A quarter, so far: the history's days are in it too.
    await page.locator("select[name=kind]").selectOption("quarter");
    expect(await page.locator("select[name=part]").inputValue()).toBe(String(Math.ceil(Number(last.slice(5, 7)) / 3)));
    await expect.poll(() => units(page), { timeout: 15_000 }).toHaveLength(2);

    // A desk's laptop: nothing scrolls sideways but a wide table within its card.
    await page.setViewportSize({ width: 1366, height: 768 });
    await drawn(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: join(OUT, "province-report-1366.png"), fullPage: true });

    // In English, with the same units.
    await page.getByRole("button", { name: "English" }).click();
    expect(await page.locator(".preport-card h2").first().textContent()).toBe("Units ranked");
    expect(await commune.locator("td").nth(3).textContent()).toBe("Rural");
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await page.close();
  }, 90_000);
});
