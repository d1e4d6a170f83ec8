import { describe, expect, it } from "vitest";
import { staffLogIn } from "../helpers/staff.ts";
import { client } from "../helpers/harness.ts";
import { useHall } from "../helpers/hall.ts";

// Issue 18, finding 5, through the staff screens: the browser keeps the device token the server
// gave it and sends it with its next login, so a guesser at the hall's address (here the same
// 127.0.0.1 as the browser) holds back only browsers that never logged in to the account.
describe("an officer's own browser while someone guesses their password", () => {
  const hall = useHall({ server: async () => ({ loginPerMinute: 10 }) });

  it("logs the officer in from the browser they used before, and holds a new browser back", async () => {
    const pc = await hall.browser.newContext();
    const first = await pc.newPage();
    await staffLogIn(first, hall.server.url, "canbo1");
    await expect.poll(() => first.locator(".counter-choice").count()).toBe(12);
    const kept = JSON.parse((await first.evaluate(() => localStorage.getItem("motcua.deviceTokens"))) ?? "[]") as [string, string][];
    expect(kept.map(([account]) => account)).toEqual(["lam-dong|canbo1"]);

    const c = client(hall.server.url);
    const guesses = [];
    for (let n = 0; n < 8; n++) guesses.push((await c.api("POST", "/api/session", { body: { username: "canbo1", password: `doan-${n}` } })).status);
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);

    // A new tab of the same browser (the session was this tab's own): in at once.
    const again = await pc.newPage();
    await staffLogIn(again, hall.server.url, "canbo1");
    await expect.poll(() => again.locator(".counter-choice").count()).toBe(12);

    // Another PC, where canbo1 never logged in: held back, and told so.
    const other = await (await hall.browser.newContext()).newPage();
    await staffLogIn(other, hall.server.url, "canbo1");
    await expect.poll(() => other.locator(".login .error").textContent()).toBe("Đăng nhập sai nhiều lần. Xin chờ một phút rồi thử lại.");
    await pc.close();
    await other.context().close();
  });
});
