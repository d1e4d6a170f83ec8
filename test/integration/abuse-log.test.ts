import { closeSync, openSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { client, connect, connected } from "../helpers/harness.ts";
import { killMains, startMain, type MainProcess } from "../helpers/main-process.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

// Issue 18, finding 1: any phone with a follow token could send /follow commands without an
// acknowledgement, and each wrote a warning with no throttle (4.7–15.8 MB/s from one socket);
// with stdout on a full disk the server stopped answering, and exited on the logger's ENOSPC.

const temps: string[] = [];
afterAll(async () => {
  killMains();
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

/** main.ts as the unit runs it, its standard output going to `stdout` ("pipe" to read it, or an fd). */
async function serve(stdout: "pipe" | number): Promise<MainProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), "motcua-abuse-log-"));
  temps.push(dataDir);
  const server = await startMain(dataDir, { stdout, env: { LOG_LEVEL: "info" } });
  if (!server.up) throw new Error(`the server did not start (exit ${server.proc.exitCode}):\n${server.out().slice(-2000)}`);
  await issueAtAnyHour(server.url);
  return server;
}

/**
 * Sockets on /follow, each on a ticket of its own (a ticket takes three phones at most), each
 * sending `commands` follow:sync without an ack; resolves with how many the server closed.
 */
async function flood(url: string, sockets: number, commands: number): Promise<number> {
  const tokens: string[] = [];
  for (let i = 0; i < sockets; i++) tokens.push((await client(url).issue("chung-thuc-ban-sao")).followToken);
  const closed = await Promise.all(
    tokens.map(async (token) => {
      const s = connect(url, "/follow", token);
      await connected(s);
      const gone = new Promise<string>((r) => s.on("disconnect", (reason) => r(reason)));
      for (let i = 0; i < commands; i++) s.emit("follow:sync", {});
      const reason = await Promise.race([gone, new Promise<string>((r) => setTimeout(() => r("still open"), 5_000))]);
      s.close();
      return reason === "io server disconnect";
    }),
  );
  return closed.filter(Boolean).length;
}

const health = async (url: string) => (await fetch(`${url}/api/health`)).json() as Promise<{ status: string; checks: { name: string; status: string; detail: string }[] }>;

describe("a client that tries to fill the log", () => {
  it("is closed after three commands without an ack, and its lines stay few", async () => {
    const server = await serve("pipe");
    const ticket = await client(server.url).issue("khai-sinh");
    // A phone following its ticket normally: answered, and kept.
    const phone = connect(server.url, "/follow", ticket.followToken);
    await connected(phone);
    const before = server.out().length;
    const started = performance.now();
    const SOCKETS = 10;
    const COMMANDS = 1000;
    expect(await flood(server.url, SOCKETS, COMMANDS)).toBe(SOCKETS);
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 300));
    const written = server.out().slice(before);
    const lines = written.split("\n").filter((l) => l.includes("without ack"));
    // One warning and one "closed" per socket, not one per command.
    expect(lines.length).toBeLessThanOrEqual(2 * SOCKETS);
    const bytes = Buffer.byteLength(written);
    console.log(
      `log under abuse: ${SOCKETS} sockets × ${COMMANDS} commands without ack in ${seconds.toFixed(1)} s → ${bytes} bytes of log (${lines.length} lines), ` +
        `${Math.round(bytes / SOCKETS)} bytes per abusive socket in all: each closed after its third`,
    );
    expect(bytes).toBeLessThan(20 * SOCKETS * 400);
    // The honest phone is still followed.
    const answer = await phone.timeout(5000).emitWithAck("follow:sync", {});
    expect(answer).toMatchObject({ ok: true });
    phone.close();
  }, 60_000);

  it("cannot stop a server whose log disk is full: it answers, says so in health, and survives a flood", async () => {
    const full = openSync("/dev/full", "w");
    let server: MainProcess;
    try {
      server = await serve(full);
    } finally {
      closeSync(full);
    }
    const h = await health(server.url);
    expect(h.checks.find((c) => c.name === "log")).toMatchObject({ status: "warn" });
    expect(h.checks.find((c) => c.name === "log")!.detail).toContain("ENOSPC");
    expect(await flood(server.url, 5, 500)).toBe(5);
    expect(server.proc.exitCode).toBe(null);
    expect((await fetch(`${server.url}/api/services`)).status).toBe(200);
    expect((await health(server.url)).checks.find((c) => c.name === "log")!.detail).toMatch(/\d+ lines dropped/);
  }, 60_000);
});
