import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { describeZodError } from "@motcua/protocol";
import { compareAging, formatAging } from "./aging.ts";
import { mmcMeanWait } from "./erlang.ts";
import { mmcScenario, plainMeanWait } from "./mmc-check.ts";
import { waitsSvg } from "./plot.ts";
import { formatPlan, planStaffing, staffedScenario, STANDARD, type PlanTarget } from "./planner.ts";
import { comparePolicies, figuresOver, formatComparison, pooledErlangFloor, pooledPerHalfHour } from "./policies.ts";
import { formatReport, report } from "./report.ts";
import { Scenario, takesAppointments, withoutAppointments } from "./scenario.ts";
import { simulate } from "./simulate.ts";

const here = dirname(fileURLToPath(import.meta.url));
/** Policies are compared over the same eight seeded days. */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const shipped = join(here, "..", "scenarios");

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: "string" },
    out: { type: "string" },
    mmc: { type: "boolean" },
    target: { type: "string" },
    "no-appointments": { type: "boolean" },
    aging: { type: "string" },
    days: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(`npm run simulate -- [scenario …] [--seed N] [--out DIR]
  scenario   a shipped name (commune, district, provincial) or a path to a JSON file; default: all shipped
  --seed N   replace the scenario's seed
  --out DIR  where the wait plots go (default simulator/out)
  --mmc      check the simulator against Erlang C on plain M/M/c halls
  --target MEAN,SHARE
             what the staffing planner aims at for the whole day: mean wait and share called
             within 15 minutes (default 15,0.8; the provincial target is 7.5,0.9)
  --no-appointments
             everyone walks in (the scenario's appointment shares set to 0): the figures as
             they were before appointments
  --aging L1,L2,…
             compare aging limits (minutes) under the engine's call order, beside dedicated
             FIFO: mean wait, share over 15 minutes, p90, the longest wait; nothing else runs
  --days N   with --aging: seeded days per limit (default 8)`);
  process.exit(0);
}

if (values.mmc) {
  console.log("M/M/c check: engine day = first come, first served (exactly); long run vs Erlang C");
  console.log("λ/min  service  c     ρ  Erlang C Wq  simulated Wq  error  customers");
  for (const p of [
    { arrivalsPerMinute: 0.35, meanServiceMinutes: 6, servers: 3 },
    { arrivalsPerMinute: 0.12, meanServiceMinutes: 7, servers: 1 },
    { arrivalsPerMinute: 0.9, meanServiceMinutes: 5, servers: 5 },
    { arrivalsPerMinute: 1.5, meanServiceMinutes: 4, servers: 7 },
  ]) {
    const theory = mmcMeanWait(p);
    const sim = plainMeanWait(mmcScenario(p), { minutes: 6_000_000 });
    const rho = (p.arrivalsPerMinute * p.meanServiceMinutes) / p.servers;
    console.log(
      [p.arrivalsPerMinute.toFixed(2).padStart(5), p.meanServiceMinutes.toFixed(1).padStart(7), String(p.servers).padStart(2), rho.toFixed(2).padStart(5),
        theory.toFixed(2).padStart(11), sim.mean.toFixed(2).padStart(13), `${((sim.mean / theory - 1) * 100).toFixed(1)}%`.padStart(6), String(sim.n).padStart(10)].join("  "),
    );
  }
  process.exit(0);
}

async function load(arg: string): Promise<Scenario> {
  const path = arg.endsWith(".json") ? resolve(arg) : join(shipped, `${arg}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new Error(`cannot read scenario ${arg} (${path}): ${(e as Error).message}`);
  }
  const parsed = Scenario.safeParse(raw);
  if (!parsed.success) throw new Error(`scenario ${arg} is invalid: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

function parseTarget(arg: string | undefined): PlanTarget {
  if (arg === undefined) return STANDARD;
  const [mean, share] = arg.split(",").map(Number);
  if (!(mean! > 0) || !(share! > 0 && share! < 1)) {
    console.error(`--target wants MEAN,SHARE such as 7.5,0.9 (got ${arg})`);
    process.exit(2);
  }
  return { meanWait: mean!, within15: share! };
}
const target = parseTarget(values.target);

const names = positionals.length ? positionals : (await readdir(shipped)).filter((f) => f.endsWith(".json")).map((f) => basename(f, ".json"));
const outDir = resolve(values.out ?? join(here, "..", "out"));
await mkdir(outDir, { recursive: true });
for (const name of names) {
  let scenario: Scenario;
  try {
    scenario = await load(name);
    if (values["no-appointments"]) scenario = withoutAppointments(scenario);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
    continue;
  }
  if (values.aging) {
    const limits = values.aging.split(",").map(Number);
    const days = Number(values.days ?? 8);
    const seeds = Array.from({ length: days }, (_, i) => i + 1);
    console.log(formatAging(scenario.name, days, compareAging(scenario, limits, seeds)) + "\n");
    continue;
  }
  const seed = values.seed ? { seed: Number(values.seed) } : {};
  // The day through the engine alone, then again recording the band each ticket showed: the
  // band is the estimator's replay of the hall at every issue, and costs most of the time.
  const bare = performance.now();
  simulate(scenario, { ...seed, bands: false });
  const engineMs = performance.now() - bare;
  const started = performance.now();
  const result = simulate(scenario, seed);
  const ms = performance.now() - started;
  console.log(formatReport(report(result, scenario.fields.map((f) => f.id))));
  const svg = join(outDir, `${basename(name, ".json")}.svg`);
  await writeFile(svg, waitsSvg(result, scenario.fields));
  console.log(`simulated ${result.visits.length} visits in ${engineMs.toFixed(0)} ms (${ms.toFixed(0)} ms with the wait band of every ticket); plot: ${svg}`);
  const plan = planStaffing(scenario, { target });
  const rows = [...comparePolicies(scenario, SEEDS), figuresOver("engine + planner", staffedScenario(scenario, plan), SEEDS)];
  // The same citizens all walking in, under the engine: what the appointments changed.
  if (takesAppointments(scenario)) rows.splice(2, 0, figuresOver("engine, no appointments", withoutAppointments(scenario), SEEDS));
  console.log(formatComparison(scenario, rows, pooledErlangFloor(scenario), SEEDS.length, pooledPerHalfHour(scenario)));
  console.log(formatPlan(scenario, plan) + "\n");
}
