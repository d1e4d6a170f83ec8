import { describe, expect, it } from "vitest";
import { issueDeviceToken, verifyDeviceToken } from "./device-token.ts";
import { Backoff, LOGIN_BACKOFF, LoginGuard, type Admitted } from "./login-guard.ts";
import { RateLimiter } from "./rate-limit.ts";

const T0 = Date.parse("2026-12-01T09:00:00+07:00");

function guarded(perAccount = 1000, perIp = perAccount * 6) {
  let now = T0;
  const clock = () => now;
  const guard = new LoginGuard(clock);
  const limits = { loginPerIp: new RateLimiter(perIp, clock), loginPerUser: new RateLimiter(perAccount, clock) };
  /** One attempt, its password check failing (or succeeding): the guard's answer. */
  const attempt = async (account: string, ip: string, device: string | null, right = false) => {
    const a = await guard.admit({ account, ip, device }, limits);
    if ("ok" in a) return a;
    guard.settle(a, right);
    return a as Admitted;
  };
  return { attempt, advance: (ms: number) => (now += ms), now: () => now };
}

describe("Backoff", () => {
  it("lets five failures through, then holds the key back 15 s, doubling to ten minutes", () => {
    let now = T0;
    const b = new Backoff(() => now);
    for (let n = 0; n < 5; n++) {
      expect(b.heldUntil("k")).toBeNull();
      b.fail("k");
    }
    const holds: number[] = [];
    for (let n = 0; n < 8; n++) {
      const until = b.heldUntil("k")!;
      holds.push((until - now) / 1000);
      now = until;
      expect(b.heldUntil("k")).toBeNull();
      b.fail("k");
    }
    expect(holds).toEqual([15, 30, 60, 120, 240, 480, 600, 600]);
  });

  it("forgets a key's failures fifteen minutes after the last, never sooner than its hold ends", () => {
    let now = T0;
    const b = new Backoff(() => now);
    for (let n = 0; n < 12; n++) b.fail("k");
    expect(b.heldUntil("k")).toBe(T0 + LOGIN_BACKOFF.maxHoldMs);
    now += LOGIN_BACKOFF.maxHoldMs;
    // Free again after the hold, but the count is kept: the next failure holds ten minutes again.
    b.fail("k");
    expect(b.heldUntil("k")).toBe(now + LOGIN_BACKOFF.maxHoldMs);
    now += LOGIN_BACKOFF.forgetMs;
    b.fail("k");
    expect(b.heldUntil("k")).toBeNull();
  });

  it("keeps keys apart and clears one", () => {
    const b = new Backoff(() => T0);
    for (let n = 0; n < 5; n++) b.fail("a");
    expect(b.heldUntil("a")).not.toBeNull();
    expect(b.heldUntil("b")).toBeNull();
    b.clear("a");
    expect(b.heldUntil("a")).toBeNull();
  });
});

describe("LoginGuard", () => {
  it("holds back strangers to an account after five wrong passwords, from every address, without a check", async () => {
    const g = guarded();
    for (let n = 0; n < 5; n++) expect(await g.attempt("canbo1", `10.0.0.${n}`, null)).toMatchObject({ trusted: false });
    for (const ip of ["10.0.0.1", "192.0.2.7", "2001:db8::1"]) {
      expect(await g.attempt("canbo1", ip, null, true)).toMatchObject({ code: "RATE_LIMITED", at: new Date(T0 + 15_000).toISOString() });
    }
    // Another account from the same address is not held back.
    expect(await g.attempt("canbo2", "10.0.0.1", null, true)).toMatchObject({ trusted: false });
  });

  it("lets a device that logged in before through while the account is held, and counts its own failures", async () => {
    const g = guarded();
    for (let n = 0; n < 20; n++) await g.attempt("canbo1", "10.0.0.9", null);
    expect(await g.attempt("canbo1", "10.0.0.9", "device-1", true)).toMatchObject({ trusted: true });
    // A stolen token is held back like an account, and alone.
    for (let n = 0; n < 5; n++) expect(await g.attempt("canbo1", "10.0.0.9", "stolen")).toMatchObject({ trusted: true });
    expect(await g.attempt("canbo1", "10.0.0.9", "stolen", true)).toMatchObject({ code: "RATE_LIMITED" });
    expect(await g.attempt("canbo1", "10.0.0.9", "device-1", true)).toMatchObject({ trusted: true });
    // A device's success forgives its own typos.
    for (let n = 0; n < 4; n++) await g.attempt("canbo1", "10.0.0.9", "device-1");
    await g.attempt("canbo1", "10.0.0.9", "device-1", true);
    for (let n = 0; n < 4; n++) expect(await g.attempt("canbo1", "10.0.0.9", "device-1")).toMatchObject({ trusted: true });
  });

  it("does not take a held-back guess from the address's allowance, nor a trusted device's login", async () => {
    const g = guarded(1000, 6);
    for (let n = 0; n < 5; n++) expect(await g.attempt("canbo1", "10.0.0.1", null)).toMatchObject({ trusted: false });
    for (let n = 0; n < 50; n++) expect(await g.attempt("canbo1", "10.0.0.1", null)).toMatchObject({ code: "RATE_LIMITED" });
    for (let n = 0; n < 30; n++) await g.attempt("canbo3", "10.0.0.1", `device-${n}`, true);
    expect(await g.attempt("canbo2", "10.0.0.1", null, true)).toMatchObject({ trusted: false });
  });

  it("holds strangers to the account's attempts a minute, and an address to its flood guard", async () => {
    const g = guarded(2);
    expect(await g.attempt("canbo1", "10.0.0.1", null, true)).toMatchObject({ trusted: false });
    expect(await g.attempt("canbo1", "10.0.0.2", null, true)).toMatchObject({ trusted: false });
    expect(await g.attempt("canbo1", "10.0.0.3", null, true)).toMatchObject({ code: "RATE_LIMITED", at: new Date(T0 + 60_000).toISOString() });
    for (let n = 0; n < 12; n++) expect(await g.attempt(`user${n}`, "10.0.0.4", null, true)).toMatchObject({ trusted: false });
    expect(await g.attempt("other", "10.0.0.4", null, true)).toMatchObject({ code: "RATE_LIMITED" });
    g.advance(60_000);
    expect(await g.attempt("canbo1", "10.0.0.3", null, true)).toMatchObject({ trusted: false });
  });
});

describe("device tokens", () => {
  const account = { scope: "lam-dong", id: "canbo1", passwordHash: "scrypt$131072$8$1$c2FsdA$aGFzaA" };

  it("are the account's own, checked without state, and end with a new password or after 180 days", () => {
    const token = issueDeviceToken(account, T0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{16}\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    const id = verifyDeviceToken(token, account, T0 + 1000);
    expect(id).toBe(token.split(".")[0]);
    expect(verifyDeviceToken(token, { ...account, id: "canbo2" }, T0)).toBeNull();
    expect(verifyDeviceToken(token, { ...account, scope: "da-lat" }, T0)).toBeNull();
    expect(verifyDeviceToken(token, { ...account, passwordHash: `${account.passwordHash}x` }, T0)).toBeNull();
    expect(verifyDeviceToken(token, null, T0)).toBeNull();
    expect(verifyDeviceToken(token, account, T0 + 181 * 24 * 3600_000)).toBeNull();
    const [a, issued, mac] = token.split(".");
    expect(verifyDeviceToken(`${a}.${(parseInt(issued!, 36) + 1).toString(36)}.${mac}`, account, T0)).toBeNull();
    expect(verifyDeviceToken(`${"A".repeat(16)}.${issued}.${mac}`, account, T0)).toBeNull();
    expect(verifyDeviceToken("junk", account, T0)).toBeNull();
    expect(verifyDeviceToken(undefined, account, T0)).toBeNull();
  });
});
