import pg from "pg";
import type { CenterConfig, ProcedureCatalog, ProvinceCatalog } from "@motcua/protocol";
import type { AppointmentBook, DayState, JournalEntry } from "@motcua/engine";
import type { DossierRecord } from "../catalog/dossiers.ts";
import type { DaySummary } from "../reports/summary.ts";
import type { SessionRecord } from "../auth/sessions.ts";
import { DAILY_KEYS } from "../app/daily-counts.ts";
import { migrate, type MigrateOptions } from "./migrate.ts";
import { transaction } from "./pg-transaction.ts";
import {
  JournalConflict,
  type CenterStores,
  type ProvinceAccount,
  type ProvinceStore,
  type Store,
  type StoreChange,
  type StoreListener,
  type StoredDay,
  type StoredKeys,
} from "./types.ts";

const UNIQUE_VIOLATION = "23505";

/**
 * The province's own rows, under a key no center id can take (ids are lowercase letters, digits
 * and '-'): its accounts as a document, its sessions beside the centers'.
 */
const PROVINCE_KEY = "*province";
/** Likewise for rows of the whole deployment (rate limits per network address). */
const DEPLOYMENT_KEY = "*";

/** The deployment's database: one pool, its schema brought up to date, a Store per center. */
export class PgDatabase implements CenterStores {
  readonly shared = true;
  readonly province: ProvinceStore;
  private readonly notices: Notices;
  private readonly stores = new Map<string, PgStore>();

  private constructor(
    readonly pool: pg.Pool,
    private readonly url: string,
  ) {
    this.notices = new Notices(url);
    this.province = new PgProvince(pool, new PgStore(pool, PROVINCE_KEY, this.notices));
  }

  static async connect(url: string, opts: { max?: number } & MigrateOptions = {}): Promise<PgDatabase> {
    const pool = newPool(url, opts.max ?? 10);
    try {
      await migrate(pool, opts);
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PgDatabase(pool, url);
  }

  /** The centers that have a configuration, by id. */
  async centers(): Promise<string[]> {
    const r = await this.pool.query<{ center: string }>("SELECT center FROM center_documents WHERE kind = 'config' ORDER BY center");
    return r.rows.map((row) => row.center);
  }

  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  /** Limits that count across centers (per network address): kept under the deployment's own key. */
  takeRate(key: string, perMinute: number, now: number): Promise<boolean> {
    return this.store(DEPLOYMENT_KEY).takeRate(key, perMinute, now);
  }

  store(center: string): PgStore {
    let s = this.stores.get(center);
    if (!s) this.stores.set(center, (s = new PgStore(this.pool, center, this.notices)));
    return s;
  }

  /**
   * A pool of its own for @socket.io/postgres-adapter. The adapter holds one client for LISTEN and,
   * when the database restarts, makes another without releasing the dead one: kept apart, that
   * costs the adapter a slot per restart, never the stores their connections.
   */
  socketPool(): pg.Pool {
    this.adapterPool ??= newPool(this.url, 4);
    return this.adapterPool;
  }
  private adapterPool: pg.Pool | null = null;

  async close(): Promise<void> {
    await this.notices.close();
    // A client the adapter never released would hold `end` forever: give it a moment, then go.
    const ended = (p: pg.Pool | null) => (p ? Promise.race([p.end(), new Promise((r) => setTimeout(r, 2000).unref())]) : undefined);
    await Promise.all([ended(this.pool), ended(this.adapterPool)]);
  }
}

function newPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // A connection the database dropped (a restart) must not crash the server: the pool replaces an
  // idle one, a query on a busy one fails with the error, and a client held for LISTEN ends.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  return pool;
}

class PgProvince implements ProvinceStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly rows: PgStore,
  ) {}

  private async doc<T>(kind: string): Promise<T | null> {
    const r = await this.pool.query<{ doc: T }>("SELECT doc FROM center_documents WHERE center = $1 AND kind = $2", [PROVINCE_KEY, kind]);
    return r.rows[0]?.doc ?? null;
  }

  private async saveDoc(kind: string, doc: unknown): Promise<void> {
    await this.pool.query(
      `INSERT INTO center_documents (center, kind, doc) VALUES ($1, $2, $3)
       ON CONFLICT (center, kind) DO UPDATE SET doc = excluded.doc, updated_at = now()`,
      [PROVINCE_KEY, kind, JSON.stringify(doc)],
    );
  }

  loadAccounts = () => this.doc<ProvinceAccount[]>("accounts");
  saveAccounts = (accounts: ProvinceAccount[]) => this.saveDoc("accounts", accounts);
  loadLinks = () => this.doc<Record<string, string>>("links");

  /** One key of the contacts document, set in the statement: instances noting different halls never overwrite each other. */
  async noteContact(unit: string, at: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO center_documents (center, kind, doc) VALUES ($1, 'contacts', jsonb_build_object($2::text, $3::bigint))
       ON CONFLICT (center, kind) DO UPDATE SET doc = center_documents.doc || excluded.doc, updated_at = now()`,
      [PROVINCE_KEY, unit, at],
    );
  }

  loadContacts = async () => (await this.doc<Record<string, number>>("contacts")) ?? {};
  loadCatalog = () => this.doc<ProvinceCatalog>("catalog");
  saveCatalog = (catalog: ProvinceCatalog) => this.saveDoc("catalog", catalog);
  saveLinks = (links: Record<string, string>) => this.saveDoc("links", links);

  loadSessions = () => this.rows.loadSessions();
  loadSession = (hash: string) => this.rows.loadSession(hash);
  saveSession = (hash: string, record: SessionRecord | null) => this.rows.saveSession(hash, record);
}

type Notice = { center: string; change: StoreChange };

/**
 * One connection that LISTENs for the notices stores send with their writes (journal appends,
 * session changes) and hands each to the stores of its center. A lost connection (the database
 * restarted) is made again; instances also poll (server.ts), so a notice missed meanwhile only
 * delays a change by a poll.
 */
class Notices {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly listeners = new Set<(n: Notice) => void>();
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {}

  subscribe(fn: (n: Notice) => void): () => void {
    this.listeners.add(fn);
    void this.connect();
    return () => this.listeners.delete(fn);
  }

  private connect(): Promise<void> {
    if (this.client || this.connecting || this.closed) return this.connecting ?? Promise.resolve();
    const client = new pg.Client({ connectionString: this.url });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => void this.connect(), 500).unref();
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (m) => {
      const notice = parseNotice(m.channel, m.payload ?? "");
      if (notice) for (const fn of this.listeners) fn(notice);
    });
    this.connecting = client
      .connect()
      .then(() => client.query("LISTEN motcua_journal; LISTEN motcua_sessions; LISTEN motcua_config; LISTEN motcua_book"))
      .then(() => {
        this.client = client;
      })
      .catch(() => {
        client.end().catch(() => undefined);
        if (!this.closed) this.retry = setTimeout(() => void this.connect(), 500).unref();
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.connecting;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}

/**
 * What a journal notice carries besides the position: the entries themselves when they fit in a
 * NOTIFY (8,000 bytes; a batch is usually a few hundred), so the other instances need not read
 * them back. Larger batches are read from the journal.
 */
function noticeOf(entries: JournalEntry[]): string {
  const text = ` ${JSON.stringify(entries)}`;
  return Buffer.byteLength(text) < 7000 ? text : "";
}

function parseNotice(channel: string, payload: string): Notice | null {
  if (channel === "motcua_journal") {
    const m = /^(\S+) (\S+) (\d+)(?: (.+))?$/s.exec(payload);
    if (!m) return null;
    let entries: JournalEntry[] | undefined;
    try {
      entries = m[4] ? (JSON.parse(m[4]) as JournalEntry[]) : undefined;
    } catch {
      entries = undefined;
    }
    return { center: m[1]!, change: { kind: "journal", day: m[2]!, seq: Number(m[3]), ...(entries ? { entries } : {}) } };
  }
  const parts = payload.split(" ");
  if (channel === "motcua_sessions" && parts.length === 2) return { center: parts[0]!, change: { kind: "session", hash: parts[1]! } };
  if (channel === "motcua_config" && parts.length === 1) return { center: parts[0]!, change: { kind: "config" } };
  if (channel === "motcua_book" && parts.length === 1) return { center: parts[0]!, change: { kind: "book" } };
  return null;
}

type DocKind = "config" | "procedures" | "dossiers" | "appointments";

/** One center's data in PostgreSQL; the pool belongs to its PgDatabase, which closes it. */
export class PgStore implements Store {
  constructor(
    private readonly pool: pg.Pool,
    readonly center: string,
    private readonly notices: Notices,
  ) {}

  watch(listener: StoreListener): () => void {
    return this.notices.subscribe((n) => {
      if (n.center === this.center) listener(n.change);
    });
  }

  private async doc<T>(kind: DocKind): Promise<T | null> {
    const r = await this.pool.query<{ doc: T }>("SELECT doc FROM center_documents WHERE center = $1 AND kind = $2", [this.center, kind]);
    return r.rows[0]?.doc ?? null;
  }

  private async saveDoc(kind: DocKind, doc: unknown): Promise<void> {
    // A new configuration or appointment book is announced with its commit: every instance takes it up (`watch`).
    await this.pool.query(
      `WITH saved AS (
         INSERT INTO center_documents (center, kind, doc) VALUES ($1, $2, $3)
         ON CONFLICT (center, kind) DO UPDATE SET doc = excluded.doc, updated_at = now()
         RETURNING kind)
       SELECT pg_notify(CASE kind WHEN 'config' THEN 'motcua_config' ELSE 'motcua_book' END, $1::text) FROM saved WHERE kind IN ('config', 'appointments')`,
      [this.center, kind, JSON.stringify(doc)],
    );
  }

  loadConfig = () => this.doc<CenterConfig>("config");
  saveConfig = (config: CenterConfig) => this.saveDoc("config", config);
  loadProcedures = () => this.doc<ProcedureCatalog>("procedures");
  saveProcedures = (procedures: ProcedureCatalog) => this.saveDoc("procedures", procedures);
  loadDossiers = () => this.doc<DossierRecord[]>("dossiers");
  saveDossiers = (dossiers: DossierRecord[]) => this.saveDoc("dossiers", dossiers);
  loadAppointments = () => this.doc<AppointmentBook>("appointments");
  saveAppointments = (book: AppointmentBook) => this.saveDoc("appointments", book);

  async saveAppointmentsIf(book: AppointmentBook, previous: AppointmentBook | null): Promise<boolean> {
    // jsonb compares by value: the stored book is the one this instance read, or nothing is written.
    const r = previous
      ? await this.pool.query(
          `WITH saved AS (
             UPDATE center_documents SET doc = $2, updated_at = now() WHERE center = $1 AND kind = 'appointments' AND doc = $3::jsonb RETURNING kind)
           SELECT pg_notify('motcua_book', $1::text) FROM saved`,
          [this.center, JSON.stringify(book), JSON.stringify(previous)],
        )
      : await this.pool.query(
          `WITH saved AS (
             INSERT INTO center_documents (center, kind, doc) VALUES ($1, 'appointments', $2) ON CONFLICT (center, kind) DO NOTHING RETURNING kind)
           SELECT pg_notify('motcua_book', $1::text) FROM saved`,
          [this.center, JSON.stringify(book)],
        );
    return r.rowCount === 1;
  }

  /** The minute whose old rate-limit rows this store last swept. */
  private sweptWindow = 0;

  async takeRate(key: string, perMinute: number, now: number): Promise<boolean> {
    const window = Math.floor(now / 60_000) * 60_000;
    // Once a minute the rows of windows long past go, so a flood of new keys cannot fill the disk.
    if (window !== this.sweptWindow) {
      this.sweptWindow = window;
      await this.pool.query("DELETE FROM rate_limits WHERE center = $1 AND window_start < $2", [this.center, window - 120_000]);
    }
    const r = await this.pool.query<{ count: number }>(
      `INSERT INTO rate_limits (center, key, window_start, count) VALUES ($1, $2, $3, 1)
       ON CONFLICT (center, key) DO UPDATE SET
         count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
         window_start = excluded.window_start
       RETURNING count`,
      [this.center, key.slice(0, 200), window],
    );
    return r.rows[0]!.count <= perMinute;
  }

  async countDaily(key: string, day: string, limit: number, mode: "take" | "peek"): Promise<boolean> {
    const k = key.slice(0, 200);
    if (day !== this.sweptDay) {
      this.sweptDay = day;
      await this.pool.query("DELETE FROM daily_counts WHERE center = $1 AND day < $2", [this.center, day]);
    }
    if (mode === "peek") {
      const r = await this.pool.query<{ count: number }>("SELECT count FROM daily_counts WHERE center = $1 AND day = $2 AND key = $3", [this.center, day, k]);
      return (r.rows[0]?.count ?? 0) < limit;
    }
    const taken = () =>
      this.pool.query("UPDATE daily_counts SET count = count + 1 WHERE center = $1 AND day = $2 AND key = $3 AND count < $4", [this.center, day, k, limit]);
    if ((await taken()).rowCount === 1) return true;
    // A new key: refused once the day holds as many as a hall could (a flood must not fill the disk).
    const added = await this.pool.query(
      `INSERT INTO daily_counts (center, day, key, count)
       SELECT $1, $2, $3, 1 WHERE $4 > 0 AND (SELECT count(*) FROM daily_counts WHERE center = $1 AND day = $2) < $5
       ON CONFLICT DO NOTHING`,
      [this.center, day, k, limit, DAILY_KEYS],
    );
    // Another instance may have added the key a moment before: take from its row instead.
    return added.rowCount === 1 || (await taken()).rowCount === 1;
  }
  private sweptDay = "";

  async loadSessions(): Promise<Record<string, SessionRecord> | null> {
    const r = await this.pool.query<{ hash: string; record: SessionRecord }>("SELECT hash, record FROM sessions WHERE center = $1", [this.center]);
    return r.rows.length ? Object.fromEntries(r.rows.map((row) => [row.hash, row.record])) : null;
  }

  async loadSession(hash: string): Promise<SessionRecord | null> {
    const r = await this.pool.query<{ record: SessionRecord }>("SELECT record FROM sessions WHERE center = $1 AND hash = $2", [this.center, hash]);
    return r.rows[0]?.record ?? null;
  }

  async saveSession(hash: string, record: SessionRecord | null): Promise<void> {
    // Every instance hears of it (`watch`): one whose copy of this session is stale reads it again.
    const notify = "SELECT pg_notify('motcua_sessions', $1::text || ' ' || $2::text)";
    await transaction(this.pool, async (client) => {
      if (record) {
        await client.query(
          `INSERT INTO sessions (center, hash, record, expires_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (center, hash) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at`,
          [this.center, hash, JSON.stringify(record), record.expiresAt],
        );
      } else {
        await client.query("DELETE FROM sessions WHERE center = $1 AND hash = $2", [this.center, hash]);
      }
      await client.query(notify, [this.center, hash]);
    });
  }

  async loadKeys(): Promise<StoredKeys | null> {
    const r = await this.pool.query<{ keys: StoredKeys }>("SELECT keys FROM center_keys WHERE center = $1", [this.center]);
    return r.rows[0]?.keys ?? null;
  }

  async saveKeys(keys: StoredKeys): Promise<void> {
    // The stored keys on the right: jsonb's || keeps them over the new ones.
    await this.pool.query("INSERT INTO center_keys (center, keys) VALUES ($1, $2) ON CONFLICT (center) DO UPDATE SET keys = excluded.keys || center_keys.keys", [
      this.center,
      JSON.stringify(keys),
    ]);
  }

  async loadDay(day: string): Promise<StoredDay | null> {
    // One snapshot of the database for both reads: a day closed in between would otherwise show
    // its old snapshot without the journal it has just dropped.
    const { snap, tail } = await transaction(
      this.pool,
      async (client) => {
        const snap = await client.query<{ seq: number; state: DayState }>("SELECT seq, state FROM day_snapshots WHERE center = $1 AND day = $2", [this.center, day]);
        return { snap: snap.rows[0], tail: await this.journalOf(client, day, snap.rows[0]?.seq ?? 0) };
      },
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    );
    if (!snap && tail.length === 0) return null;
    return { snapshot: snap?.state ?? null, snapshotSeq: snap?.seq ?? 0, tail };
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
      // The notice goes out with the commit: every instance takes the new entries in (`watch`).
      const r = await this.pool.query<{ n: string }>(
        `WITH added AS (
           INSERT INTO journal (center, day, seq, at, command)
           SELECT $1, $2, e.seq, e.at, e.command FROM unnest($3::integer[], $4::bigint[], $5::jsonb[]) AS e(seq, at, command)
           WHERE (SELECT coalesce(max(seq), 0) FROM journal WHERE center = $1 AND day = $2) = $6
           RETURNING seq)
         SELECT n, pg_notify('motcua_journal', $1::text || ' ' || $2::text || ' ' || last::text || $7::text) FROM (SELECT count(*) AS n, max(seq) AS last FROM added) a WHERE n > 0`,
        [this.center, day, entries.map((e) => e.seq), entries.map((e) => e.at), entries.map((e) => JSON.stringify(e.command)), first - 1, noticeOf(entries)],
      );
      if (Number(r.rows[0]?.n ?? 0) !== entries.length) throw new JournalConflict(day, first);
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION) throw new JournalConflict(day, first);
      throw e;
    }
  }

  async saveSnapshot(state: DayState, seq: number, opts: { final?: boolean; keepJournal?: boolean } = {}): Promise<void> {
    // A snapshot never goes back: an older one written late would hide journal entries.
    const upsert = `INSERT INTO day_snapshots (center, day, seq, state) VALUES ($1, $2, $3, $4)
      ON CONFLICT (center, day) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE day_snapshots.seq <= excluded.seq`;
    const values = [this.center, state.day, seq, JSON.stringify(state)];
    if (!opts.final || opts.keepJournal) {
      await this.pool.query(upsert, values);
      return;
    }
    await transaction(this.pool, async (client) => {
      await client.query(upsert, values);
      await client.query("DELETE FROM journal WHERE center = $1 AND day = $2 AND seq <= $3", [this.center, state.day, seq]);
    });
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
