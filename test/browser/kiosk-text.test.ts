import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { tcpPrinter, VirtualPrinter, type PrintedTicket } from "@motcua/printer-driver";
import { startStationAgent } from "@motcua/station-agent";
import { takeTicket, tapKeys } from "../helpers/kiosk.ts";
import { client, KIOSK, STATION } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { drawn } from "../helpers/page.ts";

const SIZES = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;
const hanoi = (iso: string) => Date.parse(`${iso}+07:00`);

/** Where a thing stands against main's visible part: fully inside it, or not. */
const inView = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const main = document.querySelector("main")!.getBoundingClientRect();
    return [...document.querySelectorAll(sel)].map((el) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent!.trim().slice(0, 40), visible: r.top >= main.top - 1 && r.bottom <= main.bottom + 1 };
    });
  }, selector);

/** Whether the "more below" cue is showing (its scroll-driven fade is a CSS animation): main's, or another scroller's. */
const cueShows = (page: Page, cue = "main > .more-cue") =>
  page.locator(cue).evaluate((el) => {
    const s = getComputedStyle(el);
    return s.visibility === "visible" && Number(s.opacity) > 0.5;
  });

/** Scrolls main to its end, as a finger would, and lets the page draw. */
const scrollToEnd = async (page: Page) => {
  await page.locator("main").evaluate((m) => m.scrollTo({ top: m.scrollHeight, behavior: "instant" }));
  await drawn(page);
};

/** Nav labels that break inside a word: each line of a label must start after a space. */
const wordsBroken = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const span of document.querySelectorAll("nav.actions .action span")) {
      const node = span.firstChild;
      if (!node || node.nodeType !== Node.TEXT_NODE) continue;
      const text = node.textContent!;
      const range = document.createRange();
      let lastTop: number | null = null;
      for (let i = 0; i < text.length; i++) {
        if (text[i] === " ") continue;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = range.getBoundingClientRect().top;
        if (lastTop !== null && top > lastTop + 2 && text[i - 1] !== " ") out.push(`"${text}" breaks before "${text.slice(i)}"`);
        lastTop = top;
      }
      if (span.scrollWidth > span.clientWidth + 1) out.push(`"${text}" runs out of its button`);
    }
    return out;
  });

/**
 * What a citizen meets in words at the kiosk: large text that fits or says there is more, plain
 * names for the switches, a search that understands everyday words, "quý vị" on the paper too,
 * and a late dossier that says so.
 */
describe("the kiosk's words and text size", () => {
  const hall = useHall();

  const openKiosk = async (viewport: { width: number; height: number }, time?: number): Promise<Page> => {
    const page = await hall.browser.newPage({ viewport });
    if (time !== undefined) {
      await page.clock.install({ time });
      await page.clock.resume();
    }
    await page.goto(`${hall.server.url}/kiosk/?key=${KIOSK}`);
    await expect.poll(() => page.locator(".tile").count(), { timeout: 15_000 }).toBeGreaterThan(5);
    // The rarer screens and the English words load just after the start screen.
    await expect.poll(() => page.locator("header .toggle", { hasText: "English" }).count()).toBe(1);
    return page;
  };

  for (const [orientation, viewport] of Object.entries(SIZES)) {
    it(`in large text shows every entry of the start screen, or says there is more and scrolls to it (${orientation})`, async () => {
      const page = await openKiosk(viewport);
      // The switches say what they do, in words an elderly citizen uses.
      expect(await page.locator("header .toggle").allTextContents()).toEqual(expect.arrayContaining(["Chữ to", "Nền tối, chữ sáng"]));
      // Where the screen fits, the cue stays hidden.
      expect(await cueShows(page)).toBe(false);
      await page.locator("header .toggle", { hasText: "Chữ to" }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains("large"))).toBe(true);

      for (const lang of ["vi", "en"] as const) {
        if (lang === "en") {
          await page.locator("header .toggle", { hasText: "English" }).click();
          await expect.poll(() => page.locator("header .toggle", { hasText: "Light on dark" }).count()).toBe(1);
        }
        await drawn(page);
        expect(await wordsBroken(page), lang).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        const entries = ".start > .lead, .search-box, .tile, .appointment-entry";
        const before = await inView(page, entries);
        expect(before.map((e) => e.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^(Trả kết quả|Results return)/)]));
        const hidden = before.filter((e) => !e.visible);
        if (hidden.length > 0) {
          // Something is below the fold: the cue says so, and scrolling reaches every entry.
          expect(await cueShows(page), `${lang}: ${hidden.map((e) => e.text).join(", ")} hidden without a cue`).toBe(true);
          await scrollToEnd(page);
          const seen = new Set([...before.filter((e) => e.visible), ...(await inView(page, entries)).filter((e) => e.visible)].map((e) => e.text));
          for (const e of hidden) expect(seen.has(e.text), e.text).toBe(true);
          expect(await cueShows(page)).toBe(false);
          await page.locator("main").evaluate((m) => m.scrollTo({ top: 0, behavior: "instant" }));
        }
        // English in large text is kiosk-screens.test.ts's picture.
        if (lang === "vi") await page.screenshot({ path: join(OUT, `kiosk-start-large-${orientation}.png`) });
      }

      // A long list in large text: the cue shows at the top, a tap on it scrolls, and it is gone at the end.
      await page.locator("nav.actions .action", { hasText: "Procedures" }).click();
      await expect.poll(() => page.locator("[data-procedure]").count()).toBeGreaterThan(10);
      await drawn(page);
      expect(await cueShows(page)).toBe(true);
      await page.screenshot({ path: join(OUT, `kiosk-procedures-large-${orientation}.png`) });
      await page.locator("main > .more-cue").click();
      await expect.poll(() => page.locator("main").evaluate((m) => m.scrollTop)).toBeGreaterThan(100);
      await scrollToEnd(page);
      expect(await cueShows(page)).toBe(false);
      const last = await inView(page, "[data-procedure]");
      expect(last.at(-1)!.visible).toBe(true);
      await page.close();
    });
  }

  for (const [orientation, viewport] of Object.entries(SIZES)) {
    it(`finds what citizens type: words run together and everyday names (${orientation})`, async () => {
      const page = await openKiosk(viewport);
      const results = () => page.locator(".results .name").allTextContents();
      await page.locator(".search-box").click();
      await tapKeys(page, "khaisinh");
      await expect.poll(results).toEqual(["Đăng ký khai sinh", "Đăng ký khai sinh"]);
      expect(await page.locator(".results .service:not(.procedure)").count()).toBe(1);
      await drawn(page);
      await page.screenshot({ path: join(OUT, `kiosk-search-khaisinh-${orientation}.png`) });

      await page.locator(".key", { hasText: "Xoá hết" }).click();
      await tapKeys(page, "so do");
      await expect.poll(results).toEqual([
        "Đăng ký đất đai, cấp Giấy chứng nhận",
        "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu",
        "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất",
      ]);
      await drawn(page);
      await page.screenshot({ path: join(OUT, `kiosk-search-sodo-${orientation}.png`) });
      // The results scroll above the keys: what does not fit is announced, and reached by scrolling.
      const list = page.locator(".results");
      const cut = await list.evaluate((l) => [...l.querySelectorAll(".service")].some((s) => s.getBoundingClientRect().bottom > l.getBoundingClientRect().bottom + 1));
      expect(await cueShows(page, ".results > .more-cue")).toBe(cut);
      if (cut) {
        await list.evaluate((l) => l.scrollTo({ top: l.scrollHeight, behavior: "instant" }));
        await drawn(page);
        expect(await cueShows(page, ".results > .more-cue")).toBe(false);
        expect(await list.evaluate((l) => l.lastElementChild!.previousElementSibling!.getBoundingClientRect().bottom <= l.getBoundingClientRect().bottom + 1)).toBe(true);
      }
      // The result takes the citizen to the land counter's number.
      await page.locator(".results .service:not(.procedure)").click();
      await expect.poll(() => page.locator("[data-screen]").getAttribute("data-screen")).toBe("priority");
      await page.close();
    });
  }

  it("finds a procedure by a word the center's admin added to it", async () => {
    const c = client(hall.server.url);
    const admin = await c.login("admin", "admin");
    const cfg = (await c.api("GET", "/api/admin/config", { token: admin })).body;
    const services = cfg.services.map((s: { id: string }) => (s.id === "ho-kinh-doanh" ? { ...s, aliases: ["bán hàng online", " mở tạp hoá", ""] } : s));
    const saved = await c.api("PUT", "/api/admin/config", { token: admin, body: { ...cfg, services } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const page = await openKiosk(SIZES.portrait);
    await page.locator(".search-box").click();
    await tapKeys(page, "tap hoa");
    await expect.poll(() => page.locator(".results .service:not(.procedure) .name").allTextContents()).toEqual(["Đăng ký hộ kinh doanh"]);
    await page.close();
  });

  describe("the printed ticket", () => {
    const printer = new VirtualPrinter("80mm");
    let agent: ReturnType<typeof startStationAgent> | null = null;
    afterAll(async () => {
      await agent?.idle();
      agent?.close();
      await printer.close();
    });

    it("speaks to the citizen as 'quý vị', as every screen does", async () => {
      const port = await printer.listen(0);
      // The demo station prints for the lobby kiosk, here in the printer's own Vietnamese code page so the words can be read back.
      agent = startStationAgent({ serverUrl: hall.server.url, key: STATION, printer: tcpPrinter("127.0.0.1", port, 1000), paper: "80mm", text: "windows1258" });
      const printed = new Promise<PrintedTicket>((resolve) => printer.once("printed", resolve));
      const page = await openKiosk(SIZES.portrait);
      const number = await takeTicket(page, "ho-tich", "Đăng ký kết hôn");
      const paper = await printed;
      const lines = paper.printout.blocks.flatMap((b) => (b.kind === "text" && b.text.trim() ? [b.text.trim()] : []));
      expect(lines).toContain(number);
      expect(lines.find((l) => l.startsWith("Số người đang chờ trước"))).toMatch(/^Số người đang chờ trước quý vị: \d+$/);
      expect(lines.join(" ")).not.toMatch(/\bbạn\b/);
      await page.close();
    });
  });

  for (const [orientation, viewport] of Object.entries(SIZES)) {
    it(`says politely that a dossier is late, with the day it was due (${orientation})`, async () => {
      // Processing, due Wednesday 2 December 2026 (the demo's dossiers); on the 3rd it is late.
      const late = "000.00.12.H36-261125-0002";
      const page = await openKiosk(viewport, hanoi("2026-12-03T09:00:00"));
      await page.locator("nav.actions .action", { hasText: "Quét mã QR" }).click();
      await tapKeys(page, late);
      await page.locator(".choice.main", { hasText: "Tra cứu" }).click();
      await expect.poll(() => page.locator(".dossier").count()).toBe(1);
      expect(await page.locator(".status-line").getAttribute("class")).toContain("late");
      expect(await page.locator(".late-note").textContent()).toBe(
        "Hồ sơ đã quá hạn trả kết quả (hẹn ngày 02/12/2026). Chúng tôi thành thật xin lỗi quý vị về sự chậm trễ. Xin mời quý vị đến bàn hướng dẫn để được báo ngày trả kết quả mới.",
      );
      await drawn(page);
      await page.screenshot({ path: join(OUT, `kiosk-dossier-late-${orientation}.png`) });
      await page.locator("header .toggle", { hasText: "English" }).click();
      await expect.poll(() => page.locator(".late-note").textContent()).toContain("past its due date (due 02/12/2026)");
      await page.close();

      // The day it was due, it is not late yet.
      const onTime = await openKiosk(viewport, hanoi("2026-12-02T16:00:00"));
      await onTime.locator("nav.actions .action", { hasText: "Quét mã QR" }).click();
      await tapKeys(onTime, late);
      await onTime.locator(".choice.main", { hasText: "Tra cứu" }).click();
      await expect.poll(() => onTime.locator(".dossier").count()).toBe(1);
      expect(await onTime.locator(".status-line").textContent()).toBe("Đang được giải quyết");
      expect(await onTime.locator(".late-note").count()).toBe(0);
      await onTime.close();
    });
  }
});
