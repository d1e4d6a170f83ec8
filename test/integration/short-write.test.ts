import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { JournalEntry } from "@motcua/engine";
import { LowdbStore } from "@motcua/queue-server";
import { smallDisk, type SmallDisk } from "../helpers/small-disk.ts";

// Issue 18 (the storage drill, test/chaos/storage.ts): on a full disk the kernel writes what fits
// in the journal's last block and says how much (a short write), without an error. The journal
// took the short write for the whole entry and acknowledged it: half a line on disk, the next
// entries after it, and at the next start "line N is damaged": an acknowledged ticket lost and a
// hall that would not start. On a real ext4 disk of its own, filled to the last byte.

const DAY = "2026-12-01";
const entry = (seq: number): JournalEntry => ({ seq, at: 1_000 * seq, command: { type: "callNext", counterId: "quay-1" } });
const bytesOf = (e: JournalEntry) => Buffer.byteLength(`${JSON.stringify(e)}\n`);

let base = "";
let disk: SmallDisk | null = null;
afterAll(async () => {
  disk?.unmount();
  if (base) await rm(base, { recursive: true, force: true });
});

describe("the journal on a disk that fills up", () => {
  it("acknowledges an entry only when all of it is on disk, and reads back whole after", async () => {
    base = await mkdtemp(join(tmpdir(), "motcua-short-write-"));
    disk = await smallDisk(base, 32);
    const file = join(disk.dir, "days", `${DAY}.journal.jsonl`);
    const store = new LowdbStore(disk.dir);
    // Entries until the journal's last 4 kB block has room for part of the next one, not all.
    let seq = 0;
    await store.appendJournal(DAY, [entry(++seq)]);
    while (4096 - ((await stat(file)).size % 4096) >= bytesOf(entry(seq + 1))) await store.appendJournal(DAY, [entry(++seq)]);
    const freeAgain = disk.fill();

    const acknowledged: number[] = Array.from({ length: seq }, (_, i) => i + 1);
    const next = seq + 1;
    const answered = await store.appendJournal(DAY, [entry(next)]).then(
      () => true,
      (e: NodeJS.ErrnoException) => e.code,
    );
    if (answered === true) acknowledged.push(next);
    else expect(answered).toBe("ENOSPC");
    freeAgain();
    // The hall goes on once there is room: the entry again if it was refused, then the next.
    for (let s = acknowledged.length + 1; s <= next + 1; s++) {
      await store.appendJournal(DAY, [entry(s)]);
      acknowledged.push(s);
    }
    await store.close();

    const again = new LowdbStore(disk.dir);
    try {
      const read = await again.readJournal(DAY, 0);
      expect(read.map((e) => e.seq)).toEqual(acknowledged);
    } finally {
      await again.close();
    }
  });
});
