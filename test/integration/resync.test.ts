import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Call, DisplaySnapshot } from "@motcua/protocol";
import { Link } from "@motcua/protocol/client";
import { createBoardStore } from "@motcua/display-board/store";
import { feedBoard } from "@motcua/display-board/feed";

// Issue 18 (npm run chaos, the hall drill): after a restart under load, two boards of 24 kept a
// counter's call before last until that counter called again. The server sent the board's
// picture, then a call; both came in one read of the socket, the board drew the call, and then
// the picture (older than the call) took its place. A server that answers the sync and calls in
// the same moment makes it happen every time.

const call = (ticketId: string, number: string, calledAt: string): Call => ({
  ticketId,
  number,
  serviceId: "khai-sinh",
  fieldId: "tu-phap",
  counterId: "quay-1",
  counterNumber: 1,
  calledAt,
  recalls: 0,
});
const older = call("2026-12-01-A001", "A001", "2026-12-01T02:00:00.000Z");
const newer = call("2026-12-01-A002", "A002", "2026-12-01T02:01:00.000Z");

const http = createServer();
const io = new Server(http, { transports: ["websocket"] });
afterAll(async () => {
  await io.close();
});

describe("a board's picture and a call that follows it in the same read", () => {
  it("ends with the call, not the older picture", async () => {
    let calls = [older];
    const picture = (): DisplaySnapshot => ({
      day: "2026-12-01",
      center: { name: "Trung tâm", nameEn: "Centre", hotline: "1022", notices: [] },
      fields: [{ id: "tu-phap", name: "Tư pháp", nameEn: "Justice" }],
      services: [],
      counters: [],
      recentCalls: calls,
      hallCode: null,
    });
    let syncs = 0;
    io.of("/display").on("connection", (socket) => {
      socket.on("display:sync", (_payload: unknown, ack: (a: unknown) => void) => {
        ack({ ok: true, data: picture() });
        // The officer's Next in the same moment: written right behind the answer.
        if (syncs++ === 0) {
          calls = [newer];
          socket.emit("ticket:called", { call: newer });
        }
      });
    });
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    const board = createBoardStore({ fields: [], counters: [], counter: null });
    const link = new Link("display", { url, token: "display-demo-key" });
    feedBoard(board, link);
    try {
      await vi.waitFor(() => expect(syncs).toBeGreaterThan(0), { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 300));
      expect(board.calls.value.map((c) => c.number)).toEqual(["A002"]);
    } finally {
      link.close();
    }
  });
});
