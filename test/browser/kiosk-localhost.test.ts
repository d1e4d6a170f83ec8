import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalProxy, type LocalProxy } from "@motcua/station-agent";
import { fakeCameraArgs, writeQrVideo } from "../helpers/fake-camera.ts";
import { CCCD, takeTicket } from "../helpers/kiosk.ts";
import { connected, freePort, KIOSK, refused, startTestServer, type TestServer } from "../helpers/harness.ts";
import { useHall } from "../helpers/hall.ts";
import { lanAddress } from "../helpers/lan.ts";

const ticketsOf = (server: TestServer) => Object.values(server.service.state.tickets);

/**
 * Chromium lets a page use the camera only in a secure context: https, or http from localhost.
 * A kiosk PC opening the server at its LAN address gets neither, so its station agent serves the
 * kiosk at http://localhost:PORT (--serve-kiosk) and passes everything on to the server.
 */
describe("the kiosk through the station's localhost proxy, in a real browser", () => {
  const videoDir = mkdtempSync(join(tmpdir(), "motcua-camera-"));
  const lan = lanAddress();
  let proxy: LocalProxy;
  let serverPort: number;

  // Listening on every address, as in a hall, so the kiosk PC can reach it at its LAN address;
  // the webcam shows a chip ID card's QR, and the camera's permission prompt is pre-accepted.
  const hall = useHall({
    server: async () => ({ host: "0.0.0.0" }),
    chromium: () => {
      const video = join(videoDir, "cccd.y4m");
      writeQrVideo(video, CCCD);
      return fakeCameraArgs(video);
    },
  });
  beforeAll(async () => {
    serverPort = Number(new URL(hall.server.url).port);
    // The station agent's --server as on a kiosk PC: the server's LAN address.
    proxy = await startLocalProxy({ serverUrl: `http://${lan}:${serverPort}`, port: 0 });
  });
  afterAll(async () => {
    await proxy?.close();
    rmSync(videoDir, { recursive: true, force: true });
  });

  const open = async (url: string) => {
    const page = await hall.browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(url);
    await expect.poll(() => page.locator(".tile").count(), { timeout: 15_000 }).toBeGreaterThan(5);
    return page;
  };

  it("at its LAN address the kiosk page is no secure context: no camera at all (the problem)", async () => {
    const page = await open(`http://${lan}:${serverPort}/kiosk/?key=${KIOSK}`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await page.evaluate(() => typeof navigator.mediaDevices)).toBe("undefined");
    await page.close();
  }, 60_000);

  it("at http://localhost:PORT/kiosk/ it is one: the camera opens, a QR is read, and a number is taken through the proxy", async () => {
    const page = await open(`${proxy.url}/kiosk/?key=${KIOSK}`);
    expect(page.url()).toBe(`${proxy.url}/kiosk/?key=${KIOSK}`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    expect(await page.evaluate(() => typeof navigator.mediaDevices?.getUserMedia)).toBe("function");
    // getUserMedia resolves with a live video track.
    const tracks = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
      const found = stream.getTracks().map((t) => ({ kind: t.kind, state: t.readyState }));
      for (const t of stream.getTracks()) t.stop();
      return found;
    });
    expect(tracks).toEqual([{ kind: "video", state: "live" }]);

    // The kiosk's own scanner reads the ID card held up to the camera.
    await page.locator("nav.actions .action", { hasText: "Quét mã QR" }).click();
    await expect.poll(() => page.locator(".greeting").textContent(), { timeout: 20_000 }).toContain("Xin chào Nguyễn Văn An!");
    await page.close();

    // A number: the kiosk's socket and REST calls pass through to the server, which issues it.
    const again = await open(`${proxy.url}/kiosk/?key=${KIOSK}`);
    const number = await takeTicket(again, "ho-tich", "Đăng ký khai sinh");
    expect(number).toMatch(/^A\d{3}$/);
    expect(ticketsOf(hall.server).find((t) => t.number === number)).toMatchObject({ serviceId: "khai-sinh", status: "waiting" });
    await expect.poll(() => again.locator(".qr svg").count()).toBe(1);
    await again.close();
  }, 90_000);

  it("passes Socket.IO's long-polling and websocket alike, with the page's origin the server's; another origin stays refused", async () => {
    for (const transports of [["polling"], ["websocket"]]) {
      const socket = io(`${proxy.url}/kiosk`, { auth: { token: KIOSK }, transports, reconnection: false, forceNew: true, extraHeaders: { origin: proxy.url } });
      await connected(socket);
      expect(socket.io.engine.transport.name).toBe(transports[0]);
      socket.close();
    }
    const foreign = io(`${proxy.url}/kiosk`, { auth: { token: KIOSK }, transports: ["polling"], reconnection: false, forceNew: true, extraHeaders: { origin: "http://evil.example" } });
    const e = await refused(foreign);
    expect(e.message).toMatch(/xhr poll error|origin|403/i);
    foreign.close();
  });

  it("before the server is up the proxy answers a page that says so, and the kiosk appears by itself once it is", async () => {
    const port = await freePort();
    const early = await startLocalProxy({ serverUrl: `http://127.0.0.1:${port}`, port: 0, retrySeconds: 1 });
    let late: TestServer | undefined;
    try {
      const page = await hall.browser.newPage({ viewport: { width: 1080, height: 1920 } });
      await page.goto(`${early.url}/kiosk/?key=${KIOSK}`);
      expect(await page.title()).toBe("Máy chủ chưa sẵn sàng — Server not reachable");
      expect(await page.locator("main").textContent()).toContain("Server not reachable");
      late = await startTestServer({ port });
      await expect.poll(() => page.locator(".tile").count(), { timeout: 20_000 }).toBeGreaterThan(5);
      expect(page.url()).toBe(`${early.url}/kiosk/?key=${KIOSK}`);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
      await page.close();
    } finally {
      await early.close();
      await late?.destroy();
    }
  }, 60_000);
});
