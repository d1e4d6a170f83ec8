import pg from "pg";
import type { CenterConfig, ProcedureCatalog } from "@motcua/protocol";
import type { AppointmentBook, DayState, JournalEntry } from "@motcua/engine";
import type { DossierRecord } from "../catalog/dossiers.ts";
import type { DaySummary } from "../reports/summary.ts";
import type { SessionRecord } from "../auth/sessions.ts";
import { migrate } from "./migrate.ts";
import { JournalConflict, type Store, type StoredDay } from "./types.ts";

const UNIQUE_VIOLATION = "23505";

/** The deployment's database: one pool, its schema brought up to date, a Store per center. */
export class PgDatabase {
  private constructor(readonly pool: pg.Pool) {}

  static async connect(url: string, opts: { max?: number } = {}): Promise<PgDatabase> {
    const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
    // A connection the database dropped (a restart) must not crash the server: the pool replaces it.
    pool.on("error", () => undefined);
    try {
      await migrate(pool);
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PgDatabase(pool);
  }

  /** The centers that have a configuration, by id. */
  async centers(): Promise<string[]> {
    const r = await this.pool.query<{ center: string }>("SELECT center FROM center_documents WHERE kind = 'config' ORDER BY center");
    return r.rows.map((row) => row.center);
  }

  store(center: string): PgStore {
    return new PgStore(this.pool, center);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

type DocKind = "config" | "sessions" | "procedures" | "dossiers" | "appointments";

/** One center's data in PostgreSQL; the pool belongs to its PgDatabase, which closes it. */
export class PgStore implements Store {
  constructor(
    private readonly pool: pg.Pool,
    readonly center: string,
  ) {}

  private async doc<T>(kind: DocKind): Promise<T | null> {
    const r = await this.pool.query<{ doc: T }>("SELECT doc FROM center_documents WHERE center = $1 AND kind = $2", [this.center, kind]);
    return r.rows[0]?.doc ?? null;
  }

  private async saveDoc(kind: DocKind, doc: unknown): Promise<void> {
    await this.pool.query(
      `INSERT INTO center_documents (center, kind, doc) VALUES ($1, $2, $3)
       ON CONFLICT (center, kind) DO UPDATE SET doc = excluded.doc, updated_at = now()`,
      [this.center, kind, JSON.stringify(doc)],
    );
  }

  loadConfig = () => this.doc<CenterConfig>("config");
  saveConfig = (config: CenterConfig) => this.saveDoc("config", config);
  loadSessions = () => this.doc<Record<string, SessionRecord>>("sessions");
  saveSessions = (sessions: Record<string, SessionRecord>) => this.saveDoc("sessions", sessions);
  loadProcedures = () => this.doc<ProcedureCatalog>("procedures");
  saveProcedures = (procedures: ProcedureCatalog) => this.saveDoc("procedures", procedures);
  loadDossiers = () => this.doc<DossierRecord[]>("dossiers");
  saveDossiers = (dossiers: DossierRecord[]) => this.saveDoc("dossiers", dossiers);
  loadAppointments = () => this.doc<AppointmentBook>("appointments");
  saveAppointments = (book: AppointmentBook) => this.saveDoc("appointments", book);

  async loadKeys(): Promise<{ phone?: string } | null> {
    const r = await this.pool.query<{ keys: { phone?: string } }>("SELECT keys FROM center_keys WHERE center = $1", [this.center]);
    return r.rows[0]?.keys ?? null;
  }

  async saveKeys(keys: { phone?: string }): Promise<void> {
    await this.pool.query("INSERT INTO center_keys (center, keys) VALUES ($1, $2) ON CONFLICT (center) DO UPDATE SET keys = excluded.keys", [this.center, JSON.stringify(keys)]);
  }

  async loadDay(day: string): Promise<StoredDay | null> {
    // One snapshot of the database for both reads: a day closed in between would otherwise show
    // its old snapshot without the journal it has just dropped.
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const snap = await client.query<{ seq: number; state: DayState }>("SELECT seq, state FROM day_snapshots WHERE center = $1 AND day = $2", [this.center, day]);
      const snapshotSeq = snap.rows[0]?.seq ?? 0;
      const tail = await this.journalOf(client, day, snapshotSeq);
      await client.query("COMMIT");
      if (!snap.rows[0] && tail.length === 0) return null;
      return { snapshot: snap.rows[0]?.state ?? null, snapshotSeq, tail };
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  private async journalOf(db: pg.Pool | pg.PoolClient, day: string, afterSeq: number): Promise<JournalEntry[]> {
    const r = await db.query<JournalEntry>("SELECT seq, at::float8 AS at, command FROM journal WHERE center = $1 AND day = $2 AND seq > $3 ORDER BY seq", [
      this.center,
      day,
      afterSeq,
    ]);
    return r.rows;
  }

  readJournal(day: string, afterSeq: number): Promise<JournalEntry[]> {
    return this.journalOf(this.pool, day, afterSeq);
  }

  async appendJournal(day: string, entries: JournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const first = entries[0]!.seq;
    try {
      // One statement, so all or none. The key refuses a position taken; the guard refuses one
      // that skips ahead of the journal's last, which the key alone would let through.
      const r = await this.pool.query(
        `INSERT INTO journal (center, day, seq, at, command)
         SELECT $1, $2, e.seq, e.at, e.command FROM unnest($3::integer[], $4::bigint[], $5::jsonb[]) AS e(seq, at, command)
         WHERE (SELECT coalesce(max(seq), 0) FROM journal WHERE center = $1 AND day = $2) = $6`,
        [this.center, day, entries.map((e) => e.seq), entries.map((e) => e.at), entries.map((e) => JSON.stringify(e.command)), first - 1],
      );
      if (r.rowCount !== entries.length) throw new JournalConflict(day, first);
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION) throw new JournalConflict(day, first);
      throw e;
    }
  }

  async saveSnapshot(state: DayState, seq: number, opts: { final?: boolean } = {}): Promise<void> {
    // A snapshot never goes back: an older one written late would hide journal entries.
    const upsert = `INSERT INTO day_snapshots (center, day, seq, state) VALUES ($1, $2, $3, $4)
      ON CONFLICT (center, day) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE day_snapshots.seq <= excluded.seq`;
    const values = [this.center, state.day, seq, JSON.stringify(state)];
    if (!opts.final) {
      await this.pool.query(upsert, values);
      return;
    }
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(upsert, values);
      await client.query("DELETE FROM journal WHERE center = $1 AND day = $2 AND seq <= $3", [this.center, state.day, seq]);
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async listDays(): Promise<string[]> {
    const r = await this.pool.query<{ day: string }>(
      "SELECT day FROM day_snapshots WHERE center = $1 UNION SELECT DISTINCT day FROM journal WHERE center = $1 ORDER BY 1",
      [this.center],
    );
    return r.rows.map((row) => row.day);
  }

  async openDays(): Promise<string[]> {
    const r = await this.pool.query<{ day: string }>("SELECT DISTINCT day FROM journal WHERE center = $1 ORDER BY 1", [this.center]);
    return r.rows.map((row) => row.day);
  }

  async loadSummary(day: string): Promise<DaySummary | null> {
    const r = await this.pool.query<{ summary: DaySummary }>("SELECT summary FROM day_summaries WHERE center = $1 AND day = $2", [this.center, day]);
    return r.rows[0]?.summary ?? null;
  }

  async saveSummary(summary: DaySummary): Promise<void> {
    await this.pool.query("INSERT INTO day_summaries (center, day, summary) VALUES ($1, $2, $3) ON CONFLICT (center, day) DO UPDATE SET summary = excluded.summary", [
      this.center,
      summary.day,
      JSON.stringify(summary),
    ]);
  }

  /** The pool is the database's: closing one center's store leaves the others working. */
  async close(): Promise<void> {}
}
