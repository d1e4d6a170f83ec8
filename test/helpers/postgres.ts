import { execFile, execFileSync, spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.ts";

const run = promisify(execFile);

export interface PgCluster {
  host: string;
  port: number;
  /** The cluster's temp folder: data/ (the cluster), postgres.log, and the Unix socket. */
  dir: string;
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** A new empty database (a random t_<hex> name when none is given); resolves to its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Fast shutdown, then the temp folder is removed. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: the postmaster and its children die at once; the folder stays. */
  kill(): Promise<void>;
  /** Starts again on the same port and folder, after kill(). */
  restart(): Promise<void>;
}

/** Debian's PostgreSQL: the highest /usr/lib/postgresql/<v>/bin with both a server and initdb. */
export function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)) : [];
  const bins = versions
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, "bin"))
    .filter((bin) => existsSync(join(bin, "postgres")) && existsSync(join(bin, "initdb")));
  if (!bins[0]) throw new Error(`no PostgreSQL server in ${root}/*/bin: apt-get install -y postgresql (npm test does it)`);
  return bins[0];
}

/**
 * PostgreSQL refuses to run as root, so as root the server and initdb run as Debian's `postgres`
 * user. spawn's uid/gid drop privileges without su/runuser, which want a terminal or PAM.
 */
function asPostgres(dir: string): SpawnOptions {
  if (process.getuid?.() !== 0) return { cwd: dir };
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { cwd: dir, uid: id("-u"), gid: id("-g") };
}

function chownTree(path: string, opts: SpawnOptions): void {
  if (opts.uid === undefined) return;
  chownSync(path, opts.uid, opts.gid!);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) chownTree(join(path, entry.name), opts);
    else chownSync(join(path, entry.name), opts.uid, opts.gid!);
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", resolve)));
}

/** A throwaway cluster of its own: trust auth, on 127.0.0.1 and a random port, in a temp folder. */
export async function startPostgres(opts: { fsync?: boolean } = {}): Promise<PgCluster> {
  const bin = postgresBin();
  const dir = await mkdtemp(join(tmpdir(), "motcua-pg-"));
  const user = asPostgres(dir);
  chownTree(dir, user);
  const data = join(dir, "data");
  const log = join(dir, "postgres.log");
  const initdb = spawn(join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"], { ...user, stdio: ["ignore", "ignore", "pipe"] });
  let initErr = "";
  initdb.stderr!.on("data", (chunk) => (initErr += chunk));
  if ((await exited(initdb)) !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${initErr}`);
  }

  const port = await freePort();
  const host = "127.0.0.1";
  const url = `postgres://postgres@${host}:${port}/postgres`;
  // Without fsync a commit still reaches the OS's page cache: it survives a killed server, which
  // is the crash tests simulate, not a power cut.
  const settings = { listen_addresses: host, fsync: opts.fsync ? "on" : "off", synchronous_commit: "on", full_page_writes: "off", max_connections: "200", shared_buffers: "32MB" };
  const args = ["-D", data, "-p", String(port), "-k", dir, ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  let server: ChildProcess;
  // A test run that dies without stopping its cluster must not leave a server holding the port.
  const onExit = () => {
    server?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", onExit);

  async function start(): Promise<void> {
    const out = openSync(log, "a");
    server = spawn(join(bin, "postgres"), args, { ...user, stdio: ["ignore", out, out] });
    closeSync(out);
    for (const deadline = performance.now() + 20_000; performance.now() < deadline; ) {
      if (server.exitCode !== null) break;
      const ready = await run(join(bin, "pg_isready"), ["-q", "-h", host, "-p", String(port), "-U", "postgres"]).then(() => true, () => false);
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    server.kill("SIGKILL");
    throw new Error(`postgres did not start on port ${port}:\n${readFileSync(log, "utf8")}`);
  }
  await start();

  return {
    host,
    port,
    dir,
    url,
    async createDatabase(name = `t_${randomBytes(6).toString("hex")}`) {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      await run(join(bin, "psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", String(port), "-U", "postgres", "-d", "postgres", "-c", `CREATE DATABASE ${quoted}`]);
      return `postgres://postgres@${host}:${port}/${encodeURIComponent(name)}`;
    },
    async stop() {
      // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, not waited for.
      if (server.exitCode === null && server.signalCode === null) {
        server.kill("SIGINT");
        await exited(server);
      }
      process.off("exit", onExit);
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
    async kill() {
      // The postmaster's orphans would keep its shared memory attached for a moment, and a
      // restart would refuse to start while they do: a crash takes them all down together.
      const childList = `/proc/${server.pid}/task/${server.pid}/children`;
      const children = existsSync(childList) ? readFileSync(childList, "utf8").split(" ").filter(Boolean).map(Number) : [];
      for (const pid of [server.pid!, ...children]) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {} // already gone
      }
      await exited(server);
      // Orphans go to PID 1, which in a container may never reap them: a zombie holds nothing.
      const alive = (pid: number) => {
        try {
          return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
        } catch {
          return false; // reaped
        }
      };
      for (const pid of children) while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    restart: start,
  };
}
