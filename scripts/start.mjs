// `npm start`: install if needed, then run the queue-server with the demo center.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildScreens } from "./build-ui.mjs";
import { ensureInstall } from "./ensure-install.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureInstall();
buildScreens();
const child = spawn(
  process.execPath,
  ["--import", "tsx", join(root, "queue-server/src/main.ts"), ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
