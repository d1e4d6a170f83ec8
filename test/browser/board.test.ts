import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { client, DISPLAY } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { sentenceOf } from "@motcua/display-board/announce";

/** A counter calling one citizen after another, as fast as the officer can press. */
const CALLS_IN_A_ROW = 30;

describe("the lobby board in a real browser", () => {
  let page: Page;
  let c: ReturnType<typeof client>;

  const hall = useHall();
  beforeAll(async () => {
    c = client(hall.server.url);
    page = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    officer8 = await c.openCounter("canbo5", "quay-8");
    // Muted: this page watches the wall; the spoken calls have a test of their own.
    await page.goto(`${hall.server.url}/board/?key=${DISPLAY}&mute=1`);
  }, 60_000);

  const newest = () => page.locator(".newest .number");
  let officer8 = "";

  it("shows the center, the clock and the fields, and says when nobody has been called yet", async () => {
    await expect.poll(() => page.locator("header h1").textContent()).toBe("Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng");
    expect(await page.locator(".newest.idle").textContent()).toContain("Chưa có số nào được gọi");
    expect(await page.locator(".fields th").allTextContents()).toContain("Chính sách xã hội, việc làm");
    expect(await page.locator(".clock .time").textContent()).toMatch(/^\d{2}:\d{2}$/);
  });

  it("shows a call the moment a counter makes it, with its counter, and drops a call the counter takes back", async () => {
    const staff = await c.openCounter("canbo1", "quay-1");
    const t = await c.issue("khai-sinh");
    await expect.poll(() => page.locator(".fields tr", { hasText: "Hộ tịch" }).locator(".waiting").textContent()).toBe("1");
    await c.api("POST", "/api/counters/quay-1/next", { token: staff });
    await expect.poll(() => newest().textContent(), { timeout: 3000 }).toBe(t.number);
    expect(await page.locator(".newest .counter").textContent()).toBe("Quầy 1");
    // No personal data on a public board: the officer's name never appears.
    expect(await page.locator("body").textContent()).not.toContain("Nguyễn Thị Hoa");
    // A 4K television shows the same layout: sizes are in viewport units (board-wall.test.ts takes the screenshots of a busy wall).
    await page.setViewportSize({ width: 3840, height: 2160 });
    expect(await newest().textContent()).toBe(t.number);
    await page.setViewportSize({ width: 1920, height: 1080 });

    // Parking the citizen withdraws the call: the board must not keep showing it.
    await c.api("POST", `/api/tickets/${t.id}/park`, { token: staff });
    await expect.poll(() => page.locator(".newest.idle").count(), { timeout: 3000 }).toBe(1);
  });

  it("refuses, in words, a board opened without a valid key", async () => {
    const other = await hall.browser.newPage();
    await other.goto(`${hall.server.url}/board/?key=wrong`);
    await expect.poll(() => other.locator(".notice h1").textContent()).toBe("Màn hình chưa được cấp quyền");
    await other.close();
  });

  it("shows on a counter's own display the number it serves, and its break, without the officer's reason for it", async () => {
    const screen = await hall.browser.newPage({ viewport: { width: 800, height: 480 } });
    // Every Socket.IO frame the display receives: what a public screen is sent, not only what it draws.
    const frames: string[] = [];
    screen.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(String(f.payload))));
    await screen.goto(`${hall.server.url}/board/?key=${DISPLAY}&counter=quay-3`);
    await expect.poll(() => screen.locator(".counter-display .name").textContent()).toBe("Quầy 3");
    expect(await screen.locator(".counter-display .state").textContent()).toContain("Quầy đóng");
    const staff = await c.openCounter("canbo3", "quay-3");
    const t = await c.issue("chung-thuc-ban-sao");
    await c.api("POST", "/api/counters/quay-3/next", { token: staff });
    await expect.poll(() => screen.locator(".counter-display .number").textContent(), { timeout: 3000 }).toBe(t.number);
    mkdirSync(OUT, { recursive: true });
    await screen.screenshot({ path: join(OUT, "counter-display-800x480.png") });
    await c.api("POST", `/api/tickets/${t.id}/start`, { token: staff });
    await c.api("POST", `/api/tickets/${t.id}/complete`, { token: staff });
    await c.api("POST", "/api/counters/quay-3/pause", { token: staff, body: { reason: "Nghỉ trưa" } });
    await expect.poll(() => screen.locator(".counter-display .state").textContent(), { timeout: 3000 }).toContain("Tạm nghỉ");
    expect(await screen.locator(".counter-display .number").count()).toBe(0);
    await screen.screenshot({ path: join(OUT, "counter-display-paused-800x480.png") });
    // Opened anew, the display takes the paused counter from display:sync: still "Tạm nghỉ".
    await screen.reload();
    await expect.poll(() => screen.locator(".counter-display .state").textContent(), { timeout: 3000 }).toContain("Tạm nghỉ");
    // The break reached the display (pushed, then in the snapshot) but its reason, typed by the
    // officer, and the officer's count of the day did not: a public screen is sent neither.
    expect(frames.filter((f) => f.includes('"counterId":"quay-3"') && f.includes('"status":"paused"')).length).toBeGreaterThanOrEqual(2);
    expect(frames.filter((f) => f.includes("Nghỉ trưa"))).toEqual([]);
    expect(frames.filter((f) => /"servedToday":[1-9]/.test(f))).toEqual([]);
    expect(await screen.locator("body").textContent()).not.toContain("Nghỉ trưa");
    await screen.close();
  });

  it("shows only the fields its address names, with only their calls", async () => {
    const returns = await hall.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await returns.goto(`${hall.server.url}/board/?key=${DISPLAY}&fields=tra-ket-qua`);
    await expect.poll(() => returns.locator(".fields th").allTextContents()).toEqual(["Trả kết quả"]);
    const returnsDesk = await c.openCounter("canbo4", "quay-11");
    const civilDesk = await c.openCounter("canbo6", "quay-2");
    const mine = await c.issue("tra-ket-qua");
    await c.api("POST", "/api/counters/quay-11/next", { token: returnsDesk });
    await expect.poll(() => returns.locator(".newest .number").textContent(), { timeout: 3000 }).toBe(mine.number);
    // A civil-status call made after it shows on the lobby board, not on the returns board.
    const other = await c.issue("khai-sinh");
    const called = await c.api("POST", "/api/counters/quay-2/next", { token: civilDesk });
    expect(called.body.number).toBe(other.number);
    await expect.poll(() => newest().textContent(), { timeout: 3000 }).toBe(other.number);
    expect(await returns.locator(".newest .number").textContent()).toBe(mine.number);
    expect(await returns.locator("body").textContent()).not.toContain(other.number);
    await returns.close();
  });

  it("says two calls made together one after the other, from its own clips, and a muted board says nothing", async () => {
    const speaker = await hall.browser.newPage();
    // Every clip the page starts, in order: the sound as it leaves the board.
    await speaker.addInitScript(() => {
      const played: string[] = ((window as unknown as { motcuaPlayed: string[] }).motcuaPlayed = []);
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        played.push(this.src.split("/").pop()!.replace(".wav", ""));
        // Every clip still plays to its end, one after another; at twice the speed, so the two calls take about 3 s, not 6.
        this.playbackRate = 2;
        return play.call(this);
      };
    });
    const quiet = await hall.browser.newPage();
    const clips: string[] = [];
    speaker.on("response", (r) => r.url().includes("/board/voice/") && r.ok() && clips.push(r.url().split("/").pop()!));
    await speaker.goto(`${hall.server.url}/board/?key=${DISPLAY}`);
    await quiet.goto(`${hall.server.url}/board/?key=${DISPLAY}&mute=1`);
    await expect.poll(() => speaker.locator("header h1").count()).toBe(1);
    await expect.poll(() => quiet.locator("header h1").count()).toBe(1);
    const land = await c.openCounter("canbo7", "quay-4");
    const jobs = await c.openCounter("canbo8", "quay-6");
    const a = await c.issue("dang-ky-dat-dai");
    const b = await c.issue("dang-ky-doanh-nghiep");
    await Promise.all([
      c.api("POST", "/api/counters/quay-4/next", { token: land }),
      c.api("POST", "/api/counters/quay-6/next", { token: jobs }),
    ]);
    const said = () => speaker.evaluate(() => (window as unknown as { motcuaAnnounced?: { number: string; counter: number; started: number; ended: number }[] }).motcuaAnnounced ?? []);
    await expect.poll(async () => (await said()).length, { timeout: 20_000 }).toBe(2);
    const [first, second] = await said();
    expect([first!.number, second!.number].sort()).toEqual([a.number, b.number].sort());
    expect(second!.started).toBeGreaterThanOrEqual(first!.ended);
    // Real sound: the chime and the words take seconds (at double speed), from files the board ships.
    expect(first!.ended - first!.started).toBeGreaterThan(1500);
    expect(clips).toEqual(expect.arrayContaining(["chime.wav", "moi-so.wav", "den-quay.wav", "counter-4.wav", "counter-6.wav"]));
    const played = await speaker.evaluate(() => (window as unknown as { motcuaPlayed: string[] }).motcuaPlayed);
    // The short form, "Mời số … đến quầy …"; one chime for the two, as the second follows straight on.
    const spoken = (number: string, counter: number) => ["moi-so", ...[...number.toLowerCase()].map((ch) => (/\d/.test(ch) ? `digit-${ch}` : `letter-${ch}`)), "den-quay", `counter-${counter}`];
    const firstCounter = first!.number === a.number ? 4 : 6;
    const secondCounter = firstCounter === 4 ? 6 : 4;
    expect(played).toEqual(["chime", ...spoken(first!.number, firstCounter), ...spoken(second!.number, secondCounter)]);
    expect(await quiet.evaluate(() => (window as unknown as { motcuaAnnounced?: unknown[] }).motcuaAnnounced?.length ?? 0)).toBe(0);
    await speaker.close();
    await quiet.close();
  }, 60_000);

  it("speaks with the browser's Vietnamese voice once Chromium has loaded it, after the chime", async () => {
    const speaker = await hall.browser.newPage();
    // Chromium's speech synthesis as it behaves: getVoices() is empty at first and fills a moment
    // later with a voiceschanged event. Faked, as Debian's headless Chromium has no voices; the
    // chime is a real clip. Everything heard goes into one list, in order.
    await speaker.addInitScript(() => {
      const heard: string[] = ((window as unknown as { motcuaHeard: string[] }).motcuaHeard = []);
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        heard.push(`clip ${this.src.split("/").pop()!.replace(".wav", "")}`);
        return play.call(this);
      };
      class Utterance {
        text: string;
        voice: { name: string; lang: string } | null = null;
        lang = "";
        volume = 1;
        onend: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(text: string) {
          this.text = text;
        }
      }
      const vi = { name: "Tiếng Việt (giả)", lang: "vi-VN", default: false, localService: true, voiceURI: "vi" };
      let voices: (typeof vi)[] = [];
      class Synth extends EventTarget {
        getVoices() {
          return voices;
        }
        speak(u: Utterance) {
          heard.push(`speech ${u.voice?.name} ${u.lang}: ${u.text}`);
          setTimeout(() => u.onend?.(), 300);
        }
        cancel() {}
      }
      const synth = new Synth();
      // Chromium loads its voices some time after the page: here, when the test says so.
      (window as unknown as { motcuaLoadVoices: () => void }).motcuaLoadVoices = () => {
        voices = [{ ...vi, name: "English", lang: "en-US", voiceURI: "en" }, vi];
        synth.dispatchEvent(new Event("voiceschanged"));
      };
      Object.defineProperty(window, "speechSynthesis", { configurable: true, value: synth });
      Object.defineProperty(window, "SpeechSynthesisUtterance", { configurable: true, value: Utterance });
    });
    await speaker.goto(`${hall.server.url}/board/?key=${DISPLAY}`);
    await speaker.waitForSelector("header h1");
    // The board started before the voice was there (what the audit found made it never speak).
    await speaker.evaluate(() => (window as unknown as { motcuaLoadVoices: () => void }).motcuaLoadVoices());
    const desk = await c.openCounter("canbo2", "quay-5");
    const t = await c.issue("giay-phep-xay-dung");
    const called = await c.api("POST", "/api/counters/quay-5/next", { token: desk });
    expect(called.body.number).toBe(t.number);
    const said = () => speaker.evaluate(() => (window as unknown as { motcuaAnnounced?: { number: string }[] }).motcuaAnnounced ?? []);
    await expect.poll(async () => (await said()).map((e) => e.number), { timeout: 10_000 }).toEqual([t.number]);
    const heard = await speaker.evaluate(() => (window as unknown as { motcuaHeard: string[] }).motcuaHeard);
    expect(heard).toEqual(["clip chime", `speech Tiếng Việt (giả) vi-VN: ${sentenceOf({ number: t.number, counterNumber: 5 })}`]);
    expect(heard[1]).toMatch(/^speech .*: Mời số hát .* đến quầy 5$/);
    await speaker.close();
  }, 30_000);

  it("shows a recalled number again as the newest call", async () => {
    const staff = await c.openCounter("canbo9", "quay-9");
    const t = await c.issue("tro-cap-xa-hoi");
    await c.api("POST", "/api/counters/quay-9/next", { token: staff });
    await expect.poll(() => newest().textContent(), { timeout: 3000 }).toBe(t.number);
    // Another counter calls after it; then quay-9 calls its citizen again.
    const desk = await c.openCounter("canbo10", "quay-10");
    const other = await c.issue("doi-giay-phep-lai-xe");
    await c.api("POST", "/api/counters/quay-10/next", { token: desk });
    await expect.poll(() => newest().textContent(), { timeout: 3000 }).toBe(other.number);
    await c.api("POST", `/api/tickets/${t.id}/recall`, { token: staff });
    await expect.poll(() => newest().textContent(), { timeout: 3000 }).toBe(t.number);
    expect(await page.locator(".newest .counter").textContent()).toBe("Quầy 9");
    // Below it, each other counter's latest call once; counter 9 is not listed twice.
    const counters = (await page.locator(".recent .counter").allTextContents()).map((x) => x.trim());
    expect(counters).toContain("Quầy 10");
    expect(counters).not.toContain("Quầy 9");
    expect(new Set(counters).size).toBe(counters.length);
  });

  // How soon is bench/board-latency.ts's to measure (npm run bench); that each call gets there is this test's.
  it("shows every one of a run of calls as it is made", async () => {
    const times: number[] = [];
    for (let i = 0; i < CALLS_IN_A_ROW; i++) {
      const t = await c.issue("chung-thuc-ban-sao");
      const started = performance.now();
      const r = await c.api("POST", "/api/counters/quay-8/next", { token: officer8 });
      expect(r.body.number).toBe(t.number);
      await page.waitForFunction((n) => document.querySelector(".newest .number")?.textContent === n, t.number, { timeout: 5000, polling: "raf" });
      times.push(performance.now() - started);
      await c.api("POST", `/api/tickets/${t.id}/start`, { token: officer8 });
      await c.api("POST", `/api/tickets/${t.id}/complete`, { token: officer8 });
    }
    expect(times).toHaveLength(CALLS_IN_A_ROW);
  }, 60_000);
});
