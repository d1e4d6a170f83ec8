import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { KIOSK } from "../helpers/harness.ts";
import { runningFrom } from "../helpers/clock.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { CCCD } from "../helpers/kiosk.ts";
import { drawn } from "../helpers/page.ts";

const SIZES = { portrait: { width: 1080, height: 1920 }, landscape: { width: 1920, height: 1080 } } as const;
/** Tuesday 8 December 2026, 09:00 in Hanoi: the hall open and issuing. */
const TUESDAY_MORNING = Date.parse("2026-12-08T09:00:00+07:00");

interface Spoken {
  text: string;
  via: "browser" | "server";
  tapAt: number | null;
  startedAt: number;
}
const spoken = (page: Page): Promise<Spoken[]> => page.evaluate(() => (window as unknown as { motcuaSpoken?: Spoken[] }).motcuaSpoken ?? []);
const lastSaid = async (page: Page) => (await spoken(page)).at(-1)?.text ?? "";
const ms = (n: number) => `${Math.round(n)} ms`;

/**
 * A citizen who cannot read the screen: the speaker button (or a chip card of sixty or over)
 * turns reading on, and the kiosk then says each screen's title, each choice as the finger
 * reaches it, and the ticket. A PC with no Vietnamese voice hears speech made on the hall's
 * server, with no internet; one with a voice uses it.
 */
describe("the kiosk reads aloud", () => {
  const clock = runningFrom(TUESDAY_MORNING);
  const hall = useHall({ server: async () => ({ clock }) });

  /** A kiosk PC as shipped: Chromium with no voices at all (Debian's has none). */
  const open = async (viewport: { width: number; height: number }, query = ""): Promise<Page> => {
    const page = await hall.browser.newPage({ viewport });
    await page.addInitScript(() => {
      Object.defineProperty(speechSynthesis, "getVoices", { value: () => [] });
    });
    await page.clock.install({ time: clock() });
    await page.clock.resume();
    await page.goto(`${hall.server.url}/kiosk/?key=${KIOSK}${query}`);
    await expect.poll(() => page.locator("[data-screen]").getAttribute("data-screen"), { timeout: 15_000 }).toBe("start");
    return page;
  };

  for (const [orientation, viewport] of Object.entries(SIZES)) {
    it(`says the screen, the choice touched and the ticket, in Vietnamese with no voice on the PC (${orientation})`, async () => {
      const page = await open(viewport);
      const speaker = page.locator("header .toggle.speaker");
      // Marked by a picture as well as a word, and silent until asked.
      expect(await speaker.textContent()).toBe("Đọc to");
      expect(await speaker.locator("svg").count()).toBe(1);
      expect(await speaker.getAttribute("aria-pressed")).toBe("false");
      expect(await spoken(page)).toEqual([]);
      const box = (await speaker.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(64);

      await speaker.click();
      expect(await speaker.getAttribute("aria-pressed")).toBe("true");
      expect(await speaker.textContent()).toBe("Đang đọc to");
      const title = (await page.locator("main h1").first().textContent())!;
      await expect.poll(() => lastSaid(page), { timeout: 15_000 }).toBe(title);
      const first = (await spoken(page)).at(-1)!;
      // Made on the hall's server: the PC has no voice, and there is no internet here.
      expect(first.via).toBe("server");
      await drawn(page);
      await page.screenshot({ path: join(OUT, `kiosk-reading-${orientation}.png`) });

      // A finger on a field's tile: its name is said as it is touched (before it is let go).
      const tile = page.locator(".tile[data-field=ho-tich]");
      const tileName = (await tile.locator(".name").textContent())!;
      const at = await tile.boundingBox();
      await page.mouse.move(at!.x + at!.width / 2, at!.y + at!.height / 2);
      await page.mouse.down();
      await expect.poll(() => lastSaid(page), { timeout: 10_000 }).toBe(tileName);
      const touch = (await spoken(page)).at(-1)!;
      expect(touch.tapAt).not.toBeNull();
      await page.mouse.up();

      // The field's screen: its title and what to do there, said once it is drawn.
      await expect.poll(() => page.locator("[data-screen]").getAttribute("data-screen")).toBe("field");
      const fieldTitle = `${(await page.locator("main h1").textContent())!} ${(await page.locator("main .lead").textContent())!}`;
      await expect.poll(() => lastSaid(page), { timeout: 10_000 }).toBe(fieldTitle);
      const screen = (await spoken(page)).at(-1)!;

      await page.locator(".service", { hasText: "Đăng ký khai sinh" }).click();
      await page.locator(".choice.main").click();
      await expect.poll(() => page.locator(".ticket-facts .number").count(), { timeout: 30_000 }).toBe(1);
      const number = (await page.locator(".ticket-facts .number").textContent())!;
      // The ticket in full: the number sign by sign as a caller reads it, the counters, the wait.
      await expect.poll(() => lastSaid(page), { timeout: 15_000 }).toMatch(/^Số của quý vị là /);
      const ticket = (await spoken(page)).at(-1)!.text;
      const digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
      const read = number.replace(/\d/g, (d) => ` ${digits[Number(d)]}`).replace(/^([A-Z])/, (l) => l.toLowerCase());
      expect(ticket).toContain(`Số của quý vị là ${read.replace(/\s+/g, " ")}`);
      expect(ticket).toMatch(/Quý vị sẽ được phục vụ tại quầy \d+/);
      expect(ticket).toMatch(/Thời gian chờ khoảng \d+ đến \d+ phút/);
      console.log(
        `kiosk speech (${orientation}): speaker → title ${ms(first.startedAt - (first.tapAt ?? first.startedAt))}; ` +
          `touch → choice ${ms(touch.startedAt - touch.tapAt!)}; tap → next screen ${ms(screen.startedAt - screen.tapAt!)}`,
      );
      await page.close();
    });
  }

  it("turns itself on for a chip card of sixty or over, speaks English in English, and forgets at idle", async () => {
    const page = await open(SIZES.portrait, "&idle=4");
    const speaker = page.locator("header .toggle.speaker");
    // A scanner types the card's QR and Enter in a burst, Vietnamese letters and all (a scanner
    // set to send Unicode does; Playwright's typing would paste them without key events).
    await page.evaluate((text) => {
      for (const key of [...text, "Enter"]) window.dispatchEvent(new KeyboardEvent("keydown", { key }));
    }, CCCD);
    await expect.poll(() => page.locator(".greeting").count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => speaker.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => lastSaid(page), { timeout: 15_000 }).toContain("Xin chào Nguyễn Văn An");

    await page.locator(".toggle", { hasText: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await speaker.textContent()).toBe("Reading aloud");
    // The English screen is said in English.
    const english = (await page.locator(".greeting").textContent())!.trim();
    expect(english).toMatch(/^Hello/);
    await expect.poll(() => lastSaid(page), { timeout: 15_000 }).toBe(english);

    // The citizen leaves: the next one starts with a quiet kiosk.
    await expect.poll(() => speaker.getAttribute("aria-pressed"), { timeout: 15_000 }).toBe("false");
    expect(await speaker.textContent()).toBe("Đọc to");
    await page.close();
  });

  it("uses the PC's own Vietnamese voice where it has one", async () => {
    const page = await hall.browser.newPage({ viewport: SIZES.landscape });
    // A Windows PC with the Vietnamese language pack: speechSynthesis offers "Microsoft An".
    await page.addInitScript(() => {
      const said: { text: string; lang: string }[] = [];
      (window as unknown as { voiceSaid: typeof said }).voiceSaid = said;
      const an = { name: "Microsoft An - Vietnamese (Vietnam)", lang: "vi-VN", default: false, localService: true, voiceURI: "an" };
      // The platform's own classes refuse a voice they did not make: the whole API is stood in for.
      class Utterance {
        lang = "";
        rate = 1;
        voice: unknown = null;
        onstart: (() => void) | null = null;
        constructor(readonly text: string) {}
      }
      const synth = {
        getVoices: () => [an],
        cancel: () => {},
        speak: (u: Utterance) => {
          if (u.voice !== an) throw new Error("not the Vietnamese voice");
          said.push({ text: u.text, lang: u.lang });
          setTimeout(() => u.onstart?.(), 5);
        },
      };
      Object.defineProperty(window, "speechSynthesis", { value: synth });
      Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance });
    });
    await page.clock.install({ time: clock() });
    await page.clock.resume();
    await page.goto(`${hall.server.url}/kiosk/?key=${KIOSK}`);
    await expect.poll(() => page.locator("[data-screen]").getAttribute("data-screen"), { timeout: 15_000 }).toBe("start");
    await page.locator("header .toggle.speaker").click();
    const title = (await page.locator("main h1").first().textContent())!;
    await expect.poll(() => page.evaluate(() => (window as unknown as { voiceSaid: { text: string; lang: string }[] }).voiceSaid.at(-1))).toEqual({ text: title, lang: "vi-VN" });
    expect((await spoken(page)).at(-1)).toMatchObject({ text: title, via: "browser" });
    await page.close();
  });
});
