import { join } from "node:path";
import { devices, type Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { client } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { drawn } from "../helpers/page.ts";

/** A modest Android phone, 360 px wide, as most citizens carry. */
const PHONE = { ...devices["Galaxy S5"]!, viewport: { width: 360, height: 740 } };

/** The demo center, 36 Trần Phú in Đà Lạt; its coordinates are set by its admin before the test. */
const DEMO = { id: "lam-dong", name: "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", coordinates: { lat: 11.9372, lon: 108.4343 } };
/** A commune a hundred kilometres away that the province makes, and whose admin adds birth registration. */
const COMMUNE = {
  id: "xa-da-huoai",
  name: "Bộ phận Một cửa xã Đạ Huoai",
  address: "Xã Đạ Huoai, Lâm Đồng",
  coordinates: { lat: 11.4539, lon: 107.6335 },
  admin: { username: "quantri", displayName: "Quản trị xã", password: "mat-khau-xa-da-huoai" },
};
/** The citizen, by the market in Đà Lạt: some 700 m from the demo center, 103 km from the commune. */
const HERE = { latitude: 11.9425, longitude: 108.4373 };

const step = (page: Page) => page.locator("main").getAttribute("data-step");
const order = (page: Page) => page.locator("li.unit").evaluateAll((li) => li.map((l) => l.getAttribute("data-unit")));

describe("where to do a procedure, whatever the citizen's address", () => {
  // Tuesday 09:00 in Hanoi (the hall clock's working morning): both units are open.
  const hall = useHall();
  beforeAll(async () => {
    const { api } = client(hall.server.url);
    const session = async (username: string, password: string, center: string) => (await api("POST", "/api/session", { body: { username, password, center } })).body.token as string;
    const province = await session("tinh", "demo", "province");
    const made = await api("POST", "/api/province/centers", {
      token: province,
      body: { id: COMMUNE.id, name: COMMUNE.name, address: COMMUNE.address, coordinates: COMMUNE.coordinates, admin: COMMUNE.admin },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);

    // The commune receives birth registration too, and takes it from phones.
    const commune = await session(COMMUNE.admin.username, COMMUNE.admin.password, COMMUNE.id);
    const cfg = (await api("GET", "/api/admin/config", { token: commune })).body;
    const birth = await api("PUT", "/api/admin/config", {
      token: commune,
      body: {
        ...cfg,
        fields: [...cfg.fields, { id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status", icon: "family", remoteTickets: true }],
        services: [...cfg.services, { id: "khai-sinh", code: "B", fieldId: "ho-tich", name: "Đăng ký khai sinh", nameEn: "Birth registration", defaultServiceMinutes: 7 }],
        counters: cfg.counters.map((c: { serviceIds: string[] }) => ({ ...c, serviceIds: [...c.serviceIds, "khai-sinh"] })),
      },
    });
    expect(birth.status, JSON.stringify(birth.body)).toBe(200);

    // The demo center puts itself on the map, and has a line for birth registration.
    const demo = await session("admin", "admin", DEMO.id);
    const demoCfg = (await api("GET", "/api/admin/config", { token: demo })).body;
    const placed = await api("PUT", "/api/admin/config", { token: demo, body: { ...demoCfg, center: { ...demoCfg.center, coordinates: DEMO.coordinates } } });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    for (let i = 0; i < 6; i++) await client(hall.server.url).issue("khai-sinh");
  });

  it("finds the procedure without diacritics, lists its units by wait, then nearest first, and takes a number at the nearest", async () => {
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN", permissions: ["geolocation"], geolocation: HERE });
    const page = await phone.newPage();
    // From the demo center's own page, a citizen unsure where to go.
    await page.goto(`${hall.server.url}/c/?center=${DEMO.id}`);
    await page.locator("a.where-entry", { hasText: "Chưa biết đi đâu? Xem nơi làm thủ tục gần nhất" }).click();
    await expect.poll(() => step(page)).toBe("procedure");
    expect(page.url()).toBe(`${hall.server.url}/c/?chon=don-vi`);
    expect(await page.locator("h1").textContent()).toBe("Làm thủ tục ở đâu?");
    await expect.poll(() => page.locator("button.choice").count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(OUT, "citizen-any-unit-procedures.png") });

    await page.locator("input[type=search]").fill("khai sinh");
    const found = page.locator("button.choice");
    await expect.poll(() => found.count()).toBe(1);
    expect(await found.textContent()).toBe("Đăng ký khai sinh2 đơn vị nhận");
    await page.screenshot({ path: join(OUT, "citizen-any-unit-search.png") });
    await found.click();

    // Shortest wait first: the commune has nobody waiting, the demo center six.
    await expect.poll(() => step(page)).toBe("units");
    expect(page.url()).toBe(`${hall.server.url}/c/?chon=don-vi&service=khai-sinh`);
    expect(await page.locator("h1").textContent()).toBe("Đăng ký khai sinh");
    await expect.poll(() => order(page)).toEqual([COMMUNE.id, DEMO.id]);
    expect(await page.locator(".order .note").getAttribute("data-order")).toBe("wait");
    const demo = page.locator(`li.unit[data-unit=${DEMO.id}]`);
    const commune = page.locator(`li.unit[data-unit=${COMMUNE.id}]`);
    expect(await demo.locator("h2").textContent()).toBe(DEMO.name);
    expect(await demo.locator(".address").textContent()).toBe("36 Trần Phú, Phường Xuân Hương – Đà Lạt, Lâm Đồng");
    expect(await demo.locator(".waiting").textContent()).toBe("Hiện có 6 người đang chờ");
    expect(await demo.locator(".wait").textContent()).toMatch(/^Chờ khoảng \d+(–\d+)? phút$/);
    expect(await commune.locator(".waiting").textContent()).toBe("Hiện không có ai đang chờ");
    expect(await page.locator(".km").count()).toBe(0);
    // Each offers what it does: the demo center books appointments for it, the commune does not.
    expect(await demo.locator("a.take").textContent()).toBe("Lấy số từ xa");
    expect(await demo.locator("a.take").getAttribute("href")).toBe(`/c/?center=${DEMO.id}&service=khai-sinh`);
    expect(await demo.locator("a.to-book").getAttribute("href")).toBe(`/c/hen?center=${DEMO.id}&service=khai-sinh`);
    expect(await commune.locator("a.take").getAttribute("href")).toBe(`/c/?center=${COMMUNE.id}&service=khai-sinh`);
    expect(await commune.locator("a.to-book").count()).toBe(0);
    await drawn(page);
    await page.screenshot({ path: join(OUT, "citizen-any-unit-by-wait.png") });

    // The phone says where it is: nearest first, with how far.
    await page.locator("button.locate", { hasText: "Dùng vị trí của tôi" }).click();
    await expect.poll(() => page.locator(".order .note").getAttribute("data-order")).toBe("distance");
    expect(await order(page)).toEqual([DEMO.id, COMMUNE.id]);
    expect(await demo.locator(".km").textContent()).toBe("Cách quý vị khoảng 700 m");
    expect(await commune.locator(".km").textContent()).toBe("Cách quý vị khoảng 103 km");
    expect(await page.locator("button.locate").count()).toBe(0);
    await drawn(page);
    await page.screenshot({ path: join(OUT, "citizen-any-unit.png"), fullPage: true });
    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // In English, one tap away.
    await page.locator("header button").click();
    expect(await demo.locator(".km").textContent()).toBe("About 700 m from you");
    expect(await demo.locator("a.take").textContent()).toBe("Take a number");
    await page.locator("header button").click();

    // The demo center's number from home, the procedure already chosen: only the phone to give.
    await demo.locator("a.take").click();
    await expect.poll(() => page.locator("label.choice.on").textContent()).toContain("Đăng ký khai sinh");
    expect(await page.locator("header span").textContent()).toBe(DEMO.name);
    expect(await page.locator("input[name=service]:checked").getAttribute("value")).toBe("khai-sinh");
    expect(await page.locator("a.where-entry").getAttribute("href")).toBe("/c/?chon=don-vi");
    await page.screenshot({ path: join(OUT, "citizen-any-unit-take.png"), fullPage: true });
    await page.locator("input[name=phone]").fill("0912 345 678");
    await page.locator("button[type=submit]").click();
    await page.waitForURL(/\/f\/[A-Za-z0-9_-]{16,64}$/);
    await expect.poll(() => page.locator("main").getAttribute("data-status")).toBe("reserved");
    expect(await page.locator(".label").textContent()).toBe("Đăng ký khai sinh");
    expect(await page.locator("header span").textContent()).toBe(DEMO.name);

    // Its booking link opens the booking at the days of that procedure.
    const book = await phone.newPage();
    await book.goto(`${hall.server.url}/c/hen?center=${DEMO.id}&service=khai-sinh`);
    await expect.poll(() => step(book)).toBe("day");
    expect(await book.locator(".recap").textContent()).toBe("Hộ tịch · Đăng ký khai sinh");
    await book.locator("a.back, button.back").click();
    await expect.poll(() => step(book)).toBe("field");
    await phone.close();
  }, 90_000);

  it("keeps the order by wait when the phone will not say where it is, and comes back after a failed load", async () => {
    const phone = await hall.browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await phone.newPage();
    // The link posted where no center is named leads here too.
    await page.goto(`${hall.server.url}/c/`);
    await expect.poll(() => page.locator("[data-center=unknown] a.where-entry").getAttribute("href")).toBe("/c/?chon=don-vi");

    await page.route("**/api/units*", (route) => route.abort());
    await page.goto(`${hall.server.url}/c/?chon=don-vi&service=khai-sinh`);
    await expect.poll(() => page.locator("p.error").textContent()).toBe("Không tải được danh sách. Xin kiểm tra kết nối mạng rồi thử lại.");
    await page.unroute("**/api/units*");
    await page.locator("button.notify", { hasText: "Thử lại" }).click();
    await expect.poll(() => order(page)).toEqual([COMMUNE.id, DEMO.id]);

    await page.locator("button.locate").click();
    await expect.poll(() => page.locator(".order .note").textContent()).toBe("Điện thoại chưa cho dùng vị trí, nên danh sách vẫn xếp theo thời gian chờ.");
    expect(await order(page)).toEqual([COMMUNE.id, DEMO.id]);
    expect(await page.locator(".km").count()).toBe(0);

    // Opened on a procedure, "back" is the list of procedures; one nobody receives says so.
    await page.locator("button.back").click();
    await expect.poll(() => step(page)).toBe("procedure");
    expect(page.url()).toBe(`${hall.server.url}/c/?chon=don-vi`);
    await page.locator("input[type=search]").fill("khong co thu tuc nay");
    await expect.poll(() => page.locator(".empty").textContent()).toBe("Không tìm thấy thủ tục nào. Xin gõ ít chữ hơn, ví dụ «khai sinh».");
    await page.goto(`${hall.server.url}/c/?chon=don-vi&service=khong-co`);
    await expect.poll(() => page.locator(".empty").textContent()).toBe("Chưa có đơn vị nào nhận thủ tục này.");
    await page.screenshot({ path: join(OUT, "citizen-any-unit-none.png") });
    await phone.close();
  }, 60_000);
});
