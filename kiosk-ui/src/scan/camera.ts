import { decodeLuminance, toLuminance } from "./decode.ts";

export type CameraError = "denied" | "none" | "failed";

/** How often a frame is read: quick enough to feel instant, light enough for a kiosk's CPU. */
const INTERVAL_MS = 150;
/** Frames are shrunk to this on their longer side: a held-up code stays readable, decoding stays cheap. */
const MAX_SIDE = 800;
/** A code is reported again only after it has been out of sight this long. */
const REPEAT_MS = 3000;

function reasonOf(error: unknown): CameraError {
  const name = typeof error === "object" && error !== null && "name" in error ? String(error.name) : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "none";
  return "failed";
}

/**
 * Shows the front camera in `video` and calls `onText` with each QR code it sees. A code held in
 * front of the camera is reported once, and again only after it has been gone for 3 s. Camera
 * trouble goes to `onError` (also when the camera is unplugged later); the returned function
 * stops the scanning and the camera, and is safe to call more than once.
 */
export async function startCamera(
  video: HTMLVideoElement,
  onText: (text: string) => void,
  onError: (reason: CameraError) => void,
): Promise<() => void> {
  let stream: MediaStream;
  try {
    // Without a secure context (plain http off localhost) the API is simply absent.
    if (!navigator.mediaDevices?.getUserMedia) throw new Error("no mediaDevices");
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: "user", width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
  } catch (error) {
    onError(reasonOf(error));
    return () => {};
  }

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.pause();
    video.srcObject = null;
  };

  // Muted, so it may play with nobody clicking; inline, so iOS Safari does not go fullscreen.
  video.muted = true;
  video.playsInline = true;
  video.setAttribute("playsinline", "");
  video.srcObject = stream;
  try {
    await video.play();
  } catch {
    stop();
    onError("failed");
    return stop;
  }
  for (const track of stream.getVideoTracks()) {
    track.addEventListener("ended", () => {
      if (stopped) return;
      stop();
      onError("failed");
    });
  }

  const canvas = document.createElement("canvas");
  // Every frame is read back: this keeps the pixels on the CPU instead of round-tripping the GPU.
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) {
    stop();
    onError("failed");
    return stop;
  }
  // Per text, not just the last one: two codes in view decode in turn and must not both repeat.
  const lastSeen = new Map<string, number>();

  const scan = () => {
    if (stopped) return;
    try {
      const text = readFrame(video, canvas, ctx);
      const now = performance.now();
      for (const [seen, at] of lastSeen) if (now - at >= REPEAT_MS) lastSeen.delete(seen);
      if (text !== null) {
        const repeat = lastSeen.has(text);
        lastSeen.set(text, now);
        if (!repeat) onText(text);
      }
    } catch (error) {
      // One bad frame or a throwing handler must not end scanning on an unattended kiosk.
      console.error("camera scan:", error);
    }
    if (!stopped) timer = setTimeout(scan, INTERVAL_MS);
  };
  scan();
  return stop;
}

/** The QR text in the video's current frame, or null (also while the camera is still warming up). */
function readFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D): string | null {
  const { videoWidth, videoHeight } = video;
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || videoWidth === 0 || videoHeight === 0) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(videoWidth, videoHeight));
  const width = Math.round(videoWidth * scale);
  const height = Math.round(videoHeight * scale);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  // Smoother downscaling averages away sensor noise that would otherwise binarize to specks.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(video, 0, 0, width, height);
  const { data } = ctx.getImageData(0, 0, width, height);
  return decodeLuminance(toLuminance(data, width, height), width, height);
}
