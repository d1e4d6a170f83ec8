import { type CenterConfig, type Failure, fail } from "@motcua/protocol";
import { hashPassword, newSecret, sha256 } from "../auth/passwords.ts";

/** Hashes never leave the server, even to an admin. */
export function redactConfig(config: CenterConfig): unknown {
  return {
    ...config,
    staff: config.staff.map(({ passwordHash: _p, ...s }) => s),
    devices: config.devices.map(({ keyHash: _k, ...d }) => d),
  };
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

/** Lets an admin send back what GET returned: records without a hash keep the one on file. */
export function mergeSecrets(input: Obj, current: CenterConfig): { ok: true; config: unknown } | Failure {
  const out: Obj = { ...input };
  if (Array.isArray(input.staff)) {
    const staff: unknown[] = [];
    for (const s of input.staff) {
      if (isObj(s) && s.passwordHash === undefined) {
        const old = current.staff.find((o) => o.id === s.id);
        if (!old) return fail("INVALID_CONFIG", `staff ${JSON.stringify(s.id)}: a new account needs a password hash (set a password first)`);
        staff.push({ ...s, passwordHash: old.passwordHash });
      } else staff.push(s);
    }
    out.staff = staff;
  }
  if (Array.isArray(input.devices)) {
    const devices: unknown[] = [];
    for (const d of input.devices) {
      if (isObj(d) && d.keyHash === undefined) {
        const old = current.devices.find((o) => o.id === d.id);
        if (!old) return fail("INVALID_CONFIG", `device ${JSON.stringify(d.id)}: a new device needs a key hash (generate a key first)`);
        devices.push({ ...d, keyHash: old.keyHash });
      } else devices.push(d);
    }
    out.devices = devices;
  }
  return { ok: true, config: out };
}

/**
 * An admin sets a password or asks for a new device key in the configuration they send: the
 * server hashes the one and makes the other, so neither is ever stored or sent back in the clear
 * (the new key is answered once).
 */
export async function setSecrets(input: Record<string, unknown>): Promise<{ config: Record<string, unknown>; newKeys: Record<string, string> } | Failure> {
  const out: Record<string, unknown> = { ...input };
  const newKeys: Record<string, string> = {};
  // Hashes are the server's to make: one sent in could lock an account or make its password trivial.
  const withoutHash = (x: unknown, field: "passwordHash" | "keyHash") => {
    if (typeof x !== "object" || x === null || !(field in x)) return x;
    const { [field]: _dropped, ...rest } = x as Record<string, unknown>;
    return rest;
  };
  if (Array.isArray(input.staff)) {
    out.staff = await Promise.all(
      input.staff.map(async (raw: unknown) => {
        const s = withoutHash(raw, "passwordHash");
        if (typeof s !== "object" || s === null || !("password" in s)) return s;
        const { password, ...rest } = s as { password: unknown };
        // Six characters that are not spaces, at least: "      " is not a password.
        if (typeof password !== "string" || password.replace(/\s/g, "").length < 6 || password.length > 128) return { ...rest, password: null };
        return { ...rest, passwordHash: await hashPassword(password) };
      }),
    );
    const bad = (out.staff as { password?: unknown; id?: unknown }[]).find((s) => s && typeof s === "object" && "password" in s);
    if (bad) return fail("INVALID_CONFIG", `staff ${JSON.stringify(bad.id)}: a password needs 6 to 128 characters, six of them not spaces`);
  }
  if (Array.isArray(input.devices)) {
    out.devices = input.devices.map((raw: unknown) => {
      const d = withoutHash(raw, "keyHash");
      if (typeof d !== "object" || d === null || !("newKey" in d)) return d;
      const { newKey, ...rest } = d as { newKey: unknown; id?: unknown };
      if (newKey !== true) return rest;
      const key = newSecret(18);
      if (typeof rest.id === "string") newKeys[rest.id] = key;
      return { ...rest, keyHash: sha256(key) };
    });
  }
  return { config: out, newKeys };
}

/** A short fingerprint of the stored configuration: what an admin loaded, to save over only that. */
export function configVersion(config: unknown): string {
  return sha256(JSON.stringify(config)).slice(0, 16);
}
