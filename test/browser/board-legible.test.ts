import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { demoConfig, LowdbStore } from "@motcua/queue-server";
import { client, DISPLAY } from "../helpers/harness.ts";
import { DESKS, openDesks } from "../helpers/desks.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { animationsDone, drawn } from "../helpers/page.ts";


/** Longer than any field name of the demo: two lines on the board at most, never a call pushed away. */
const LONG_FIELD = "Lao động – Thương binh và Xã hội, chính sách người có công và bảo trợ xã hội";

/**
 * A morning queue; building permits wait on two desks only (5 and 10), so their band has three
 * digits ("1xx–3xx phút"), the case that pushed the last rows under the ticker.
 */
const QUEUE: Record<string, number> = {
  "khai-sinh": 9, "ket-hon": 3, "chung-thuc-ban-sao": 8, "chung-thuc-chu-ky": 2, "dang-ky-dat-dai": 6, "giay-phep-xay-dung": 40,
  "dang-ky-doanh-nghiep": 4, "ho-kinh-doanh": 3, "ly-lich-tu-phap": 4, "tro-cap-xa-hoi": 3, "tro-cap-that-nghiep": 1, "doi-giay-phep-lai-xe": 5, "tra-ket-qua": 6,
};

/**
 * The issue's yardstick: a 62.6 px number on a 55-inch 1080p panel reads from about 3.5 m, and
 * the distance grows with the letters' height. From 10 m, on a screen `height` px high.
 */
const tenMetres = (height: number) => ((62.6 * 10) / 3.5) * (height / 1080);

interface Measured {
  /** Each standing call's number: its computed font size and its glyph box's height, in px. */
  numbers: { text: string; fontSize: number; boxHeight: number }[];
  /** Each counter name's font size, its box's height and its line height, in px. */
  counters: { text: string; fontSize: number; height: number; lineHeight: number }[];
  /** What is drawn outside its place: under the ticker or the header, off the screen, cut off in its cell. */
  bad: string[];
  /** The fields shown now (the rest come page by page), and the page ("2/5"). */
  shownFields: string[];
  page: string | null;
}

/** The wall as a citizen at the back of the hall sees it, measured in the page. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const footer = document.querySelector("footer")!.getBoundingClientRect();
    const header = document.querySelector("header")!.getBoundingClientRect();
    const bad: string[] = [];
    const inside = (r: DOMRect, box: { top: number; left: number; right: number; bottom: number }) =>
      r.top >= box.top - 0.5 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.bottom <= box.bottom + 0.5;
    const between = { top: header.bottom, left: 0, right: innerWidth, bottom: footer.top };
    const cells = [...document.querySelectorAll<HTMLElement>(".newest, .recent li")];
    const shownRows = [...document.querySelectorAll<HTMLElement>(".fields tr")].filter((tr) => !tr.hidden);
    for (const el of [...cells, ...shownRows, ...document.querySelectorAll<HTMLElement>(".fields h2")]) {
      const r = el.getBoundingClientRect();
      if (!inside(r, between)) bad.push(`${el.textContent} not between header and ticker: ${Math.round(r.top)}–${Math.round(r.bottom)} of ${Math.round(header.bottom)}–${Math.round(footer.top)}`);
    }
    for (const cell of cells) {
      const box = cell.getBoundingClientRect();
      for (const span of cell.querySelectorAll<HTMLElement>(".number, .counter")) {
        const r = span.getBoundingClientRect();
        if (!inside(r, box)) bad.push(`${span.textContent} cut off: ${Math.round(r.width)}×${Math.round(r.height)} in a ${Math.round(box.width)}×${Math.round(box.height)} cell`);
        // Drawn narrower than laid out (scaleX): the text must fit its own box, which lies inside the cell.
        if (span.scrollWidth > span.clientWidth + 1) bad.push(`${span.textContent} wider than its box: ${span.scrollWidth} in ${span.clientWidth}`);
      }
    }
    // A field's count and wait are never cut; its name may end in "…" after two lines.
    for (const td of shownRows.flatMap((tr) => [...tr.querySelectorAll<HTMLElement>("td")])) {
      const row = td.parentElement!.getBoundingClientRect();
      if (!inside(td.getBoundingClientRect(), row) || td.scrollWidth > td.clientWidth + 1) bad.push(`${td.textContent} cut off in its field's row`);
    }
    const px = (el: Element, prop: "fontSize" | "lineHeight") => parseFloat(getComputedStyle(el)[prop]);
    return {
      numbers: cells.map((c) => c.querySelector(".number")!).map((n) => ({ text: n.textContent!, fontSize: px(n, "fontSize"), boxHeight: n.getBoundingClientRect().height })),
      counters: cells.map((c) => c.querySelector(".counter")!).map((n) => ({ text: n.textContent!, fontSize: px(n, "fontSize"), height: n.getBoundingClientRect().height, lineHeight: px(n, "lineHeight") })),
      bad,
      shownFields: shownRows.map((tr) => tr.querySelector("th")!.textContent!),
      page: document.querySelector(".fields .page")?.textContent ?? null,
    };
  });
}

/** Whom the board said, in order, as it logs them (speaker.ts). */
type Said = { number: string; counter: number; started: number; ended: number; chime: boolean }[];
const said = (p: Page) => p.evaluate(() => (window as unknown as { motcuaAnnounced?: Said }).motcuaAnnounced ?? []);

describe("the lobby board read from the back of a 10 m hall", () => {
  const hall = useHall({
    server: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "motcua-legible-"));
      const config = await demoConfig();
      config.fields = config.fields.map((f) => (f.id === "lao-dong-tbxh" ? { ...f, name: LONG_FIELD } : f));
      await new LowdbStore(dataDir).saveConfig(config);
      return { dataDir };
    },
  });
  let c: ReturnType<typeof client>;
  let page: Page;
  let tokens = new Map<number, string>();
  /** The ticket each counter called last. */
  const current = new Map<number, { id: string; number: string }>();

  const call = async (n: number) => {
    const r = await c.api("POST", `/api/counters/quay-${n}/next`, { token: tokens.get(n) });
    expect(r.status, `quay-${n} next`).toBe(200);
    current.set(n, r.body);
    return r.body as { id: string; number: string };
  };
  const finish = async (n: number) => {
    const t = current.get(n)!;
    await c.api("POST", `/api/tickets/${t.id}/start`, { token: tokens.get(n) });
    await c.api("POST", `/api/tickets/${t.id}/complete`, { token: tokens.get(n) });
  };

  beforeAll(async () => {
    c = client(hall.server.url);
    tokens = await openDesks(c);
    for (const [service, n] of Object.entries(QUEUE)) for (let i = 0; i < n; i++) await c.issue(service);
    page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${hall.server.url}/board/?key=${DISPLAY}&mute=1`);
    await page.waitForSelector("header h1");
    for (const [, n] of DESKS) await call(n);
    await page.waitForFunction(() => document.querySelectorAll(".newest .number, .recent .number").length === 12, undefined, { timeout: 5000 });
  }, 120_000);

  it("keeps all twelve standing calls at the 10 m size, one line per counter, none under the ticker, at 1080p and 4K", async () => {
    // The waiting column as the audit found it: a three-digit band and the longest field name.
    const bands = await page.locator(".fields td.band").allTextContents();
    expect(bands.some((b) => /^\d+–\d{3} phút$/.test(b)), bands.join(", ")).toBe(true);
    expect(await page.locator(".fields th").allTextContents()).toContain(LONG_FIELD);

    for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
      await page.setViewportSize({ width, height });
      await drawn(page);
      await animationsDone(page.locator(".newest"));
      const m = await measure(page);
      const smallest = m.numbers.reduce((a, b) => (b.fontSize < a.fontSize ? b : a));
      const smallestCounter = m.counters.reduce((a, b) => (b.fontSize < a.fontSize ? b : a));
      console.log(
        `board ${width}×${height}: 12 standing calls; smallest number ${smallest.text} font-size ${smallest.fontSize.toFixed(1)} px ` +
          `(glyph box ${smallest.boxHeight.toFixed(1)} px; 10 m needs ${tenMetres(height).toFixed(1)} px), ` +
          `smallest counter name ${smallestCounter.fontSize.toFixed(1)} px; fields page ${m.page ?? "1/1"}`,
      );
      expect(m.numbers.map((n) => n.text).sort()).toEqual([...current.values()].map((t) => t.number).sort());
      expect(smallest.fontSize).toBeGreaterThanOrEqual(tenMetres(height));
      expect(m.bad).toEqual([]);
      // "Quầy 12" on one line: a counter name's box is one line high.
      for (const k of m.counters) expect(k.height, k.text).toBeLessThan(k.lineHeight * 1.5);
      await page.screenshot({ path: join(OUT, `board-legible-${width}x${height}.png`) });
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  }, 60_000);

  it("shows every field in turn, the returns desk's row too, inside its band above the ticker", async () => {
    await drawn(page);
    const first = await measure(page);
    expect(first.page).toMatch(/^\d+\/\d+$/);
    const pages = Number(first.page!.split("/")[1]);
    const seen = new Set<string>();
    // A page turns every few seconds: go round once.
    for (let turn = 0; turn < pages; turn++) {
      const now = await measure(page);
      expect(now.bad).toEqual([]);
      for (const f of now.shownFields) seen.add(f);
      if (now.shownFields.includes(LONG_FIELD)) await page.screenshot({ path: join(OUT, "board-legible-fields-1920x1080.png") });
      if (turn < pages - 1) await expect.poll(async () => (await measure(page)).page, { timeout: 12_000 }).not.toBe(now.page);
    }
    expect([...seen].sort()).toEqual((await page.locator(".fields th").allTextContents()).sort());
    expect(seen).toContain("Trả kết quả");
  }, 120_000);

  it("shows and says a recall and a parked citizen called back as the newest call; five calls at once said in turn, one chime", async () => {
    const speaker = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await speaker.goto(`${hall.server.url}/board/?key=${DISPLAY}`);
    await expect.poll(() => speaker.locator(".newest .number, .recent .number").count(), { timeout: 5000 }).toBe(12);

    // Five desks finish and call at the same moment: said one after another at the clips' own speed.
    const five = [1, 3, 4, 8, 11];
    for (const n of five) await finish(n);
    const calls = await Promise.all(five.map((n) => call(n)));
    await expect.poll(async () => (await said(speaker)).length, { timeout: 40_000 }).toBe(5);
    const burst = await said(speaker);
    expect(burst.map((e) => e.number).sort()).toEqual(calls.map((t) => t.number).sort());
    for (let i = 1; i < burst.length; i++) expect(burst[i]!.started).toBeGreaterThanOrEqual(burst[i - 1]!.ended);
    expect(burst.map((e) => e.chime)).toEqual([true, false, false, false, false]);
    const total = burst.at(-1)!.ended - burst[0]!.started;
    const each = burst.map((e) => e.ended - e.started);
    console.log(
      `announcements: five simultaneous calls said in ${(total / 1000).toFixed(1)} s (the fifth starts ${((burst[4]!.started - burst[0]!.started) / 1000).toFixed(1)} s after the first); ` +
        `each ${each.map((d) => (d / 1000).toFixed(2)).join(", ")} s; ${((5 * 60_000) / total).toFixed(1)} calls per minute in a burst, ` +
        `${(60_000 / (each.slice(1).reduce((a, b) => a + b, 0) / (each.length - 1))).toFixed(1)} without the chime`,
    );
    // Real sound: each call takes its clips' time; the fifth is said within the bound the announcer promises.
    expect(Math.min(...each)).toBeGreaterThan(1500);
    expect(burst[4]!.started - burst[0]!.started).toBeLessThan(20_000);

    // Desk 2 recalls its citizen, called before all five: the board shows it on top again, and says it.
    const recalled = current.get(2)!;
    expect(await speaker.locator(".newest .number").textContent()).not.toBe(recalled.number);
    expect((await c.api("POST", `/api/tickets/${recalled.id}/recall`, { token: tokens.get(2) })).status).toBe(200);
    await expect.poll(() => speaker.locator(".newest .number").textContent(), { timeout: 3000 }).toBe(recalled.number);
    expect(await speaker.locator(".newest .counter").textContent()).toBe("Quầy 2");
    await expect.poll(async () => (await said(speaker)).at(-1)?.number, { timeout: 10_000 }).toBe(recalled.number);

    // Desk 6 parks its citizen (gone to photocopy a paper): the call leaves the wall.
    const parked = current.get(6)!;
    expect((await c.api("POST", `/api/tickets/${parked.id}/park`, { token: tokens.get(6) })).status).toBe(200);
    await expect.poll(() => speaker.locator(".number", { hasText: parked.number }).count(), { timeout: 3000 }).toBe(0);
    // "Gọi lại số này": back on top, flashing, and said again.
    const before = (await said(speaker)).length;
    expect((await c.api("POST", `/api/tickets/${parked.id}/unpark`, { token: tokens.get(6) })).status).toBe(200);
    await expect.poll(() => speaker.locator(".newest .number").textContent(), { timeout: 3000 }).toBe(parked.number);
    expect(await speaker.locator(".newest .counter").textContent()).toBe("Quầy 6");
    await expect.poll(async () => (await said(speaker)).slice(before).map((e) => e.number), { timeout: 10_000 }).toEqual([parked.number]);
    // A reload takes the wall from the server: the called-back citizen is still the newest call.
    await speaker.reload();
    await expect.poll(() => speaker.locator(".newest .number").textContent(), { timeout: 5000 }).toBe(parked.number);
    await animationsDone(speaker.locator(".newest"));
    await speaker.screenshot({ path: join(OUT, "board-call-back-1920x1080.png") });
    await speaker.close();
  }, 90_000);
});
