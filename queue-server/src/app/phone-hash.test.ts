import { createHmac, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PHONE_HASH_COST, phoneHasher } from "./remote.ts";

const KEY = "k".repeat(43);
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe("a phone's hash", () => {
  it("is scrypt of the number under the data folder's key, at a cost of a third of a second a guess", async () => {
    // The cost itself is measured in bench/phone-hash.ts; here, that it is the one stated.
    expect(PHONE_HASH_COST).toEqual({ N: 2 ** 16, r: 8, p: 2 });
    const h = await phoneHasher(KEY, CHEAP)("0912345678");
    expect(h).toBe(`s1:${scryptSync("0912345678", KEY, 32, CHEAP).toString("hex")}`);
    // The keyed SHA-256 a copy of the folder could be searched with in half an hour finds nothing.
    expect(h).not.toContain(createHmac("sha256", KEY).update("0912345678").digest("hex"));
  });

  it("is the same for the same number and key, and another for another key or number", async () => {
    const a = phoneHasher(KEY, CHEAP);
    expect(await a("0912345678")).toBe(await a("0912345678"));
    expect(await a("0912345679")).not.toBe(await a("0912345678"));
    expect(await phoneHasher("x".repeat(43), CHEAP)("0912345678")).not.toBe(await a("0912345678"));
  });

  it("makes two at once and lets 32 wait; beyond, it says the server is busy instead of queueing", async () => {
    const hash = phoneHasher(KEY, CHEAP);
    const made = await Promise.all(Array.from({ length: 40 }, (_, i) => hash(`09123456${String(i).padStart(2, "0")}`)));
    expect(made.filter((h) => h === null)).toHaveLength(40 - 2 - 32);
    // Once they are done, it takes the next one at once.
    expect(await hash("0912345678")).toMatch(/^s1:[0-9a-f]{64}$/);
  });
});
