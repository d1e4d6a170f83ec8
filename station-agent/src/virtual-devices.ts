import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { DeviceBinding } from "./agent.ts";
import { KEYPAD_KEYS, RATING_KEYS } from "./agent.ts";
import { VirtualHid } from "./hid.ts";

/**
 * The demo's devices without hardware: a HID POS scanner beside one kiosk, and one counter's keypad
 * and rating pad. With `typed`, lines read from it press them: `scan TEXT`, `next`, `recall`,
 * `start`, `complete`, `noshow`, `rate 1|2|3`.
 */
export function virtualDevices(kioskId: string, counterId: string, typed?: Readable): DeviceBinding[] {
  const [scanner, keypad, pad] = [new VirtualHid(), new VirtualHid(), new VirtualHid()];
  if (typed) {
    // Object keys that are numbers come out in order, so each key's first code is the top-row digit.
    const code = (keys: Record<number, string>, name: string) => Number(Object.entries(keys).find(([, k]) => k.toLowerCase() === name)?.[0] ?? NaN);
    createInterface({ input: typed, terminal: false }).on("line", (line) => {
      const [word = "", ...rest] = line.trim().split(/\s+/);
      const w = word.toLowerCase();
      if (w === "scan" && rest.length) scanner.scanPos(line.replace(/^\s*scan\s+/i, "").trimEnd());
      else if (w === "rate" && /^[123]$/.test(rest[0] ?? "")) pad.press(code(RATING_KEYS, ["very_satisfied", "satisfied", "unsatisfied"][Number(rest[0]) - 1]!));
      else if (Number.isFinite(code(KEYPAD_KEYS, w))) keypad.press(code(KEYPAD_KEYS, w));
      else if (w) console.error("demo keys: scan TEXT · next · recall · start · complete · noshow · rate 1|2|3");
    });
  }
  return [
    { kind: "scanner", mode: "hidPos", kioskId, source: scanner },
    { kind: "keypad", counterId, source: keypad },
    { kind: "ratingPad", counterId, source: pad },
  ];
}
