import { describe, expect, it } from "vitest";
import { isStatusByte, parseStatus, statusBytes, type PrinterStatus } from "./status.ts";

const ready: PrinterStatus = { online: true, coverOpen: false, paperNearEnd: false, paperOut: false, error: false };

describe("printer status bytes (DLE EOT 1, 2, 3, 4)", () => {
  // Bytes as the ESC/POS manual gives them for each condition (bit 2 of the first: drawer sensor).
  it.each([
    ["ready", [0x16, 0x12, 0x12, 0x12], ready],
    ["paper near its end", [0x16, 0x12, 0x12, 0x1e], { ...ready, paperNearEnd: true }],
    ["out of paper", [0x1e, 0x32, 0x12, 0x7e], { ...ready, online: false, paperNearEnd: true, paperOut: true }],
    ["cover open", [0x1e, 0x16, 0x12, 0x12], { ...ready, online: false, coverOpen: true }],
    ["cutter jammed", [0x1e, 0x52, 0x1a, 0x12], { ...ready, online: false, error: true }],
  ] as const)("reads %s", (_name, bytes, expected) => {
    expect(parseStatus(bytes[0], bytes[1], bytes[2], bytes[3])).toEqual(expected);
  });

  it("writes what it reads", () => {
    for (const s of [ready, { ...ready, paperOut: true, online: false, paperNearEnd: true }, { ...ready, coverOpen: true, online: false }]) {
      const [a, b, c, d] = statusBytes(s);
      expect(parseStatus(a, b, c, d)).toEqual(s);
    }
  });

  it("refuses bytes that are not status answers", () => {
    expect(isStatusByte(0x41)).toBe(false);
    expect(() => parseStatus(0x16, 0x12, 0x12, 0x41)).toThrow(/not an ESC\/POS status byte/);
  });
});
