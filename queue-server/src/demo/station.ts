import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import type { Logger } from "../log.ts";

/**
 * The demo's station agent runs as its own process, as on a hall's kiosk PC: drawing a ticket's
 * picture takes tens of milliseconds of CPU, which in the server's process would hold up every
 * other kiosk's answer. Its log lines come back into the server's log; it is started again if it
 * stops by itself.
 */
export interface DemoStation {
  close(): void;
}

/** The station's command: its compiled file in a release, its TypeScript source (through tsx) here. */
function stationCommand(): string[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve("@motcua/station-agent/package.json")), "src");
  const js = join(dir, "cli.js");
  if (existsSync(js)) return [js];
  return ["--import", "tsx", join(dir, "cli.ts")];
}

export function startDemoStation(opts: { serverUrl: string; key: string; paperDir: string; typeKeys: boolean; log: Logger }): DemoStation {
  let child: ChildProcess | null = null;
  let closed = false;
  let restarts = 0;
  const args = [
    ...stationCommand(),
    "--server", opts.serverUrl,
    "--key", opts.key,
    "--printer", "virtual",
    "--out", opts.paperDir,
    "--virtual-devices", "kiosk-sanh@quay-1",
    "--log-json",
    ...(opts.typeKeys ? ["--type-keys"] : []),
  ];
  const start = () => {
    if (closed) return;
    const startedAt = Date.now();
    const proc = spawn(process.execPath, args, { stdio: [opts.typeKeys ? "inherit" : "ignore", "pipe", "pipe"] });
    child = proc;
    // A process that could not be started at all (no memory, no process slot) is reported by "exit" too.
    proc.on("error", (err) => opts.log.warn({ station: "demo", err }, "the demo station could not be started"));
    const relay = (stream: NodeJS.ReadableStream, warn: boolean) =>
      createInterface({ input: stream }).on("line", (line) => {
        let entry: { msg?: string } & Record<string, unknown>;
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          entry = { msg: line };
        }
        // The server's log stamps its own time.
        const { msg, time: _time, ...detail } = entry;
        opts.log[warn ? "warn" : "info"]({ station: "demo", ...detail }, msg ?? "");
      });
    relay(proc.stdout!, false);
    relay(proc.stderr!, true);
    proc.on("exit", (code, signal) => {
      if (closed) return;
      // A station that ran a while before it stopped starts again at once; one that keeps failing, ever later.
      if (Date.now() - startedAt > 60_000) restarts = 0;
      opts.log.warn({ station: "demo", code, signal }, "the demo station stopped; starting it again");
      setTimeout(start, Math.min(30_000, 500 * 2 ** restarts++)).unref();
    });
  };
  start();
  return {
    close() {
      closed = true;
      child?.kill("SIGTERM");
    },
  };
}
