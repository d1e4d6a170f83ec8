import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { parseEscPos, type Block } from "./escpos-parse.ts";
import { readLogo, ticketLogo } from "./logo.ts";
import { PAPER_DOTS, renderTicket, type TicketToPrint } from "./render-ticket.ts";

const center = { name: "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", hotline: "1022" };
const ticket: TicketToPrint = {
  number: "A023",
  serviceName: "Đăng ký khai sinh",
  fieldName: "Hộ tịch",
  issuedAt: "2026-11-27T01:15:00.000Z",
  ahead: 5,
  estimatedWait: { minMinutes: 10, maxMinutes: 20 },
  counterNumbers: [1, 2],
  followUrl: "http://192.168.1.10:8080/f/Qm7x-Rk2aZ9_tLp4",
};

/**
 * A 300 × 200 logo on a transparent ground: a dark blue disc (r = 90 round 150,100), a dark bar
 * along the whole bottom edge (y 185–200), and a pale yellow patch in the top-left corner that
 * a thermal printer cannot print (lighter than half grey).
 */
function drawLogo(): Buffer {
  const canvas = createCanvas(300, 200);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#1a3a8a";
  ctx.beginPath();
  ctx.arc(150, 100, 90, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillRect(0, 185, 300, 15);
  ctx.fillStyle = "#ffe680";
  ctx.fillRect(0, 0, 50, 40);
  return canvas.toBuffer("image/png");
}

const printed = (blocks: Block[]) => blocks.filter((b) => b.kind !== "text" || b.text.trim() !== "");

/** The box round a raster block's black dots. */
function darkBox(b: Extract<Block, { kind: "raster" }>) {
  let left = b.width, right = -1, top = b.height, bottom = -1;
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      if (!b.bits[y * b.width + x]) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return { left, right, top, bottom, width: right - left + 1, height: bottom - top + 1 };
}

describe.each([
  // 80 mm: the box is 230 × 120 dots, so the height decides (× 0.6 → 180 × 120).
  ["80mm", 180, 120],
  // 58 mm: the box is 153 × 120 dots, so the width decides (× 0.51 → 153 × 102).
  ["58mm", 153, 102],
] as const)("a center's logo on %s paper", (paper, fittedWidth, fittedHeight) => {
  const width = PAPER_DOTS[paper];
  const png = drawLogo();

  it("prints as a picture before any text, centred, within 40 % of the width and 120 dots of height, in black and white", async () => {
    const logo = await ticketLogo(png, paper);
    const plain = printed(parseEscPos(renderTicket(ticket, center, { paper })).blocks);
    const withLogo = printed(parseEscPos(renderTicket(ticket, center, { paper, logo })).blocks);

    // One more block, first, and a picture; everything after it is the ticket as it was.
    expect(withLogo.map((b) => b.kind)).toEqual(["raster", ...plain.map((b) => b.kind)]);
    expect(withLogo.slice(1)).toEqual(plain);
    const block = withLogo[0]!;
    if (block.kind !== "raster") throw new Error("the logo is not a picture");
    expect(block.width).toBe(width);

    const box = darkBox(block);
    expect(box.width).toBeLessThanOrEqual(Math.floor(width * 0.4));
    expect(box.height).toBeLessThanOrEqual(120);
    // The whole width of the drawing is its bar; the disc's top is 10 of its 200 rows down.
    expect(Math.abs(box.width - fittedWidth)).toBeLessThanOrEqual(2);
    expect(Math.abs(box.height - fittedHeight * 0.95)).toBeLessThanOrEqual(2);
    expect(Math.abs(box.left - (width - 1 - box.right))).toBeLessThanOrEqual(1);

    // The disc's middle is black; the pale patch and the transparent ground print nothing.
    const scale = fittedWidth / 300;
    const at = (x: number, y: number) => block.bits[Math.round(y * scale) * width + box.left + Math.round(x * scale)];
    expect(at(150, 100)).toBe(1);
    let stray = 0;
    for (let y = 0; y < 39; y++) {
      for (let x = 0; x < 49; x++) stray += at(x, y)!; // the yellow patch
      for (let x = 251; x < 299; x++) stray += at(x, y)!; // transparent
    }
    expect(stray).toBe(0);
  });

  it("is read from a file once, and a logo of another paper's width is still centred", async () => {
    const dir = mkdtempSync(join(tmpdir(), "motcua-logo-"));
    writeFileSync(join(dir, "logo.png"), png);
    const logo = await readLogo(join(dir, "logo.png"), paper);
    expect(logo).toEqual(await ticketLogo(png, paper));
    const other = await ticketLogo(png, paper === "80mm" ? "58mm" : "80mm");
    const block = printed(parseEscPos(renderTicket(ticket, center, { paper, logo: other })).blocks)[0]!;
    if (block.kind !== "raster") throw new Error("the logo is not a picture");
    expect(block.width).toBe(width);
    const box = darkBox(block);
    expect(Math.abs(box.left - (width - 1 - box.right))).toBeLessThanOrEqual(1);
  });
});

describe("a logo that cannot be used is a clear error at the start, not at a print", () => {
  const dir = mkdtempSync(join(tmpdir(), "motcua-logo-"));

  it("names a missing file", async () => {
    await expect(readLogo(join(dir, "missing.png"), "80mm")).rejects.toThrow(/cannot read the logo .*missing\.png: .*ENOENT/);
  });

  it("says when the file is not a picture", async () => {
    writeFileSync(join(dir, "logo.png"), "not a picture");
    await expect(readLogo(join(dir, "logo.png"), "80mm")).rejects.toThrow(/logo\.png: the logo is not a PNG or JPEG picture/);
  });

  it("says when nothing in it would print", async () => {
    const canvas = createCanvas(100, 50);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffe680";
    ctx.fillRect(10, 10, 80, 30);
    await expect(ticketLogo(canvas.toBuffer("image/png"), "58mm")).rejects.toThrow(/nothing dark enough/);
  });
});
