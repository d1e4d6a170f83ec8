import { createHmac, timingSafeEqual } from "node:crypto";
import { newSecret } from "./passwords.ts";

/**
 * A device token ("device cookie", OWASP's "Slow Down Online Guessing Attacks with Device
 * Cookies"): given to a browser after a successful login, sent back with the next login of the
 * same account, so that browser's logins are counted apart from everyone else's guesses.
 *
 * `<id>.<issued>.<mac>`: a random id (the device's name in the counts), when it was issued
 * (seconds, base 36), and HMAC-SHA256 over both, the account's scope and id, keyed with the
 * account's password hash. Nothing is stored: every instance sharing the configuration can check
 * it, it holds no personal data, and a new password (a new hash) ends every token of the account,
 * as it ends its sessions.
 */

/** A browser that has not logged in for this long is a stranger again. */
export const DEVICE_TOKEN_DAYS = 180;
const MAX_AGE_S = DEVICE_TOKEN_DAYS * 24 * 60 * 60;
/** A token from a clock a little ahead (another instance) still counts. */
const SKEW_S = 5 * 60;
const FORMAT = /^([A-Za-z0-9_-]{16})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;

/** The account a token is for: its center (or the province) and its id, and the secret it is made with. */
export interface DeviceAccount {
  scope: string;
  id: string;
  passwordHash: string;
}

const mac = (a: DeviceAccount, id: string, issued: string): Buffer =>
  createHmac("sha256", a.passwordHash).update(`motcua-device-v1\u0000${a.scope}\u0000${a.id}\u0000${id}\u0000${issued}`).digest();

export function issueDeviceToken(account: DeviceAccount, now: number): string {
  const id = newSecret(12);
  const issued = Math.floor(now / 1000).toString(36);
  return `${id}.${issued}.${mac(account, id, issued).toString("base64url")}`;
}

/** The device's id when `token` is this account's, unexpired; null otherwise (a stranger). */
export function verifyDeviceToken(token: string | undefined, account: DeviceAccount | null, now: number): string | null {
  if (!token || !account) return null;
  const m = FORMAT.exec(token);
  if (!m) return null;
  const [, id, issued, sent] = m as unknown as [string, string, string, string];
  const age = Math.floor(now / 1000) - parseInt(issued, 36);
  if (!(age <= MAX_AGE_S && age >= -SKEW_S)) return null;
  const expected = mac(account, id, issued);
  const given = Buffer.from(sent, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
