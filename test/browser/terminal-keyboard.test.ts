import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { client, DISPLAY, KIOSK, startTestServer } from "../helpers/harness.ts";
import { OUT, useHall } from "../helpers/hall.ts";
import { drawn } from "../helpers/page.ts";
import { staffLogIn } from "../helpers/staff.ts";

/**
 * The officer's keyboard (issue 17, item 7): dialogs take the keys, the nine buttons follow the
 * ticket's and the counter's state, a transfer's note reaches the counter that takes the citizen
 * on (and nobody else), and a lost link's line goes away when the link is back.
 */
describe("the counter terminal from the keyboard", () => {
  const hall = useHall();
  const NOTE = "Cần chứng thực giấy khai sinh cũ";

  const ticketOf = (id: string) => hall.server.service.state.tickets[id]!;
  /** The terminal's nine buttons as the officer sees them: which may be pressed, and the one highlighted. */
  const buttons = async (page: Page) => {
    const enabled: string[] = [];
    let primary: string | null = null;
    for (const b of await page.locator(".actions button[data-action]").all()) {
      const a = (await b.getAttribute("data-action"))!;
      if (await b.isEnabled()) enabled.push(a);
      if ((await b.getAttribute("class"))?.split(" ").includes("primary")) primary = a;
    }
    return { enabled: enabled.sort(), primary };
  };
  const focused = (page: Page) => page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : ""}${el.getAttribute("data-action") ? `[data-action=${el.getAttribute("data-action")}]` : ""}` : null;
  });
  const openTerminal = async (username: string, counterId: string): Promise<Page> => {
    const page = await hall.browser.newPage({ viewport: { width: 1600, height: 900 } });
    await staffLogIn(page, hall.server.url, username);
    await page.locator(`.counter-choice[data-counter=${counterId}]`).click();
    await expect.poll(() => page.locator(".terminal").getAttribute("data-counter")).toBe(counterId);
    return page;
  };

  let officer: Page;

  it("follows the ticket with its buttons, and takes a transfer's note to the receiving counter only", async () => {
    const c = client(hall.server.url);
    const first = await c.issue("khai-sinh");
    const second = await c.issue("khai-sinh");
    // Counter 2 takes the transfer: its officer's screen is open.
    const receiving = await openTerminal("canbo3", "quay-2");
    officer = await openTerminal("canbo1", "quay-1");
    await expect.poll(() => officer.locator(".queue tr[data-ticket]").count()).toBe(2);

    // Nobody at the counter: call (F1) is the next step; nothing about a ticket can be done.
    expect(await buttons(officer)).toEqual({ enabled: ["close", "next", "pause"], primary: "next" });
    // A greyed button's key does nothing, and says nothing.
    await officer.keyboard.press("F3");
    await officer.keyboard.press("F4");
    await drawn(officer);
    expect(await officer.locator(".error").count()).toBe(0);
    expect(ticketOf(first.id).status).toBe("waiting");

    // Called: start (F3) is next; recall, transfer and park too; absent only after two recalls.
    await officer.keyboard.press("F1");
    await expect.poll(() => officer.locator(".current .number").textContent()).toBe(first.number);
    await expect.poll(() => buttons(officer)).toEqual({ enabled: ["park", "recall", "start", "transfer"], primary: "start" });
    await officer.keyboard.press("F4");
    await officer.keyboard.press("F5");
    await drawn(officer);
    expect(await officer.locator(".error").count()).toBe(0);
    expect(ticketOf(first.id).status).toBe("called");
    await officer.keyboard.press("F2");
    await expect.poll(() => officer.locator(".current .meta").textContent()).toContain("đã gọi lại 1 lần");
    await officer.keyboard.press("F2");
    await expect.poll(() => buttons(officer)).toEqual({ enabled: ["noShow", "park", "recall", "start", "transfer"], primary: "start" });

    // F6: the dialog has the keys. Esc first: nothing is sent.
    await officer.keyboard.press("F6");
    await expect.poll(() => focused(officer)).toBe("select[name=service]");
    await officer.keyboard.press("Escape");
    await expect.poll(() => officer.locator(".dialog").count()).toBe(0);
    expect(ticketOf(first.id).status).toBe("called");
    // Again: Tab to the counter, an arrow picks counter 2, Tab to the note, type it, Enter sends.
    await officer.keyboard.press("F6");
    await expect.poll(() => focused(officer)).toBe("select[name=service]");
    await officer.keyboard.press("Tab");
    expect(await focused(officer)).toBe("select[name=counter]");
    await officer.keyboard.press("ArrowDown");
    expect(await officer.locator("select[name=counter]").inputValue()).toBe("quay-2");
    await officer.keyboard.press("Tab");
    expect(await focused(officer)).toBe("input[name=note]");
    await officer.keyboard.type(NOTE);
    await officer.screenshot({ path: join(OUT, "staff-terminal-transfer-dialog.png") });
    await officer.keyboard.press("Enter");
    await expect.poll(() => officer.locator(".dialog").count()).toBe(0);
    expect(ticketOf(first.id)).toMatchObject({ status: "waiting", targetCounterId: "quay-2", note: NOTE });
    await expect.poll(() => buttons(officer)).toEqual({ enabled: ["close", "next", "pause"], primary: "next" });

    // The receiving counter reads the note beside the ticket in its list, and on its panel once called.
    const row = receiving.locator(`.queue tr[data-ticket=${first.number}]`);
    await expect.poll(() => row.locator("[data-note]").textContent()).toBe(NOTE);
    await drawn(receiving);
    await receiving.screenshot({ path: join(OUT, "staff-terminal-transfer-note.png") });
    await receiving.keyboard.press("F1");
    await expect.poll(() => receiving.locator(".current .number").textContent()).toBe(first.number);
    await expect.poll(() => receiving.locator(".current [data-note]").innerText()).toBe(`Ghi chú của quầy chuyển\n${NOTE}`);
    await drawn(receiving);
    await receiving.screenshot({ path: join(OUT, "staff-terminal-transfer-called.png") });
    // The counter's REST view carries it too, to the officer's own session.
    const token = await receiving.evaluate(() => JSON.parse(sessionStorage.getItem("motcua.session")!).token as string);
    const viewed = await c.api("GET", "/api/counters/quay-2", { token });
    expect(viewed.body.current).toMatchObject({ number: first.number, note: NOTE });

    // The note is the officers' alone: not on the hall's board, the kiosk's lookup or the phone.
    const board = await c.api("GET", "/api/display/snapshot", { token: DISPLAY });
    const phone = await c.api("GET", `/api/follow/${first.followToken}`);
    const kiosk = await c.api("GET", `/api/tickets/${first.id}`, { token: KIOSK });
    for (const r of [board, phone, kiosk]) {
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toContain(NOTE);
      expect(JSON.stringify(r.body)).not.toContain('"note"');
    }
    await receiving.close();

    // Serving: complete (F4) is next; a call, a break or closing must wait.
    await officer.keyboard.press("F1");
    await expect.poll(() => officer.locator(".current .number").textContent()).toBe(second.number);
    await officer.keyboard.press("F3");
    await expect.poll(() => officer.locator(".current .meta").textContent()).toContain("Đang phục vụ");
    await expect.poll(() => buttons(officer)).toEqual({ enabled: ["complete", "park", "transfer"], primary: "complete" });
    await drawn(officer);
    await officer.screenshot({ path: join(OUT, "staff-terminal-serving.png") });
    await officer.keyboard.press("F1");
    await officer.keyboard.press("F8");
    await drawn(officer);
    expect(await officer.locator(".dialog").count()).toBe(0);
    expect(await officer.locator(".error").count()).toBe(0);
    await officer.keyboard.press("F4");
    await expect.poll(() => ticketOf(second.id).status).toBe("done");
    await expect.poll(() => buttons(officer)).toEqual({ enabled: ["close", "next", "pause"], primary: "next" });

    // F8 from the break button: the reason box has the keys, Enter pauses, the focus comes back.
    await officer.locator("button[data-action=pause]").focus();
    await officer.keyboard.press("F8");
    await expect.poll(() => focused(officer)).toBe("input[name=reason]");
    await officer.keyboard.type("Nghỉ trưa");
    await officer.keyboard.press("Enter");
    await expect.poll(() => officer.locator(".state").textContent()).toBe("Tạm nghỉ – Nghỉ trưa");
    expect(await officer.locator(".dialog").count()).toBe(0);
    expect(await focused(officer)).toBe("button[data-action=pause]");
    // On a break: resuming is next (the same key); no call.
    await expect.poll(() => buttons(officer)).toEqual({ enabled: ["close", "pause"], primary: "pause" });
    expect(await officer.locator("button[data-action=pause]").textContent()).toContain("Làm tiếp");
    await drawn(officer);
    await officer.screenshot({ path: join(OUT, "staff-terminal-paused-keys.png") });
    await officer.keyboard.press("F1");
    await drawn(officer);
    expect(await officer.locator(".error").count()).toBe(0);
    await officer.keyboard.press("F8");
    await expect.poll(() => officer.locator(".state").textContent()).toBe("Đang mở");

    // F9 asks first: its main button has the focus, Esc says no.
    await officer.keyboard.press("F9");
    await expect.poll(() => officer.locator(".dialog button.primary").evaluate((b) => b === document.activeElement)).toBe(true);
    await officer.keyboard.press("Escape");
    await expect.poll(() => officer.locator(".dialog").count()).toBe(0);
    expect(hall.server.service.state.counters["quay-1"]!.status).toBe("open");
  }, 120_000);

  it("takes the lost-link line away once the link is back", async () => {
    // The server goes away (a power cut, an update) and comes back on the same address and data.
    const { port, dataDir } = hall.server;
    await hall.server.close();
    await expect.poll(() => officer.locator(".error.banner").textContent(), { timeout: 15_000 }).toBe("Mất kết nối tới máy chủ; đang kết nối lại…");
    // A key pressed meanwhile answers that the link is lost: said once, not twice.
    await officer.keyboard.press("F1");
    await drawn(officer);
    expect(await officer.getByText("Mất kết nối tới máy chủ").count()).toBe(1);
    await officer.screenshot({ path: join(OUT, "staff-terminal-offline.png") });
    hall.server = await startTestServer({ port, dataDir });
    await expect.poll(() => officer.locator(".error").count(), { timeout: 20_000 }).toBe(0);
    expect(await officer.getByText("Mất kết nối").count()).toBe(0);
    // Working again: the counter is still this officer's, and F1 calls.
    const c = client(hall.server.url);
    const third = await c.issue("khai-sinh");
    await expect.poll(() => officer.locator(`.queue tr[data-ticket=${third.number}]`).count()).toBe(1);
    await officer.keyboard.press("F1");
    await expect.poll(() => officer.locator(".current .number").textContent()).toBe(third.number);
    await officer.close();
  }, 90_000);
});
