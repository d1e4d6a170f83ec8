/**
 * The demo as `npm start` runs it: queue-server/src/main.ts as a child process with a fresh data
 * dir, its built-in station agent printing to the virtual printer, and (with --demo-keys) the
 * virtual scanner, keypad and rating pad typed on through the process's stdin.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, client, connect, connected, freePort, KIOSK, next } from "../helpers/harness.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the demo server's own station", () => {
  let proc: ChildProcess;
  let dataDir: string;
  let url: string;
  let out = "";
  const type = (line: string) => proc.stdin!.write(line + "\n");

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "motcua-demo-station-"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    proc = spawn(process.execPath, ["--import", "tsx", "queue-server/src/main.ts", "--port", String(port), "--data-dir", dataDir, "--host", "127.0.0.1", "--demo-keys"], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "info" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    proc.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    proc.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    await until("the demo server answers", async () => (await fetch(`${url}/api/health`).catch(() => null))?.ok, 20_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${out.slice(-3000)}`);
    });
    // The built-in agent has connected and asked for its jobs.
    await until("the demo station connects", async () => out.includes('"msg":"connected"'));
    // The server runs on the machine's clock (03:30 in the test run): numbers at any hour.
    await issueAtAnyHour(url);
  });
  afterAll(async () => {
    proc.kill("SIGTERM");
    await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once("exit", r)));
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Types a line and waits for the agent's next log line about it (`counter quay-1: …`, `rated`…). */
  const press = async (line: string, about: RegExp): Promise<string> => {
    const seen = out.split("\n").filter((l) => about.test(l)).length;
    type(line);
    const fresh = await until(`an answer to "${line}"`, async () => out.split("\n").filter((l) => about.test(l))[seen]);
    return JSON.parse(fresh).msg as string;
  };
  const issued: string[] = [];

  it("prints a kiosk's ticket to the virtual printer and keeps the paper as a PNG", async () => {
    const kiosk = connect(url, "/kiosk", KIOSK);
    await connected(kiosk);
    const r = await ask(kiosk, "ticket:issue", { serviceId: "khai-sinh" });
    expect(r.ok).toBe(true);
    if (r.ok) issued.push(r.data.id);
    const files = await until("a printed ticket on disk", async () => {
      const pngs = (await readdir(join(dataDir, "printed")).catch(() => [])).filter((f) => f.endsWith(".png"));
      return pngs.length > 0 && pngs;
    });
    expect(files).toHaveLength(1);
    kiosk.close();
  });

  it("passes what is typed as a scan to the lobby kiosk, Vietnamese and all", async () => {
    const kiosk = connect(url, "/kiosk", KIOSK);
    await connected(kiosk);
    const got = next(kiosk, "scan:received", 5000);
    type("scan 079204001234|271234567|Nguyễn Thị Hoa|01011990|Nữ");
    expect(await got).toEqual({ text: "079204001234|271234567|Nguyễn Thị Hoa|01011990|Nữ" });
    kiosk.close();
  });

  it("calls, serves and rates at counter 1 from the keys typed (the demo station stands at counter 1)", async () => {
    const c = client(url);
    const status = async (id: string) => (await c.api("GET", `/api/tickets/${id}`, { token: KIOSK })).body.status as string;
    await c.openCounter("canbo1", "quay-1");
    issued.push((await c.issue("khai-sinh")).id);
    const counter = /"msg":"counter quay-1: /;
    expect(await press("next", counter)).toBe("counter quay-1: next");
    const calledId = (await Promise.all(issued.map(async (id) => ((await status(id)) === "called" ? id : null)))).filter(Boolean);
    expect(calledId).toHaveLength(1);
    expect(await press("start", counter)).toBe("counter quay-1: start");
    expect(await press("complete", counter)).toBe("counter quay-1: complete");
    expect(await status(calledId[0]!)).toBe("done");
    expect(await press("rate 1", /"msg":"(rated|rating refused)"/)).toBe("rated");
    // Nobody is left to rate: a second press is refused.
    expect(await press("rate 3", /"msg":"(rated|rating refused)"/)).toBe("rating refused");
  });
});
