import { decodeCodePage } from "./codepage.ts";

/**
 * ESC/POS bytes read back into what a printer would put on paper: the virtual printer's
 * model, and how tests check a ticket without hardware. It knows the commands tickets use
 * and the common ones around them; anything else is listed in `unknown`, never guessed at.
 */
export type Align = "left" | "center" | "right";

/** Characters printed in one style; the printer's font is monospaced, `width` × 12 dots each. */
export interface Run {
  text: string;
  bold: boolean;
  underline: boolean;
  width: number;
  height: number;
}

export type Block =
  | { kind: "text"; text: string; align: Align; runs: Run[]; height: number }
  | { kind: "raster"; align: Align; width: number; height: number; bits: Uint8Array }
  | { kind: "qr"; align: Align; data: string; moduleSize: number; errorLevel: "L" | "M" | "Q" | "H" }
  | { kind: "feed"; dots: number }
  | { kind: "cut"; partial: boolean };

export interface Printout {
  blocks: Block[];
  /** Offsets of commands the reader does not know. */
  unknown: { offset: number; bytes: number[] }[];
  /** Code page selected last (ESC t), if any. */
  codePage: number | null;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;
const CR = 0x0d;
const LINE_DOTS = 30;

/**
 * How many bytes the command at `i` takes, by the same rules the reader uses; null when the
 * command is not all there yet. The virtual printer walks a stream with it, so that only a
 * status request standing between commands is answered, not two bytes inside image data.
 */
export function commandLength(bytes: Uint8Array, i: number): number | null {
  const need = (n: number) => (i + n <= bytes.length ? n : null);
  const at = (k: number) => bytes[i + k];
  const b = at(0);
  if (b === undefined) return null;
  if (b === ESC) {
    const c = at(1);
    if (c === undefined) return null;
    return c === 0x40 || c === 0x32 ? 2 : need(3);
  }
  if (b === GS) {
    const c = at(1);
    if (c === undefined) return null;
    if (c === 0x76) {
      if (i + 8 > bytes.length) return null;
      return need(8 + (at(4)! + at(5)! * 256) * (at(6)! + at(7)! * 256));
    }
    if (c === 0x28) return i + 5 > bytes.length ? null : need(5 + at(3)! + at(4)! * 256);
    if (c === 0x56) return at(2) === undefined ? null : need(at(2) === 65 || at(2) === 66 ? 4 : 3);
    if (c === 0x4c || c === 0x57) return need(4);
    return need(3);
  }
  if (b === FS) return need(2);
  if (b === DLE) return need(3);
  return 1;
}

export function parseEscPos(bytes: Uint8Array): Printout {
  const blocks: Block[] = [];
  const unknown: Printout["unknown"] = [];
  let align: Align = "left";
  let bold = false;
  let underline = false;
  let width = 1;
  let height = 1;
  let codePage: number | null = null;
  let text: number[] = [];
  let runs: Run[] = [];
  const qr = { data: "", moduleSize: 3, errorLevel: "L" as "L" | "M" | "Q" | "H" };

  // A style change ends a run; a line feed ends the line.
  const endRun = () => {
    if (text.length === 0) return;
    runs.push({ text: decodeCodePage(Uint8Array.from(text), codePage).normalize("NFC"), bold, underline, width, height });
    text = [];
  };
  const flush = (force: boolean) => {
    endRun();
    if (runs.length === 0 && !force) return;
    blocks.push({
      kind: "text",
      text: runs.map((r) => r.text).join(""),
      align,
      runs,
      height: Math.max(1, ...runs.map((r) => r.height)),
    });
    runs = [];
  };
  const alignOf = (n: number): Align => (n % 48 === 1 ? "center" : n % 48 === 2 ? "right" : "left");

  let i = 0;
  const at = (k: number) => bytes[i + k] ?? 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === LF) {
      flush(true);
      i += 1;
    } else if (b === CR) {
      i += 1;
    } else if (b === ESC) {
      const c = at(1);
      if (c === 0x40) {
        flush(false);
        align = "left";
        bold = underline = false;
        width = height = 1;
        i += 2;
      } else if (c === 0x61) {
        align = alignOf(at(2));
        i += 3;
      } else if (c === 0x45) {
        endRun();
        bold = (at(2) & 1) === 1;
        i += 3;
      } else if (c === 0x2d) {
        endRun();
        underline = (at(2) & 3) !== 0;
        i += 3;
      } else if (c === 0x21) {
        endRun();
        bold = (at(2) & 0x08) !== 0;
        height = at(2) & 0x10 ? 2 : 1;
        width = at(2) & 0x20 ? 2 : 1;
        i += 3;
      } else if (c === 0x74) {
        endRun();
        codePage = at(2);
        i += 3;
      } else if (c === 0x64) {
        flush(false);
        blocks.push({ kind: "feed", dots: at(2) * LINE_DOTS });
        i += 3;
      } else if (c === 0x4a) {
        flush(false);
        blocks.push({ kind: "feed", dots: at(2) });
        i += 3;
      } else if (c === 0x4d || c === 0x33 || c === 0x20 || c === 0x56 || c === 0x7b || c === 0x47) {
        // Font, line spacing, character spacing, rotation, upside down, double strike: no effect on the model.
        i += 3;
      } else if (c === 0x32) {
        i += 2;
      } else {
        unknown.push({ offset: i, bytes: [b, c] });
        i += 2;
      }
    } else if (b === GS) {
      const c = at(1);
      if (c === 0x21) {
        endRun();
        width = ((at(2) >> 4) & 7) + 1;
        height = (at(2) & 7) + 1;
        i += 3;
      } else if (c === 0x76 && at(2) === 0x30) {
        flush(false);
        const wb = at(4) + at(5) * 256;
        const h = at(6) + at(7) * 256;
        const w = wb * 8;
        const data = i + 8;
        // A header that promises more than was sent is a broken job, not a reason to allocate gigabytes.
        if (data + wb * h > bytes.length) {
          unknown.push({ offset: i, bytes: [b, c, 0x30] });
          break;
        }
        const bits = new Uint8Array(w * h);
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) bits[y * w + x] = ((bytes[data + y * wb + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        }
        blocks.push({ kind: "raster", align, width: w, height: h, bits });
        i = data + wb * h;
      } else if (c === 0x28 && at(2) === 0x6b) {
        const len = at(3) + at(4) * 256;
        const cn = at(5);
        const fn = at(6);
        if (cn === 0x31) {
          if (fn === 0x43) qr.moduleSize = at(7);
          else if (fn === 0x45) qr.errorLevel = (["L", "M", "Q", "H"] as const)[at(7) - 48] ?? "L";
          else if (fn === 0x50) qr.data = new TextDecoder().decode(bytes.slice(i + 8, i + 5 + len));
          else if (fn === 0x51) {
            flush(false);
            blocks.push({ kind: "qr", align, data: qr.data, moduleSize: qr.moduleSize, errorLevel: qr.errorLevel });
          }
        } else unknown.push({ offset: i, bytes: [b, c, at(2), cn, fn] });
        i += 5 + len;
      } else if (c === 0x56) {
        flush(false);
        const m = at(2);
        blocks.push({ kind: "cut", partial: m === 1 || m === 49 || m === 66 });
        i += m === 65 || m === 66 ? 4 : 3;
      } else if (c === 0x42 || c === 0x62) {
        i += 3; // Reverse print, smoothing.
      } else if (c === 0x4c || c === 0x57) {
        i += 4; // Left margin, print area width.
      } else {
        unknown.push({ offset: i, bytes: [b, c] });
        i += 2;
      }
    } else if (b === FS) {
      const c = at(1);
      if (c === 0x2e || c === 0x26) i += 2; // Kanji off / on: a Vietnamese ticket never needs it.
      else {
        unknown.push({ offset: i, bytes: [b, c] });
        i += 2;
      }
    } else if (b === DLE && at(1) === 0x04) {
      i += 3; // A status request, answered by the printer, prints nothing.
    } else if (b < 0x20) {
      unknown.push({ offset: i, bytes: [b] });
      i += 1;
    } else {
      text.push(b);
      i += 1;
    }
  }
  flush(false);
  return { blocks, unknown, codePage };
}
