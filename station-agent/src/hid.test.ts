import { describe, expect, it, vi } from "vitest";
import { charOf, hidPosReader, keyboardReader, scannerReader, VirtualHid, watchHid, type HidModule } from "./hid.ts";

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

/** A stand-in for node-hid with one USB socket: a scanner (a VirtualHid) can be pulled out and put back. */
function usbSocket() {
  let plugged: VirtualHid | null = null;
  const opened: VirtualHid[] = [];
  const closed = new Set<VirtualHid>();
  const hid: HidModule = {
    devicesAsync: async () => (plugged ? [{ vendorId: 0x0c2e, productId: 0x0b61, path: "/dev/hidraw3" }, { vendorId: 0x046d, productId: 0xc31c, path: "/dev/hidraw0" }] : [{ vendorId: 0x046d, productId: 0xc31c, path: "/dev/hidraw0" }]),
    HIDAsync: {
      open: async (path) => {
        if (!plugged || path !== "/dev/hidraw3") throw new Error(`cannot open device ${path}`);
        const d = plugged;
        opened.push(d);
        return { on: (event: string, listener: (...args: any[]) => void) => d.on(event as "data", listener), close: async () => void closed.add(d) };
      },
    },
  };
  return {
    hid: async () => hid,
    opened,
    closed,
    plugIn: () => (plugged = new VirtualHid()),
    /** node-hid's read fails when the cable is pulled; this one says so twice. */
    pullOut: () => {
      const d = plugged!;
      plugged = null;
      d.emit("error", new Error("could not read from HID device"));
      d.emit("error", new Error("could not read from HID device"));
    },
  };
}

describe("a real HID device through node-hid", () => {
  it("finds a scanner again after it is unplugged and plugged back in, and its scans arrive as before", async () => {
    const socket = usbSocket();
    const first = socket.plugIn();
    const logged: string[] = [];
    const source = watchHid(0x0c2e, 0x0b61, (m) => logged.push(m), { hid: socket.hid, retryMs: 20 });
    const scans: string[] = [];
    source.on("data", scannerReader((t) => scans.push(t)));
    await vi.waitFor(() => expect(socket.opened).toEqual([first]));
    first.type("A001");
    expect(scans).toEqual(["A001"]);

    socket.pullOut();
    expect(socket.closed.has(first)).toBe(true);
    // Several tries while nothing is plugged in: none opens anything, nothing is scanned.
    await new Promise((r) => setTimeout(r, 120));
    expect(socket.opened).toHaveLength(1);

    const second = socket.plugIn();
    await vi.waitFor(() => expect(socket.opened).toEqual([first, second]));
    second.type("B002");
    expect(scans).toEqual(["A001", "B002"]);
    // Told twice that the first one went, it still opened the second only once: no scan twice.
    await new Promise((r) => setTimeout(r, 120));
    expect(socket.opened).toHaveLength(2);
    second.type("C003");
    expect(scans).toEqual(["A001", "B002", "C003"]);
    expect(logged.filter((m) => m === "HID device gone; looking for it again")).toHaveLength(1);

    source.close();
    expect(socket.closed.has(second)).toBe(true);
  });

  it("stops looking once closed, with the device never found", async () => {
    const socket = usbSocket();
    let looked = 0;
    const source = watchHid(0x0c2e, 0x0b61, undefined, { hid: async () => (looked++, socket.hid()), retryMs: 20 });
    await vi.waitFor(() => expect(looked).toBeGreaterThan(1));
    source.close();
    const after = looked;
    socket.plugIn();
    await new Promise((r) => setTimeout(r, 100));
    expect(looked).toBe(after);
    expect(socket.opened).toEqual([]);
  });
});
