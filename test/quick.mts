import { readFileSync } from "node:fs";
import { Scenario } from "../simulator/src/scenario.ts";
import { comparePolicies, pooledErlangFloor } from "../simulator/src/policies.ts";
for (const name of ["commune", "district", "provincial"]) {
  const s = Scenario.parse(JSON.parse(readFileSync(`simulator/scenarios/${name}.json`, "utf8")));
  const t0 = performance.now();
  const r = comparePolicies(s, [1, 2, 3]);
  console.log(name, "floor", pooledErlangFloor(s).toFixed(1), "ms", (performance.now() - t0).toFixed(0));
  for (const p of r) console.log("  ", p.policy.padEnd(10), "mean", p.overall.meanWait.toFixed(1), "p90", p.overall.p90Wait.toFixed(1), "≤15", (p.overall.within15 * 100).toFixed(0) + "%", "worst field p90", Math.max(...p.fields.map((f) => f.p90Wait)).toFixed(1), "band", ((p.overall.bandInside ?? 0) * 100).toFixed(0) + "%");
}
