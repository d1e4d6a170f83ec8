import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, client, connect, connected, next, startTestServer, type TestServer } from "../helpers/harness.ts";

let server: TestServer;
let c: ReturnType<typeof client>;
/** The board's key, made by the server when the admin adds the board (it is shown that once). */
let BOARD_KEY: string;

beforeAll(async () => {
  server = await startTestServer();
  c = client(server.url);
  const admin = await c.login("admin", "admin");
  const cfg = (await c.api("GET", "/api/admin/config", { token: admin })).body;
  cfg.devices.push({
    id: "bang-ho-tich",
    kind: "display",
    name: "Bảng khu Hộ tịch",
    newKey: true,
    fieldIds: ["ho-tich"],
    counterIds: ["quay-1", "quay-2"],
  });
  const saved = await c.api("PUT", "/api/admin/config", { token: admin, body: cfg });
  expect(saved.status).toBe(200);
  BOARD_KEY = saved.body.newKeys["bang-ho-tich"];
  expect(BOARD_KEY).toMatch(/^[A-Za-z0-9_-]{24}$/);
});
afterAll(() => server.destroy());

describe("a board set up for one area of the hall", () => {
  it("shows and hears only its own fields and counters", async () => {
    const board = connect(server.url, "/display", BOARD_KEY);
    await connected(board);
    try {
      const heard: string[] = [];
      board.on("ticket:called", (f: any) => heard.push(f.call.number));
      board.on("counter:updated", (f: any) => heard.push(`counter ${f.counter.number}`));
      const fieldsHeard = new Set<string>();
      board.on("services:updated", (f: any) => f.services.forEach((x: any) => fieldsHeard.add(x.fieldId)));

      const land = await c.issue("dang-ky-dat-dai");
      const birth = await c.issue("khai-sinh");
      const at4 = await c.openCounter("canbo4", "quay-4");
      const at1 = await c.openCounter("canbo1", "quay-1");
      expect((await c.api("POST", "/api/counters/quay-4/next", { token: at4 })).body.id).toBe(land.id);
      const shown = next<any>(board, "ticket:called");
      expect((await c.api("POST", "/api/counters/quay-1/next", { token: at1 })).body.id).toBe(birth.id);
      expect((await shown).call.number).toBe(birth.number);

      // Counters and waiting figures follow a moment after the call (once for a burst).
      await expect.poll(() => heard).toContain("counter 1");
      await expect.poll(() => fieldsHeard.size).toBeGreaterThan(0);
      expect(heard).toContain(birth.number);
      expect(heard).not.toContain(land.number);
      expect(heard).not.toContain("counter 4");

      expect([...fieldsHeard]).toEqual(["ho-tich"]);

      const snap = await ask(board, "display:sync");
      if (!snap.ok) throw new Error(snap.message);
      expect(snap.data.fields.map((f: any) => f.id)).toEqual(["ho-tich"]);
      expect(snap.data.counters.map((x: any) => x.counterId)).toEqual(["quay-1", "quay-2"]);
      expect(snap.data.recentCalls.map((x: any) => x.number)).toEqual([birth.number]);
    } finally {
      board.close();
    }
  });
});
