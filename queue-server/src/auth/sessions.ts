import type { PROVINCE_ROLE, StaffRole } from "@motcua/protocol";
import { newSecret, sha256 } from "./passwords.ts";

export const fingerprint = (passwordHash: string): string => sha256(passwordHash).slice(0, 16);

export interface SessionRecord {
  staffId: string;
  role: StaffRole | typeof PROVINCE_ROLE;
  /** A fingerprint of the password hash the session was opened with: a new password ends it. */
  secret: string;
  expiresAt: number;
  counterId: string | null;
}

export interface SessionPersistence {
  load(): Promise<Record<string, SessionRecord> | null>;
  loadOne(hash: string): Promise<SessionRecord | null>;
  save(hash: string, record: SessionRecord | null): Promise<void>;
}

/**
 * Staff sessions keyed by the sha256 of their bearer token, so a copy of the
 * sessions file cannot be replayed as tokens. Persisted so a restart keeps staff logged in.
 */
export class Sessions {
  private byHash = new Map<string, SessionRecord>();

  constructor(
    private readonly persistence: SessionPersistence,
    private readonly clock: () => number,
    private readonly ttlMs = 12 * 60 * 60 * 1000,
    /**
     * Put before every new token ("<center>.<secret>"), so a deployment of many centers finds a
     * token's center without asking each one (and, across instances, without a read per center).
     */
    private readonly prefix = "",
  ) {}

  /** Sessions kept in a store's session rows (a center's, or the province's), their tokens starting with `prefix`. */
  static async openIn(
    store: { loadSessions(): Promise<Record<string, SessionRecord> | null>; loadSession(h: string): Promise<SessionRecord | null>; saveSession(h: string, r: SessionRecord | null): Promise<void> },
    clock: () => number,
    prefix: string,
  ): Promise<Sessions> {
    const sessions = new Sessions({ load: () => store.loadSessions(), loadOne: (h) => store.loadSession(h), save: (h, r) => store.saveSession(h, r) }, clock, undefined, prefix);
    await sessions.load();
    return sessions;
  }

  async load(): Promise<void> {
    const saved = (await this.persistence.load()) ?? {};
    const now = this.clock();
    for (const [hash, s] of Object.entries(saved)) if (s.expiresAt > now) this.byHash.set(hash, s);
  }

  async create(staffId: string, role: SessionRecord["role"], passwordHash: string): Promise<{ token: string; record: SessionRecord }> {
    const token = this.prefix ? `${this.prefix}.${newSecret()}` : newSecret();
    const record: SessionRecord = { staffId, role, secret: fingerprint(passwordHash), expiresAt: this.clock() + this.ttlMs, counterId: null };
    const hash = sha256(token);
    // Expired sessions go when a new one comes, so the store keeps only live ones.
    for (const [old, r] of this.byHash) {
      if (r.expiresAt <= this.clock()) {
        this.byHash.delete(old);
        await this.persistence.save(old, null);
      }
    }
    // Stored before it is held: a save that fails (a full disk) answers "nothing was changed",
    // and nothing is, not even in memory.
    await this.persistence.save(hash, record);
    this.byHash.set(hash, record);
    return { token, record };
  }

  /**
   * Reads one session again from the store: another instance may have opened it, bound it to a
   * counter or ended it. Called before a token is trusted where instances share the store.
   */
  async refresh(hash: string): Promise<void> {
    const record = await this.persistence.loadOne(hash);
    if (record && record.expiresAt > this.clock()) this.byHash.set(hash, record);
    else this.byHash.delete(hash);
  }

  /**
   * Reads a token's session from the store if this instance has not seen it (another instance
   * opened it). Device keys and forged tokens cost one read each: callers rate-limit them.
   */
  async learn(token: string): Promise<void> {
    if (token.length > 512) return;
    const hash = sha256(token);
    if (!this.byHash.has(hash)) await this.refresh(hash);
  }

  find(token: string): { hash: string; record: SessionRecord } | null {
    return this.get(sha256(token));
  }

  /** A live session by the hash a principal carries. */
  get(hash: string): { hash: string; record: SessionRecord } | null {
    const record = this.byHash.get(hash);
    if (!record) return null;
    if (record.expiresAt <= this.clock()) {
      this.byHash.delete(hash);
      return null;
    }
    return { hash, record };
  }

  async setCounter(hash: string, counterId: string | null): Promise<void> {
    const r = this.byHash.get(hash);
    if (!r) return;
    r.counterId = counterId;
    await this.persistence.save(hash, r);
  }

  /** When a counter is taken over or closed, other sessions holding it lose it. */
  async releaseCounter(counterId: string, exceptHash: string | null): Promise<void> {
    for (const [hash, r] of this.byHash) {
      if (hash !== exceptHash && r.counterId === counterId) {
        r.counterId = null;
        await this.persistence.save(hash, r);
      }
    }
  }

  async revoke(hash: string): Promise<void> {
    if (this.byHash.delete(hash)) await this.persistence.save(hash, null);
  }

  /** Keeps only the sessions `keep` accepts. */
  async retain(keep: (r: SessionRecord) => boolean): Promise<void> {
    for (const [hash, r] of this.byHash) {
      if (!keep(r)) {
        this.byHash.delete(hash);
        await this.persistence.save(hash, null);
      }
    }
  }
}
