import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { demoConfig, LowdbStore } from "@motcua/queue-server";
import { serviceDayOf } from "@motcua/engine";
import { client } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { hallClock } from "../helpers/clock.ts";
import { rng, simulateDay } from "../helpers/history.ts";
import { staffLogIn } from "../helpers/staff.ts";

const DAY_MS = 86_400_000;
const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
const dmy = (day: string) => day.split("-").reverse().join("/");
const vi = (x: number, digits = 1) => x.toLocaleString("vi-VN", { maximumFractionDigits: digits });

/** The supervisor's token, as the page holds it. */
const tokenOf = (page: Page) => page.evaluate(() => (JSON.parse(sessionStorage.getItem("motcua.session")!) as { token: string }).token);

describe("the staffing plan on the supervisor's dashboard", () => {
  let today = "";
  let yesterday = "";

  // Yesterday was a recorded working day at the demo center; today has barely started.
  const hall = useHall({
    server: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "motcua-staffing-"));
      const config = await demoConfig();
      today = serviceDayOf(hallClock(), config.center.dayResetTime);
      yesterday = daysBefore(today, 1);
      const store = new LowdbStore(dataDir);
      await store.saveConfig(config);
      await store.saveSnapshot(simulateDay(config, yesterday, 250, rng(11)), 0);
      return { dataDir };
    },
  });

  it("plans from a recorded day, shows the API's counts beside the counters open now, and says plainly what went wrong", async () => {
    const c = client(hall.server.url);
    // Seven counters open now, each counted for the field of its first service: civil status
    // (1, and 2 whose first is marriage), certification (3), land (4), business (6), social
    // affairs (9) and results return (11). Construction, judicial records and transport: none.
    const opened = { "quay-1": "canbo1", "quay-2": "canbo2", "quay-3": "canbo3", "quay-4": "canbo4", "quay-6": "canbo6", "quay-9": "canbo7", "quay-11": "canbo8" };
    for (const [counter, officer] of Object.entries(opened)) await c.openCounter(officer, counter);
    for (const s of ["khai-sinh", "chung-thuc-ban-sao", "tra-ket-qua"]) await c.issue(s);
    const open: Record<string, number> = { "ho-tich": 2, "chung-thuc": 1, "dat-dai": 1, "dang-ky-kinh-doanh": 1, "lao-dong-tbxh": 1, "tra-ket-qua": 1 };

    const page = await hall.browser.newPage({ viewport: { width: 1366, height: 768 } });
    // The supervisor looks at 09:15 in the morning: that half hour is marked.
    await page.clock.setFixedTime(Date.parse(`${today}T09:15:00+07:00`));
    await staffLogIn(page, hall.server.url, "giamsat");
    const panel = page.locator(".staffing");
    await expect.poll(() => panel.count()).toBe(1);
    // Folded until asked for: the live figures come first.
    expect(await panel.locator("form.ask").count()).toBe(0);
    expect(await panel.locator("h2").textContent()).toBe("Kế hoạch bố trí quầy");
    await panel.locator("button.toggle").click();
    expect(await panel.locator("input[name=source][value=latest]").isChecked()).toBe(true);
    expect(await panel.locator("input[name=meanWait]").inputValue()).toBe("15");
    expect(await panel.locator("input[name=within15]").inputValue()).toBe("80");

    // The plan takes seconds: the screen says it is working meanwhile (held here until seen).
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const hold = async (route: Route) => {
      await held;
      await route.continue();
    };
    await page.route("**/api/staffing/plan", hold, { times: 1 });
    const sent = page.waitForRequest((r) => r.url().endsWith("/api/staffing/plan"));
    await panel.locator("button[type=submit]").click();
    await expect.poll(() => panel.locator("[data-state=loading]").count()).toBe(1);
    expect(await panel.locator("[data-state=loading]").textContent()).toContain("Máy chủ đang mô phỏng nhiều ngày làm việc");
    expect(await panel.locator("button[type=submit]").textContent()).toBe("Đang lập kế hoạch…");
    expect(await panel.locator("button[type=submit]").isDisabled()).toBe(true);
    await panel.screenshot({ path: join(OUT, "staff-dashboard-staffing-loading.png") });
    release();
    const body = JSON.parse((await sent).postData() ?? "null");
    // The defaults go as no target at all: the server's own defaults, and its cached plan.
    expect(body).toEqual({});
    await expect.poll(() => panel.locator(".plan[data-state=done]").count(), { timeout: 90_000 }).toBe(1);

    // The same question asked of the API with the supervisor's token gives the table's counts.
    const token = await tokenOf(page);
    const r = await c.api("POST", "/api/staffing/plan", { token, body });
    expect(r.status).toBe(200);
    const plan = r.body as { basedOn: { day: string; tickets: number }; slots: { from: string; counters: Record<string, number> }[]; check: { days: number; overall: { meanWaitMinutes: number; within15Share: number; p90WaitMinutes: number } }; met: boolean };
    expect(plan.basedOn.day).toBe(yesterday);
    expect(await panel.locator("[data-summary=basis]").textContent()).toBe(`Lập từ số liệu ngày ${dmy(yesterday)}: ${vi(plan.basedOn.tickets, 0)} lượt cấp số.`);
    const o = plan.check.overall;
    expect(await panel.locator("[data-summary=check]").textContent()).toBe(
      `Kiểm tra bằng mô phỏng ${plan.check.days} ngày làm việc với kế hoạch này: công dân chờ trung bình ${vi(o.meanWaitMinutes)} phút, ${Math.round(o.within15Share * 100)} % được gọi trong 15 phút, 9 trên 10 người chờ không quá ${vi(o.p90WaitMinutes, 0)} phút.`,
    );
    expect(await panel.locator("[data-summary=verdict]").textContent()).toMatch(plan.met ? /^Đạt mục tiêu: chờ trung bình không quá 15 phút/ : /^Chưa đạt mục tiêu/);
    // Every half hour of the plan is a column, in order.
    expect(await panel.locator("thead th.slot").evaluateAll((ths) => ths.map((th) => th.getAttribute("data-slot")))).toEqual(plan.slots.map((s) => s.from));
    // A few cells, field by half hour, against the API's answer.
    const cell = (field: string, slot: string) => panel.locator(`tr[data-field='${field}'] td[data-slot='${slot}']`);
    for (const field of ["ho-tich", "chung-thuc", "tra-ket-qua", "dat-dai"]) {
      for (const slot of ["07:30", "09:00", "10:30", "13:30", "16:00"]) {
        const want = plan.slots.find((s) => s.from === slot)!.counters[field]!;
        expect(await cell(field, slot).textContent(), `${field} at ${slot}`).toBe(String(want));
      }
    }
    // And every cell, by its data, with the half hours that need more counters than are open now marked.
    for (const s of plan.slots) {
      for (const [field, n] of Object.entries(s.counters)) {
        const td = cell(field, s.from);
        expect(Number(await td.getAttribute("data-count")), `${field} at ${s.from}`).toBe(n);
        expect((await td.getAttribute("class"))!.split(" ").includes("more"), `${field} at ${s.from}`).toBe(n > (open[field] ?? 0));
      }
      const total = Object.values(s.counters).reduce((a, b) => a + b, 0);
      expect(Number(await cell("total", s.from).getAttribute("data-count"))).toBe(total);
    }
    expect(await panel.locator("tr[data-field='ho-tich'] td.open-now").textContent()).toBe("2");
    expect(await panel.locator("tr[data-field='xay-dung'] td.open-now").textContent()).toBe("0");
    expect(await panel.locator("tr[data-field=total] td.open-now").textContent()).toBe("7");
    expect(await panel.locator("thead th.now-slot").getAttribute("data-slot")).toBe("09:00");
    // It fits a 1366 × 768 laptop: no sideways scrolling.
    expect(await panel.locator(".grid").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "staff-dashboard-staffing-laptop.png") });
    await panel.screenshot({ path: join(OUT, "staff-dashboard-staffing.png") });

    // English, through the screens' language button.
    await page.locator("header button", { hasText: "English" }).click();
    expect(await panel.locator("h2").textContent()).toBe("Staffing plan");
    expect(await panel.locator("[data-summary=check]").textContent()).toMatch(new RegExp(`^Checked by simulating ${plan.check.days} working days with this plan`));
    expect(await panel.locator("thead th.open-now").textContent()).toBe("Open now");
    await panel.screenshot({ path: join(OUT, "staff-dashboard-staffing-en.png") });
    await page.locator("header button", { hasText: "Tiếng Việt" }).click();

    // A day with no record: a plain sentence and a way to try again.
    await panel.locator("input[name=source][value=day]").check();
    const missing = daysBefore(today, 10);
    await panel.locator("input[name=day]").fill(missing);
    await panel.locator("button[type=submit]").click();
    await expect.poll(() => panel.locator("[data-state=error] p").textContent()).toBe(`Máy chủ không có số liệu của ngày ${dmy(missing)}. Hãy chọn một ngày làm việc khác.`);
    // Today so far has three tickets: too few to tell the demand.
    await panel.locator("input[name=source][value=today]").check();
    await panel.locator("button[type=submit]").click();
    await expect.poll(() => panel.locator("[data-state=error] p").textContent()).toContain(`Ngày ${dmy(today)} chưa đủ số liệu để lập kế hoạch`);
    await panel.screenshot({ path: join(OUT, "staff-dashboard-staffing-error.png") });
    // Try again with yesterday, from the error's own button.
    await panel.locator("input[name=source][value=day]").check();
    await panel.locator("input[name=day]").fill(yesterday);
    await panel.locator("[data-state=error] button", { hasText: "Thử lại" }).click();
    await expect.poll(() => panel.locator(".plan").getAttribute("data-day"), { timeout: 90_000 }).toBe(yesterday);

    // Stricter targets go to the API as given.
    await panel.locator("input[name=meanWait]").fill("7.5");
    await panel.locator("input[name=within15]").fill("90");
    const strict = page.waitForRequest((x) => x.url().endsWith("/api/staffing/plan"));
    await panel.locator("button[type=submit]").click();
    expect(JSON.parse((await strict).postData() ?? "null")).toEqual({ day: yesterday, target: { meanWaitMinutes: 7.5, within15Share: 0.9 } });
    await expect.poll(() => panel.locator("[data-summary=verdict]").textContent(), { timeout: 90_000 }).toMatch(/7,5 phút, ít nhất 90 %/);
    await page.close();
  }, 240_000);

  it("is not on an officer's screen, and the API refuses the officer", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await staffLogIn(page, hall.server.url, "canbo5");
    await expect.poll(() => page.locator(".counter-choice").count()).toBe(12);
    expect(await page.locator(".staffing").count()).toBe(0);
    expect(await page.locator("header nav").count()).toBe(0);
    const r = await client(hall.server.url).api("POST", "/api/staffing/plan", { token: await tokenOf(page), body: {} });
    expect(r.status).toBe(403);
    await page.close();
  });
});
