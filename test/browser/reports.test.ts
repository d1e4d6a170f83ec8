import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoConfig, LowdbStore } from "@motcua/queue-server";
import { staffLogIn } from "../helpers/staff.ts";
import { writeHistory } from "../helpers/history.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { readXlsx, rowsOf } from "../helpers/read-xlsx.ts";


describe("a supervisor's report of a seeded 90-day history in a real browser", () => {
  let tickets: number;
  let days: string[];

  const hall = useHall({
    server: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "motcua-reports-"));
      tickets = (await writeHistory(dataDir, await demoConfig(), 90, 6, [200, 400])).tickets;
      days = await new LowdbStore(dataDir).listDays();
      return { dataDir };
    },
  });

  it("shows the span's figures and downloads an XLSX that opens and sums to every ticket", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    await staffLogIn(page, hall.server.url, "giamsat");
    await page.locator("header nav button", { hasText: "Báo cáo" }).click();
    const past = days.filter((d) => d < hall.server.service.state.day);
    await page.locator("input[name=from]").fill(past[0]!);
    await page.locator("input[name=to]").fill(past[past.length - 1]!);
    await page.locator(".range button[type=submit]").click();
    await expect.poll(() => page.locator("[data-kpi=issued] .value").textContent(), { timeout: 15_000 }).toBe(tickets.toLocaleString("vi-VN"));
    expect(await page.locator("table[data-report=byField] tbody tr").count()).toBeGreaterThan(5);
    expect(await page.locator("table[data-report=staffYear]").textContent()).toContain("Nguyễn Thị Hoa");
    await page.screenshot({ path: join(OUT, "staff-reports.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-export=xlsx]").click()]);
    expect(download.suggestedFilename()).toBe(`bao-cao-${hall.server.service.config.center.id}-${past[0]}_${past[past.length - 1]}.xlsx`);
    const file = join(await mkdtemp(join(tmpdir(), "motcua-xlsx-")), "report.xlsx");
    await download.saveAs(file);
    const book = readXlsx(await readFile(file));
    // The center's name, the period and when it was made head each sheet; below them, a blank row
    // and the header, the rows by name and the second column the tickets issued.
    expect(rowsOf(book, "Theo ngày")[0]).toEqual([`Đơn vị: ${hall.server.service.config.center.name}`]);
    expect(rowsOf(book, "Theo ngày")[4]!.slice(0, 2)).toEqual(["Ngày", "Số phiếu đã cấp"]);
    const issued = (sheet: string) => rowsOf(book, sheet).slice(5).reduce((n, row) => n + Number(row[1]), 0);
    expect(issued("Theo ngày")).toBe(tickets);
    expect(issued("Theo lĩnh vực")).toBe(tickets);
    await page.close();
  }, 90_000);
});
