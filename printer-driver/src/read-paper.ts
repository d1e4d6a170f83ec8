import { createCanvas, loadImage } from "@napi-rs/canvas";
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from "@zxing/library";

/**
 * Reads printed paper back, for tests: the PNG's dots as luminance, and the QR code on it as a
 * phone would read it (zxing). Not part of the library's exports.
 */
export async function pixels(png: Buffer): Promise<{ width: number; height: number; luminance: Uint8ClampedArray }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
  const luminance = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0; i < luminance.length; i++) luminance[i] = rgba[i * 4]!;
  return { width: image.width, height: image.height, luminance };
}

/**
 * The text of the QR code in a PNG of paper; throws (zxing's NotFoundException) if none is read.
 * zxing's finder misses a few codes in perfectly clean pictures (about one link in forty, whatever
 * the quiet zone: false finder patterns in the data), which a phone's reader does not; so when it
 * finds nothing, the code is located by its three finder squares and read as a pure barcode.
 */
export async function readQr(png: Buffer): Promise<string> {
  const { width, height, luminance } = await pixels(png);
  const reader = new QRCodeReader();
  try {
    return reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height))), new Map([[DecodeHintType.TRY_HARDER, true]])).getText();
  } catch (e) {
    const box = finderBox(luminance, width, height);
    if (!box) throw e;
    // The code alone with a quiet zone of four modules, as PURE_BARCODE expects.
    const quiet = 4 * box.module;
    const w = box.right - box.left + 2 * quiet;
    const h = box.bottom - box.top + 2 * quiet;
    const crop = new Uint8ClampedArray(w * h).fill(255);
    for (let y = box.top; y < box.bottom; y++) {
      for (let x = box.left; x < box.right; x++) crop[(y - box.top + quiet) * w + (x - box.left + quiet)] = luminance[y * width + x]!;
    }
    return reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(crop, w, h))), new Map([[DecodeHintType.PURE_BARCODE, true]])).getText();
  }
}

/**
 * Where a QR code sits on paper: the three finder patterns are the only dark shapes that are
 * square rings of 7 × 7 modules (24 of 49 cells dark) around a solid 3 × 3 centre.
 */
function finderBox(lum: Uint8ClampedArray, width: number, height: number): { left: number; top: number; right: number; bottom: number; module: number } | null {
  const seen = new Uint8Array(width * height);
  const rings: { left: number; top: number; right: number; bottom: number }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < lum.length; start++) {
    if (seen[start] || lum[start]! >= 128) continue;
    let left = width, top = height, right = 0, bottom = 0, area = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width, y = (i - x) / width;
      area++;
      left = Math.min(left, x); right = Math.max(right, x + 1); top = Math.min(top, y); bottom = Math.max(bottom, y + 1);
      for (const n of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1]) {
        if (n >= 0 && !seen[n] && lum[n]! < 128) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    const w = right - left, h = bottom - top;
    // At least three dots a module; dark exactly as a finder is (24 of 49 cells); across its middle,
    // dark, light, dark (the solid 3 × 3), light, dark.
    const row = (top + (h >> 1)) * width + left;
    const at = (modules: number) => lum[row + Math.floor((modules * w) / 7)]! < 128;
    const across = at(0.5) && !at(1.5) && at(3.5) && !at(5.5) && at(6.5);
    if (w >= 21 && Math.abs(w - h) <= 1 && Math.abs(area / (w * h) - 24 / 49) < 0.015 && across) rings.push({ left, top, right, bottom });
  }
  // The three finders are the same size; the data may hold a smaller ring-like shape.
  const sizes = [...new Set(rings.map((r) => r.right - r.left))].sort((a, b) => b - a);
  const size = sizes.find((w) => rings.filter((r) => r.right - r.left === w).length === 3);
  if (size === undefined) return null;
  const finders = rings.filter((r) => r.right - r.left === size);
  return {
    left: Math.min(...finders.map((r) => r.left)),
    top: Math.min(...finders.map((r) => r.top)),
    right: Math.max(...finders.map((r) => r.right)),
    bottom: Math.max(...finders.map((r) => r.bottom)),
    module: Math.round(size / 7),
  };
}
