import { writeFileSync } from "node:fs";
import { EncodeHintType, QRCodeDecoderErrorCorrectionLevel, QRCodeEncoder } from "@zxing/library";

/**
 * Webcam footage for Chromium's fake camera. Launch it with
 *   --use-fake-device-for-media-stream --use-fake-ui-for-media-stream
 *   --use-file-for-fake-video-capture=<path>
 * (fakeCameraArgs gives them) and getUserMedia plays the file in a loop, with the permission
 * prompt already accepted. Chromium reads the file once per browser process: a different
 * picture needs a new launch.
 */
export const fakeCameraArgs = (path: string): string[] => [
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  `--use-file-for-fake-video-capture=${path}`,
];

export type VideoOptions = { width?: number; height?: number; frames?: number };

const QUIET_ZONE = 4;
const MODULE_PX = 6;

/** A QR code held still in front of the camera: black on white, centred, about 6 px a module. */
export function writeQrVideo(path: string, text: string, opts: VideoOptions = {}): void {
  const { width, height } = size(opts);
  const hints = new Map([[EncodeHintType.CHARACTER_SET, "UTF-8"]]);
  const matrix = QRCodeEncoder.encode(text, QRCodeDecoderErrorCorrectionLevel.M, hints).getMatrix();
  const modules = matrix.getWidth();
  // A long payload shrinks its modules rather than overflowing the frame.
  const scale = Math.min(MODULE_PX, Math.floor(Math.min(width, height) / (modules + 2 * QUIET_ZONE)));
  if (scale < 2) throw new RangeError(`"${text.slice(0, 20)}…" needs ${modules} modules: too many for ${width}×${height}`);
  const side = (modules + 2 * QUIET_ZONE) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);

  // A mid-gray room around a white card, so the quiet zone is the card's and not the whole frame.
  const y = Buffer.alloc(width * height, 128);
  for (let row = top; row < top + side; row++) y.fill(255, row * width + left, row * width + left + side);
  for (let my = 0; my < modules; my++) {
    for (let mx = 0; mx < modules; mx++) {
      if (matrix.get(mx, my) !== 1) continue;
      const x0 = left + (mx + QUIET_ZONE) * scale;
      for (let row = top + (my + QUIET_ZONE) * scale, end = row + scale; row < end; row++) y.fill(0, row * width + x0, row * width + x0 + scale);
    }
  }
  writeY4m(path, width, height, y, opts.frames);
}

/** An empty room: a uniform gray picture with nothing to read. */
export function writeBlankVideo(path: string, opts: VideoOptions = {}): void {
  const { width, height } = size(opts);
  writeY4m(path, width, height, Buffer.alloc(width * height, 128), opts.frames);
}

function size(opts: VideoOptions): { width: number; height: number } {
  const { width = 640, height = 480 } = opts;
  // 4:2:0 halves the chroma planes, so odd sizes have no exact layout.
  if (width % 2 || height % 2) throw new RangeError(`Y4M 4:2:0 needs even sizes, not ${width}×${height}`);
  return { width, height };
}

/** YUV4MPEG2, 4:2:0, progressive, 10 fps; every frame the same luma and colourless chroma. */
function writeY4m(path: string, width: number, height: number, luma: Buffer, frames = 10): void {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, "ascii");
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n", "ascii"), luma, chroma]);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
