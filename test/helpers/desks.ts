import { expect } from "vitest";
import type { client } from "./harness.ts";

/** Every desk of the demo hall, with who opens it (ten officers, the supervisor and the admin). */
export const DESKS = [
  ["canbo1", 1], ["canbo2", 2], ["canbo3", 3], ["canbo4", 4], ["canbo5", 5], ["canbo6", 6],
  ["canbo7", 7], ["canbo8", 8], ["canbo9", 9], ["canbo10", 10], ["giamsat", 11], ["admin", 12],
] as const;

/** Opens every desk of the demo hall through the API; each desk's session token, by its number. */
export async function openDesks(c: ReturnType<typeof client>): Promise<Map<number, string>> {
  const tokens = new Map<number, string>();
  for (const [user, n] of DESKS) {
    const token = await c.login(user, user === "admin" ? "admin" : "demo");
    expect((await c.api("POST", `/api/counters/quay-${n}/open`, { token, body: {} })).status).toBe(200);
    tokens.set(n, token);
  }
  return tokens;
}
