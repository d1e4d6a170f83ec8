// Plain JavaScript so that a worker thread can start it under any runner (node, tsx, vitest). In a
// release the planner beside it is compiled JavaScript; in the source tree it registers the
// TypeScript loader for itself before importing the planner.
import { existsSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

const compiled = new URL("./staffing-plan.js", import.meta.url);
if (!existsSync(compiled)) (await import("tsx/esm/api")).register();
try {
  const { planFromDay } = await import(existsSync(compiled) ? "./staffing-plan.js" : "./staffing-plan.ts");
  parentPort.postMessage({ ok: true, plan: planFromDay(workerData.config, workerData.day, workerData.target) });
} catch (e) {
  // A scenario that fails its schema is data the planner cannot use: say which field, not the raw zod report.
  const { describeZodError } = await import("@motcua/protocol");
  const message = e && typeof e === "object" && "issues" in e ? describeZodError(e) : e instanceof Error ? e.message : String(e);
  parentPort.postMessage({ ok: false, message });
}
