import { mkdirSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_COMMUNES, demoCommuneConfig, demoConfig, LowdbStore } from "@motcua/queue-server";
import { hallClock } from "../helpers/clock.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { client, KIOSK } from "../helpers/harness.ts";
import { drawn, logInAt } from "../helpers/page.ts";

/** Where the screenshots kept with the documentation go. */
const SCREENSHOTS = join(import.meta.dirname, "..", "..", "docs", "screenshots");
const PROVINCE = "Cấp tỉnh (quản trị tỉnh)";
const CENTER = "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng";
const MINUTE = 60_000;
/** Three of the demo province's communes, set up on disk before the server starts: an urban ward, a rural and a remote commune. */
const COMMUNES = ["phuong-bao-loc", "xa-lac-duong", "xa-dam-rong"].map((id) => DEMO_COMMUNES.find((c) => c.id === id)!);
const communeKiosk = (id: string) => `kiosk-${id}-demo-key`;

describe("a unit's own dashboard, looked at from the province's page, read-only, in a real browser", () => {
  // The hall's clock runs at the real pace; the test moves it on to let a queue wait too long.
  let shift = 0;
  const hall = useHall({
    server: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "motcua-province-dashboard-"));
      await new LowdbStore(dataDir).saveConfig(await demoConfig());
      for (const c of COMMUNES) await new LowdbStore(join(dataDir, "centers", c.id)).saveConfig(await demoCommuneConfig(c));
      return { dataDir, clock: () => hallClock() + shift, tickMs: 200 };
    },
  });
  const api = (method: string, path: string, opts: Parameters<ReturnType<typeof client>["api"]>[2] = {}) => client(hall.server.url).api(method, path, opts);

  /** Citizens take numbers at a unit's kiosk. */
  async function issue(kiosk: string, n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      const r = await api("POST", "/api/tickets", { token: kiosk, body: { serviceId: "khai-sinh" } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  }

  /** An officer of the unit opens the first counter and serves `levels.length` citizens, who rate as given. */
  async function serve(center: string, kiosk: string, levels: string[]): Promise<void> {
    const officer = (await api("POST", "/api/session", { body: { username: "canbo1", password: "demo", center } })).body.token;
    expect((await api("POST", "/api/counters/quay-1/open", { token: officer, body: {} })).status).toBe(200);
    for (const level of levels) {
      const t = (await api("POST", "/api/counters/quay-1/next", { token: officer })).body;
      await api("POST", `/api/tickets/${t.id}/start`, { token: officer });
      await api("POST", `/api/tickets/${t.id}/complete`, { token: officer });
      expect((await api("POST", "/api/ratings", { token: kiosk, body: { ticketId: t.id, level } })).status).toBe(201);
    }
  }

  beforeAll(async () => {
    // A morning in the province: citizens take numbers at the center, a ward and a rural commune;
    // six minutes on, the center and the ward serve some; the commune's counter is not open yet.
    await issue(KIOSK, 7);
    await issue(communeKiosk("phuong-bao-loc"), 3);
    await issue(communeKiosk("xa-lac-duong"), 4);
    shift += 6 * MINUTE;
    await serve("lam-dong", KIOSK, ["very_satisfied", "satisfied", "unsatisfied"]);
    await serve("phuong-bao-loc", communeKiosk("phuong-bao-loc"), ["very_satisfied", "satisfied", "very_satisfied"]);
    // Twenty minutes after they came, whoever still waits has waited too long.
    shift += 14 * MINUTE;
  }, 60_000);

  const logInAsProvince = (page: Page) => logInAt(page, hall.server.url, { label: PROVINCE }, "tinh", "demo");

  const row = (page: Page, id: string) => page.locator(`tr[data-unit=${id}]`);
  const kpi = (page: Page, key: string) => page.locator(`.unit-view [data-kpi=${key}] .value`).textContent();

  it("opens a unit's live dashboard from its row, follows its kiosk live, says it is only looked at, and goes back", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // What the page asks the server: nothing a province may not ask.
    const asked: { url: string; status: number }[] = [];
    page.on("response", (r) => void asked.push({ url: new URL(r.url()).pathname, status: r.status() }));
    await logInAsProvince(page);

    await expect.poll(() => page.locator("section.units").getAttribute("data-link")).toBe("live");
    await expect.poll(() => page.locator("tr[data-unit]").count()).toBe(4);
    await expect.poll(() => row(page, "xa-lac-duong").getAttribute("data-waiting")).toBe("4");
    await expect.poll(() => row(page, "lam-dong").locator("td[data-fig=longest]").textContent(), { timeout: 4_000 }).toBe("20");
    // Each unit's name is a button: the keyboard reaches every row.
    expect(await page.locator("tr[data-unit] td.unit button.name").count()).toBe(4);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await drawn(page);
    await page.screenshot({ path: join(SCREENSHOTS, "province-page.png") });

    // A click on the demo center's row opens its own dashboard, with today's figures.
    await row(page, "lam-dong").locator("td[data-fig=waiting]").click();
    const view = page.locator(".unit-view[data-viewing=lam-dong]");
    await expect.poll(() => view.count()).toBe(1);
    expect(await view.locator("h1").textContent()).toBe(CENTER);
    expect(await view.locator("[data-notice=read-only]").textContent()).toBe(`Chỉ xem – quý vị đang xem bảng điều hành của ${CENTER}`);
    await expect.poll(() => kpi(page, "issued")).toBe("7");
    expect(await kpi(page, "waiting")).toBe("4");
    // Its counters, the one open with its officer and the three served.
    expect(await view.locator("tr[data-counter]").count()).toBeGreaterThan(1);
    expect(await view.locator("tr[data-counter=quay-1] td").nth(4).textContent()).toBe("3");
    expect(await view.locator("table.fields tbody tr").count()).toBeGreaterThan(0);
    // Nothing that writes, nor what only the unit's leaders may ask for.
    expect(await view.locator(".staffing").count()).toBe(0);
    expect(await view.locator("table[data-report=staffYear]").count()).toBe(0);
    // The province's tab stays chosen: this is still the whole province's screen.
    expect(await page.locator("header nav button.on").textContent()).toBe("Toàn tỉnh");

    // A citizen takes a number at the center's kiosk: the dashboard hears it, live.
    await issue(KIOSK, 1);
    await expect.poll(() => kpi(page, "waiting"), { timeout: 4_000 }).toBe("5");
    await expect.poll(() => kpi(page, "issued")).toBe("8");
    await drawn(page);
    await page.screenshot({ path: join(OUT, "province-unit-dashboard.png") });

    // In English, the same notice in English words.
    await page.getByRole("button", { name: "English" }).click();
    expect(await view.locator("[data-notice=read-only]").textContent()).toBe(`View only – you are looking at the dashboard of Lam Dong Provincial Public Administration Service Center`);
    await page.getByRole("button", { name: "Tiếng Việt" }).click();

    // Back to every unit, the keyboard on the row it left.
    await page.getByRole("button", { name: "‹ Toàn tỉnh" }).click();
    await expect.poll(() => page.locator("tr[data-unit]").count()).toBe(4);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-unit"))).toBe("lam-dong");
    await expect.poll(() => row(page, "lam-dong").getAttribute("data-waiting")).toBe("5");

    // From the keyboard: Enter on a commune's name opens its dashboard; the tab takes the way back too.
    await row(page, "phuong-bao-loc").locator("button.name").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".unit-view[data-viewing=phuong-bao-loc]").count()).toBe(1);
    await expect.poll(() => kpi(page, "issued")).toBe("3");
    await page.getByRole("button", { name: "Toàn tỉnh", exact: true }).click();
    await expect.poll(() => page.locator("tr[data-unit]").count()).toBe(4);

    // Not one refusal along the way, and no call to the unit's leaders' routes.
    expect(asked.filter((r) => r.url.startsWith("/api/") && r.status >= 400)).toEqual([]);
    expect(asked.filter((r) => /^\/api\/(reports?|staffing)/.test(r.url))).toEqual([]);
    await page.close();
  }, 60_000);
});
