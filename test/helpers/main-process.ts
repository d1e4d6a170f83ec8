import { spawn, type ChildProcess } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const running = new Set<ChildProcess>();

export interface MainProcess {
  url: string;
  proc: ChildProcess;
  /** Whether it answered /api/health (false: it ended, or did not answer in time). */
  up: boolean;
  /** What it wrote on stdout (when piped) and stderr. */
  out: () => string;
  exited: Promise<number | null>;
  /** SIGTERM, as systemd stops it; resolves when it has ended. */
  stop: () => Promise<void>;
}

/**
 * queue-server's main.ts as its own process, as the unit starts it, on `dataDir` (127.0.0.1, a
 * free port, no demo station); resolves once it answers /api/health, or once it has ended.
 */
export async function startMain(dataDir: string, opts: { stdout?: "pipe" | number; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<MainProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", "queue-server/src/main.ts", "--data-dir", dataDir, "--port", String(port), "--host", "127.0.0.1", "--no-station"], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", opts.stdout ?? "pipe", "pipe"],
  });
  running.add(proc);
  let out = "";
  proc.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  proc.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => proc.on("exit", (code) => (running.delete(proc), r(code))));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let up = false;
  while (proc.exitCode === null && Date.now() < deadline && !up) {
    up = Boolean((await fetch(`${url}/api/health`).catch(() => null))?.status);
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (proc.exitCode === null) proc.kill("SIGTERM");
    await exited;
  };
  return { url, proc, up, out: () => out, exited, stop };
}

/** Ends every main.ts a test file started and left running (its afterAll). */
export function killMains(): void {
  for (const p of running) if (p.exitCode === null) p.kill("SIGKILL");
}
