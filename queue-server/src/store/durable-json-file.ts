import { open, readFile, readdir, rename, mkdir, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";

/** A stored document that is not the JSON this server writes. */
export class CorruptFile extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file} is damaged (${problem.slice(0, 120)}) and was left as it is. Restore it from the latest backup (motcua restore), or move it aside to start without it.`);
    this.name = "CorruptFile";
  }
}

let tmpCounter = 0;
/** One write queue per file, shared by every adapter on it, so an older snapshot never lands last. */
const chains = new Map<string, Promise<void>>();
const TMP = /^\..+\.\d+\.\d+\.tmp$/;

/**
 * A lowdb adapter that survives power loss: write a temp file, fsync it, rename it over
 * the target, then fsync the folder so the rename itself is on disk. lowdb's own writer
 * renames atomically but never fsyncs, so an acknowledged write could vanish on a crash.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      // Never a document this server wrote (it renames whole files into place): a disk or a hand
      // broke it. Nothing is guessed or overwritten; the operator is told which file, and how.
      throw new CorruptFile(this.file, (e as Error).message);
    }
  }

  write(data: T): Promise<void> {
    return this.writeText(JSON.stringify(data));
  }

  /** Writes a document already serialized (a caller that must capture it at once). */
  writeText(text: string): Promise<void> {
    const run = (chains.get(this.file) ?? Promise.resolve()).then(() => writeDurably(this.file, text));
    const tail = run.catch(() => undefined);
    chains.set(this.file, tail);
    void tail.then(() => {
      if (chains.get(this.file) === tail) chains.delete(this.file);
    });
    return run;
  }
}

export async function writeDurably(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${++tmpCounter}.tmp`);
  const fh = await open(tmp, "w");
  try {
    await fh.writeFile(text, "utf8");
    await fh.sync();
  } catch (e) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  await rename(tmp, file);
  // The rename is the commit point: from here the new content is what a reader sees, so a
  // failing folder sync must not turn into "nothing was saved". It is reported, not thrown.
  try {
    await syncFolder(dir);
  } catch (e) {
    process.emitWarning(`motcua: could not fsync folder ${dir}: ${(e as Error).message}`);
  }
}

/** Puts a folder's entries (a file made, renamed or deleted) on disk. */
export async function syncFolder(dir: string): Promise<void> {
  const dh = await open(dir, "r");
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

/** Removes temp files a crash left between write and rename; the real files are untouched. */
export async function sweepTempFiles(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw e;
  }
  const stale = names.filter((n) => TMP.test(n));
  await Promise.all(stale.map((n) => unlink(join(dir, n)).catch(() => undefined)));
  return stale.length;
}
