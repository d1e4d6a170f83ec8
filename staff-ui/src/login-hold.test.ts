import { describe, expect, it } from "vitest";
import { heldText } from "./login-hold.ts";

const now = Date.parse("2026-12-01T09:00:00+07:00");
const after = (ms: number) => new Date(now + ms).toISOString();

describe("the login form's words for a login held back", () => {
  it("says 'a minute' for a short hold, and the time a long one ends", () => {
    expect(heldText(after(15_000), now, "vi")).toBe("Đăng nhập sai nhiều lần. Xin chờ một phút rồi thử lại.");
    expect(heldText(undefined, now, "vi")).toBe("Đăng nhập sai nhiều lần. Xin chờ một phút rồi thử lại.");
    expect(heldText(after(8 * 60_000), now, "vi")).toBe("Đăng nhập sai nhiều lần. Xin thử lại sau 09:08.");
    expect(heldText(after(10 * 60_000), now, "en")).toBe("Too many failed logins. Try again after 09:10.");
  });
});
