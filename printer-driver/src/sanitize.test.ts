import { describe, expect, it } from "vitest";
import { cleanText, cleanTicketNumber, cleanUrl } from "./sanitize.ts";

describe("text on its way to a printer", () => {
  it("loses every control byte a printer would take as a command", () => {
    expect(cleanText("Khai sinh\u001b@\u001dV\u0000\u0010\u0004\u0001 con\u009b")).toBe("Khai sinh @ V con");
  });

  it("loses bidi overrides and zero-width characters, which would print nothing and move the rest", () => {
    expect(cleanText("Hộ\u200b tịch\u202e ABC\u2066")).toBe("Hộ tịch ABC");
  });

  it("composes Vietnamese letters typed as base letter and marks", () => {
    const decomposed = "Đăng ky\u0301 khai sinh";
    expect(cleanText(decomposed)).toBe("Đăng ký khai sinh");
    expect(cleanText(decomposed).length).toBe("Đăng ký khai sinh".length);
  });

  it("keeps ticket numbers to ASCII letters and digits, and URLs to printable ASCII", () => {
    expect(cleanTicketNumber("a023\u001bp\u0000\u0019")).toBe("A023P");
    expect(cleanUrl("http://x/f/abcdefgh12345678\u001d(k\n ")).toBe("http://x/f/abcdefgh12345678(k");
  });
});
