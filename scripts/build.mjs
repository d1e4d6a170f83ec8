// `npm run build`: every package as plain JavaScript and every screen built, laid out in
// release/motcua-<version>/ as a server installs it (`npm ci --omit=dev`, then `node bin/motcua.js`).
// The layout is the source tree's, with .js where .ts was, so paths between packages hold as they are.
import { execSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildScreens } from "./build-ui.mjs";
import { ensureInstall } from "./ensure-install.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const rootPackage = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
export const version = rootPackage.version;
export const releaseDir = join(root, "release");
const out = join(releaseDir, `motcua-${version}`);

/** Packages that run on a server or a kiosk PC, with the folders beside their code that they read. */
const CODE = { protocol: [], engine: [], simulator: ["scenarios"], "printer-driver": [], "station-agent": [], "queue-server": ["demo-data"] };
const SCREENS = ["display-board", "kiosk-ui", "staff-ui", "citizen-web"];
/** In the lock file, so their package.json must be there for `npm ci`; their code is not shipped. */
const TOOLING = ["test", "bench"];
const TEST_FILE = /\.test\.ts$|(^|\/)store-contract\.ts$/;

export function build() {
  ensureInstall();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  // TypeScript to JavaScript, in one compiler run over every package: imports of ./x.ts become ./x.js.
  const emit = join(releaseDir, ".emit");
  rmSync(emit, { recursive: true, force: true });
  const tsconfig = join(releaseDir, "tsconfig.emit.json");
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: "../tsconfig.json",
      compilerOptions: { noEmit: false, rewriteRelativeImportExtensions: true, outDir: "./.emit", rootDir: "..", sourceMap: false, declaration: false },
      include: Object.keys(CODE).map((p) => `../${p}/src`),
      exclude: ["../**/*.test.ts", "../queue-server/src/store/store-contract.ts"],
    }),
  );
  execSync(`npx tsc -p ${tsconfig}`, { cwd: root, stdio: "inherit" });

  for (const [pkg, extra] of Object.entries(CODE)) {
    const src = join(root, pkg, "src");
    // The compiled files, then what the code reads beside itself (SQL migrations, the worker's .mjs).
    cpSync(join(emit, pkg, "src"), join(out, pkg, "src"), { recursive: true });
    cpSync(src, join(out, pkg, "src"), { recursive: true, filter: (f) => statSync(f).isDirectory() || !/\.tsx?$/.test(f) });
    for (const dir of extra) cpSync(join(root, pkg, dir), join(out, pkg, dir), { recursive: true });
    writeFileSync(join(out, pkg, "package.json"), JSON.stringify(compiledPackage(readJson(join(root, pkg, "package.json"))), null, 2) + "\n");
  }

  buildScreens();
  for (const screen of SCREENS) {
    cpSync(join(root, screen, "dist"), join(out, screen, "dist"), { recursive: true });
    cpSync(join(root, screen, "package.json"), join(out, screen, "package.json"));
  }
  for (const pkg of TOOLING) cpSync(join(root, pkg, "package.json"), join(out, pkg, "package.json"));

  const { scripts: _scripts, devDependencies, ...rest } = rootPackage;
  writeFileSync(
    join(out, "package.json"),
    JSON.stringify({ ...rest, bin: { motcua: "bin/motcua.js" }, scripts: { start: "node bin/motcua.js start" }, devDependencies }, null, 2) + "\n",
  );
  cpSync(join(root, "package-lock.json"), join(out, "package-lock.json"));
  mkdirSync(join(out, "bin"));
  writeFileSync(join(out, "bin", "motcua.js"), '#!/usr/bin/env node\nimport "../queue-server/src/cli.js";\n', { mode: 0o755 });
  for (const f of ["README.md", "LICENSE", "CHANGELOG.md"]) cpSync(join(root, f), join(out, f));
  cpSync(join(root, "docs", "OPERATIONS.md"), join(out, "docs", "OPERATIONS.md"));
  cpSync(join(root, "deploy"), join(out, "deploy"), { recursive: true });
  rmSync(emit, { recursive: true, force: true });
  rmSync(tsconfig);
  console.log(`motcua: built ${out}`);
  return out;
}

const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** A package.json whose entry points are the compiled files; entry points into tests are dropped. */
function compiledPackage(pkg) {
  const js = (path) => path.replace(/^\.\/src\/(.+)\.ts$/, "./src/$1.js");
  const exports = Object.fromEntries(
    Object.entries(pkg.exports ?? {})
      .filter(([, path]) => typeof path !== "string" || path.startsWith("./src/") || path === "./package.json")
      .filter(([, path]) => !TEST_FILE.test(path))
      .map(([name, path]) => [name, js(path)]),
  );
  const bin = pkg.bin && Object.fromEntries(Object.entries(pkg.bin).map(([name, path]) => [name, js(path)]));
  const sideEffects = Array.isArray(pkg.sideEffects) ? pkg.sideEffects.map(js) : pkg.sideEffects;
  return { ...pkg, exports, ...(bin ? { bin } : {}), ...(sideEffects !== undefined ? { sideEffects } : {}) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build();
