import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { EncodeHintType, QRCodeDecoderErrorCorrectionLevel, QRCodeEncoder } from "@zxing/library";
import type { Block, Printout } from "./escpos-parse.ts";
import { registerFonts, TICKET_FONT_BOLD, TICKET_FONT_REGULAR } from "./raster.ts";
import { PAPER_DOTS, type Paper } from "./render-ticket.ts";

/** Paper as wide as the roll (80 mm ≈ 640 dots, 58 mm ≈ 464 at 203 dpi), the print area centred. */
const ROLL_DOTS: Record<Paper, number> = { "80mm": 640, "58mm": 464 };
/** The printer's Font A cell: 12 × 24 dots. */
const CELL = { width: 12, height: 24 };
const MARGIN = 24;

/** QR modules as the printer draws them: black squares of `moduleSize` dots. */
function qrMatrix(data: string, level: "L" | "M" | "Q" | "H"): { size: number; get: (x: number, y: number) => boolean } {
  // A printer stores the bytes it is given and adds no ECI: plain ASCII (every follow link) is
  // drawn as such; only other text says it is UTF-8.
  const hints = /^[\x20-\x7e]*$/.test(data) ? undefined : new Map([[EncodeHintType.CHARACTER_SET, "UTF-8"]]);
  const matrix = QRCodeEncoder.encode(data, QRCodeDecoderErrorCorrectionLevel.fromString(level), hints).getMatrix();
  return { size: matrix.getWidth(), get: (x, y) => matrix.get(x, y) === 1 };
}

function heightOf(block: Block): number {
  switch (block.kind) {
    case "text":
      return CELL.height * block.height + 6;
    case "raster":
      return block.height;
    case "qr":
      return qrMatrix(block.data, block.errorLevel).size * block.moduleSize + 8;
    case "feed":
      return block.dots;
    case "cut":
      return 0;
  }
}

function draw(ctx: SKRSContext2D, block: Block, left: number, printWidth: number, y: number): void {
  const x0 = (w: number) => (block.kind === "feed" || block.kind === "cut" ? left : block.align === "center" ? left + (printWidth - w) / 2 : block.align === "right" ? left + printWidth - w : left);
  if (block.kind === "text") {
    // Each character sits in its monospaced cell, as the printer's own font places it.
    const w = block.runs.reduce((sum, r) => sum + r.text.length * CELL.width * r.width, 0);
    let x = x0(Math.min(w, printWidth));
    const baseline = y + CELL.height * block.height * 0.85;
    for (const r of block.runs) {
      ctx.font = `${CELL.height * r.height}px ${r.bold ? TICKET_FONT_BOLD : TICKET_FONT_REGULAR}`;
      const cell = CELL.width * r.width;
      for (const ch of r.text) {
        const glyph = ctx.measureText(ch).width;
        // Glyphs drawn at the cell's height are wider than the cell: squeeze them into it.
        const squeeze = Math.min(1, cell / Math.max(1, glyph));
        ctx.save();
        ctx.translate(x + (cell - glyph * squeeze) / 2, baseline);
        ctx.scale(squeeze, 1);
        ctx.fillText(ch, 0, 0);
        ctx.restore();
        x += cell;
      }
    }
  } else if (block.kind === "raster") {
    const image = ctx.createImageData(block.width, block.height);
    for (let i = 0; i < block.bits.length; i++) {
      const v = block.bits[i] ? 0 : 255;
      image.data[i * 4] = image.data[i * 4 + 1] = image.data[i * 4 + 2] = v;
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, Math.round(x0(block.width)), y);
  } else if (block.kind === "qr") {
    const m = qrMatrix(block.data, block.errorLevel);
    const x = Math.round(x0(m.size * block.moduleSize));
    for (let my = 0; my < m.size; my++) {
      for (let mx = 0; mx < m.size; mx++) if (m.get(mx, my)) ctx.fillRect(x + mx * block.moduleSize, y + 4 + my * block.moduleSize, block.moduleSize, block.moduleSize);
    }
  }
}

/**
 * What the printer would put on paper, one PNG per cut piece, at the printer's 203 dpi: one
 * pixel per dot. Native text is drawn in the ticket font at the printer's cell size (the
 * numbers a printer prints in its own ROM font look much the same).
 */
export function paperImages(printout: Printout, paper: Paper): Buffer[] {
  registerFonts();
  const pieces: Block[][] = [[]];
  for (const b of printout.blocks) {
    if (b.kind === "cut") pieces.push([]);
    else pieces.at(-1)!.push(b);
  }
  // Line feeds after the last cut put nothing on paper.
  const visible = (blocks: Block[]) => blocks.some((b) => b.kind === "raster" || b.kind === "qr" || (b.kind === "text" && b.text.trim() !== ""));
  const roll = ROLL_DOTS[paper];
  const printWidth = PAPER_DOTS[paper];
  const left = (roll - printWidth) / 2;
  return pieces.filter(visible).map((blocks) => {
    const height = MARGIN * 2 + blocks.reduce((h, b) => h + heightOf(b), 0);
    const canvas = createCanvas(roll, height);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, roll, height);
    ctx.fillStyle = "#000";
    let y = MARGIN;
    for (const b of blocks) {
      draw(ctx, b, left, printWidth, y);
      y += heightOf(b);
    }
    return canvas.toBuffer("image/png");
  });
}
