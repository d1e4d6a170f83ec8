import { fail, PROVINCE_SCOPE, type Failure } from "@motcua/protocol";
import type { ProvinceAccount, ProvinceStore } from "../store/types.ts";
import { DEMO_PROVINCE, demoPasswordHash, isDemoLogin } from "./demo-credentials.ts";
import { issueDeviceToken, verifyDeviceToken } from "./device-token.ts";
import { LoginGuard, type LoginLimits } from "./login-guard.ts";
import { hashPassword, needsRehash, UNKNOWN_USER_HASH, verifyPassword } from "./passwords.ts";
import type { ProvincePrincipal } from "./principal.ts";
import { fingerprint, Sessions } from "./sessions.ts";

/**
 * The province's administrators: their accounts and sessions, kept by the deployment apart from
 * every center's configuration, so no center admin can make or see one.
 */
export class Province {
  /** Wrong passwords of the province's accounts, counted by this instance. */
  private readonly guard: LoginGuard;

  private constructor(
    private readonly store: ProvinceStore,
    private accounts: ProvinceAccount[],
    readonly sessions: Sessions,
    /** Demo credentials are honoured only while the deployment runs a demo. */
    private readonly demo: () => boolean,
    private readonly clock: () => number,
  ) {
    this.guard = new LoginGuard(clock);
  }

  static async open(store: ProvinceStore, clock: () => number, demo: () => boolean): Promise<Province> {
    const sessions = await Sessions.openIn(store, clock, PROVINCE_SCOPE);
    const p = new Province(store, (await store.loadAccounts()) ?? [], sessions, demo, clock);
    // A demo deployment has the documented province account, as a demo center has its admin.
    if (demo() && !p.accounts.some((a) => a.username === DEMO_PROVINCE.username)) {
      await p.keepAccount(DEMO_PROVINCE.username, await demoPasswordHash(DEMO_PROVINCE.password), "Văn phòng UBND tỉnh");
    }
    return p;
  }

  get hasAccounts(): boolean {
    return this.accounts.some((a) => a.active);
  }

  /** Makes an account, or gives an existing one a new password (how a lost one is recovered on the server). */
  async setAccount(username: string, password: string, displayName = "Quản trị cấp tỉnh"): Promise<void> {
    await this.keepAccount(username, await hashPassword(password), displayName);
  }

  private async keepAccount(username: string, passwordHash: string, displayName: string): Promise<void> {
    const others = this.accounts.filter((a) => a.username !== username);
    const old = this.accounts.find((a) => a.username === username);
    this.accounts = [...others, { id: old?.id ?? `tinh-${username}`, username, displayName: old?.displayName ?? displayName, passwordHash, active: true }];
    await this.store.saveAccounts(this.accounts);
  }

  /**
   * A province administrator's login, held back as a hall's officers' are (login-guard.ts): the
   * guard's counts are the deployment's, its limiters keyed apart from every center's accounts.
   */
  async login(
    username: string,
    password: string,
    from?: { ip: string; deviceToken?: string | undefined; limits: LoginLimits },
  ): Promise<{ token: string; expiresAt: number; displayName: string; deviceToken?: string } | Failure> {
    if (!this.demo() && isDemoLogin(username, password)) {
      return fail("INVALID_CREDENTIALS", "Demo credentials work only in demo mode; use the accounts and keys of this center.");
    }
    // Another instance may have made the account since this one started.
    this.accounts = (await this.store.loadAccounts()) ?? [];
    const account = this.accounts.find((a) => a.username === username && a.active);
    const now = this.clock();
    const device = from ? verifyDeviceToken(from.deviceToken, account ? { scope: PROVINCE_SCOPE, id: account.id, passwordHash: account.passwordHash } : null, now) : null;
    const admitted = from ? await this.guard.admit({ account: `${PROVINCE_SCOPE}|${username}`, ip: from.ip, device }, from.limits) : null;
    if (admitted && "ok" in admitted) return admitted;
    const ok = await verifyPassword(password, account?.passwordHash ?? UNKNOWN_USER_HASH);
    if (admitted) this.guard.settle(admitted, !!account && ok);
    if (!account || !ok) return fail("INVALID_CREDENTIALS", "Wrong username or password.");
    // A hash made at an older, lower cost is remade now, while the password is at hand.
    if (needsRehash(account.passwordHash)) await this.setAccount(account.username, password);
    const current = this.accounts.find((a) => a.id === account.id)!;
    const { token, record } = await this.sessions.create(current.id, "province", current.passwordHash);
    const deviceToken = from ? issueDeviceToken({ scope: PROVINCE_SCOPE, id: current.id, passwordHash: current.passwordHash }, now) : undefined;
    return { token, expiresAt: record.expiresAt, displayName: account.displayName, ...(deviceToken ? { deviceToken } : {}) };
  }

  /** The province administrator a session token belongs to; null when it is not a live one. */
  async authenticate(token: string, shared: boolean): Promise<ProvincePrincipal | null> {
    if (shared) await this.sessions.learn(token).catch(() => undefined);
    return this.known(token);
  }

  /** As `authenticate`, from what this instance holds (a socket's check before each command). */
  known(token: string): ProvincePrincipal | null {
    const session = this.sessions.find(token);
    if (!session) return null;
    const a = this.accounts.find((x) => x.id === session.record.staffId && x.active && fingerprint(x.passwordHash) === session.record.secret);
    if (!a) return null;
    return { kind: "province", role: "province", id: a.id, username: a.username, name: a.displayName, session: session.hash };
  }
}
