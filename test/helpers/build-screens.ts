import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * Vitest's global setup: the screens browser tests open are built from the sources in the tree
 * (a no-op when nothing changed), so running one test file by hand never tests a stale build.
 */
export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, "..", "..", "scripts", "build-ui.mjs")], { stdio: "inherit" });
}
