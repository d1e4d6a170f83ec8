import { describe, expect, it } from "vitest";
import { charOf, hidPosReader, keyboardReader, scannerReader, VirtualHid } from "./hid.ts";

describe("keyboard reports from HID devices", () => {
  it("reads a key once when it goes down, however long it is held", () => {
    const keys: number[] = [];
    const read = keyboardReader((code) => keys.push(code));
    for (const r of [[0, 0, 0x1e], [0, 0, 0x1e], [0, 0, 0x1e, 0x1f], [0, 0, 0x1f], [0, 0], [0, 0, 0x1e]]) read(Buffer.from([...r, 0, 0, 0, 0, 0].slice(0, 8)));
    expect(keys).toEqual([0x1e, 0x1f, 0x1e]);
  });

  it("reads reports that carry a report id in front, padded to 64 bytes or not", () => {
    const keys: number[] = [];
    const read = keyboardReader((code) => keys.push(code));
    read(Buffer.from([0x01, 0, 0, 0x20, 0, 0, 0, 0, 0]));
    read(Buffer.alloc(9));
    const padded = Buffer.alloc(64);
    padded.set([0x01, 0, 0, 0x21]);
    read(padded);
    expect(keys).toEqual([0x20, 0x21]);
  });

  it("types capitals with either shift key", () => {
    const typed: string[] = [];
    const read = keyboardReader((code, shift) => typed.push(charOf(code, shift)!));
    read(Buffer.from([0x02, 0, 0x04, 0, 0, 0, 0, 0]));
    read(Buffer.alloc(8));
    read(Buffer.from([0x20, 0, 0x05, 0, 0, 0, 0, 0]));
    expect(typed).toEqual(["A", "B"]);
  });

  it("starts a new scan after a pause, so half a scan is never glued to the next", () => {
    let t = 0;
    const scans: string[] = [];
    const read = scannerReader((s) => scans.push(s), 4096, () => t);
    const hid = new VirtualHid();
    hid.on("data", read);
    hid.press(0x04); // "a", then the scanner is pulled away before Enter
    t += 2000;
    hid.type("B007");
    hid.type("c1".toUpperCase());
    expect(scans).toEqual(["B007", "C1"]);
  });

  it("types letters, digits, shifted and keypad characters as a US keyboard does", () => {
    expect([charOf(0x04, false), charOf(0x04, true), charOf(0x27, false), charOf(0x1f, true), charOf(0x59, false), charOf(0x37, false), charOf(0x2d, false), charOf(0x28, false)]).toEqual(["a", "A", "0", "@", "1", ".", "-", null]);
  });

  it("makes one scan of everything typed up to Enter, and ignores an empty Enter", () => {
    const scans: string[] = [];
    const hid = new VirtualHid();
    hid.on("data", scannerReader((t) => scans.push(t)));
    hid.type("https://dichvucong.gov.vn/p/ho-so?ma=000.00.12.H36-210601-0001");
    hid.press(0x28);
    hid.type("079204001234|Nguyen Van A");
    expect(scans).toEqual(["https://dichvucong.gov.vn/p/ho-so?ma=000.00.12.H36-210601-0001", "079204001234|Nguyen Van A"]);
  });

  it("stops a runaway scan at its limit", () => {
    const scans: string[] = [];
    const hid = new VirtualHid();
    hid.on("data", scannerReader((t) => scans.push(t), 10));
    hid.type("x".repeat(50));
    expect(scans).toEqual(["xxxxxxxxxx"]);
  });
});

describe("HID POS scanner reports", () => {
  it("joins a long scan sent in several reports, UTF-8 and all", () => {
    const scans: string[] = [];
    const hid = new VirtualHid();
    hid.on("data", hidPosReader((t) => scans.push(t)));
    // A chip ID card's QR: ID number, old ID, name, birth date, sex, address, issue date.
    const card = "079204001234|271234567|Nguyễn Thị Hoa|01011990|Nữ|36 Trần Phú, Phường 4, Đà Lạt, Lâm Đồng|15062021";
    hid.scanPos(card, 20);
    hid.scanPos("A023");
    expect(scans).toEqual([card, "A023"]);
  });

  it("ignores reports too short to carry a scan", () => {
    const scans: string[] = [];
    hidPosReader((t) => scans.push(t))(Buffer.from([0x02, 0x00]));
    expect(scans).toEqual([]);
  });
});
