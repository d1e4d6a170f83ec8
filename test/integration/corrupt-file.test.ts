import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { client, freePort, KIOSK } from "../helpers/harness.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

// Issue 18 (the fault drills): a day file damaged while the server was down (a disk, a hand). The
// server must refuse to start, say which file and what to do, and leave the file as it was; it
// used to exit with a bare JSON.parse stack that named no file.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const temps: string[] = [];
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

/** main.ts on `dataDir`: resolves with its URL once it answers, or with its exit code and output if it ends first. */
async function run(dataDir: string): Promise<{ url?: string; exit?: number | null; out: () => string; stop: () => Promise<void> }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", "queue-server/src/main.ts", "--data-dir", dataDir, "--port", String(port), "--host", "127.0.0.1", "--no-station"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (c: Buffer) => (out += c));
  proc.stderr!.on("data", (c: Buffer) => (out += c));
  const exited = new Promise<number | null>((r) => proc.on("exit", (code) => r(code)));
  const stop = async () => {
    if (proc.exitCode === null) proc.kill("SIGTERM");
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (proc.exitCode === null && Date.now() < deadline) {
    if ((await fetch(`${url}/api/health`).catch(() => null))?.status) return { url, out: () => out, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  return { exit: await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5000))]), out: () => out, stop };
}

describe("a day file damaged while the server was down", () => {
  it("stops the start with the file named and what to do, and leaves the file as it was", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "motcua-corrupt-"));
    temps.push(dataDir);
    const first = await run(dataDir);
    expect(first.url, first.out()).toBeDefined();
    await issueAtAnyHour(first.url!);
    expect((await client(first.url!).api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })).status).toBe(201);
    await first.stop(); // a clean stop snapshots the day

    const days = join(dataDir, "days");
    const snapshots = (await readdir(days)).filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f));
    expect(snapshots.length).toBeGreaterThan(0);
    const file = join(days, snapshots[0]!);
    const damaged = (await readFile(file, "utf8")).slice(0, 200); // a write cut short by a disk
    await writeFile(file, damaged);

    const second = await run(dataDir);
    expect(second.url).toBeUndefined();
    expect(second.exit).toBe(1);
    expect(second.out()).toContain(`motcua: cannot start: ${file} is damaged`);
    expect(second.out()).toContain("motcua restore");
    expect(await readFile(file, "utf8")).toBe(damaged);
  }, 90_000);
});
