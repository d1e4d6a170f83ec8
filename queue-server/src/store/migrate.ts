import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Pool } from "pg";
import { transaction } from "./pg-transaction.ts";

const FOLDER = join(dirname(fileURLToPath(import.meta.url)), "migrations");
const NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;
/** Any constant: instances starting together take turns on it, so each migration runs once. */
const MIGRATION_LOCK = 0x6d6f7463;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The versioned SQL files beside this module, in order. */
export async function migrations(): Promise<Migration[]> {
  const names = (await readdir(FOLDER)).filter((n) => NAME.test(n)).sort();
  return Promise.all(names.map(async (name) => ({ version: Number(NAME.exec(name)![1]), name, sql: await readFile(join(FOLDER, name), "utf8") })));
}

export interface MigrateOptions {
  /** Called once, before the first migration on a database that already has a schema (to back it up). */
  beforeMigrating?: (pending: string[]) => Promise<void>;
}

/**
 * Brings the database to the newest schema: each migration not yet applied runs in one
 * transaction with its record in schema_migrations, so a failed one leaves nothing half done.
 * A database newer than this server (a rollback of the release) is refused, not damaged.
 */
export async function migrate(pool: Pool, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const all = await migrations();
  return transaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
    const done = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    const known = Math.max(0, ...all.map((m) => m.version));
    if (newest > known) throw new Error(`the database's schema is version ${newest}, newer than this server knows (${known}): run the newer release, or restore the backup taken before it`);
    const pending = all.filter((m) => !done.has(m.version));
    // A database in use is copied before its schema changes; a new one has nothing to lose.
    if (pending.length && done.size && opts.beforeMigrating) await opts.beforeMigrating(pending.map((m) => m.name));
    const applied: string[] = [];
    for (const m of all) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      applied.push(m.name);
    }
    return { applied };
  });
}
