import { open, readFile, unlink, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { JournalEntry } from "@motcua/engine";
import { syncFolder } from "./durable-json-file.ts";
import { JournalConflict } from "./types.ts";

/** A day's journal as read back: the whole entries, and how many bytes they take. */
export interface ReadJournal {
  entries: JournalEntry[];
  /** Bytes of whole lines; anything after them is a torn write. */
  goodBytes: number;
  totalBytes: number;
}

/**
 * Reads a journal of JSON lines. A last line cut short by a crash (no newline, or not JSON) is
 * left out: it was never acknowledged, because an append is answered only after its fsync. A bad
 * line with good ones after it is not a crash's doing, and stops the read with the line number.
 */
export async function readJournalFile(file: string): Promise<ReadJournal> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], goodBytes: 0, totalBytes: 0 };
    throw e;
  }
  const entries: JournalEntry[] = [];
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    line++;
    if (end < 0) break; // torn: the crash came before the newline
    let entry: JournalEntry | undefined;
    try {
      entry = JSON.parse(bytes.subarray(start, end).toString("utf8")) as JournalEntry;
    } catch {
      entry = undefined;
    }
    if (!entry || typeof entry.seq !== "number") {
      if (bytes.indexOf(0x0a, end + 1) >= 0) throw new Error(`${file}: line ${line} is damaged and more lines follow; restore this file from a backup`);
      break;
    }
    entries.push(entry);
    start = end + 1;
  }
  return { entries, goodBytes: start, totalBytes: bytes.length };
}

/**
 * The journal of one day, open for appending. Each append is one write and one fdatasync for
 * however many entries arrive together (group commit), so its cost does not grow with the day.
 */
export class JournalFile {
  private constructor(
    readonly file: string,
    private fh: FileHandle | null,
    private size: number,
    /** The last entry's seq, the position the next append must follow. */
    public last: number,
  ) {}

  /** Opens the journal, cutting off a torn last line first so new entries never follow garbage. */
  static async open(file: string): Promise<JournalFile> {
    const read = await readJournalFile(file);
    const fh = await open(file, "a");
    try {
      if (read.goodBytes < read.totalBytes) {
        await fh.truncate(read.goodBytes);
        await fh.sync();
      }
      if (read.totalBytes === 0) await syncFolder(dirname(file));
    } catch (e) {
      await fh.close();
      throw e;
    }
    return new JournalFile(file, fh, read.goodBytes, read.entries.at(-1)?.seq ?? 0);
  }

  async append(day: string, entries: JournalEntry[]): Promise<void> {
    if (!this.fh) throw new Error(`${this.file} is closed`);
    if (entries.length === 0) return;
    if (entries[0]!.seq !== this.last + 1) throw new JournalConflict(day, entries[0]!.seq);
    const text = Buffer.from(entries.map((e) => `${JSON.stringify(e)}\n`).join(""), "utf8");
    try {
      // A full disk takes what fits in the file's last block and says so, with no error: write
      // the rest, which then fails, or the entry would be acknowledged half written.
      for (let done = 0; done < text.length; ) done += (await this.fh.write(text, done, text.length - done)).bytesWritten;
      await this.fh.datasync();
    } catch (e) {
      // Whatever part reached the file was not acknowledged: cut it off, or the next append
      // would follow a half line. If even that fails, close: the next open repairs the tail.
      await this.fh.truncate(this.size).catch(() => this.close());
      throw e;
    }
    this.size += text.length;
    this.last = entries.at(-1)!.seq;
  }

  async close(): Promise<void> {
    const fh = this.fh;
    this.fh = null;
    await fh?.close().catch(() => undefined);
  }

  /** Closes and deletes the journal: its day is wholly in the final snapshot. */
  async remove(): Promise<void> {
    await this.close();
    await unlink(this.file).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
    await syncFolder(dirname(this.file));
  }
}
