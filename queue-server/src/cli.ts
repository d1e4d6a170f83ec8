#!/usr/bin/env node
// `motcua <command>`: the one command an installation uses. Each command keeps its own options;
// `start` and `station` are the server and the kiosk PC's agent, as `npm start` and `npm run station` run them.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { backupFolder, pruneBackups, readManifest, restoreFolder } from "./ops/backup.ts";
import { backupDatabase, restoreDatabase } from "./ops/pg-backup.ts";
import { RELEASE } from "./ops/release.ts";
import { DATA_SCHEMA } from "./ops/data-schema.ts";
import { checkHealth } from "./ops/check.ts";
import { setup } from "./ops/setup.ts";

const HELP = `motcua ${RELEASE} — queue, kiosk and display system for one-stop service centers

  motcua start [options]        run the server (motcua start --help)
  motcua station [options]      run a kiosk PC's station agent: printer, scanners, keypads (motcua station --help)
  motcua backup --to DIR [--keep N] (--data-dir DIR | --database URL)
                                a consistent copy while the server runs: the data folder's files, or pg_dump
  motcua restore BACKUP (--data-dir EMPTY_DIR | --database URL_OF_EMPTY_DB)
                                bring a backup back into an empty folder or database
  motcua check [--url URL]      ask a running server how it is (/api/health); exit 1 when something fails
  motcua setup [--file F]       ask for the addresses an installation needs and write its environment file
  motcua version                this release, and the data schema it reads and writes

Environment: MOTCUA_DATA_DIR, DATABASE_URL, PORT, MOTCUA_PUBLIC_URL … as motcua start --help lists.`;

const [command, ...rest] = process.argv.slice(2);
// The commands that run a program leave its own options to it, as if it had been started alone.
const handOver = (): void => void process.argv.splice(2, 1);

const fail = (message: string, code = 1): never => {
  console.error(`motcua ${command}: ${message}`);
  process.exit(code);
};

switch (command) {
  case "start":
    handOver();
    await import("./main.ts");
    break;
  case "station": {
    handOver();
    const dir = dirname(createRequire(import.meta.url).resolve("@motcua/station-agent/package.json"));
    // The station's entry, compiled in a release and TypeScript here (where tsx runs this file).
    const js = join(dir, "src", import.meta.url.endsWith(".ts") ? "cli.ts" : "cli.js");
    await import(pathToFileURL(js).href);
    break;
  }
  case "backup": {
    const { values } = parseArgs({ args: rest, options: { to: { type: "string" }, keep: { type: "string" }, "data-dir": { type: "string" }, database: { type: "string" } } });
    // As for motcua start, a database (DATABASE_URL, as the service's environment file sets it) is
    // where the data is, whatever --data-dir says: the nightly unit names both.
    const database = values.database ?? process.env.DATABASE_URL;
    if (!values.to) fail("say where the backup goes: --to DIR", 2);
    const keep = values.keep === undefined ? undefined : Number(values.keep);
    if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) fail("--keep wants a whole number of backups, at least 1", 2);
    try {
      const dir = database ? await backupDatabase(database, resolve(values.to!)) : await backupFolder(resolve(values["data-dir"] ?? process.env.MOTCUA_DATA_DIR ?? "data"), resolve(values.to!));
      const manifest = await readManifest(dir);
      console.log(`${dir}  (${manifest.files.length} files, ${manifest.files.reduce((n, f) => n + f.bytes, 0)} bytes)`);
      if (keep) for (const gone of await pruneBackups(resolve(values.to!), keep)) console.log(`removed the older ${gone}`);
    } catch (e) {
      fail((e as Error).message);
    }
    break;
  }
  case "restore": {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { "data-dir": { type: "string" }, database: { type: "string" } } });
    const [from] = positionals;
    if (!from || (!values["data-dir"] && !values.database)) fail("motcua restore BACKUP --data-dir EMPTY_DIR (or --database URL)", 2);
    try {
      const manifest = values.database ? await restoreDatabase(resolve(from!), values.database) : await restoreFolder(resolve(from!), resolve(values["data-dir"]!));
      console.log(`restored the backup of ${manifest.takenAt} (release ${manifest.release}, schema ${manifest.schema}); start the server on it`);
    } catch (e) {
      fail((e as Error).message);
    }
    break;
  }
  case "check": {
    const { values } = parseArgs({ args: rest, options: { url: { type: "string" } } });
    const url = values.url ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`;
    const report = await checkHealth(url);
    console.log(report.text);
    process.exit(report.ok ? 0 : 1);
    break;
  }
  case "setup": {
    const { values } = parseArgs({ args: rest, options: { file: { type: "string" } } });
    await setup({ envFile: resolve(values.file ?? "/etc/motcua/motcua.env"), input: process.stdin, output: process.stdout }).catch((e: Error) => fail(e.message));
    break;
  }
  case "version":
  case "--version":
    console.log(`motcua ${RELEASE} (data schema ${DATA_SCHEMA})`);
    break;
  case undefined:
  case "help":
  case "--help":
  case "-h":
    console.log(HELP);
    break;
  default:
    console.error(`motcua: no command "${command}"\n\n${HELP}`);
    process.exit(2);
}
