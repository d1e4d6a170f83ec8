import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Scenario } from "./scenario.ts";

/** The scenarios shipped with the simulator: commune, district, provincial. */
export type ShippedScenario = "commune" | "district" | "provincial";

export async function shippedScenario(name: ShippedScenario): Promise<Scenario> {
  const file = join(dirname(fileURLToPath(import.meta.url)), "..", "scenarios", `${name}.json`);
  return Scenario.parse(JSON.parse(await readFile(file, "utf8")));
}
