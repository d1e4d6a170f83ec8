import type { CenterConfig, Failure } from "@motcua/protocol";
import { fail } from "@motcua/protocol";

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
