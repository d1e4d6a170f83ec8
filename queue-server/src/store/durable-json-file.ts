import { open, readFile, rename, mkdir, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";

let tmpCounter = 0;

/**
 * A lowdb adapter that survives power loss: write a temp file, fsync it, rename it over
 * the target, then fsync the folder so the rename itself is on disk. lowdb's own writer
 * renames atomically but never fsyncs, so an acknowledged write could vanish on a crash.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, "utf8")) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  write(data: T): Promise<void> {
    // Writes to one file go one after another, so an older snapshot never lands last.
    const run = this.chain.then(() => writeDurably(this.file, JSON.stringify(data)));
    this.chain = run.catch(() => undefined);
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
  const dh = await open(dir, "r");
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}
