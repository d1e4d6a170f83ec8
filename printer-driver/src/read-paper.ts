import { createCanvas, loadImage } from "@napi-rs/canvas";
import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from "@zxing/library";

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

/** The text of the QR code in a PNG of paper; throws (zxing's NotFoundException) if none is read. */
export async function readQr(png: Buffer): Promise<string> {
  const { width, height, luminance } = await pixels(png);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)))).getText();
}
