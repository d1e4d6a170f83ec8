import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { backupName, readManifest, type BackupManifest } from "./backup.ts";
import { RELEASE } from "./release.ts";

/**
 * PostgreSQL backups are pg_dump's custom format, which pg_dump takes from one snapshot while the
 * instances keep writing: every commit before the dump began is in it. Beside it, the same
 * `backup.json` a folder backup has, so `motcua restore` knows which kind it holds.
 */
const DUMP = "database.dump";

/** pg_dump or pg_restore: on PATH (Debian's wrapper picks the server's version), else the newest installed. */
export function pgTool(name: "pg_dump" | "pg_restore"): string {
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir && existsSync(join(dir, name))) return join(dir, name);
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", name))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions[0]) return join(root, versions[0], "bin", name);
  throw new Error(`${name} was not found: install PostgreSQL's client tools (Debian: apt install postgresql-client)`);
}

/** The URL without its password, which goes to the tool in PGPASSWORD: a command line is for all to read. */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.href, env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"], env });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${err.trim()}`))));
  });
}

async function schemaOf(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations").catch(() => ({ rows: [{ v: 0 }] }));
    return r.rows[0]?.v ?? 0;
  } finally {
    await client.end();
  }
}

export async function backupDatabase(url: string, toDir: string, opts: { now?: Date; name?: string } = {}): Promise<string> {
  const target = join(toDir, opts.name ?? backupName(opts.now ?? new Date()));
  const partial = `${target}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const schema = await schemaOf(url);
  const db = connection(url);
  await run(pgTool("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", `--file=${join(partial, DUMP)}`, `--dbname=${db.dbname}`], db.env);
  const data = await readFile(join(partial, DUMP));
  const manifest: BackupManifest = {
    kind: "motcua-backup",
    store: "postgres",
    release: RELEASE,
    schema,
    takenAt: (opts.now ?? new Date()).toISOString(),
    files: [{ path: DUMP, bytes: data.length, sha256: createHash("sha256").update(data).digest("hex") }],
  };
  await writeFile(join(partial, "backup.json"), JSON.stringify(manifest, null, 2));
  await rename(partial, target);
  return target;
}

/** Restores into an empty database only: one that already holds motcua's tables is refused untouched. */
export async function restoreDatabase(backupDir: string, url: string): Promise<BackupManifest> {
  const manifest = await readManifest(backupDir);
  if (manifest.store !== "postgres") throw new Error(`${backupDir} is a data folder backup: restore it with --data-dir`);
  const file = manifest.files[0];
  const data = file ? await readFile(join(backupDir, file.path)).catch(() => null) : null;
  if (!file || !data || createHash("sha256").update(data).digest("hex") !== file.sha256) throw new Error(`${backupDir} is damaged: nothing was restored`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'");
    if (Number(r.rows[0]?.n) > 0) throw new Error("the database is not empty: restore into a new, empty database (nothing was changed)");
  } finally {
    await client.end();
  }
  const db = connection(url);
  await run(pgTool("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${db.dbname}`, join(backupDir, file.path)], db.env);
  return manifest;
}
