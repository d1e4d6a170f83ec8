import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { client, startTestServer } from "../helpers/harness.ts";

/** A hash as the previous releases made it: scrypt at N = 2^14. */
const oldHash = (password: string) => {
  const salt = randomBytes(16);
  return `scrypt$16384$8$1$${salt.toString("base64url")}$${scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 }).toString("base64url")}`;
};

describe("password hashes", () => {
  it("are made at scrypt N = 2^17, and an older, cheaper one is remade at its next login", async () => {
    const server = await startTestServer();
    try {
      const api = client(server.url).api;
      const admin = (await api("POST", "/api/session", { body: { username: "admin", password: "admin" } })).body.token;
      // A new account gets today's cost.
      const cfg = (await api("GET", "/api/admin/config", { token: admin })).body;
      cfg.staff.push({ id: "moi", username: "moi", displayName: "Cán bộ mới", role: "staff", password: "mat-khau-moi" });
      expect((await api("PUT", "/api/admin/config", { token: admin, body: cfg })).status).toBe(200);
      const hashOf = (id: string) => server.service.config.staff.find((s) => s.id === id)!.passwordHash;
      expect(hashOf("moi")).toMatch(/^scrypt\$131072\$8\$1\$/);

      // An account from an older release, its hash at 2^14, as a restored configuration has it.
      const { config } = server.service;
      const saved = await server.service.updateConfig({ ...config, staff: config.staff.map((s) => (s.id === "moi" ? { ...s, passwordHash: oldHash("mat-khau-moi") } : s)) });
      expect(saved.ok).toBe(true);
      expect(hashOf("moi")).toMatch(/^scrypt\$16384\$/);
      const first = await api("POST", "/api/session", { body: { username: "moi", password: "mat-khau-moi" } });
      expect(first.status).toBe(200);
      expect(hashOf("moi")).toMatch(/^scrypt\$131072\$/);
      // The session opened on the new hash is accepted (an officer may not see the day's
      // figures: 403, not 401), and the password still works.
      expect((await api("GET", "/api/stats/today", { token: first.body.token })).status).toBe(403);
      expect((await api("POST", "/api/session", { body: { username: "moi", password: "mat-khau-moi" } })).status).toBe(200);
      expect((await api("POST", "/api/session", { body: { username: "moi", password: "sai" } })).status).toBe(401);
    } finally {
      await server.destroy();
    }
  });
});
