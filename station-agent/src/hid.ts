import { EventEmitter } from "node:events";

/**
 * HID devices the way the agent sees them: a source of input reports. Scanners, keypads and
 * rating pads sold for queue systems mostly present themselves as USB keyboards (boot
 * keyboard reports: modifier byte, reserved byte, six key codes), so one decoder reads all.
 */
export interface HidSource extends EventEmitter<{ data: [Buffer]; error: [Error] }> {
  close(): void;
}

/** USB HID usage codes of the keys a scanner types or a pad sends (HID Usage Tables, Keyboard page). */
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "1234567890";
const PUNCT: Record<number, [string, string]> = {
  0x2c: [" ", " "], 0x2d: ["-", "_"], 0x2e: ["=", "+"], 0x2f: ["[", "{"], 0x30: ["]", "}"], 0x31: ["\\", "|"],
  0x33: [";", ":"], 0x34: ["'", '"'], 0x35: ["`", "~"], 0x36: [",", "<"], 0x37: [".", ">"], 0x38: ["/", "?"],
};
const SHIFTED_DIGITS = "!@#$%^&*()";
export const ENTER = 0x28;
const KEYPAD_ENTER = 0x58;
/** A scanner types a whole code in a few milliseconds; a pause this long means a new scan. */
const SCAN_GAP_MS = 500;
const SHIFT = 0x22; // left or right shift in the modifier byte

/** The character a key code types, or null for keys that type nothing (Enter, F-keys…). */
export function charOf(code: number, shift: boolean): string | null {
  if (code >= 0x04 && code <= 0x1d) {
    const c = LETTERS[code - 0x04]!;
    return shift ? c.toUpperCase() : c;
  }
  if (code >= 0x1e && code <= 0x27) return shift ? SHIFTED_DIGITS[code - 0x1e]! : DIGITS[code - 0x1e]!;
  if (code >= 0x59 && code <= 0x62) return "1234567890"[code - 0x59]!; // keypad 1–9, 0
  const p = PUNCT[code];
  return p ? p[shift ? 1 : 0] : null;
}

/**
 * Turns keyboard reports into key presses: each key counts once when it goes down (a report
 * repeats the keys still held), with the shift state of that report.
 */
export function keyboardReader(onKey: (code: number, shift: boolean) => void): (report: Buffer) => void {
  let held = new Set<number>();
  return (report) => {
    // Some devices put a report id in front, and some pad the report to 64 bytes.
    const r = report.length > 8 ? report.subarray(1, 9) : report;
    const shift = ((r[0] ?? 0) & SHIFT) !== 0;
    const now = new Set([...r.subarray(2)].filter((c) => c > 0x03));
    for (const c of now) if (!held.has(c)) onKey(c, shift);
    held = now;
  };
}

/** A scanner in keyboard mode: characters until Enter make one scan. */
export function scannerReader(onScan: (text: string) => void, maxLength = 4096, now: () => number = Date.now): (report: Buffer) => void {
  let text = "";
  let last = 0;
  return keyboardReader((code, shift) => {
    // A half scan left without its Enter must not be glued to the next person's.
    if (now() - last > SCAN_GAP_MS) text = "";
    last = now();
    if (code === ENTER || code === KEYPAD_ENTER) {
      if (text) onScan(text);
      text = "";
      return;
    }
    const ch = charOf(code, shift);
    if (ch !== null && text.length < maxLength) text += ch;
  });
}

/**
 * A scanner in HID POS mode (usage page 0x8C, "Bar Code Scanner"), in the report layout
 * Honeywell and Zebra scanners use: report id, data length, three bytes of AIM symbology id,
 * the data, and a last byte whose bit 0 says more data follows in the next report. Unlike
 * keyboard mode it carries any byte (UTF-8 text of a chip ID card's QR arrives whole).
 */
export function hidPosReader(onScan: (text: string) => void, maxLength = 4096, now: () => number = Date.now): (report: Buffer) => void {
  let parts: Buffer[] = [];
  let size = 0;
  let last = 0;
  return (report) => {
    if (report.length < 6) return;
    if (now() - last > SCAN_GAP_MS) {
      parts = [];
      size = 0;
    }
    last = now();
    const length = Math.min(report[1]!, report.length - 6);
    const data = report.subarray(5, 5 + length);
    if (size + data.length <= maxLength) {
      parts.push(data);
      size += data.length;
    }
    if ((report[report.length - 1]! & 1) === 0) {
      const text = Buffer.concat(parts).toString("utf8").replace(/[\r\n]+$/, "");
      parts = [];
      size = 0;
      if (text) onScan(text);
    }
  };
}

/**
 * A device without the hardware, with the same interface: tests and the demo type on it.
 * `type("A023")` sends the reports a keyboard-mode scanner would, key down then key up.
 */
export class VirtualHid extends EventEmitter<{ data: [Buffer]; error: [Error] }> implements HidSource {
  press(code: number, shift = false): void {
    this.emit("data", Buffer.from([shift ? 0x02 : 0, 0, code, 0, 0, 0, 0, 0]));
    this.emit("data", Buffer.alloc(8));
  }
  type(text: string): void {
    for (const ch of text) {
      const lower = LETTERS.indexOf(ch.toLowerCase());
      if (lower >= 0) this.press(0x04 + lower, ch !== ch.toLowerCase());
      else if (DIGITS.includes(ch)) this.press(0x1e + DIGITS.indexOf(ch));
      else {
        const entry = Object.entries(PUNCT).find(([, [a, b]]) => a === ch || b === ch);
        if (entry) this.press(Number(entry[0]), entry[1][1] === ch && entry[1][0] !== ch);
      }
    }
    this.press(ENTER);
  }
  /** Sends a scan as a HID POS scanner does, in reports of up to `chunk` data bytes. */
  scanPos(text: string, chunk = 56): void {
    const data = Buffer.from(text, "utf8");
    for (let i = 0; i < data.length || i === 0; i += chunk) {
      const part = data.subarray(i, i + chunk);
      const report = Buffer.alloc(5 + chunk + 1);
      report[0] = 0x02;
      report[1] = part.length;
      report.write("]Q1", 2, "latin1"); // AIM id of a QR code
      part.copy(report, 5);
      report[report.length - 1] = i + chunk < data.length ? 1 : 0;
      this.emit("data", report);
    }
  }
  close(): void {
    this.removeAllListeners();
  }
}

/** The part of node-hid that `watchHid` uses; tests hand it a stand-in to unplug. */
export interface HidModule {
  devicesAsync(): Promise<{ vendorId: number; productId: number; path?: string }[]>;
  HIDAsync: { open(path: string): Promise<{ on(event: string, listener: (...args: any[]) => void): unknown; close(): Promise<void> }> };
}

/**
 * A real device through node-hid, found by vendor and product id and watched for unplugging:
 * when it goes, the watcher looks for it again every few seconds (`retryMs`) and carries on.
 */
export function watchHid(
  vendorId: number,
  productId: number,
  log: (m: string, d?: Record<string, unknown>) => void = () => {},
  { hid: loadHid = () => import("node-hid"), retryMs = 3000 }: { hid?: () => Promise<HidModule>; retryMs?: number } = {},
): HidSource {
  const source = new EventEmitter<{ data: [Buffer]; error: [Error] }>() as HidSource;
  let device: { close(): Promise<void> } | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const retry = () => {
    if (!stopped) timer = setTimeout(() => void connect(), retryMs);
  };
  const connect = async () => {
    try {
      const HID = await loadHid();
      const info = (await HID.devicesAsync()).find((d) => d.vendorId === vendorId && d.productId === productId && d.path);
      if (!info) return retry();
      const hid = await HID.HIDAsync.open(info.path!);
      if (stopped) return void hid.close().catch(() => {});
      device = hid;
      log("HID device connected", { vendorId, productId });
      hid.on("data", (b: Buffer) => source.emit("data", b));
      let gone = false;
      hid.on("error", () => {
        // A device may report its end more than once: look for it again only once.
        if (gone) return;
        gone = true;
        log("HID device gone; looking for it again", { vendorId, productId });
        device = null;
        void hid.close().catch(() => {});
        retry();
      });
    } catch (e) {
      log("cannot open HID device", { vendorId, productId, message: (e as Error).message });
      retry();
    }
  };
  void connect();
  source.close = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    void device?.close().catch(() => {});
  };
  return source;
}
