import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { JournalEntry } from "@motcua/engine";
import { sweepTempFiles } from "./durable-json-file.ts";
import { LowdbStore } from "./lowdb-store.ts";
import { storeContract } from "./store-contract.ts";

storeContract("the embedded store", async () => {
  const dir = await mkdtemp(join(tmpdir(), "motcua-store-"));
  return { open: () => new LowdbStore(dir), dispose: () => rm(dir, { recursive: true, force: true }) };
});

const DAY = "2026-12-01";
const entry = (seq: number): JournalEntry => ({ seq, at: 1_000 * seq, command: { type: "callNext", counterId: "q1" } });

describe("the embedded store's journal file", () => {
  async function withDir(test: (dir: string) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), "motcua-journal-"));
    try {
      await test(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const journal = (dir: string) => join(dir, "days", `${DAY}.journal.jsonl`);

  it("drops a last line a crash cut short, and appends cleanly after it", async () => {
    await withDir(async (dir) => {
      const store = new LowdbStore(dir);
      await store.appendJournal(DAY, [entry(1), entry(2)]);
      await store.close();
      await appendFile(journal(dir), JSON.stringify(entry(3)).slice(0, 25));
      const again = new LowdbStore(dir);
      expect((await again.loadDay(DAY))!.tail).toEqual([entry(1), entry(2)]);
      await again.appendJournal(DAY, [entry(3)]);
      await again.close();
      const lines = (await readFile(journal(dir), "utf8")).split("\n");
      expect(lines.slice(0, 3).map((l) => JSON.parse(l).seq)).toEqual([1, 2, 3]);
      expect(lines[3]).toBe("");
    });
  });

  it("stops at a damaged line in the middle and says which one", async () => {
    await withDir(async (dir) => {
      const store = new LowdbStore(dir);
      await store.appendJournal(DAY, [entry(1)]);
      await store.close();
      await appendFile(journal(dir), `{"seq":2,"at":\n${JSON.stringify(entry(3))}\n`);
      await expect(new LowdbStore(dir).loadDay(DAY)).rejects.toThrow(/line 2 is damaged/);
    });
  });

  it("reads a day file from before the journal as a snapshot holding nothing of it", async () => {
    await withDir(async (dir) => {
      const old = { day: DAY, seq: {}, tickets: {}, order: [], counters: {}, ratings: [], version: 0 };
      await mkdir(join(dir, "days"));
      await writeFile(join(dir, "days", `${DAY}.json`), JSON.stringify(old));
      expect(await new LowdbStore(dir).loadDay(DAY)).toEqual({ snapshot: old, snapshotSeq: 0, tail: [] });
    });
  });

  it("clears temp files a crash left behind when it starts, and nothing else", async () => {
    await withDir(async (dir) => {
      const store = new LowdbStore(dir);
      await store.saveSnapshot({ day: DAY, seq: {}, tickets: {}, order: [], counters: {}, ratings: [], version: 0 }, 0);
      await writeFile(join(dir, "days", `.${DAY}.json.4242.7.tmp`), "{half");
      expect(await sweepTempFiles(join(dir, "days"))).toBe(1);
      await writeFile(join(dir, "days", `.${DAY}.json.4242.8.tmp`), "{half");
      await new LowdbStore(dir).loadConfig();
      expect(await readdir(join(dir, "days"))).toEqual([`${DAY}.json`]);
    });
  });
});
