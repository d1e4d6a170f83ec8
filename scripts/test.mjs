// `npm test`: install what the tests need, typecheck, then run every test once. The screens are
// built by the browser tests' own global setup, only when they run (vitest.config.ts).
import { execSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstall } from "./ensure-install.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = (cmd) => execSync(cmd, { cwd: root, stdio: "inherit" });

ensureInstall();

// Browser tests drive Debian's Chromium; install it when they exist and it is missing.
const browserDir = join(root, "test", "browser");
const hasBrowserTests = existsSync(browserDir) && readdirSync(browserDir).some((f) => f.endsWith(".test.ts"));
if (hasBrowserTests && !existsSync("/usr/bin/chromium")) {
  console.log("motcua: installing Debian's chromium for browser tests…");
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  run(`${sudo}apt-get update -q && ${sudo}apt-get install -y -q chromium`);
}

try {
  run("npx tsc -p tsconfig.json");
  run("npx tsc -p display-board/tsconfig.json");
  run("npx tsc -p kiosk-ui/tsconfig.json");
  run("npx tsc -p staff-ui/tsconfig.json");
  run("npx tsc -p citizen-web/tsconfig.json");
  run(`npx vitest run ${process.argv.slice(2).join(" ")}`);
} catch {
  process.exit(1);
}
