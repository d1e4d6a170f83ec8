import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LowdbStore } from "@motcua/queue-server";
import type { JournalEntry } from "@motcua/engine";
import { storedDay } from "../helpers/stored-day.ts";
import { KIOSK, client, startTestServer } from "../helpers/harness.ts";

describe("durable before acknowledged", () => {
  it("writes every ticket of a concurrent burst to disk before answering, each with its own number", async () => {
    const server = await startTestServer();
    try {
      const c = client(server.url);
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => c.api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: i % 3 ? "khai-sinh" : "tra-ket-qua" } })),
      );
      expect(answers.every((a) => a.status === 201)).toBe(true);
      const numbers = answers.map((a) => a.body.number);
      expect(new Set(numbers).size).toBe(60);
      // What a restart would rebuild from disk alone: the snapshot and the journal after it.
      const day = answers[0]!.body.day;
      expect((await new LowdbStore(server.dataDir).loadDay(day))!.tail.length).toBeGreaterThanOrEqual(60);
      const onDisk = (await storedDay(server.dataDir, day))!;
      for (const a of answers) expect(onDisk.tickets[a.body.id]?.number).toBe(a.body.number);
    } finally {
      await server.destroy();
    }
  });

  it("refuses a command whose write failed, and keeps the state as it was", async () => {
    let broken = false;
    const dir = await mkdtemp(join(tmpdir(), "motcua-fail-"));
    const real = new LowdbStore(dir);
    const store = Object.create(real) as LowdbStore;
    store.appendJournal = async (day: string, entries: JournalEntry[]) => {
      if (broken) throw new Error("disk full");
      return real.appendJournal(day, entries);
    };
    const server = await startTestServer({ dataDir: dir, store });
    try {
      const c = client(server.url);
      const first = await c.issue("khai-sinh");
      broken = true;
      const r = await c.api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } });
      expect(r.status).toBe(503);
      expect(r.body.code).toBe("STORE_FAILED");
      expect(server.service.state.order).toEqual([first.id]);
      broken = false;
      expect((await c.issue("khai-sinh")).number).toBe("A002");
    } finally {
      await server.destroy();
    }
  });
});
