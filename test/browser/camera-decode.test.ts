import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { fakeCameraArgs, writeBlankVideo, writeQrVideo } from "../helpers/fake-camera.ts";
import { CCCD } from "../helpers/kiosk.ts";

const CAMERA_MODULE = fileURLToPath(import.meta.resolve("@motcua/kiosk-ui/camera"));

// The page only starts the scanner and records what it reports: no kiosk UI, so a failure here
// is the camera and decoder's own.
const PAGE = `<!doctype html>
<meta charset="utf-8">
<video id="camera" width="640" height="480"></video>
<script type="module">
  import { startCamera } from "./camera.js";
  const scan = (window.scan = { texts: [], errors: [], stop: null });
  scan.stop = await startCamera(document.getElementById("camera"), (t) => scan.texts.push(t), (r) => scan.errors.push(r));
</script>`;

type Scan = { texts: string[]; errors: string[]; stop: (() => void) | null };
const scanOf = (page: Page) => page.evaluate(() => (window as unknown as { scan?: Scan }).scan ?? null);

describe("the kiosk's QR scanner on a (fake) webcam in Chromium", () => {
  let dir: string;
  let server: Server;
  let url: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "motcua-camera-"));
    // The module as the kiosk ships it: bundled by Vite with zxing inside, run by a real browser.
    await build({
      configFile: false,
      logLevel: "warn",
      root: dir,
      build: {
        lib: { entry: CAMERA_MODULE, formats: ["es"], fileName: () => "camera.js" },
        outDir: join(dir, "dist"),
        emptyOutDir: true,
        minify: false,
        write: true,
      },
    });
    server = createServer((req, res) => {
      const name = basename(new URL(req.url ?? "/", "http://x").pathname);
      try {
        const body = name === "" ? PAGE : readFileSync(join(dir, "dist", name));
        res.writeHead(200, { "content-type": name === "" ? "text/html; charset=utf-8" : "text/javascript" }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    // 127.0.0.1 counts as a secure context, so getUserMedia is there without https.
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 60_000);
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The scanner page in a fresh Chromium: it reads its fake-camera file once, so one launch per file. */
  async function open(args: string[]): Promise<Page> {
    browser = await launchChromium(args);
    const page = await browser.newPage();
    page.on("pageerror", (error) => console.error("page:", error));
    await page.goto(url);
    return page;
  }

  it("reads a CCCD held up to the camera, diacritics intact, and reports it once", async () => {
    const video = join(dir, "cccd.y4m");
    writeQrVideo(video, CCCD);
    const page = await open(fakeCameraArgs(video));
    await expect.poll(async () => (await scanOf(page))?.texts, { timeout: 30_000, interval: 200 }).toEqual([CCCD]);
    // The card stays in view (the file loops): past the 3 s repeat window it is still one report.
    await page.waitForTimeout(4000);
    expect(await scanOf(page)).toMatchObject({ texts: [CCCD], errors: [] });

    const ended = await page.evaluate(() => {
      const video = document.getElementById("camera") as HTMLVideoElement;
      const tracks = (video.srcObject as MediaStream).getTracks();
      (window as unknown as { scan: Scan }).scan.stop?.();
      return { states: tracks.map((t) => t.readyState), source: video.srcObject };
    });
    expect(ended).toEqual({ states: ["ended"], source: null });
  }, 60_000);

  it("reads nothing from an empty room", async () => {
    const video = join(dir, "blank.y4m");
    writeBlankVideo(video);
    const page = await open(fakeCameraArgs(video));
    // The camera really plays, so the silence below is the decoder's and not a dead camera's.
    await expect.poll(() => page.evaluate(() => (document.getElementById("camera") as HTMLVideoElement).videoWidth), { timeout: 30_000 }).toBe(640);
    await expect.poll(() => page.evaluate(() => (document.getElementById("camera") as HTMLVideoElement).currentTime), { timeout: 30_000 }).toBeGreaterThan(0.5);
    await page.waitForTimeout(3000);
    expect(await scanOf(page)).toMatchObject({ texts: [], errors: [] });
  }, 60_000);

  it("tells a refused camera from a missing one", async () => {
    // A camera but no one to click "Allow": headless Chromium refuses, as a locked-down kiosk would.
    let page = await open(["--use-fake-device-for-media-stream"]);
    await expect.poll(async () => (await scanOf(page))?.errors, { timeout: 30_000 }).toEqual(["denied"]);
    await browser?.close();
    // A fake device list with no camera in it, so a webcam on the test machine cannot answer.
    page = await open(["--use-fake-device-for-media-stream=device-count=0", "--use-fake-ui-for-media-stream"]);
    await expect.poll(async () => (await scanOf(page))?.errors, { timeout: 30_000 }).toEqual(["none"]);
    expect((await scanOf(page))?.texts).toEqual([]);
  }, 60_000);
});
