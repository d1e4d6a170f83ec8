import { readFile } from "node:fs/promises";
import { createCanvas, Image } from "@napi-rs/canvas";
import type { Bitmap } from "./raster.ts";
import { PAPER_DOTS, type Paper } from "./render-ticket.ts";

/** The box a logo is fitted into: at most 40 % of the printable width and 120 dots (15 mm) high. */
export const LOGO_MAX_WIDTH_SHARE = 0.4;
export const LOGO_MAX_HEIGHT_DOTS = 120;
/** White dots left under the logo, before the center's name. */
const GAP_DOTS = 8;

export class LogoUnusable extends Error {
  override name = "LogoUnusable";
}

/**
 * A logo (PNG or JPEG bytes) made ready for `renderTicket`'s `logo` option: fitted into the
 * logo box keeping its shape, centred on the paper's full printable width (so it is centred
 * on any printer, whatever it does with justification for images), transparent parts white,
 * and thresholded to black and white. Done once (at a station's start), not per ticket.
 */
export async function ticketLogo(image: Uint8Array, paper: Paper): Promise<Bitmap> {
  const picture = new Image();
  picture.src = Buffer.from(image);
  try {
    await picture.decode();
  } catch {
    throw new LogoUnusable("the logo is not a PNG or JPEG picture that can be read");
  }
  if (!picture.width || !picture.height) throw new LogoUnusable("the logo is not a PNG or JPEG picture that can be read");
  const width = PAPER_DOTS[paper];
  const boxWidth = Math.floor(width * LOGO_MAX_WIDTH_SHARE);
  const scale = Math.min(boxWidth / picture.width, LOGO_MAX_HEIGHT_DOTS / picture.height);
  const w = Math.max(1, Math.min(boxWidth, Math.round(picture.width * scale)));
  const h = Math.max(1, Math.min(LOGO_MAX_HEIGHT_DOTS, Math.round(picture.height * scale)));
  // Raster commands send whole bytes: the height is a multiple of 8, the gap included.
  const height = Math.ceil((h + GAP_DOTS) / 8) * 8;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(picture, Math.floor((width - w) / 2), 0, w, h);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const bits = new Uint8Array(width * height);
  let dark = 0;
  for (let i = 0; i < bits.length; i++) {
    const luminance = 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!;
    if (luminance < 128) {
      bits[i] = 1;
      dark++;
    }
  }
  if (dark === 0) throw new LogoUnusable("the logo has nothing dark enough to print (a thermal printer prints black on white)");
  return { width, height, bits };
}

/** Reads a logo file for a station once, at its start: a clear error names the file and what is wrong. */
export async function readLogo(path: string, paper: Paper): Promise<Bitmap> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new LogoUnusable(`cannot read the logo ${path}: ${(e as Error).message}`);
  }
  try {
    return await ticketLogo(bytes, paper);
  } catch (e) {
    throw new LogoUnusable(`${path}: ${(e as Error).message}`);
  }
}
