import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeDurably } from "../store/durable-json-file.ts";
import { RELEASE } from "./release.ts";

/**
 * The data folder's layout has a version, kept in `motcua.json` at its top. Version 1 is the layout
 * of the releases before the file existed; each later version names the step that reaches it.
 */
export const DATA_SCHEMA = 2;
export const SCHEMA_FILE = "motcua.json";
/** What every release before the version file wrote at the top of a data folder it used. */
const OWN = new Set(["config.json", "days", "centers", "province", "sessions.json", "keys.json"]);

interface SchemaFile {
  schema: number;
  release: string;
}

/** The folder was written by a newer release: nothing this one does can make it readable. */
export class NewerData extends Error {}

export type DataSchema = { state: "empty" } | { state: "unstamped" } | { state: "stamped"; schema: number; release: string };

export async function readDataSchema(dataDir: string): Promise<DataSchema> {
  const names = await readdir(dataDir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [] as string[];
    throw e;
  });
  if (!names.includes(SCHEMA_FILE)) {
    // Only motcua's own files make a folder one of an earlier release: a new disk's lost+found, or
    // the demo's paper left by a start that stored nothing, leave it empty.
    return names.some((n) => OWN.has(n)) ? { state: "unstamped" } : { state: "empty" };
  }
  let parsed: Partial<SchemaFile>;
  try {
    parsed = JSON.parse(await readFile(join(dataDir, SCHEMA_FILE), "utf8")) as Partial<SchemaFile>;
  } catch (e) {
    throw new Error(`${join(dataDir, SCHEMA_FILE)} cannot be read (${(e as Error).message}); restore the data folder from a backup`);
  }
  if (!Number.isInteger(parsed.schema)) throw new Error(`${join(dataDir, SCHEMA_FILE)} names no schema version; restore the data folder from a backup`);
  return { state: "stamped", schema: parsed.schema!, release: parsed.release ?? "?" };
}

/** One step between two layouts: what it does to the folder, never undone (a backup is taken first). */
interface Step {
  to: number;
  what: string;
  run(dataDir: string): Promise<void>;
}

const STEPS: Step[] = [
  // Release 1.0.0 introduced the version file; the layout itself did not change.
  { to: 2, what: "the data folder carries its schema version", run: async () => undefined },
];

export interface Upgrade {
  from: number;
  to: number;
  steps: string[];
  backup: string | null;
}

/**
 * Makes a data folder ready for this release before any store opens it: an empty one is stamped,
 * an older one is backed up (by `backup`) and brought forward step by step, a newer one is refused
 * with what to do, since this release would misread what it does not know.
 */
export async function prepareDataDir(dataDir: string, backup: (why: string) => Promise<string>): Promise<Upgrade | null> {
  const found = await readDataSchema(dataDir);
  if (found.state === "empty") {
    await stamp(dataDir);
    return null;
  }
  const from = found.state === "stamped" ? found.schema : 1;
  if (from > DATA_SCHEMA) {
    const by = found.state === "stamped" ? found.release : "?";
    throw new NewerData(
      `the data folder ${dataDir} was written by motcua ${by} (data schema ${from}); this is motcua ${RELEASE}, which knows schema ${DATA_SCHEMA}. ` +
        `Run release ${by} or newer, or restore the backup taken before the upgrade (in ${join(dataDir, "upgrade-backups")}). Nothing was changed.`,
    );
  }
  if (from === DATA_SCHEMA) {
    if (found.state === "stamped" && found.release !== RELEASE) await stamp(dataDir);
    return null;
  }
  const saved = await backup(`before schema ${DATA_SCHEMA}`);
  const steps: string[] = [];
  for (const step of STEPS.filter((s) => s.to > from && s.to <= DATA_SCHEMA)) {
    await step.run(dataDir);
    steps.push(step.what);
  }
  await stamp(dataDir);
  return { from, to: DATA_SCHEMA, steps, backup: saved };
}

const stamp = (dataDir: string) => writeDurably(join(dataDir, SCHEMA_FILE), JSON.stringify({ schema: DATA_SCHEMA, release: RELEASE } satisfies SchemaFile));
