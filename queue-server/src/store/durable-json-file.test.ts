import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DurableJsonFile, sweepTempFiles } from "./durable-json-file.ts";
import { LowdbStore } from "./lowdb-store.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "motcua-store-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("DurableJsonFile", () => {
  it("reads null for a missing file and throws on a corrupt one", async () => {
    expect(await new DurableJsonFile(join(dir, "none.json")).read()).toBeNull();
    await writeFile(join(dir, "bad.json"), "{not json");
    await expect(new DurableJsonFile(join(dir, "bad.json")).read()).rejects.toThrow();
  });

  it("lands the last of many overlapping writes, even from two adapters on one file", async () => {
    const file = join(dir, "d.json");
    const a = new DurableJsonFile<{ n: number }>(file);
    const b = new DurableJsonFile<{ n: number }>(file);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).write({ n: i })));
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ n: 39 });
    expect((await readdir(dir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

describe("LowdbStore", () => {
  it("keeps one document per service day and lists them in order", async () => {
    const store = new LowdbStore(dir);
    const day = (d: string) => ({ day: d, seq: {}, tickets: {}, order: [], counters: {}, ratings: [], version: 0 });
    await store.saveDay(day("2026-11-27"));
    await store.saveDay(day("2026-11-26"));
    expect(await store.listDays()).toEqual(["2026-11-26", "2026-11-27"]);
    expect(await store.loadDay("2026-11-26")).toEqual(day("2026-11-26"));
    expect(await store.loadDay("2026-01-01")).toBeNull();
  });

  it("clears temp files a crash left behind when it starts, and nothing else", async () => {
    const store = new LowdbStore(dir);
    await store.saveDay({ day: "2026-11-27", seq: {}, tickets: {}, order: [], counters: {}, ratings: [], version: 0 });
    await writeFile(join(dir, "days", ".2026-11-27.json.4242.7.tmp"), "{half");
    expect(await sweepTempFiles(join(dir, "days"))).toBe(1);
    await writeFile(join(dir, "days", ".2026-11-27.json.4242.8.tmp"), "{half");
    await new LowdbStore(dir).loadConfig();
    expect(await readdir(join(dir, "days"))).toEqual(["2026-11-27.json"]);
  });
});
