import type { HallCodeShown } from "@motcua/protocol";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The hall code (mã có mặt): four digits on the lobby boards, new every ten minutes, that a
 * phone holding a remote number types to say it has arrived. Passed to someone at home, it soon
 * stops working. It is derived, not stored: HMAC-SHA256 of the ten-minute window's index under
 * a secret made when the server starts (and never written), so nobody can work out the next one.
 */
export const HALL_CODE_WINDOW_MS = 10 * 60_000;

/** The index of the ten-minute window `at` falls in: windows start at :00, :10, … :50 of each hour. */
export const hallWindow = (at: number): number => Math.floor(at / HALL_CODE_WINDOW_MS);

/** The code of window `window`: the HMAC's first four bytes, as a number, modulo 10 000, in four digits. */
export function hallCodeOf(secret: Uint8Array, window: number): string {
  const mac = createHmac("sha256", secret).update(`motcua-hall-code:${window}`).digest();
  return String(mac.readUInt32BE(0) % 10_000).padStart(4, "0");
}

/** What the boards show at `at`: the code, and when the next one replaces it. */
export function hallCodeAt(secret: Uint8Array, at: number): HallCodeShown {
  const w = hallWindow(at);
  return { code: hallCodeOf(secret, w), changesAt: new Date((w + 1) * HALL_CODE_WINDOW_MS).toISOString() };
}

/**
 * Whether `typed` is the code of `at`'s window or of the one before (a citizen who read it just
 * before it changed). Compared in constant time; the route limits wrong tries.
 */
export function hallCodeAccepts(secret: Uint8Array, typed: string, at: number): boolean {
  if (!/^\d{4}$/.test(typed)) return false;
  const w = hallWindow(at);
  const same = (code: string) => timingSafeEqual(Buffer.from(code), Buffer.from(typed));
  // Both compared, whichever matches: the time taken says nothing about which window it was.
  const now = same(hallCodeOf(secret, w));
  const before = same(hallCodeOf(secret, w - 1));
  return now || before;
}

/**
 * The server's hall code. One server alone keeps its secret only in memory, so a restart starts a
 * new series; instances sharing a database share the secret it keeps, or boards on different
 * instances would show different codes.
 */
export class HallCode {
  private readonly secret: Uint8Array;
  constructor(
    private readonly clock: () => number,
    secret?: Uint8Array,
  ) {
    this.secret = secret ?? randomBytes(32);
  }
  shown(): HallCodeShown {
    return hallCodeAt(this.secret, this.clock());
  }
  accepts(typed: string): boolean {
    return hallCodeAccepts(this.secret, typed, this.clock());
  }
}
