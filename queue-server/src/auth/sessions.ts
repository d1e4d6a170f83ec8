import type { StaffRole } from "@motcua/protocol";
import { newSecret, sha256 } from "./passwords.ts";

export const fingerprint = (passwordHash: string): string => sha256(passwordHash).slice(0, 16);

export interface SessionRecord {
  staffId: string;
  role: StaffRole;
  /** A fingerprint of the password hash the session was opened with: a new password ends it. */
  secret: string;
  expiresAt: number;
  counterId: string | null;
}

export interface SessionPersistence {
  load(): Promise<Record<string, SessionRecord> | null>;
  save(sessions: Record<string, SessionRecord>): Promise<void>;
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
  ) {}

  async load(): Promise<void> {
    const saved = (await this.persistence.load()) ?? {};
    const now = this.clock();
    for (const [hash, s] of Object.entries(saved)) if (s.expiresAt > now) this.byHash.set(hash, s);
  }

  async create(staffId: string, role: StaffRole, passwordHash: string): Promise<{ token: string; record: SessionRecord }> {
    const token = newSecret();
    const record: SessionRecord = { staffId, role, secret: fingerprint(passwordHash), expiresAt: this.clock() + this.ttlMs, counterId: null };
    this.byHash.set(sha256(token), record);
    await this.persist();
    return { token, record };
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
    await this.persist();
  }

  /** When a counter is taken over or closed, other sessions holding it lose it. */
  async releaseCounter(counterId: string, exceptHash: string | null): Promise<void> {
    let changed = false;
    for (const [hash, r] of this.byHash) {
      if (hash !== exceptHash && r.counterId === counterId) {
        r.counterId = null;
        changed = true;
      }
    }
    if (changed) await this.persist();
  }

  async revoke(hash: string): Promise<void> {
    if (this.byHash.delete(hash)) await this.persist();
  }

  /** Keeps only the sessions `keep` accepts; persisted once. */
  async retain(keep: (r: SessionRecord) => boolean): Promise<void> {
    let changed = false;
    for (const [hash, r] of this.byHash) {
      if (!keep(r)) {
        this.byHash.delete(hash);
        changed = true;
      }
    }
    if (changed) await this.persist();
  }

  private persist(): Promise<void> {
    const now = this.clock();
    const live: Record<string, SessionRecord> = {};
    for (const [hash, r] of this.byHash) {
      if (r.expiresAt > now) live[hash] = r;
      else this.byHash.delete(hash);
    }
    return this.persistence.save(live);
  }
}
