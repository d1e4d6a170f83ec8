import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LowdbStore } from "@motcua/queue-server";
import { client, startTestServer } from "../helpers/harness.ts";

// Issue 18, finding 6: a login while the disk is full answered 500 "nothing was changed" but kept
// the session in memory: an answer that was not true, and memory an attacker could fill.

type SessionRecord = Parameters<LowdbStore["saveSession"]>[1];

/** The sessions the server holds in memory (private: there is no route that lists them). */
const held = (sessions: unknown) => (sessions as { byHash: Map<string, unknown> }).byHash.size;

describe("a login while the disk is full", () => {
  it("answers that nothing was changed, and keeps nothing; once the disk is back, logins work", async () => {
    let full = false;
    const dir = await mkdtemp(join(tmpdir(), "motcua-login-full-"));
    const real = new LowdbStore(dir);
    const store = Object.create(real) as LowdbStore;
    store.saveSession = async (hash: string, record: SessionRecord | null) => {
      if (full) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      return real.saveSession(hash, record);
    };
    const server = await startTestServer({ dataDir: dir, store });
    try {
      const c = client(server.url);
      const before = held(server.service.sessions);
      full = true;
      for (let i = 0; i < 5; i++) {
        const r = await c.api("POST", "/api/session", { body: { username: "canbo1", password: "demo" } });
        expect(r.status).toBe(503);
        expect(r.body.code).toBe("STORE_FAILED");
        expect(r.body.message).toContain("nothing was changed");
      }
      expect(held(server.service.sessions)).toBe(before);
      full = false;
      const token = await c.login("canbo1");
      expect(held(server.service.sessions)).toBe(before + 1);
      expect((await c.api("DELETE", "/api/session", { token })).status).toBe(204);
    } finally {
      await server.destroy();
    }
  });
});
