import { EncodeHintType, QRCodeDecoderErrorCorrectionLevel, QRCodeEncoder } from "@zxing/library";
import { describe, expect, it } from "vitest";
import { decodeLuminance, toLuminance } from "./decode.ts";

/** What the chip ID card (CCCD) QR holds: ID|old ID|name|birth date|sex|address|issue date. */
const CCCD = "079123456789|123456789|Nguyễn Văn An|01011960|Nam|12 Lê Lợi, Phường 1, Đà Lạt, Lâm Đồng|15082021";
const DOSSIER = "000.00.12.H36-261120-0001";

type Image = { luminance: Uint8ClampedArray; width: number; height: number };

/** Deterministic noise, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A QR code as a camera might see it: `scale` pixels per module, four modules of quiet zone,
 * set at (left, top) on a background of gray `paper`, with optional ± `noise` on every pixel.
 * `eci: false` writes UTF-8 bytes with no charset header, as the CCCD card does.
 */
function qrImage(
  text: string,
  { scale = 5, left = 0, top = 0, width = 0, height = 0, paper = 255, ink = 0, noise = 0, eci = true } = {},
): Image {
  const hints = new Map<EncodeHintType, unknown>(eci ? [[EncodeHintType.CHARACTER_SET, "UTF-8"]] : []);
  const matrix = QRCodeEncoder.encode(text, QRCodeDecoderErrorCorrectionLevel.M, hints).getMatrix();
  const modules = matrix.getWidth();
  const side = (modules + 8) * scale;
  const w = Math.max(width, left + side);
  const h = Math.max(height, top + side);
  const luminance = new Uint8ClampedArray(w * h).fill(paper);
  // The quiet zone is white even on gray paper: a printed code carries its own margin.
  for (let y = top; y < top + side; y++) luminance.fill(255, y * w + left, y * w + left + side);
  for (let my = 0; my < modules; my++) {
    for (let mx = 0; mx < modules; mx++) {
      if (matrix.get(mx, my) !== 1) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = (top + (my + 4) * scale + dy) * w + left + (mx + 4) * scale;
        luminance.fill(ink, row, row + scale);
      }
    }
  }
  if (noise > 0) {
    const random = prng(7);
    for (let i = 0; i < luminance.length; i++) luminance[i] = luminance[i]! + Math.round((random() * 2 - 1) * noise);
  }
  return { luminance, width: w, height: h };
}

const decode = (image: Image) => decodeLuminance(image.luminance, image.width, image.height);

describe("decodeLuminance", () => {
  it("reads a plain ASCII payload", () => {
    expect(decode(qrImage("HELLO motcua 2024", { scale: 4 }))).toBe("HELLO motcua 2024");
  });

  it("reads the CCCD payload with every Vietnamese diacritic intact", () => {
    expect(decode(qrImage(CCCD, { scale: 5, left: 37, top: 21, width: 640, height: 480, paper: 180 }))).toBe(CCCD);
  });

  it("reads UTF-8 written with no charset header, as the CCCD card writes it", () => {
    expect(decode(qrImage(CCCD, { scale: 4, eci: false }))).toBe(CCCD);
    // Short text is where a charset guess goes wrong most easily.
    expect(decode(qrImage("Đà Lạt", { scale: 4, eci: false }))).toBe("Đà Lạt");
  });

  it("reads a dossier code off-centre in a frame", () => {
    expect(decode(qrImage(DOSSIER, { scale: 6, left: 301, top: 77, width: 800, height: 450, paper: 120 }))).toBe(DOSSIER);
  });

  it("reads through sensor noise on a plain wall, with weak contrast", () => {
    // ±15 on a flat wall binarizes to specks zxing takes for finder patterns: at full size this
    // frame fails, and only the half-size retry reads it.
    expect(decode(qrImage(CCCD, { scale: 5, left: 200, top: 40, width: 800, height: 450, paper: 140, ink: 60, noise: 15 }))).toBe(CCCD);
  });

  it("returns null for a blank image", () => {
    expect(decodeLuminance(new Uint8ClampedArray(640 * 480).fill(200), 640, 480)).toBeNull();
  });

  it("returns null for random noise", () => {
    const random = prng(42);
    const noise = Uint8ClampedArray.from({ length: 640 * 480 }, () => Math.floor(random() * 256));
    expect(decodeLuminance(noise, 640, 480)).toBeNull();
  });

  it("refuses a buffer smaller than the image it claims to be", () => {
    expect(() => decodeLuminance(new Uint8ClampedArray(10), 640, 480)).toThrow(RangeError);
  });
});

describe("toLuminance", () => {
  it("weighs green twice as much as red and blue", () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 0]);
    expect([...toLuminance(rgba, 6, 1)]).toEqual([255, 0, 63, 127, 63, 20]);
  });

  it("turns a coloured camera frame into gray that still decodes", () => {
    const gray = qrImage(DOSSIER, { scale: 5, left: 10, top: 10, width: 400, height: 300 });
    const rgba = new Uint8ClampedArray(gray.width * gray.height * 4);
    // Dark blue ink on cream paper: colour alone must not hide the code.
    for (let i = 0; i < gray.luminance.length; i++) {
      const dark = gray.luminance[i]! < 128;
      rgba.set(dark ? [20, 30, 90, 255] : [250, 240, 210, 255], i * 4);
    }
    expect(decodeLuminance(toLuminance(rgba, gray.width, gray.height), gray.width, gray.height)).toBe(DOSSIER);
  });
});
