import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DurableJsonFile } from "./durable-json-file.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "motcua-store-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("DurableJsonFile", () => {
  it("reads null for a missing file and throws on a corrupt one", async () => {
    expect(await new DurableJsonFile(join(dir, "none.json")).read()).toBeNull();
    await writeFile(join(dir, "bad.json"), "{not json");
    await expect(new DurableJsonFile(join(dir, "bad.json")).read()).rejects.toThrow(`${join(dir, "bad.json")} is damaged`);
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
