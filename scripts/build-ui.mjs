// Builds the screens (Vite) when their sources are newer than the last build, so `npm start`
// and `npm test` serve what is in the tree without a separate step.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SCREENS = ["display-board", "kiosk-ui", "staff-ui", "citizen-web"];

const newest = (path) => {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
};

/**
 * Builds each screen whose sources are newer than its build. MOTCUA_SCREENS=kiosk-ui,staff-ui
 * limits it to those (someone working on one screen need not wait for, or break on, the others).
 */
export function buildScreens(screens = process.env.MOTCUA_SCREENS?.split(",").filter(Boolean) ?? SCREENS) {
  for (const screen of screens) {
    if (!SCREENS.includes(screen)) throw new Error(`MOTCUA_SCREENS: no screen "${screen}" (the screens are ${SCREENS.join(", ")})`);
    const dir = join(root, screen);
    const built = join(dir, "dist", "index.html");
    const sources = Math.max(newest(join(dir, "src")), newest(join(dir, "index.html")), newest(join(dir, "vite.config.ts")), newest(join(root, "protocol", "src")), newest(join(root, "protocol", "package.json")), newest(join(root, "engine", "src")));
    if (existsSync(built) && statSync(built).mtimeMs >= sources) continue;
    console.log(`motcua: building ${screen}…`);
    // A production build whoever calls it: under vitest NODE_ENV is "test", which keeps
    // development code in the bundles (the kiosk's start screen grows by 7 kB).
    execSync(`npx vite build --logLevel warn --config ${join(dir, "vite.config.ts")} ${dir}`, { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildScreens();
