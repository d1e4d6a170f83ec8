import { copyFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoConfig, LowdbStore } from "@motcua/queue-server";
import { WORKING_MORNING } from "../helpers/clock.ts";
import { client } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { staffLogIn } from "../helpers/staff.ts";

const MINUTE = 60_000;
const SHOTS = join(import.meta.dirname, "..", "..", "docs", "screenshots");

/**
 * The supervisor's figures say what they mean: the alert when every counter for a field is open
 * already, the planner's "too little data" early in the day, the pace before the year has data,
 * and every duration with its units.
 */
describe("the supervisor's figures, as they read", () => {
  // The server's clock, driven by the test: 07:40 on Tuesday 1 December 2026, the hall open since 07:00.
  let now = WORKING_MORNING - 80 * MINUTE;
  const hall = useHall({
    server: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "motcua-figures-"));
      const store = new LowdbStore(dataDir);
      await store.saveConfig(await demoConfig());
      return { dataDir, clock: () => now, tickMs: 100 };
    },
  });

  it("words the alert, the planner, the pace and the durations so nobody misreads them", async () => {
    const c = client(hall.server.url);
    // Land is served by counters 4 and 5 alone: both open, both busy. Counter 4 has finished one citizen.
    const four = await c.openCounter("canbo4", "quay-4");
    const five = await c.openCounter("canbo5", "quay-5");
    for (let i = 0; i < 4; i++) await c.issue("dang-ky-dat-dai");
    for (let i = 0; i < 18; i++) await c.issue("khai-sinh");
    const call = async (counter: string, token: string) => (await c.api("POST", `/api/counters/${counter}/next`, { token })).body as { id: string; number: string };
    const first = await call("quay-4", four);
    await c.api("POST", `/api/tickets/${first.id}/start`, { token: four });
    now += 4 * MINUTE;
    await c.api("POST", `/api/tickets/${first.id}/complete`, { token: four });
    await call("quay-4", four);
    await call("quay-5", five);
    // 08:04: the fourth land citizen has waited 24 minutes, past the 15-minute target.
    now += 20 * MINUTE;

    // The planner refuses today at this hour: 22 tickets, but only an hour of the day seen.
    const boss = await c.login("giamsat");
    const early = await c.api("POST", "/api/staffing/plan", { token: boss, body: { day: "2026-12-01" } });
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/too little data to plan from: 22 tickets .* over 1\.1 of its 8 opening hours; a staffing plan needs at least 20 tickets and 2 hours/);

    const page = await hall.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await staffLogIn(page, hall.server.url, "giamsat");

    // The alert: both land counters serve already; nothing says nobody can.
    const alert = page.locator("[data-alert='wait:dat-dai']");
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain("Đất đai: có công dân đã chờ 24 phút");
    expect(await alert.textContent()).toContain("Gợi ý: đã mở hết các quầy có thể phục vụ lĩnh vực này (2 quầy đang phục vụ: quầy 4, 5) và không có quầy nào khác đang rảnh");
    expect(await page.locator(".alerts").textContent()).not.toContain("không còn quầy nào phục vụ được");

    // Whom each wait counts, under its label, on the tiles and in the table.
    expect(await page.locator("[data-kpi=avgWait] .label").textContent()).toBe("Chờ trung bìnhcủa người đã được gọi");
    expect(await page.locator("[data-kpi=longest] .label small.who").textContent()).toBe("của người còn đang chờ");
    expect(await page.locator("[data-kpi=longest] .value").textContent()).toBe("24 phút");
    expect(await page.locator("table.fields th[data-col=avgWait] small.who").textContent()).toBe("của người đã được gọi");
    expect(await page.locator("table.fields th[data-col=longest] small.who").textContent()).toBe("của người còn đang chờ");

    // Durations carry units: counter 5 called its citizen 20 minutes ago, not at "20:00".
    const since = (counter: string) => page.locator(`tr[data-counter=${counter}] td[data-since]`).textContent();
    expect(await page.locator("table.counters thead").textContent()).toContain("Thời gian với số này");
    await expect.poll(() => since("quay-5")).toMatch(/^20 phút \d{2} giây$/);
    expect(await since("quay-4")).toMatch(/^20 phút \d{2} giây$/);
    expect(await since("quay-1")).toBe("");
    for (const text of await page.locator("table.counters td[data-since]").allTextContents()) expect(text).not.toMatch(/^\d+:\d{2}$/);

    // The pace: one dossier on the center's first day is no year's pace.
    const year = page.locator("table[data-report=staffYear]");
    await expect.poll(() => year.textContent()).toContain("Phạm Quốc Huy");
    const huy = year.locator("tr", { hasText: "Phạm Quốc Huy" });
    expect(await huy.getAttribute("data-pace")).toBe("early");
    expect(await huy.locator("td").nth(3).textContent()).toBe("chưa đủ số liệu");
    expect(await huy.locator("td").nth(2).textContent()).toBe("—");
    expect(await year.textContent()).not.toMatch(/\d+ %/);
    expect(await page.locator("[data-pace-note]").textContent()).toBe("Chỉ tính khi năm đã có ít nhất 30 ngày số liệu và cán bộ đã xử lý ít nhất 50 hồ sơ.");

    // The planner, asked for today so far at 08:04: too little data, not a plan.
    const panel = page.locator(".staffing");
    await panel.locator("button.toggle").click();
    await panel.locator("input[name=source][value=today]").check();
    await panel.locator("button[type=submit]").click();
    await expect.poll(() => panel.locator("[data-state=error] p").textContent()).toBe(
      "Ngày 01/12/2026 chưa đủ số liệu để lập kế hoạch: cần ít nhất 20 lượt cấp số (cho các thủ tục đang cấu hình) trong ít nhất 2 giờ làm việc đã qua của ngày. Quý vị vui lòng chọn một ngày làm việc đầy đủ, hoặc thử lại sau.",
    );
    expect(await panel.locator(".plan").count()).toBe(0);

    await page.screenshot({ path: join(OUT, "staff-dashboard-figures.png"), fullPage: true });
    await page.locator(".kpis").first().screenshot({ path: join(OUT, "staff-dashboard-figures-kpis.png") });

    // English says the same.
    await page.locator("header button", { hasText: "English" }).click();
    await expect.poll(() => alert.textContent()).toContain("every counter that can serve this field is already open (2 serving it: counter 4, 5), and no other counter is idle");
    expect(await page.locator("[data-kpi=avgWait] .label small.who").textContent()).toBe("of citizens already called");
    expect(await page.locator("[data-kpi=longest] .label small.who").textContent()).toBe("of citizens still waiting");
    expect(await since("quay-5")).toMatch(/^20 min \d{2} s$/);
    expect(await huy.locator("td").nth(3).textContent()).toBe("not enough data yet");
    await panel.locator("button[type=submit]").click();
    await expect.poll(() => panel.locator("[data-state=error] p").textContent()).toContain("01/12/2026 has too little data to plan from: a plan needs at least 20 tickets");
    await page.screenshot({ path: join(OUT, "staff-dashboard-figures-en.png"), fullPage: true });

    for (const f of ["staff-dashboard-figures.png", "staff-dashboard-figures-en.png"]) await copyFile(join(OUT, f), join(SHOTS, f));
    await page.close();
  }, 120_000);
});
