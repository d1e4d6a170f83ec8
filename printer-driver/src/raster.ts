import { createRequire } from "node:module";
import { createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import { cleanText } from "./sanitize.ts";

const require = createRequire(import.meta.url);
/** Be Vietnam Pro: designed for Vietnamese, every diacritic drawn, shipped through npm (offline). */
const FONTS = {
  regular: require.resolve("@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf"),
  bold: require.resolve("@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf"),
} as const;
const FAMILY = { regular: "motcua-ticket-regular", bold: "motcua-ticket-bold" } as const;
export const TICKET_FONT_REGULAR = FAMILY.regular;
export const TICKET_FONT_BOLD = FAMILY.bold;
let registered = false;

export function registerFonts(): void {
  if (registered) return;
  for (const weight of ["regular", "bold"] as const) {
    if (!GlobalFonts.registerFromPath(FONTS[weight], FAMILY[weight])) throw new Error(`cannot load the ticket font ${FONTS[weight]}`);
  }
  registered = true;
}

export interface TextLine {
  text: string;
  /** Height of a capital letter's em box in printer dots (203 dpi: 24 dots ≈ 3 mm). */
  px: number;
  bold?: boolean;
  align?: "left" | "center" | "right";
}

/** A 1-bit picture for the printer's raster command: `bits` holds one byte per dot, 1 = black. */
export interface Bitmap {
  width: number;
  height: number;
  bits: Uint8Array;
}

const fontOf = (line: TextLine) => `${line.px}px ${line.bold ? FAMILY.bold : FAMILY.regular}`;

/** Breaks a line into pieces that fit `width` dots, at spaces; a word longer than the line is cut. */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const word of text.split(" ")) {
    const candidate = current ? `${current} ${word}` : word;
    if (ctx.measureText(candidate).width <= width) {
      current = candidate;
      continue;
    }
    if (current) out.push(current);
    current = word;
    while (ctx.measureText(current).width > width && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && ctx.measureText(current.slice(0, cut)).width > width) cut--;
      out.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current) out.push(current);
  return out;
}

/**
 * Text lines drawn in Be Vietnam Pro and thresholded to black and white, `width` dots wide
 * (576 for 80 mm paper, 384 for 58 mm). Printers without a Vietnamese code page print this
 * exactly as drawn. The height is a multiple of 8, as raster commands send whole bytes.
 */
export function rasterText(lines: TextLine[], width: number): Bitmap {
  registerFonts();
  const probe = createCanvas(width, 8).getContext("2d");
  const rows: { text: string; line: TextLine; height: number }[] = [];
  for (const line of lines) {
    probe.font = fontOf(line);
    const text = cleanText(line.text);
    // Vietnamese stacks marks above capitals (Ố, Ẩ): a line needs more room than the em box.
    const height = Math.ceil(line.px * 1.45);
    for (const piece of wrap(probe, text, width)) rows.push({ text: piece, line, height });
  }
  const total = Math.max(8, Math.ceil(rows.reduce((h, r) => h + r.height, 0) / 8) * 8);
  const canvas = createCanvas(width, total);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, total);
  ctx.fillStyle = "#000";
  ctx.textBaseline = "alphabetic";
  let y = 0;
  for (const r of rows) {
    ctx.font = fontOf(r.line);
    const w = ctx.measureText(r.text).width;
    const x = r.line.align === "center" ? (width - w) / 2 : r.line.align === "right" ? width - w : 0;
    ctx.fillText(r.text, Math.max(0, x), y + r.line.px * 1.12);
    y += r.height;
  }
  const rgba = ctx.getImageData(0, 0, width, total).data;
  const bits = new Uint8Array(width * total);
  // Thermal dots are on or off; a little under half-grey keeps thin diacritics visible.
  for (let i = 0; i < bits.length; i++) bits[i] = rgba[i * 4]! < 150 ? 1 : 0;
  return { width, height: total, bits };
}
