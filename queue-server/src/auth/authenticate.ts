import { type CenterConfig, type Failure, type StaffRole, fail } from "@motcua/protocol";
import { isDemoKey, isDemoLogin } from "./demo-credentials.ts";
import { issueDeviceToken, verifyDeviceToken } from "./device-token.ts";
import type { LoginGuard, LoginLimits } from "./login-guard.ts";
import { hashPassword, needsRehash, sha256, UNKNOWN_USER_HASH, verifyPassword } from "./passwords.ts";
import type { Principal } from "./principal.ts";
import { fingerprint, type Sessions } from "./sessions.ts";

const demoRefused = (): Failure =>
  fail("INVALID_CREDENTIALS", "Demo credentials work only in demo mode; use the accounts and keys of this center.");

/** The token of an `Authorization: Bearer …` header, if that is what it holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

/** Who is calling, from a bearer token: a device key or a staff session token. */
export function authenticate(config: CenterConfig, sessions: Sessions, token: string | undefined): Principal | Failure {
  if (!token) return fail("UNAUTHENTICATED", "Send a device key or a session token as 'Authorization: Bearer …'.");
  if (token.length > 512) return fail("UNAUTHENTICATED", "That credential is not valid.");
  const keyHash = sha256(token);
  const device = config.devices.find((d) => d.keyHash === keyHash && !d.revoked);
  if (device) {
    if (config.mode !== "demo" && isDemoKey(token)) return demoRefused();
    return { kind: "device", role: device.kind, id: device.id, name: device.name, fieldIds: device.fieldIds, counterIds: device.counterIds, kioskIds: device.kioskIds };
  }
  const session = sessions.find(token);
  if (session) {
    const r = session.record;
    const staff = config.staff.find((s) => s.id === r.staffId && s.active && s.role === r.role && fingerprint(s.passwordHash) === r.secret);
    if (staff) {
      return {
        kind: "staff",
        role: staff.role,
        id: staff.id,
        username: staff.username,
        name: staff.displayName,
        session: session.hash,
        counterId: session.record.counterId,
      };
    }
  }
  return fail("UNAUTHENTICATED", "That key or session is not valid (or has expired); log in again.");
}

/** What a login is checked against besides its password: see login-guard.ts. */
export interface LoginGate {
  guard: LoginGuard;
  limits: LoginLimits;
  /** The caller's network address. */
  ip: string;
  /** The device token this browser was given at its last login of the account, if any. */
  deviceToken?: string | undefined;
  /** The center whose account this is (a device token is for one account of one center). */
  scope: string;
  now: number;
}

export async function login(
  config: CenterConfig,
  sessions: Sessions,
  username: string,
  password: string,
  /** Keeps a stronger hash of the password for this account; answers the hash now stored. */
  rehash?: (staffId: string, passwordHash: string) => Promise<string>,
  gate?: LoginGate,
): Promise<{ token: string; role: StaffRole; expiresAt: number; displayName: string; deviceToken?: string } | Failure> {
  if (config.mode !== "demo" && isDemoLogin(username, password)) return demoRefused();
  const staff = config.staff.find((s) => s.username === username && s.active);
  // Before the password is checked: a held-back guess costs nothing and tells nothing.
  const account = staff && gate ? { scope: gate.scope, id: staff.id, passwordHash: staff.passwordHash } : null;
  const admitted = gate ? await gate.guard.admit({ account: username, ip: gate.ip, device: verifyDeviceToken(gate.deviceToken, account, gate.now) }, gate.limits) : null;
  if (admitted && "ok" in admitted) return admitted;
  // Hash even for an unknown user, so timing does not tell which usernames exist.
  const ok = await verifyPassword(password, staff?.passwordHash ?? UNKNOWN_USER_HASH);
  if (admitted) gate!.guard.settle(admitted, !!staff && ok);
  if (!staff || !ok) return fail("INVALID_CREDENTIALS", "Wrong username or password.");
  // A hash made at an older, lower cost is remade now, while the password is at hand; the
  // session is opened on the hash that is stored.
  const stored = rehash && needsRehash(staff.passwordHash) ? await rehash(staff.id, await hashPassword(password)) : staff.passwordHash;
  // A session is kept on disk before it is answered; a disk that refuses it is the store's failure, not a bug.
  const created = await sessions.create(staff.id, staff.role, stored).catch(() => null);
  if (!created) return fail("STORE_FAILED", "The server could not save the login; nothing was changed. Try again.");
  const { token, record } = created;
  // Made with the hash now stored, so a rehash at this login does not end it.
  const deviceToken = gate ? issueDeviceToken({ scope: gate.scope, id: staff.id, passwordHash: stored }, gate.now) : undefined;
  return { token, role: staff.role, expiresAt: record.expiresAt, displayName: staff.displayName, ...(deviceToken ? { deviceToken } : {}) };
}
