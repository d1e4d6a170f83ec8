import { createHash } from "node:crypto";
import { copyFile, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { RELEASE } from "./release.ts";
import { DATA_SCHEMA, readDataSchema } from "./data-schema.ts";

/**
 * A backup of the embedded store is a folder: the data folder's files as they were at one moment,
 * and `backup.json`, which names the release and schema that wrote them and each file's checksum.
 *
 * The server keeps running while it is taken. Every document is replaced whole by a rename and a
 * journal only grows, so a copy is consistent when no document changed and no journal shrank while
 * it was made: documents are copied first, journals last (to their last whole line), then the
 * folder is looked at again, and the copy is made again if anything but a journal's growth happened.
 * A ticket acknowledged before the backup began is in a journal that was copied after it.
 */
export interface BackupManifest {
  kind: "motcua-backup";
  store: "folder" | "postgres";
  release: string;
  schema: number;
  takenAt: string;
  files: { path: string; bytes: number; sha256: string }[];
}

const MANIFEST = "backup.json";
/** Not part of the data: the demo printer's paper, the copies taken before upgrades, a disk's own folder. */
const SKIP_DIRS = new Set(["printed", "upgrade-backups", "lost+found"]);
const TEMP = /^\..+\.tmp$/;
const JOURNAL = /\.journal\.jsonl$/;

interface Seen {
  path: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

async function walk(root: string, dir = root, out: Seen[] = []): Promise<Seen[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT" && dir !== root) return [];
    throw e;
  });
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (dir === root && SKIP_DIRS.has(e.name)) continue;
      await walk(root, full, out);
    } else if (e.isFile() && !TEMP.test(e.name) && !(dir === root && e.name === MANIFEST)) {
      const s = await stat(full).catch(() => null);
      if (s) out.push({ path: relative(root, full).split(sep).join("/"), size: s.size, mtimeMs: s.mtimeMs, ino: s.ino });
    }
  }
  return out;
}

/** What happened between two looks that a copy cannot stand: a document changed, a journal shrank or went. */
function unsettled(before: Seen[], after: Seen[]): string | null {
  const now = new Map(after.map((f) => [f.path, f]));
  const then = new Set(before.map((f) => f.path));
  for (const f of before) {
    const g = now.get(f.path);
    if (!g) return `${f.path} went`;
    if (JOURNAL.test(f.path) ? g.size < f.size || g.ino !== f.ino : g.size !== f.size || g.mtimeMs !== f.mtimeMs || g.ino !== f.ino) return `${f.path} changed`;
  }
  for (const f of after) if (!then.has(f.path) && !JOURNAL.test(f.path)) return `${f.path} appeared`;
  return null;
}

/** A journal up to its last whole line: a line being appended now belongs to the next backup. */
async function copyJournal(from: string, to: string): Promise<Buffer> {
  const data = await readFile(from);
  const end = data.lastIndexOf(0x0a) + 1;
  const whole = data.subarray(0, end);
  await writeFile(to, whole);
  return whole;
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const inside = (path: string, dir: string) => {
  const r = relative(dir, path);
  return r === "" || (!r.startsWith("..") && !isAbsolute(r));
};

export function backupName(now: Date): string {
  return `motcua-backup-${now.toISOString().replace(/[:.]/g, "-").replace(/-\d{3}Z$/, "Z")}`;
}

/**
 * Copies the data folder into a new folder under `toDir` and returns its path. Tries again while
 * the server changes a document under it; gives up with an error naming what kept changing.
 */
export async function backupFolder(dataDir: string, toDir: string, opts: { now?: Date; tries?: number } = {}): Promise<string> {
  const schema = await readDataSchema(dataDir);
  if (schema.state === "empty") throw new Error(`${dataDir} holds no motcua data to back up`);
  if (inside(resolve(toDir), resolve(dataDir)) && !inside(resolve(toDir), resolve(dataDir, "upgrade-backups"))) {
    throw new Error(`backups go outside the data folder (${toDir} is in ${dataDir}): a copy there would copy itself`);
  }
  const name = backupName(opts.now ?? new Date());
  const target = join(toDir, name);
  const partial = `${target}.partial`;
  let why = "";
  for (let attempt = 0; attempt < (opts.tries ?? 20); attempt++) {
    await rm(partial, { recursive: true, force: true });
    const before = await walk(dataDir);
    const files: BackupManifest["files"] = [];
    // Documents first, journals last: a journal copied later holds at least what a document copied earlier saw.
    const ordered = [...before.filter((f) => !JOURNAL.test(f.path)), ...before.filter((f) => JOURNAL.test(f.path))];
    let vanished = false;
    for (const f of ordered) {
      const from = join(dataDir, f.path);
      const to = join(partial, f.path);
      await mkdir(dirname(to), { recursive: true });
      try {
        const data = JOURNAL.test(f.path) ? await copyJournal(from, to) : await copyDocument(from, to);
        files.push({ path: f.path, bytes: data.length, sha256: sha256(data) });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        vanished = true;
        why = `${f.path} went`;
        break;
      }
    }
    if (!vanished) {
      const moved = unsettled(before, await walk(dataDir));
      if (!moved) {
        const manifest: BackupManifest = {
          kind: "motcua-backup",
          store: "folder",
          release: RELEASE,
          schema: schema.state === "stamped" ? schema.schema : 1,
          takenAt: (opts.now ?? new Date()).toISOString(),
          files,
        };
        await writeFile(join(partial, MANIFEST), JSON.stringify(manifest, null, 2));
        await syncTree(partial);
        await rename(partial, target);
        await syncPath(toDir);
        return target;
      }
      why = moved;
    }
    await new Promise((r) => setTimeout(r, 20 + attempt * 20));
  }
  await rm(partial, { recursive: true, force: true });
  throw new Error(`the data folder kept changing while it was copied (${why}); try again when the hall is quieter`);
}

async function copyDocument(from: string, to: string): Promise<Buffer> {
  await copyFile(from, to);
  return readFile(to);
}

/** fsync every file and folder of a finished backup, so a power cut after "done" keeps it. */
async function syncTree(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) await syncTree(full);
    else await syncPath(full);
  }
  await syncPath(dir);
}

async function syncPath(path: string): Promise<void> {
  const fh = await open(path, "r");
  try {
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the files themselves are synced.
  } finally {
    await fh.close();
  }
}

export async function readManifest(backupDir: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(backupDir, MANIFEST), "utf8")) as BackupManifest;
  } catch {
    throw new Error(`${backupDir} is not a motcua backup (no readable ${MANIFEST})`);
  }
  if (manifest.kind !== "motcua-backup") throw new Error(`${backupDir} is not a motcua backup`);
  return manifest;
}

/**
 * Brings a folder backup back into an empty (or absent) data folder, checking every file's
 * checksum first, so a damaged backup is refused before anything is written. The files land in a
 * folder beside it that is renamed into place when all are synced: a restore cut short leaves no
 * data folder that looks whole but lacks its journals.
 */
export async function restoreFolder(backupDir: string, dataDir: string): Promise<BackupManifest> {
  const manifest = await readManifest(backupDir);
  if (manifest.store !== "folder") throw new Error(`${backupDir} is a PostgreSQL backup: restore it with --database`);
  if (manifest.schema > DATA_SCHEMA) throw new Error(`${backupDir} was written by release ${manifest.release} (data schema ${manifest.schema}); this release knows schema ${DATA_SCHEMA}: restore it with that release or a newer one`);
  const present = await readdir(dataDir).catch(() => [] as string[]);
  if (present.length) throw new Error(`${dataDir} is not empty: restore into an empty folder (nothing was changed)`);
  for (const f of manifest.files) {
    if (isAbsolute(f.path) || f.path.split(/[\\/]/).includes("..")) throw new Error(`${backupDir} names a file outside the data folder (${f.path}): nothing was restored`);
    const data = await readFile(join(backupDir, f.path)).catch(() => null);
    if (!data || sha256(data) !== f.sha256) throw new Error(`${f.path} in ${backupDir} is missing or damaged: nothing was restored`);
  }
  const staging = `${resolve(dataDir)}.restoring`;
  await rm(staging, { recursive: true, force: true });
  for (const f of manifest.files) {
    const to = join(staging, f.path);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(join(backupDir, f.path), to);
  }
  await syncTree(staging);
  // An empty data folder that exists (a service's StateDirectory) gives way to the restored one.
  await rmdir(dataDir).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOENT") throw e;
  });
  await rename(staging, dataDir);
  await syncPath(dirname(resolve(dataDir)));
  return manifest;
}

/** Keeps the newest `keep` backups in `dir` (by their names, which sort by time) and removes the rest. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^motcua-backup-[\dTZ-]+$/.test(n)).sort();
  const gone = names.slice(0, Math.max(0, names.length - keep));
  for (const n of gone) await rm(join(dir, n), { recursive: true, force: true });
  return gone;
}
