import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { WORKING_MORNING } from "../helpers/clock.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { ask, client, connect, connected, KIOSK, startTestServer, STATION } from "../helpers/harness.ts";
import { drawn, logInAt } from "../helpers/page.ts";

/** Two commune units the province made before the test, besides the demo province center. */
const COMMUNES = [
  { id: "xa-da-huoai", name: "Bộ phận Một cửa xã Đạ Huoai", area: "rural", parentId: "lam-dong" },
  { id: "phuong-bao-loc", name: "Bộ phận Một cửa phường Bảo Lộc", area: "urban", parentId: "lam-dong" },
] as const;
const PROVINCE = "Cấp tỉnh (quản trị tỉnh)";
const MINUTE = 60_000;

describe("the province's page of every unit, live, in a real browser", () => {
  // The server's clock stands still unless the test moves it; its tick re-sends every unit often.
  let now = WORKING_MORNING;
  const hall = useHall({ server: async () => ({ clock: () => now, tickMs: 200 }) });
  let province = "";
  const api = (method: string, path: string, opts: Parameters<ReturnType<typeof client>["api"]>[2] = {}) => client(hall.server.url).api(method, path, opts);

  beforeAll(async () => {
    province = (await api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } })).body.token;
    for (const c of COMMUNES) {
      const made = await api("POST", "/api/province/centers", {
        token: province,
        body: { ...c, level: "commune", admin: { username: "quantri", displayName: "Quản trị xã", password: `mat-khau-${c.id}` } },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
  });

  const logInAsProvince = (page: Page) => logInAt(page, hall.server.url, { label: PROVINCE }, "tinh", "demo");

  const row = (page: Page, id: string) => page.locator(`tr[data-unit=${id}]`);
  const figure = (page: Page, id: string, fig: string) => row(page, id).locator(`td[data-fig=${fig}]`);
  const sum = (page: Page, key: string) => page.locator(`.summary [data-sum=${key}] b`).textContent();

  it("shows every unit worst first, follows a kiosk's tickets without a reload, and marks what misses the plan", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await logInAsProvince(page);

    // The province starts on the whole province, its centers a tab away.
    await expect.poll(() => page.locator("section.units").getAttribute("data-link")).toBe("live");
    expect(await page.locator("header nav button").allTextContents()).toEqual(["Toàn tỉnh", "Quản lý trung tâm", "Báo cáo toàn tỉnh", "Danh mục thủ tục"]);
    expect(await page.locator("header nav button.on").textContent()).toBe("Toàn tỉnh");
    await expect.poll(() => page.locator("tr[data-unit]").count()).toBe(3);
    expect(await sum(page, "units")).toBe("3");
    expect(await sum(page, "waiting")).toBe("0");
    // Nothing yet at a new commune: its figures are not zeros but dashes.
    const commune = COMMUNES[0];
    expect(await row(page, commune.id).locator("td.unit .name").textContent()).toBe(commune.name);
    expect(await row(page, commune.id).locator("td.unit .place").textContent()).toBe("Cấp xã · Nông thôn");
    expect(await figure(page, commune.id, "longest").textContent()).toBe("—");
    expect(await figure(page, commune.id, "satisfaction").textContent()).toBe("—");
    expect(await figure(page, commune.id, "counters").textContent()).toBe("0/1");

    // Three citizens take numbers at the demo center's kiosk: the page hears it, no reload.
    const before = await page.evaluate(() => performance.timeOrigin + performance.now());
    for (let n = 0; n < 3; n++) {
      const r = await api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    await expect.poll(() => row(page, "lam-dong").getAttribute("data-waiting"), { timeout: 4_000 }).toBe("3");
    expect(await row(page, "lam-dong").getAttribute("data-issued")).toBe("3");
    expect(await figure(page, "lam-dong", "waiting").textContent()).toBe("3");
    await expect.poll(() => sum(page, "waiting")).toBe("3");
    // The same document all along: nothing was loaded again.
    expect(await page.evaluate(() => performance.timeOrigin)).toBeLessThan(before);

    // An officer serves two of them; one citizen is satisfied, one not: 50 % of 2 ratings.
    const officer = (await api("POST", "/api/session", { body: { username: "canbo1", password: "demo", center: "lam-dong" } })).body.token;
    expect((await api("POST", "/api/counters/quay-1/open", { token: officer, body: {} })).status).toBe(200);
    for (const level of ["satisfied", "unsatisfied"]) {
      const t = (await api("POST", "/api/counters/quay-1/next", { token: officer })).body;
      await api("POST", `/api/tickets/${t.id}/start`, { token: officer });
      await api("POST", `/api/tickets/${t.id}/complete`, { token: officer });
      expect((await api("POST", "/api/ratings", { token: KIOSK, body: { ticketId: t.id, level } })).status).toBe(201);
    }
    // The kiosk's station reports its printer out of paper.
    const station = connect(hall.server.url, "/station", STATION);
    await connected(station);
    const paperOut = { online: true, coverOpen: false, paperNearEnd: false, paperOut: true, error: false };
    expect((await ask(station, "printer:status", { status: paperOut })).ok).toBe(true);
    station.close();

    // Twenty minutes on, the one left waiting has waited too long: the demo center goes first, in red.
    now += 20 * MINUTE;
    await expect.poll(() => figure(page, "lam-dong", "longest").textContent(), { timeout: 4_000 }).toBe("20");
    expect(await page.locator("tr[data-unit]").first().getAttribute("data-unit")).toBe("lam-dong");
    const red = (fig: string) => figure(page, "lam-dong", fig).evaluate((td) => td.classList.contains("miss"));
    expect(await red("longest")).toBe(true);
    expect(await red("mean")).toBe(false);
    // Served two within 15 minutes, one still waiting past them: a third missed.
    expect(await figure(page, "lam-dong", "within15").textContent()).toBe("67 %");
    expect(await red("within15")).toBe(true);
    expect(await figure(page, "lam-dong", "satisfaction").textContent()).toBe("50 % (2)");
    expect(await red("satisfaction")).toBe(true);
    expect(await figure(page, "lam-dong", "counters").textContent()).toMatch(/^1\/\d+$/);
    await expect.poll(() => figure(page, "lam-dong", "printers").textContent()).toBe("1 lỗi");
    expect(await sum(page, "late")).toBe("1");
    expect(await sum(page, "satisfaction")).toBe("50 %");
    expect(await page.locator(".summary [data-sum=late]").getAttribute("class")).toBe("miss");
    // The communes with nobody waiting follow, in name order.
    expect(await page.locator("tr[data-unit]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-unit")))).toEqual(["lam-dong", "phuong-bao-loc", "xa-da-huoai"]);

    await drawn(page);
    await page.screenshot({ path: join(OUT, "province-page.png") });
    // A desk's laptop: every column still there, nothing scrolls sideways.
    await page.setViewportSize({ width: 1366, height: 768 });
    await drawn(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: join(OUT, "province-page-1366.png") });

    // In English, with the same figures.
    await page.getByRole("button", { name: "English" }).click();
    expect(await page.locator("header nav button.on").textContent()).toBe("Whole province");
    expect(await figure(page, "lam-dong", "within15").textContent()).toBe("67 %");
    expect(await row(page, commune.id).locator("td.unit .place").textContent()).toBe("Commune · Rural");
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await page.close();
  }, 60_000);

  it("makes a unit with its level, area class, parent and address, and lists them with the centers", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await logInAsProvince(page);
    await expect.poll(() => page.locator("tr[data-unit]").count()).toBe(3);
    await page.getByRole("button", { name: "Quản lý trung tâm" }).click();
    await expect.poll(() => page.locator(".province tr[data-center]").count()).toBe(3);
    expect(await page.locator(`tr[data-center=${COMMUNES[1].id}] td`).allTextContents()).toEqual([COMMUNES[1].name, COMMUNES[1].id, "Cấp xã", "Đô thị", "Chính thức", "1", "1"]);

    const form = page.locator("form.new-center-form");
    // The area class shows the yardstick it sets.
    expect(await form.locator("select[name=area] option").allTextContents()).toEqual([
      "Đô thị – 1.600 hồ sơ/cán bộ/năm",
      "Nông thôn – 1.200 hồ sơ/cán bộ/năm",
      "Vùng đặc biệt khó khăn – 800 hồ sơ/cán bộ/năm",
    ]);
    expect(await form.locator("select[name=level]").inputValue()).toBe("commune");
    expect(await form.locator("select[name=area]").inputValue()).toBe("rural");
    expect(await form.locator("select[name=parentId]").inputValue()).toBe("");
    await form.locator("input[name=name]").fill("Bộ phận Một cửa xã Đam Rông");
    expect(await form.locator("input[name=id]").inputValue()).toBe("bo-phan-mot-cua-xa-dam-rong");
    await form.locator("input[name=id]").fill("xa-dam-rong");
    await form.locator("select[name=area]").selectOption("remote");
    await form.locator("select[name=parentId]").selectOption("lam-dong");
    await form.locator("input[name=address]").fill("Xã Đam Rông, Lâm Đồng");
    await form.locator("input[name=username]").fill("quantri-damrong");
    await form.locator("input[name=displayName]").fill("K'Brơi Ka Hiền");
    await form.locator("input[name=password]").fill("mat-khau-dam-rong");
    await drawn(page);
    await page.screenshot({ path: join(OUT, "province-centers.png"), fullPage: true });
    await form.locator("button[type=submit]").click();
    await expect.poll(() => page.locator("[data-status=created]").count()).toBe(1);
    await expect.poll(() => page.locator(".province tr[data-center]").count()).toBe(4);
    expect(await page.locator("tr[data-center=xa-dam-rong] td").allTextContents()).toEqual(["Bộ phận Một cửa xã Đam Rông", "xa-dam-rong", "Cấp xã", "Vùng đặc biệt khó khăn", "Chính thức", "1", "1"]);
    // The form is empty again, back to a rural commune's.
    expect(await form.locator("select[name=area]").inputValue()).toBe("rural");
    expect(await form.locator("input[name=address]").inputValue()).toBe("");

    // The server kept what was chosen.
    const units = (await api("GET", "/api/province/units", { token: province })).body.units as { id: string; area: string; parentId: string; address: string }[];
    expect(units.find((u) => u.id === "xa-dam-rong")).toMatchObject({ area: "remote", parentId: "lam-dong", address: "Xã Đam Rông, Lâm Đồng" });

    // Back on the whole province, the new unit is there.
    await page.getByRole("button", { name: "Toàn tỉnh", exact: true }).click();
    await expect.poll(() => page.locator("tr[data-unit]").count()).toBe(4);
    expect(await row(page, "xa-dam-rong").locator("td.unit .place").textContent()).toBe("Cấp xã · Vùng đặc biệt khó khăn");
    await page.close();
  }, 60_000);

  it("says it is reconnecting while the server is away, keeps the last figures, and takes the whole picture again when it is back", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await logInAsProvince(page);
    await expect.poll(() => page.locator("section.units").getAttribute("data-link")).toBe("live");
    const waiting = Number(await row(page, "lam-dong").getAttribute("data-waiting"));

    const { port, dataDir } = hall.server;
    await hall.server.close();
    await expect.poll(() => page.locator("section.units").getAttribute("data-link"), { timeout: 10_000 }).toBe("offline");
    expect(await page.locator("section.units [role=alert]").textContent()).toBe("Mất kết nối tới máy chủ; đang kết nối lại…");
    expect(await page.locator(".summary .live").count()).toBe(0);
    // The last figures stay, dimmed, rather than an empty page.
    expect(await page.locator("tr[data-unit]").count()).toBe(4);
    await drawn(page);
    await page.screenshot({ path: join(OUT, "province-page-reconnecting.png") });

    // Back on the same address and data: a ticket issued while the page was away shows with the whole picture.
    hall.server = await startTestServer({ port, dataDir, clock: () => now, tickMs: 200 });
    expect((await api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })).status).toBe(201);
    await expect.poll(() => page.locator("section.units").getAttribute("data-link"), { timeout: 20_000 }).toBe("live");
    await expect.poll(() => row(page, "lam-dong").getAttribute("data-waiting")).toBe(String(waiting + 1));
    expect(await page.locator("section.units [role=alert]").count()).toBe(0);
    await page.close();
  }, 60_000);
});
