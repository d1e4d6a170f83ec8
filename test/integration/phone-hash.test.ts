import { createHmac, scryptSync } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHONE_HASH_COST } from "@motcua/queue-server";
import { client, startTestServer, type TestServer } from "../helpers/harness.ts";

// Issue 18, finding 4: the phone hashes were HMAC-SHA256 under a key kept in keys.json beside
// them; from a copy of the data folder (a backup is one) every Vietnamese mobile number could be
// tried in about 29 minutes on one core. A guess now costs a scrypt at N = 2^16.

const PHONE = "0912345678";

/** Every file of the data folder, as text. */
async function folderText(dir: string): Promise<string> {
  let all = "";
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) all += (await readFile(join(e.parentPath, e.name), "utf8")) + "\n";
  }
  return all;
}

describe("a copy of the data folder", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.destroy());

  it("holds no phone number, and no hash a keyed SHA-256 search finds; only a slow scrypt guess tells", async () => {
    const c = client(server.url);
    const booked = await c.api("POST", "/api/appointments", { body: { serviceId: "khai-sinh", date: "2026-12-02", time: "08:00", phone: "0912 345 678" } });
    expect(booked.status).toBe(201);
    const remote = await c.api("POST", "/api/remote", { body: { serviceId: "khai-sinh", phone: "0912 345 678" } });
    expect(remote.status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));

    const text = await folderText(server.dataDir);
    expect(text).not.toContain(PHONE);
    const key = (JSON.parse(await readFile(join(server.dataDir, "keys.json"), "utf8")) as { phone: string }).phone;
    // The old attack: with the key from the copy, one SHA-256 per candidate number.
    expect(text).not.toContain(createHmac("sha256", key).update(PHONE).digest("hex"));
    // What the copy holds is found only by the stated scrypt cost, per guess (in the book and in the day).
    const hashes = [...new Set(text.match(/s1:[0-9a-f]{64}/g) ?? [])];
    expect(hashes).toEqual([`s1:${scryptSync(PHONE, key, 32, { ...PHONE_HASH_COST, maxmem: 256 * 1024 * 1024 }).toString("hex")}`]);
    // A cheaper scrypt does not find it: the cost is in the hash, not only in the server's code.
    expect(text).not.toContain(scryptSync(PHONE, key, 32, { N: 2 ** 14, r: 8, p: 2 }).toString("hex"));
  });
});
