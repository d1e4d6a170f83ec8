import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from "@zxing/library";

// Only the QR reader: MultiFormatReader would pull every 1D and 2D format into the kiosk bundle.
const reader = new QRCodeReader();

// A person holds the code at an angle and off-centre: scan every row for finder patterns.
// No CHARACTER_SET hint: the chip ID card (CCCD) writes UTF-8 with no ECI header, and zxing's
// guess already picks UTF-8 for any well-formed multi-byte UTF-8 (tests pin this). Forcing
// UTF-8 would only garble the rare legacy Latin-1 code the guess reads correctly.
const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);

/** The text of the QR code in a grayscale image (one byte per pixel), or null when there is none. */
export function decodeLuminance(luminance: Uint8ClampedArray, width: number, height: number): string | null {
  // A short buffer is the caller's bug, not "no QR here": zxing would read past it as NaN.
  if (luminance.length < width * height) throw new RangeError(`luminance has ${luminance.length} bytes, ${width}×${height} needs ${width * height}`);
  const text = tryDecode(luminance, width, height);
  if (text !== null || width < 2 * MIN_HALF_SIDE || height < 2 * MIN_HALF_SIDE) return text;
  // A dim camera's noise turns a plain wall into salt-and-pepper once binarized, and zxing takes
  // the specks for finder patterns. Averaging 2×2 pixels halves that noise for ~2 ms more.
  return tryDecode(halve(luminance, width, height), width >> 1, height >> 1);
}

/** Below this the halved image's modules get too small to read. */
const MIN_HALF_SIDE = 120;

function tryDecode(luminance: Uint8ClampedArray, width: number, height: number): string | null {
  try {
    // A one-byte-per-element array is taken as luminance as it is, with no copy.
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)));
    return reader.decode(bitmap, hints).getText();
  } catch {
    // Not found, failed checksum, unreadable format, and the odd index error zxing throws on
    // noise: all mean "no code in this frame", and the next frame is 150 ms away.
    return null;
  }
}

/** The image at half size, each pixel the rounded mean of a 2×2 block. */
function halve(luminance: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const w = width >> 1;
  const h = height >> 1;
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    let p = 2 * y * width;
    for (let x = 0, o = y * w; x < w; x++, o++, p += 2) {
      out[o] = (luminance[p]! + luminance[p + 1]! + luminance[p + width]! + luminance[p + width + 1]! + 2) >> 2;
    }
  }
  return out;
}

/**
 * Gray from RGBA as (R + 2G + B) / 4: integer-only, weighted to green as the eye (and zxing's
 * own ARGB path) is, and fast enough for every camera frame.
 */
export function toLuminance(rgba: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const size = width * height;
  const out = new Uint8ClampedArray(size);
  for (let i = 0, p = 0; i < size; i++, p += 4) out[i] = (rgba[p]! + (rgba[p + 1]! << 1) + rgba[p + 2]!) >> 2;
  return out;
}
