import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DATA_SCHEMA, NewerData, prepareDataDir, SCHEMA_FILE } from "./data-schema.ts";

describe("the data folder's schema at start", () => {
  let dir: string;
  const backups: string[] = [];
  const backup = async (why: string) => {
    backups.push(why);
    return "copy";
  };
  afterEach(async () => {
    backups.length = 0;
    await rm(dir, { recursive: true, force: true });
  });

  it("stamps a new folder without a copy, even on a disk of its own (lost+found) or with the demo's paper", async () => {
    dir = await mkdtemp(join(tmpdir(), "motcua-schema-"));
    await mkdir(join(dir, "lost+found"));
    await mkdir(join(dir, "printed"));
    expect(await prepareDataDir(dir, backup)).toBeNull();
    expect(backups).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, SCHEMA_FILE), "utf8")).schema).toBe(DATA_SCHEMA);
  });

  it("copies a folder of the releases before the version file, then brings it forward", async () => {
    dir = await mkdtemp(join(tmpdir(), "motcua-schema-"));
    await writeFile(join(dir, "config.json"), "{}");
    expect(await prepareDataDir(dir, backup)).toMatchObject({ from: 1, to: DATA_SCHEMA, backup: "copy" });
    expect(backups).toHaveLength(1);
    // Started again, it is this release's: no second copy.
    expect(await prepareDataDir(dir, backup)).toBeNull();
    expect(backups).toHaveLength(1);
  });

  it("refuses a newer folder, touching nothing", async () => {
    dir = await mkdtemp(join(tmpdir(), "motcua-schema-"));
    const newer = JSON.stringify({ schema: DATA_SCHEMA + 1, release: "9.0.0" });
    await writeFile(join(dir, SCHEMA_FILE), newer);
    await expect(prepareDataDir(dir, backup)).rejects.toBeInstanceOf(NewerData);
    expect(await readFile(join(dir, SCHEMA_FILE), "utf8")).toBe(newer);
    expect(await readdir(dir)).toEqual([SCHEMA_FILE]);
    expect(backups).toEqual([]);
  });
});
