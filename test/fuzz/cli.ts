/**
 * The full fuzz run: `npm run fuzz` (100,000 inputs), or
 *   node --expose-gc --import tsx test/fuzz/cli.ts --inputs 100000 --seed 1
 * Prints the figures and every input that went wrong; exits 1 on any failure. The hall as it was
 * at each of the first server errors (configuration and day) is written beside, to reproduce them.
 */
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatReport, fuzz } from "./fuzz.ts";

const { values } = parseArgs({
  options: {
    inputs: { type: "string", default: "100000" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    concurrency: { type: "string", default: "12" },
    /** The heap may end at most this much above where it started (MB). */
    "heap-limit": { type: "string", default: "64" },
  },
});

// Said first: a run that goes wrong is run again with the same seed.
console.log(`fuzz: seed ${values.seed}, ${values.inputs} inputs`);
// A run that stops moving is a finding too (a request never answered): said, and ended.
const STUCK_MS = 180_000;
let moved = Date.now();
const watchdog = setInterval(() => {
  if (Date.now() - moved < STUCK_MS) return;
  console.log(`fuzz: no progress for ${STUCK_MS / 1000} s with seed ${values.seed}: something waits for an answer that never comes`);
  process.exit(2);
}, 5_000);
watchdog.unref();

const report = await fuzz({
  inputs: Number(values.inputs),
  seed: Number(values.seed),
  concurrency: Number(values.concurrency),
  heapLimitMB: Number(values["heap-limit"]),
  progress: (line) => {
    moved = Date.now();
    console.log(line);
  },
  hung: (line) => console.log(`fuzz: hung: ${line}`),
});
console.log(formatReport(report));
const evidence = report.serverErrors.filter((f) => f.hall);
if (evidence.length) {
  const file = join(tmpdir(), `motcua-fuzz-${report.seed}-server-errors.json`);
  await writeFile(file, JSON.stringify(evidence, null, 1));
  console.log(`the hall at the first ${evidence.length} server errors (configuration, day): ${file}`);
}
process.exit(report.failures.length ? 1 : 0);
