import { join } from "node:path";
import { devices, type Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { drawn } from "../helpers/page.ts";

/** A commune's center the province made before the test: the deployment serves two. */
const COMMUNE = { id: "xa-da-huoai", name: "Bộ phận Một cửa xã Đạ Huoai" };
/** The one the province's administrator makes on the screen. */
const NEW = { id: "xa-da-teh", name: "Bộ phận Một cửa xã Đạ Tẻh", username: "quantri-dateh", displayName: "Trần Thị Bình", password: "mat-khau-da-teh" };
const PROVINCE = "Cấp tỉnh (quản trị tỉnh)";

/** A modest Android phone, 360 px wide, as most citizens carry. */
const PHONE = { ...devices["Galaxy S5"]!, viewport: { width: 360, height: 740 } };

describe("one deployment serving several centers, in a real browser", () => {
  // Tuesday 09:00 in Hanoi (the hall clock's working morning): the demo center takes numbers from home.
  const hall = useHall();
  beforeAll(async () => {
    const { api } = client(hall.server.url);
    const province = (await api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } })).body.token;
    const made = await api("POST", "/api/province/centers", {
      token: province,
      body: { ...COMMUNE, admin: { username: "quantri", displayName: "Quản trị xã", password: "mat-khau-xa-da-huoai" } },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
  });

  /** The login form, once the list of centers has come and the select shows. */
  async function loginPage(page: Page): Promise<void> {
    await page.goto(`${hall.server.url}/staff/`);
    await expect.poll(() => page.locator("select[name=center]").count()).toBe(1);
  }
  async function logIn(page: Page, center: string, username: string, password: string): Promise<void> {
    await page.locator("select[name=center]").selectOption(center);
    await page.locator("input[name=username]").fill(username);
    await page.locator("input[name=password]").fill(password);
    await page.locator("button[type=submit]").click();
  }

  it("lets the province create a center on its screen, whose admin then logs in to it by choosing it", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginPage(page);
    const select = page.locator("select[name=center]");
    const listed = (await client(hall.server.url).api("GET", "/api/centers")).body.centers as { id: string; name: string }[];
    expect(await select.locator("option").allTextContents()).toEqual([...listed.map((c) => c.name), PROVINCE]);
    expect(listed.map((c) => c.id)).toContain(COMMUNE.id);
    // Nothing chosen on this browser yet: the first center.
    expect(await select.inputValue()).toBe(listed[0]!.id);
    // The longest name, as a person would read it in the select.
    await select.selectOption("lam-dong");
    await drawn(page);
    await page.screenshot({ path: join(OUT, "staff-login-centers.png") });

    await logIn(page, "province", "tinh", "demo");
    // The province starts on the whole province's figures; its centers are the second tab.
    await expect.poll(() => page.locator("header nav button").allTextContents()).toEqual(["Toàn tỉnh", "Quản lý trung tâm", "Báo cáo toàn tỉnh", "Danh mục thủ tục"]);
    await page.getByRole("button", { name: "Quản lý trung tâm" }).click();
    const rows = page.locator(".province tr[data-center]");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.locator(`tr[data-center=${COMMUNE.id}] td`).allTextContents()).toEqual([COMMUNE.name, COMMUNE.id, "Cấp xã", "Nông thôn", "Chính thức", "1", "1"]);
    expect(await page.locator("tr[data-center=lam-dong] td").nth(4).textContent()).toBe("Thử nghiệm (demo)");

    // The id follows the name, without diacritics, until one is typed.
    const form = page.locator("form.new-center-form");
    const submit = form.locator("button[type=submit]");
    await form.locator("input[name=name]").fill(NEW.name);
    expect(await form.locator("input[name=id]").inputValue()).toBe("bo-phan-mot-cua-xa-da-teh");
    await form.locator("input[name=id]").fill(NEW.id);
    await form.locator("input[name=username]").fill(NEW.username);
    await form.locator("input[name=displayName]").fill(NEW.displayName);
    // A password under ten characters is marked, and the form cannot go.
    await form.locator("input[name=password]").fill("ngan");
    expect(await form.locator("input[name=password]").getAttribute("aria-invalid")).toBe("true");
    expect(await submit.isDisabled()).toBe(true);
    await form.locator("input[name=password]").fill(NEW.password);
    await submit.click();
    const created = page.locator("[data-status=created]");
    await expect.poll(() => created.count()).toBe(1);
    expect(await created.textContent()).toBe(
      `Đã tạo trung tâm «${NEW.name}». Quý vị vui lòng trao cho quản trị viên tên đăng nhập «${NEW.username}» cùng mật khẩu vừa đặt. Khi đăng nhập, quản trị viên chọn «${NEW.name}» ở ô Trung tâm.`,
    );
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.locator(`tr[data-center=${NEW.id}] td`).allTextContents()).toEqual([NEW.name, NEW.id, "Cấp xã", "Nông thôn", "Chính thức", "1", "1"]);
    expect(await form.locator("input[name=name]").inputValue()).toBe("");
    await drawn(page);
    await page.screenshot({ path: join(OUT, "staff-province.png"), fullPage: true });

    // An id another center has: the server's refusal, in the app's words.
    await form.locator("input[name=name]").fill("Trùng mã");
    await form.locator("input[name=id]").fill(COMMUNE.id);
    await form.locator("input[name=username]").fill("a1");
    await form.locator("input[name=displayName]").fill("A");
    await form.locator("input[name=password]").fill(NEW.password);
    await submit.click();
    await expect.poll(() => page.locator("[data-status=error] p").textContent()).toBe("Mã trung tâm này đã có. Quý vị vui lòng chọn mã khác.");
    expect(await rows.count()).toBe(3);
    await page.screenshot({ path: join(OUT, "staff-province-refused.png"), fullPage: true });

    // Back at the login, the new center is on the list, and this browser starts on the province.
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect.poll(() => page.locator("select[name=center] option").count()).toBe(4);
    expect(await page.locator("select[name=center]").inputValue()).toBe("province");
    await logIn(page, NEW.id, NEW.username, NEW.password);
    await page.getByRole("button", { name: "Quản trị", exact: true }).click();
    await expect.poll(() => page.locator(".admin [data-section]").count(), { timeout: 15_000 }).toBe(7);
    expect(await page.locator(`.admin input[name=name][data-center=${NEW.id}]`).inputValue()).toBe(NEW.name);
    await page.close();
  }, 90_000);

  it("lets the login go while the list of centers cannot be had, and offers the choice once it comes", async () => {
    const page = await hall.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route("**/api/centers", (route) => route.abort());
    await page.goto(`${hall.server.url}/staff/`);
    await page.locator("input[name=username]").fill("admin");
    await page.locator("input[name=password]").fill("admin");
    await page.locator("button[type=submit]").click();
    // Sent naming no center, to a server of several: it asks for one.
    await expect.poll(() => page.locator(".login .error").textContent()).toBe("Máy chủ phục vụ nhiều trung tâm. Quý vị vui lòng chọn trung tâm rồi đăng nhập lại.");
    expect(await page.locator("select[name=center]").count()).toBe(0);
    // The list is asked again until it comes.
    await page.unroute("**/api/centers");
    await expect.poll(() => page.locator("select[name=center]").count(), { timeout: 10_000 }).toBe(1);
    await page.locator("select[name=center]").selectOption("lam-dong");
    await page.locator("input[name=password]").fill("admin");
    await page.locator("button[type=submit]").click();
    await expect.poll(() => page.getByRole("button", { name: "Quản trị", exact: true }).count()).toBe(1);
    await page.close();
  }, 60_000);

  it("keeps a citizen's pages on the center their address names, and asks for one where it names none", async () => {
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await phone.newPage();
    // An address that names no center: the page asks which one, and each choice is this page for it.
    for (const path of ["/c/", "/c/hen"]) {
      await page.goto(`${hall.server.url}${path}`);
      await expect.poll(() => page.locator("[data-center=unknown] p").textContent()).toBe("Quý vị cần đến trung tâm nào? Xin chọn một trung tâm:");
      const choices = page.locator("[data-center=unknown] a");
      await expect.poll(() => choices.count()).toBeGreaterThanOrEqual(2);
      expect(await choices.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toContain(`${path}?center=${COMMUNE.id}`);
    }
    await page.screenshot({ path: join(OUT, "citizen-no-center.png") });
    await page.locator("[data-center=unknown] a", { hasText: COMMUNE.name }).click();
    await expect.poll(() => page.locator("main.book header span").textContent()).toBe(COMMUNE.name);

    // The commune's pages are the commune's, from one page to the next.
    await page.goto(`${hall.server.url}/c/?center=${COMMUNE.id}`);
    await expect.poll(() => page.locator("header span").textContent()).toBe(COMMUNE.name);
    await page.locator("a.book-entry").click();
    await expect.poll(() => page.locator("main.book header span").textContent()).toBe(COMMUNE.name);
    expect(page.url()).toBe(`${hall.server.url}/c/hen?center=${COMMUNE.id}`);
    // The demo center books appointments: its way back keeps it too.
    await page.goto(`${hall.server.url}/c/hen?center=lam-dong`);
    await expect.poll(() => page.locator("main").getAttribute("data-step")).toBe("field");
    expect(await page.locator("a.back").getAttribute("href")).toBe("/c/?center=lam-dong");

    // A number from home at the demo center; given up, its page offers another at the same center.
    await page.goto(`${hall.server.url}/c/?center=lam-dong`);
    await page.locator("label.choice", { hasText: "Đăng ký khai sinh" }).click();
    await page.locator("input[name=phone]").fill("0912 345 678");
    await page.locator("button[type=submit]").click();
    await expect.poll(() => page.locator("main").getAttribute("data-status")).toBe("reserved");
    await page.locator("button.cancel").click();
    await page.locator("button.cancel.yes").click();
    await expect.poll(() => page.locator("main").getAttribute("data-status")).toBe("cancelled");
    expect(await page.locator("a.again").getAttribute("href")).toBe("/c/?center=lam-dong");
    await phone.close();
  }, 60_000);
});
