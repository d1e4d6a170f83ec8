import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { WORKING_MORNING } from "../helpers/clock.ts";
import { staffLogIn } from "../helpers/staff.ts";
import { ask, client, connect, connected, KIOSK, STATION } from "../helpers/harness.ts";
import { rng, simulateDay } from "../helpers/history.ts";
import { demoConfig, LowdbStore } from "@motcua/queue-server";
import { serviceDayOf } from "@motcua/engine";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { OUT, useHall } from "../helpers/hall.ts";


async function logIn(page: Page, url: string, username: string, password = "demo", shot?: string): Promise<void> {
  if (shot) {
    await page.goto(`${url}/staff/`);
    await page.screenshot({ path: join(OUT, shot) });
  }
  await staffLogIn(page, url, username, password);
}

describe("the staff screens in a real browser against the real server", () => {
  // The server's clock, driven by the test: waits grow without anyone sleeping.
  let now = WORKING_MORNING;
  /** The first officer's terminal, left open on counter 1 for the takeover test. */
  let officer1: Page;

  const hall = useHall({
    // Today already has a morning and an afternoon behind it, so the dashboard's charts have a day to show.
    server: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "motcua-staff-"));
      const config = await demoConfig();
      const store = new LowdbStore(dataDir);
      await store.saveConfig(config);
      await store.saveSnapshot(simulateDay(config, serviceDayOf(now, config.center.dayResetTime), 400, rng(7)), 0);
      return { dataDir, clock: () => now, tickMs: 100 };
    },
  });

  it("lets an officer open a counter and call, recall, transfer, start and complete from the keyboard", async () => {
    const c = client(hall.server.url);
    // The counter a transfer goes to must be open: only it may call the ticket.
    await c.openCounter("canbo3", "quay-2");
    const first = await c.issue("khai-sinh");
    const second = await c.issue("khai-sinh");
    const page = await hall.browser.newPage({ viewport: { width: 1600, height: 900 } });
    await logIn(page, hall.server.url, "canbo1", "demo", "staff-login.png");
    await expect.poll(() => page.locator(".counter-choice").count()).toBe(12);
    await page.screenshot({ path: join(OUT, "staff-terminal-pick.png") });
    await page.locator(".counter-choice[data-counter=quay-1]").click();
    await expect.poll(() => page.locator(".terminal").getAttribute("data-counter")).toBe("quay-1");
    await expect.poll(() => page.locator(".queue tr[data-ticket]").count()).toBe(2);
    // This officer's own figures so far today (the morning behind them counts).
    const served = Number(await page.locator("[data-mine=served]").textContent());
    const ratings = Number(await page.locator("[data-mine=ratings]").textContent());

    await page.keyboard.press("F1");
    await expect.poll(() => page.locator(".current .number").textContent()).toBe(first.number);
    await page.keyboard.press("F2");
    await expect.poll(() => page.locator(".current .meta").textContent()).toContain("đã gọi lại 1 lần");
    // Transfer to marriage registration at counter 2, with a note; the counter is free again.
    await page.keyboard.press("F6");
    await page.locator("select[name=service]").selectOption("ket-hon");
    await page.locator("select[name=counter]").selectOption("quay-2");
    await page.locator("input[name=note]").fill("Thiếu giấy xác nhận cư trú");
    await page.locator(".dialog button[type=submit]").click();
    await expect.poll(() => page.locator(".current .hint").count()).toBe(1);
    expect(hall.server.service.state.tickets[first.id]).toMatchObject({ serviceId: "ket-hon", targetCounterId: "quay-2", note: "Thiếu giấy xác nhận cư trú", status: "waiting" });

    await page.keyboard.press("F1");
    await expect.poll(() => page.locator(".current .number").textContent()).toBe(second.number);
    await page.keyboard.press("F3");
    await expect.poll(() => page.locator(".current .meta").textContent()).toContain("Đang phục vụ");
    await page.keyboard.press("F4");
    await expect.poll(() => page.locator("[data-mine=served]").textContent()).toBe(String(served + 1));
    // The citizen rates at the kiosk: the officer hears that a rating came, never what it was.
    const rated = await c.api("POST", "/api/ratings", { token: KIOSK, body: { ticketId: second.id, level: "unsatisfied", reasons: ["attitude"] } });
    expect(rated.status).toBe(201);
    await expect.poll(() => page.locator(".toast").textContent()).toBe(`Công dân số ${second.number} đã đánh giá. Cảm ơn!`);
    await expect.poll(() => page.locator("[data-mine=ratings]").textContent()).toBe(String(ratings + 1));
    expect(await page.locator("body").textContent()).not.toMatch(/Không hài lòng|attitude|Thái độ/);

    // A break with a reason, then back to work.
    await page.keyboard.press("F8");
    await page.locator("input[name=reason]").fill("Nghỉ trưa");
    await page.locator(".dialog button[type=submit]").click();
    await expect.poll(() => page.locator(".state").textContent()).toBe("Tạm nghỉ – Nghỉ trưa");
    await page.screenshot({ path: join(OUT, "staff-terminal-paused.png") });
    await page.keyboard.press("F8");
    await expect.poll(() => page.locator(".state").textContent()).toBe("Đang mở");
    await c.issue("khai-sinh");
    await c.issue("ket-hon", "nguoi-cao-tuoi");
    await page.keyboard.press("F1");
    await expect.poll(() => page.locator(".current .number").count()).toBe(1);
    await page.screenshot({ path: join(OUT, "staff-terminal.png") });
    officer1 = page;
  }, 90_000);

  it("logs in on a counter PC whose clock is a day ahead of the server (a flat BIOS battery)", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.clock.setFixedTime(now + 24 * 3_600_000);
    await logIn(page, hall.server.url, "canbo9");
    // On its own clock the server's 12-hour session would have ended before it began.
    await expect.poll(() => page.locator(".counter-choice").count()).toBe(12);
    await page.close();
  });

  it("keeps a second officer off a counter that is open, unless they take it over on purpose", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await logIn(page, hall.server.url, "canbo2");
    await page.locator(".counter-choice[data-counter=quay-1]").click();
    await expect.poll(() => page.locator(".dialog p").textContent()).toBe("Quầy 1 đang do cán bộ khác mở. Tiếp quản quầy này?");
    await page.locator(".dialog button", { hasText: "Huỷ" }).click();
    expect(await page.locator(".picker").count()).toBe(1);
    // Nor can they act on it behind the screen's back, even with a counter of their own.
    const token = await client(hall.server.url).openCounter("canbo2", "quay-3");
    const next = await client(hall.server.url).api("POST", "/api/counters/quay-1/next", { token });
    expect(next).toMatchObject({ status: 403, body: { code: "NOT_YOUR_COUNTER" } });
    // Taking over on purpose works, and the first officer's terminal goes back to choosing a counter.
    await page.locator(".counter-choice[data-counter=quay-1]").click();
    await page.locator(".dialog button", { hasText: "Tiếp quản" }).click();
    await expect.poll(() => page.locator(".terminal").getAttribute("data-counter")).toBe("quay-1");
    await expect.poll(() => officer1.locator(".picker").count()).toBe(1);
    await officer1.close();
    await page.close();
  }, 60_000);

  it("shows the supervisor a new ticket and a wait past 15 minutes live, with counters to help", async () => {
    const c = client(hall.server.url);
    const page = await hall.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await logIn(page, hall.server.url, "giamsat");
    await expect.poll(() => page.locator("[data-kpi=issued] .value").textContent()).toMatch(/^\d+$/);
    const before = Number(await page.locator("[data-kpi=issued] .value").textContent());
    const t = await c.issue("dang-ky-dat-dai");
    await expect.poll(() => page.locator("[data-kpi=issued] .value").textContent()).toBe(String(before + 1));
    await expect.poll(() => page.locator("[data-kpi=justIssued]").textContent()).toContain(t.number);
    expect(await page.locator("[data-alert='wait:dat-dai']").count()).toBe(0);

    now += 16 * 60_000;
    await expect.poll(() => page.locator("[data-alert='wait:dat-dai']").textContent(), { timeout: 10_000 }).toContain("Đất đai: có công dân đã chờ 16 phút");
    // Counters 4 and 5 serve land and are closed: open one of them.
    expect(await page.locator("[data-alert='wait:dat-dai']").textContent()).toContain("mở thêm quầy 4, 5");
    expect(await page.locator("tr[data-field=dat-dai]").getAttribute("class")).toBe("alarm");
    await expect.poll(() => page.locator(".chart canvas").count()).toBe(5);
    // Each officer's year so far against the yardstick, from the daily summaries.
    await expect.poll(() => page.locator("table[data-report=staffYear]").textContent()).toContain("Nguyễn Thị Hoa");
    await page.screenshot({ path: join(OUT, "staff-dashboard.png"), fullPage: true });

    // A kiosk's printer runs out of paper: the supervisor is told which station, until it prints again.
    const station = connect(hall.server.url, "/station", STATION);
    await connected(station);
    const paperOut = { online: true, coverOpen: false, paperNearEnd: false, paperOut: true, error: false };
    await c.issue("khai-sinh");
    const jobs = async () => {
      const r = await ask(station, "print:sync");
      return r.ok ? r.data.jobs : [];
    };
    const [job] = await jobs();
    expect((await ask(station, "print:report", { jobId: job!.id, printed: false, status: paperOut })).ok).toBe(true);
    await expect.poll(() => page.locator("[data-alert='printer:tram-quay']").textContent()).toContain("Máy in trạm tram-quay (kiosk kiosk-sanh): hết giấy");
    expect(await page.locator("[data-alert='printer:tram-quay']").getAttribute("data-level")).toBe("alarm");
    // Printed again, but the roll is nearly used up: a milder warning; the print counts as done.
    await c.issue("khai-sinh");
    const [low] = await jobs();
    const lowPaper = { ...paperOut, paperOut: false, paperNearEnd: true };
    expect((await ask(station, "print:report", { jobId: low!.id, printed: true, status: lowPaper })).ok).toBe(true);
    await expect.poll(() => page.locator("[data-alert='printer:tram-quay']").textContent()).toContain("Máy in trạm tram-quay (kiosk kiosk-sanh): sắp hết giấy");
    expect(await page.locator("[data-alert='printer:tram-quay']").getAttribute("data-level")).toBe("warning");
    await c.issue("khai-sinh");
    const [after] = await jobs();
    await ask(station, "print:report", { jobId: after!.id, printed: true, status: { ...lowPaper, paperNearEnd: false } });
    await expect.poll(() => page.locator("[data-alert='printer:tram-quay']").count()).toBe(0);
    station.close();

    // Once someone calls the citizen, the alert goes away by itself.
    const staff = await c.openCounter("canbo4", "quay-4");
    await c.api("POST", "/api/counters/quay-4/next", { token: staff });
    await expect.poll(() => page.locator("[data-alert='wait:dat-dai']").count()).toBe(0);
    await page.close();
  }, 60_000);
});
