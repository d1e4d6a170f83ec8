import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt's cost: 2^17, today's recommended minimum (about 0.25 s and 128 MB a hash on a small server). */
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // 128 × N × r bytes of memory: twice that, for a hash made at a higher cost in a later release.
    scrypt(password, salt, KEYLEN, { N: n, r, p, maxmem: 256 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A hash made at a lower cost than today's: remade from the password at its next login. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r] = stored.split("$");
  return scheme === "scrypt" && (Number(n) < N || Number(r) < R);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scryptAsync(password, Buffer.from(salt, "base64url"), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Device keys and session tokens are long random strings: a fast hash is enough, and lookups stay O(1). */
export const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

export const newSecret = (bytes = 32): string => randomBytes(bytes).toString("base64url");

/** Checked against when the username is unknown, so timing does not tell which usernames exist. */
export const UNKNOWN_USER_HASH = `scrypt$${N}$${R}$${P}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
