import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { client, DISPLAY, KIOSK } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { tapKeys } from "../helpers/kiosk.ts";
import { drawn } from "../helpers/page.ts";
import { staffLogIn } from "../helpers/staff.ts";

/**
 * Keypads and rating pads that type like keyboards, read by the page in focus (no station
 * agent): the counter terminal's keys 1–5 and the kiosk rating screen's keys 1–3 do what the
 * agent's mapping does.
 */
describe("keyboard-type keypads and rating pads through the page", () => {
  const hall = useHall();

  const board = async () => (await client(hall.server.url).api("GET", "/api/display/snapshot", { token: DISPLAY })).body;
  const todays = async () => {
    const c = client(hall.server.url);
    return (await c.api("GET", "/api/stats/today", { token: await c.login("giamsat") })).body;
  };
  const ticketOf = (id: string) => hall.server.service.state.tickets[id]!;

  /** The kiosk's rating screen for a served ticket, its three levels asked. */
  const rateAtKiosk = async (number: string): Promise<Page> => {
    const page = await hall.browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${hall.server.url}/kiosk/?key=${KIOSK}`);
    await expect.poll(() => page.locator(".tile").count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await page.locator("nav.actions .action", { hasText: "Đánh giá" }).click();
    await tapKeys(page, number);
    await page.locator(".choice.main", { hasText: "Tra cứu" }).click();
    await expect.poll(() => page.locator(".level").count()).toBe(3);
    return page;
  };

  it("calls, starts and completes from a counter keypad once it is turned on, never from digits typed in a box; the kiosk's rating pad keys rate", async () => {
    const c = client(hall.server.url);
    const first = await c.issue("khai-sinh");
    const second = await c.issue("khai-sinh");
    const officer = await hall.browser.newPage({ viewport: { width: 1600, height: 900 } });
    await staffLogIn(officer, hall.server.url, "canbo1");
    await officer.locator(".counter-choice[data-counter=quay-1]").click();
    await expect.poll(() => officer.locator(".terminal").getAttribute("data-counter")).toBe("quay-1");
    await expect.poll(() => officer.locator(".queue tr[data-ticket]").count()).toBe(2);
    const served = Number(await officer.locator("[data-mine=served]").textContent());

    // Off until turned on at this PC: this press calls nobody (had it, the first press below
    // would have called the second citizen, not the first).
    await officer.keyboard.press("Numpad1");

    // The shortcut help lists the keypad's keys beside the function keys, and turns it on.
    await officer.locator(".shortcuts summary").click();
    await expect.poll(() => officer.locator(".shortcuts .panel h2").textContent()).toBe("Phím tắt của quầy");
    const row = (action: string) => officer.locator(`.shortcuts tr[data-shortcut=${action}] td`).allTextContents();
    expect(await row("next")).toEqual(["Gọi tiếp", "F1", "1"]);
    expect(await row("complete")).toEqual(["Hoàn thành", "F4", "4"]);
    expect(await row("noShow")).toEqual(["Vắng mặt", "F5", "5"]);
    expect(await row("transfer")).toEqual(["Chuyển", "F6", "—"]);
    await officer.locator(".shortcuts input[name=keypad]").check();
    await drawn(officer);
    await officer.screenshot({ path: join(OUT, "staff-terminal-shortcuts.png") });
    await officer.locator(".shortcuts summary").click();
    expect(await officer.locator(".actions kbd.pad").allTextContents()).toEqual(["1", "2", "3", "4", "5"]);

    // Key 1 of the number block: Next. The hall's board shows the number at counter 1.
    await officer.keyboard.press("Numpad1");
    await expect.poll(() => officer.locator(".current .number").textContent()).toBe(first.number);
    const called = await board();
    expect(called.counters.find((x: { counterId: string }) => x.counterId === "quay-1").currentNumber).toBe(first.number);
    expect(called.recentCalls[0]).toMatchObject({ ticketId: first.id, counterId: "quay-1" });
    // Key 3 of the top row: Start; key 4 of the number block: Complete.
    await officer.keyboard.press("Digit3");
    await expect.poll(() => ticketOf(first.id).status).toBe("serving");
    await officer.keyboard.press("Numpad4");
    await expect.poll(() => ticketOf(first.id).status).toBe("done");
    await expect.poll(() => officer.locator("[data-mine=served]").textContent()).toBe(String(served + 1));
    await expect.poll(() => officer.locator(".current .hint").count()).toBe(1);

    // Digits typed into a box are the officer's words, not the keypad's.
    await officer.keyboard.press("F8");
    const reason = officer.locator("input[name=reason]");
    await expect.poll(() => reason.count()).toBe(1);
    await reason.focus();
    // (Playwright's number block is the one with Num Lock off: its 1 is End, which types nothing.)
    await officer.keyboard.press("Digit1");
    await officer.keyboard.press("Numpad1");
    await officer.keyboard.press("Digit2");
    await officer.keyboard.type(" giờ");
    expect(await reason.inputValue()).toBe("12 giờ");
    await officer.locator(".dialog button", { hasText: "Huỷ" }).click();
    await expect.poll(() => officer.locator(".dialog").count()).toBe(0);
    // Nothing was called meanwhile: the next press calls the second citizen, still waiting.
    expect(ticketOf(second.id).status).toBe("waiting");
    await officer.keyboard.press("Numpad1");
    await expect.poll(() => officer.locator(".current .number").textContent()).toBe(second.number);
    await officer.keyboard.press("Numpad3");
    await expect.poll(() => ticketOf(second.id).status).toBe("serving");
    await officer.keyboard.press("Numpad4");
    await expect.poll(() => ticketOf(second.id).status).toBe("done");

    // This PC remembers the keypad.
    await officer.reload();
    await expect.poll(() => officer.locator(".actions kbd.pad").count()).toBe(5);
    expect(await officer.locator(".shortcuts input[name=keypad]").isChecked()).toBe(true);

    // The kiosk's rating screen: key 1 is Rất hài lòng, recorded at once.
    const before = await todays();
    const ratingsBefore = Number(await officer.locator("[data-mine=ratings]").textContent());
    const kiosk = await rateAtKiosk(first.number);
    await kiosk.keyboard.press("1");
    await expect.poll(() => kiosk.locator(".rate h1").textContent()).toBe("Xin cảm ơn quý vị đã đánh giá!");
    expect(hall.server.service.state.ratings.find((r) => r.ticketId === first.id)).toMatchObject({ level: "very_satisfied", counterId: "quay-1" });
    const after = await todays();
    expect(after.ratings).toBe(before.ratings + 1);
    const atCounter1 = (s: { perCounter: { id: string; ratings: number }[] }) => s.perCounter.find((r) => r.id === "quay-1")!.ratings;
    expect(atCounter1(after)).toBe(atCounter1(before) + 1);
    // The officer hears that a rating came.
    await expect.poll(() => officer.locator("[data-mine=ratings]").textContent()).toBe(String(ratingsBefore + 1));
    await kiosk.close();

    // Key 3 of the number block asks why, as the button does; pressed again it sends.
    const second3 = await rateAtKiosk(second.number);
    await second3.keyboard.press("Numpad3");
    await expect.poll(() => second3.locator(".reasons").count()).toBe(1);
    await second3.locator(".choice[data-reason=long_wait]").click();
    await second3.keyboard.press("Numpad3");
    await expect.poll(() => second3.locator(".rate h1").textContent()).toBe("Xin cảm ơn quý vị đã đánh giá!");
    expect(hall.server.service.state.ratings.find((r) => r.ticketId === second.id)).toMatchObject({ level: "unsatisfied", reasons: ["long_wait"] });
    expect((await todays()).ratings).toBe(before.ratings + 2);
    await second3.close();
    await officer.close();
  }, 120_000);
});
