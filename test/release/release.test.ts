/**
 * The release as a province's IT team meets it, on this machine: `npm run release` makes the
 * archive; it is checked against its checksum, unpacked, installed with production dependencies
 * only, set up with `motcua setup`, and started with the command line of the systemd unit (this
 * machine runs no systemd). Then: backed up under load, restored elsewhere and started there, and
 * started on a data folder the release before wrote. Nothing here runs through TypeScript tooling.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, client, connect, connected, freePort, KIOSK } from "../helpers/harness.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const VERSION = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")).version as string;

let work: string;
let app: string;
const procs: ChildProcess[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "motcua-release-"));
  await run(process.execPath, ["scripts/release.mjs"], { cwd: ROOT, maxBuffer: 1 << 24 });
  const archive = join(ROOT, "release", `motcua-${VERSION}.tar.gz`);
  await run("sha256sum", ["-c", `${archive}.sha256`], { cwd: dirname(archive) });
  await run("tar", ["xzf", archive, "-C", work]);
  app = join(work, `motcua-${VERSION}`);
  // From the registry's cache when the tests' own install filled it; from the registry otherwise.
  await run("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: app, maxBuffer: 1 << 24 });
}, 240_000);

afterAll(async () => {
  for (const p of procs) if (p.exitCode === null) p.kill("SIGKILL");
  if (work) await rm(work, { recursive: true, force: true });
});

/** The unit's ExecStart, with this machine's node and the test's folders for the installed ones. */
async function unitCommand(dataDir: string): Promise<string[]> {
  const unit = await readFile(join(app, "deploy/systemd/motcua.service"), "utf8");
  const line = unit.split("\n").find((l) => l.startsWith("ExecStart="));
  if (!line) throw new Error("motcua.service has no ExecStart");
  return line
    .slice("ExecStart=".length)
    .replaceAll("/opt/motcua", app)
    .replaceAll("/var/lib/motcua", dataDir)
    .split(/\s+/)
    .filter(Boolean);
}

const motcua = (...args: string[]) => run(process.execPath, [join(app, "bin/motcua.js"), ...args], { cwd: app });

/** The service as the unit starts it, with the settings `motcua setup` wrote; resolves once it answers. */
async function service(dataDir: string, env: Record<string, string>): Promise<{ url: string; proc: ChildProcess; log: () => string }> {
  const [node, ...args] = await unitCommand(dataDir);
  expect(node).toBe("/usr/bin/node");
  // The environment keeps this run's clock (NODE_OPTIONS imports test/helpers/shift-clock.mjs, plain JavaScript).
  const proc = spawn(process.execPath, args, { cwd: app, env: { ...process.env, NODE_ENV: "production", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  procs.push(proc);
  let out = "";
  proc.stdout!.on("data", (c: Buffer) => (out += c));
  proc.stderr!.on("data", (c: Buffer) => (out += c));
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${url}/api/health`).catch(() => null))) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`the service did not start:\n${out.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, proc, log: () => out };
}

const stop = async (proc: ChildProcess) => {
  proc.kill("SIGTERM");
  if (proc.exitCode === null) await new Promise((r) => proc.once("exit", r));
};

/** `motcua setup` answered as an installer would; the environment file it wrote, as a map. */
async function setUp(port: number): Promise<Record<string, string>> {
  const envFile = join(work, `motcua-${port}.env`);
  const proc = spawn(process.execPath, [join(app, "bin/motcua.js"), "setup", "--file", envFile], { cwd: app, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  proc.stdout!.on("data", (c: Buffer) => (out += c));
  proc.stdin!.end(`${port}\nhttp://127.0.0.1:${port}\n\n`);
  const code = await new Promise((r) => proc.on("exit", r));
  expect(code, out).toBe(0);
  // The installer is told at once that phones cannot open this address.
  expect(out).toMatch(/http:\/\/127\.0\.0\.1:\d+ is a private or local address/);
  const text = await readFile(envFile, "utf8");
  return Object.fromEntries(text.split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

describe("the release archive", () => {
  it("installs with production dependencies only: no TypeScript, tsx, vite or test tools", async () => {
    for (const dev of ["typescript", "tsx", "vite", "vitest", "playwright-core", "exceljs"]) expect(existsSync(join(app, "node_modules", dev)), dev).toBe(false);
    expect((await motcua("version")).stdout).toMatch(new RegExp(`^motcua ${VERSION.replaceAll(".", "\\.")} \\(data schema \\d+\\)`));
    // No TypeScript source is shipped, in any package.
    const shipped = (await readdir(app, { recursive: true })).map(String).filter((f) => !f.startsWith("node_modules"));
    expect(shipped.filter((f) => f.endsWith(".ts") || f.endsWith(".tsx"))).toEqual([]);
  });

  it("runs as the unit starts it; backed up under load, restored elsewhere, nothing acknowledged is lost", { timeout: 60_000 }, async () => {
    const env = await setUp(await freePort());
    const dataDir = join(work, "data");
    // Four kiosks share the demo's one kiosk key: its limit of 30 tickets a minute is raised, as a busy hall's would be.
    const hall = await service(dataDir, { ...env, MOTCUA_ISSUE_RATE: "100000" });
    expect((await motcua("check", "--url", hall.url)).stdout).toMatch(/^OK\s+store: the data folder is writable$/m);
    // The run's clock is 03:30: the demo center's kiosks are told to issue at any hour.
    await issueAtAnyHour(hall.url);
    // The demo's station, a process of its own, runs from the compiled files too and connects.
    for (const deadline = Date.now() + 15_000; !/"station":"demo".*"msg":"connected"/.test(hall.log()); ) {
      if (Date.now() > deadline) throw new Error(`the demo station did not connect:\n${hall.log().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const acked: string[] = [];
    let running = true;
    const kiosks = Array.from({ length: 4 }, () => connect(hall.url, "/kiosk", KIOSK));
    await Promise.all(kiosks.map(connected));
    const traffic = Promise.all(
      kiosks.map(async (k) => {
        while (running) {
          const r = await ask(k, "ticket:issue", { serviceId: "khai-sinh" });
          if (r.ok) acked.push(r.data.id);
        }
      }),
    );
    while (acked.length < 200) await new Promise((r) => setTimeout(r, 10));
    const before = [...acked];
    const backups = join(work, "backups");
    const { stdout } = await motcua("backup", "--data-dir", dataDir, "--to", backups, "--keep", "3");
    const saved = stdout.trim().split(/\s+/)[0]!;
    const afterBackup = acked.length;
    while (acked.length < afterBackup + 100) await new Promise((r) => setTimeout(r, 10));
    running = false;
    await traffic;
    for (const k of kiosks) k.close();
    await stop(hall.proc);

    const elsewhere = join(work, "elsewhere");
    await motcua("restore", saved, "--data-dir", elsewhere);
    const restored = await service(elsewhere, await setUp(await freePort()));
    const c = client(restored.url);
    const lost: string[] = [];
    for (const id of before) if ((await c.api("GET", `/api/tickets/${id}`, { token: KIOSK })).status !== 200) lost.push(id);
    expect(lost).toEqual([]);
    await stop(restored.proc);
  });

  it("upgrades a data folder the release before wrote, and serves it", async () => {
    const dataDir = join(work, "old");
    await cp(join(ROOT, "test/fixtures/data-schema-1"), dataDir, { recursive: true });
    const hall = await service(dataDir, await setUp(await freePort()));
    expect(hall.log()).toMatch(/data folder brought from schema 1 to 2/);
    await issueAtAnyHour(hall.url);
    const c = client(hall.url);
    const report = await c.api("POST", "/api/reports", { token: await c.login("giamsat"), body: { from: "2026-12-04", to: "2026-12-07" } });
    expect(report.body.overall.issued).toBe(13);
    expect((await c.issue("khai-sinh")).number).toMatch(/^A\d{3}$/);
    await stop(hall.proc);
    expect(await readdir(join(dataDir, "upgrade-backups"))).toHaveLength(1);
  });
});
