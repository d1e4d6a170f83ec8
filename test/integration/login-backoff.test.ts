import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, startTestServer, type TestServer } from "../helpers/harness.ts";
import { hallClock } from "../helpers/clock.ts";

// Issue 18, finding 5: wrong passwords from a hall's shared address locked the right password
// out from that address, while an attacker with many addresses guessed freely. Now an account's
// failures hold back browsers that never logged in to it (from every address), never the ones
// that did (device tokens, OWASP's device cookies).

/** The hall's counter PCs, behind one router: one address for every officer. */
const HALL = "203.0.113.10";

let server: TestServer;
let api: ReturnType<typeof client>["api"];
/** Time the test moves on by, on top of the working morning. */
let later = 0;

/** A login from `ip` (the server trusts the proxy's X-Forwarded-For, as behind nginx). */
const logIn = (ip: string, body: { username: string; password: string; center?: string; deviceToken?: string }) =>
  api("POST", "/api/session", { body, headers: { "x-forwarded-for": ip } });

beforeAll(async () => {
  // The production allowance (10 a minute), not the harness's unlimited one: this is the attack as it happened.
  server = await startTestServer({ loginPerMinute: 10, trustProxy: true, clock: () => hallClock() + later });
  api = client(server.url).api;
});
afterAll(() => server?.destroy());

describe("login backoff", () => {
  it("lets an officer whose browser logged in before in at once while a guesser from the same address is held back", async () => {
    const first = await logIn(HALL, { username: "canbo1", password: "demo" });
    expect(first.status).toBe(200);
    const deviceToken: string = first.body.deviceToken;
    expect(deviceToken).toEqual(expect.any(String));

    // Twelve wrong passwords from the hall's address: five are checked, the rest held back unchecked.
    const guesses = [];
    for (let n = 0; n < 12; n++) guesses.push(await logIn(HALL, { username: "canbo1", password: `doan-${n}` }));
    expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    expect(guesses[5]!.body.code).toBe("RATE_LIMITED");

    // The officer's browser, from the same address, with the right password: in at once.
    const officer = await logIn(HALL, { username: "canbo1", password: "demo", deviceToken });
    expect(officer.status).toBe(200);
    expect(officer.body).toMatchObject({ role: "staff", token: expect.any(String), deviceToken: expect.any(String) });

    // A browser without the token waits, right password or not, and is told until when.
    const stranger = await logIn(HALL, { username: "canbo1", password: "demo" });
    expect(stranger.status).toBe(429);
    expect(stranger.body.code).toBe("RATE_LIMITED");
    const wait = Date.parse(stranger.body.at) - (hallClock() + later);
    expect(wait).toBeGreaterThan(5_000);
    expect(wait).toBeLessThanOrEqual(15_000);
    const raw = await fetch(`${server.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": HALL },
      body: JSON.stringify({ username: "canbo1", password: "demo" }),
    });
    expect(raw.status).toBe(429);
    const retryAfter = Number(raw.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(Math.floor(wait / 1000) - 1);
    expect(retryAfter).toBeLessThanOrEqual(15);

    // Another officer at the same address, on a PC new to them, is not held back by it.
    expect((await logIn(HALL, { username: "canbo2", password: "demo" })).status).toBe(200);
  });

  it("does not let guesses from many addresses escape the account's count", async () => {
    const guesses = [];
    for (let n = 1; n <= 12; n++) guesses.push(await logIn(`198.51.100.${n}`, { username: "canbo3", password: `doan-${n}` }));
    expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    // The right password from yet another address, without the account's device token: held back too.
    expect((await logIn("192.0.2.99", { username: "canbo3", password: "demo" })).status).toBe(429);
    // A token of another account (or a made-up one) does not count as this account's.
    const other = (await logIn(HALL, { username: "canbo4", password: "demo" })).body.deviceToken as string;
    expect((await logIn(HALL, { username: "canbo3", password: "demo", deviceToken: other })).status).toBe(429);
    expect((await logIn(HALL, { username: "canbo3", password: "demo", deviceToken: `${"A".repeat(16)}.${"0".repeat(8)}.${"B".repeat(43)}` })).status).toBe(429);
  });

  it("doubles the hold with each failure after it, and lets the right password in once it ends", async () => {
    for (let n = 0; n < 5; n++) expect((await logIn(HALL, { username: "canbo5", password: "sai" })).status).toBe(401);
    expect((await logIn(HALL, { username: "canbo5", password: "sai" })).status).toBe(429);
    later += 15_000;
    // One more check after the hold; wrong again, the next hold is twice as long.
    expect((await logIn(HALL, { username: "canbo5", password: "sai" })).status).toBe(401);
    const again = await logIn(HALL, { username: "canbo5", password: "demo" });
    expect(again.status).toBe(429);
    expect(Date.parse(again.body.at) - (hallClock() + later)).toBeGreaterThan(20_000);
    later += 30_000;
    expect((await logIn(HALL, { username: "canbo5", password: "demo" })).status).toBe(200);
  });

  it("treats the province's accounts the same", async () => {
    const province = { username: "tinh", password: "demo", center: "province" };
    const first = await logIn(HALL, province);
    expect(first.status).toBe(200);
    const guesses = [];
    for (let n = 0; n < 6; n++) guesses.push((await logIn(`198.51.100.${50 + n}`, { ...province, password: `doan-${n}` })).status);
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await logIn(HALL, province)).status).toBe(429);
    const trusted = await logIn(HALL, { ...province, deviceToken: first.body.deviceToken });
    expect(trusted.status).toBe(200);
    expect(trusted.body.role).toBe("province");
  });
});
