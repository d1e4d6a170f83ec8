import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LowdbStore } from "@motcua/queue-server";
import type { JournalEntry } from "@motcua/engine";
import { ask, client, connect, connected, KIOSK, startTestServer } from "../helpers/harness.ts";

const statusOf = (body: { checks: { name: string; status: string }[] }, name: string) => body.checks.find((c) => c.name === name)?.status;

describe("the health check", () => {
  it("says all is well where it is, and warns of follow links phones cannot open", async () => {
    const local = await startTestServer();
    const reachable = await startTestServer({ publicUrl: "https://motcua.lamdong.gov.vn" });
    try {
      const warned = await client(local.url).api("GET", "/api/health");
      expect(warned.status).toBe(200);
      expect(warned.body).toMatchObject({ ok: true, status: "warn" });
      expect(statusOf(warned.body, "publicUrl")).toBe("warn");
      expect(warned.body.checks.find((c: { name: string }) => c.name === "publicUrl").detail).toContain("--public-url");
      for (const name of ["store", "day", "printers"]) expect(statusOf(warned.body, name), name).toBe("ok");
      const fine = await client(reachable.url).api("GET", "/api/health");
      expect(statusOf(fine.body, "publicUrl")).toBe("ok");
      // The supervisor's dashboard says so too.
      for (const [server, reach] of [[local, false], [reachable, true]] as const) {
        const boss = connect(server.url, "/supervisor", await client(server.url).login("giamsat"));
        await connected(boss);
        const snap = await ask(boss, "dashboard:sync");
        expect(snap.ok && snap.data.followLinks?.reachable).toBe(reach);
        boss.close();
      }
    } finally {
      await local.destroy();
      await reachable.destroy();
    }
  });

  it("answers 503 while the store refuses writes, and is well again after the next good one", async () => {
    let broken = false;
    const dir = await mkdtemp(join(tmpdir(), "motcua-health-"));
    const real = new LowdbStore(dir);
    const store = Object.create(real) as LowdbStore;
    store.appendJournal = async (day: string, entries: JournalEntry[]) => {
      if (broken) throw new Error("disk full");
      return real.appendJournal(day, entries);
    };
    const server = await startTestServer({ dataDir: dir, store, publicUrl: "https://motcua.lamdong.gov.vn" });
    try {
      const c = client(server.url);
      broken = true;
      expect((await c.api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })).body.code).toBe("STORE_FAILED");
      const down = await c.api("GET", "/api/health");
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ ok: false, status: "fail" });
      expect(down.body.checks.find((x: { name: string }) => x.name === "store").detail).toContain("writes refused since");
      broken = false;
      expect((await c.api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })).status).toBe(201);
      expect((await c.api("GET", "/api/health")).status).toBe(200);
    } finally {
      await server.destroy();
    }
  });
});
