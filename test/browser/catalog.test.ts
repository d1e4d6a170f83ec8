import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { drawn, logInAt } from "../helpers/page.ts";

/** A commune the province made before the test: it receives nothing from the catalog yet. */
const COMMUNE = { id: "xa-lac-duong", name: "Bộ phận Một cửa xã Lạc Dương" };
const ADMIN = { username: "quantri", password: "mat-khau-lac-duong" };
const BIRTH = "dang-ky-khai-sinh";
const MARRIAGE = "dang-ky-ket-hon";
const RENAMED = "Đăng ký khai sinh (cấp bản chính)";

describe("the province's one catalog in a real browser: named once, taken by a commune, followed by its kiosk", () => {
  const hall = useHall();
  beforeAll(async () => {
    const { api } = client(hall.server.url);
    const province = (await api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } })).body.token;
    const made = await api("POST", "/api/province/centers", {
      token: province,
      body: { ...COMMUNE, level: "commune", area: "remote", parentId: "lam-dong", admin: { ...ADMIN, displayName: "Quản trị xã" } },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
  });


  const logIn = (page: Page, center: string, username: string, password: string) => logInAt(page, hall.server.url, center, username, password);

  /** Saves the catalog and answers what the screen says of the units. */
  async function saveCatalog(page: Page): Promise<string> {
    await page.locator(".catalog-bar button[name=save]").click();
    await expect.poll(() => page.locator(".province-catalog [data-status]").getAttribute("data-status"), { timeout: 10_000 }).toBe("saved");
    expect(await page.locator(".province-catalog").getAttribute("data-dirty")).toBe("no");
    return (await page.locator("[data-status=saved] .toast").textContent())!;
  }

  it("lets the province name a procedure once, a commune take it for its counter, and the commune's kiosk follow a rename without a reload", async () => {
    // ---- The province writes its catalog on its screen.
    const province = await hall.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(province, "province", "tinh", "demo");
    await expect.poll(() => province.locator("header nav button").allTextContents()).toContain("Danh mục thủ tục");
    await province.getByRole("button", { name: "Danh mục thủ tục" }).click();
    await expect.poll(() => province.locator(".province-catalog [data-part=fields]").count(), { timeout: 10_000 }).toBe(1);
    expect(await province.locator(".province-catalog [data-part=fields] .empty").textContent()).toBe("Danh mục chưa có lĩnh vực nào. Quý vị bấm «Thêm lĩnh vực» để bắt đầu.");
    expect(await province.locator(".catalog-bar button[name=save]").isDisabled()).toBe(true);

    await province.locator("button[name=addField]").click();
    const field = province.locator(".catalog-field").last();
    // Nothing named yet: the save waits, and says why.
    expect(await province.locator(".province-catalog .warn").textContent()).toBe("Còn 2 ô cần điền hoặc sửa (tô đỏ).");
    await field.locator("input[name=name]").fill("Hộ tịch");
    await field.locator("input[name=nameEn]").fill("Civil status");
    // The id is made from the name, without diacritics.
    expect(await field.locator(".field-id code").textContent()).toBe("ho-tich");
    for (const [name, nameEn, minutes] of [
      ["Đăng ký khai sinh", "Birth registration", "7"],
      ["Đăng ký kết hôn", "Marriage registration", "12"],
    ]) {
      await field.locator("button[name=addService]").click();
      const row = field.locator("tr.new").last();
      await row.locator("input[name=name]").fill(name!);
      await row.locator("input[name=nameEn]").fill(nameEn!);
      await row.locator("input[name=defaultServiceMinutes]").fill(minutes!);
    }
    expect(await field.locator("tr[data-service] code.id").allTextContents()).toEqual([BIRTH, MARRIAGE]);
    // A holiday, written the way people here write a date: it reads as the server wants it once the row is left.
    await province.locator("button[name=addHoliday]").click();
    const holiday = province.locator("[data-part=holidays] tr.new").last();
    await holiday.locator("input[name=date]").fill("2/9/2027");
    await holiday.locator("input[name=name]").fill("Quốc khánh");
    await holiday.locator("input[name=nameEn]").fill("National Day");
    await field.locator(".field-head input[name=name]").click();
    expect(await holiday.locator("input[name=date]").inputValue()).toBe("2027-09-02");
    expect(await province.locator(".province-catalog .warn").count()).toBe(0);
    // Every unit of the deployment takes it: the demo center and the commune.
    expect(await saveCatalog(province)).toBe("Đã cập nhật 2 đơn vị.");
    const { api } = client(hall.server.url);
    const token = (await api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } })).body.token;
    expect((await api("GET", "/api/province/catalog", { token })).body).toEqual({
      fields: [{ id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status" }],
      services: [
        { id: BIRTH, name: "Đăng ký khai sinh", nameEn: "Birth registration", fieldId: "ho-tich", defaultServiceMinutes: 7 },
        { id: MARRIAGE, name: "Đăng ký kết hôn", nameEn: "Marriage registration", fieldId: "ho-tich", defaultServiceMinutes: 12 },
      ],
      holidays: [{ date: "2027-09-02", name: "Quốc khánh", nameEn: "National Day" }],
      // No listing was kept for them: the screen does not edit it.
      listing: [],
    });
    // The holidays are every unit's now.
    expect(hall.server.deployment.hall(COMMUNE.id)!.service.config.calendar.holidays).toEqual([{ date: "2027-09-02", name: "Quốc khánh", nameEn: "National Day" }]);

    // ---- The commune's admin takes both procedures from the catalog, for counter 1, with a kiosk.
    const admin = await hall.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(admin, COMMUNE.id, ADMIN.username, ADMIN.password);
    await admin.getByRole("button", { name: "Quản trị", exact: true }).click();
    await expect.poll(() => admin.locator(".admin [data-section]").count(), { timeout: 15_000 }).toBe(7);
    await admin.locator(".admin-tabs [data-section=catalog]").click();
    const picker = admin.locator("select[name=fromCatalog]");
    await expect.poll(() => admin.locator(".from-catalog").getAttribute("data-catalog")).toBe("ready");
    expect(await picker.locator("option").allTextContents()).toEqual(["+ Thêm từ danh mục của tỉnh…", "Đăng ký khai sinh", "Đăng ký kết hôn"]);
    expect(await picker.locator("optgroup").getAttribute("label")).toBe("Hộ tịch");
    await picker.selectOption(BIRTH);
    await picker.selectOption(MARRIAGE);
    const birth = admin.locator(`tr[data-service=${BIRTH}]`);
    // The province's names, read-only and marked; a free code the admin may change.
    expect(await birth.locator(".province-mark").textContent()).toBe("Danh mục tỉnh");
    expect(await birth.locator("input[name=name]").inputValue()).toBe("Đăng ký khai sinh");
    expect(await birth.locator("input[name=name]").getAttribute("readonly")).not.toBeNull();
    expect(await birth.locator("select[name=fieldId]").isDisabled()).toBe(true);
    expect(await birth.locator("input[name=code]").inputValue()).toBe("D");
    expect(await admin.locator(`tr[data-service=${MARRIAGE}] input[name=code]`).inputValue()).toBe("B");
    await birth.locator("input[name=code]").fill("K");
    expect(await birth.locator("input[name=defaultServiceMinutes]").inputValue()).toBe("7");
    // Its field came with it, the province's too.
    expect(await admin.locator("tr[data-field=ho-tich] .province-mark").count()).toBe(1);
    expect(await admin.locator("tr[data-field=ho-tich] input[name=name]").inputValue()).toBe("Hộ tịch");
    // Nothing left to take.
    expect(await picker.isDisabled()).toBe(true);
    expect(await picker.locator("option").first().textContent()).toBe("Đơn vị đã nhận mọi thủ tục trong danh mục của tỉnh.");
    await admin.locator("[data-part=services] .from-catalog").scrollIntoViewIfNeeded();
    await drawn(admin);
    await admin.screenshot({ path: join(OUT, "province-catalog-admin.png") });

    await admin.locator(".admin-tabs [data-section=counters]").click();
    const counter = admin.locator(".counter[data-counter=quay-1]");
    await counter.locator("select[name=addService]").selectOption(BIRTH);
    await counter.locator("select[name=addService]").selectOption(MARRIAGE);
    await admin.locator(".admin-tabs [data-section=devices]").click();
    await admin.locator("button[name=addDevice]").click();
    const device = admin.locator(".device.new").last();
    await device.locator("input[name=id]").fill("kiosk-sanh");
    await device.locator("input[name=name]").fill("Kiosk sảnh");
    await admin.locator(".admin-bar button[name=save]").click();
    await expect.poll(() => admin.locator(".admin-notes [data-status]").getAttribute("data-status"), { timeout: 10_000 }).toBe("saved");
    const key = (await admin.locator("[data-new-key=kiosk-sanh] code.key").textContent())!.trim();
    expect(key.length).toBeGreaterThanOrEqual(20);
    const services = hall.server.deployment.hall(COMMUNE.id)!.service.config.services;
    expect(services.find((s) => s.id === BIRTH)).toMatchObject({ code: "K", province: true, name: "Đăng ký khai sinh", fieldId: "ho-tich", defaultServiceMinutes: 7 });

    // ---- The commune's kiosk offers the province's procedure.
    const kiosk = await hall.browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kiosk.goto(`${hall.server.url}/kiosk/?key=${key}`);
    await expect.poll(() => kiosk.locator(".tile[data-field=ho-tich]").count(), { timeout: 15_000 }).toBe(1);
    await kiosk.locator(".tile[data-field=ho-tich]").click();
    await expect.poll(() => kiosk.locator(".service .name").allTextContents()).toEqual(["Đăng ký khai sinh", "Đăng ký kết hôn"]);
    const opened = await kiosk.evaluate(() => performance.timeOrigin);

    // ---- The province renames it: the open kiosk shows the new name, no reload.
    await province.locator(`.province-catalog input[name=name][data-service=${BIRTH}]`).fill(RENAMED);
    expect(await province.locator(".catalog-bar .dirty").textContent()).toBe("Có thay đổi chưa lưu");
    expect(await saveCatalog(province)).toBe("Đã cập nhật 2 đơn vị.");
    await expect.poll(() => kiosk.locator(".service .name").allTextContents(), { timeout: 10_000 }).toEqual([RENAMED, "Đăng ký kết hôn"]);
    expect(await kiosk.evaluate(() => performance.timeOrigin)).toBe(opened);
    // The commune keeps its own choices: the code it chose, its counter.
    expect(hall.server.deployment.hall(COMMUNE.id)!.service.config.services.find((s) => s.id === BIRTH)).toMatchObject({ code: "K", name: RENAMED });
    // The demo center never took it: its own procedures are its own.
    expect(hall.server.deployment.hall("lam-dong")!.service.config.services.some((s) => s.id === BIRTH)).toBe(false);

    await drawn(province);
    await province.screenshot({ path: join(OUT, "province-catalog.png"), fullPage: true });
    await kiosk.screenshot({ path: join(OUT, "province-catalog-kiosk.png") });
    await kiosk.close();
    await admin.close();
    await province.close();
  }, 120_000);
});
