import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { LogFile, localDay, parseKeepDays } from "./log-file.ts";
import { createLogger, logFileOf, logFileStatus } from "./log.ts";

// Moments are built in the machine's own zone (new Date(y, m, d, h…)), so these pass in any zone
// and on any day: nothing here reads the real date.
const at = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s).getTime();

const dirs: string[] = [];
const open: LogFile[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "motcua-log-"));
  dirs.push(dir);
  return dir;
};
const logFile = (opts: ConstructorParameters<typeof LogFile>[0]) => {
  const f = new LogFile({ checkEveryMs: 0, onProblem: () => {}, ...opts });
  open.push(f);
  return f;
};
const lines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { msg: string; level: number });

afterEach(() => {
  for (const f of open.splice(0)) f.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the log file", () => {
  it("turns over at local midnight: the finished day is renamed PATH.YYYY-MM-DD, the new one starts at PATH", () => {
    const dir = tempDir();
    const path = join(dir, "motcua.log");
    let now = at(2026, 3, 14, 23, 59, 50);
    const log = createLogger({ level: "info", file: path, clock: () => now });
    try {
      log.info("before midnight");
      now = at(2026, 3, 14, 23, 59, 59);
      log.info("last second");
      expect(readdirSync(dir)).toEqual(["motcua.log"]);
      now = at(2026, 3, 15, 0, 0, 1);
      log.child({ counter: "quay-1" }).info("after midnight");
      expect(readdirSync(dir).sort()).toEqual(["motcua.log", "motcua.log.2026-03-14"]);
      expect(lines(join(dir, "motcua.log.2026-03-14")).map((l) => l.msg)).toEqual(["before midnight", "last second"]);
      expect(lines(path).map((l) => l.msg)).toEqual(["after midnight"]);
      // A quiet night turns over too: the periodic check, without a line.
      now = at(2026, 3, 16, 0, 0, 30);
      logFileOf(log)!.tick();
      expect(readdirSync(dir).sort()).toEqual(["motcua.log", "motcua.log.2026-03-14", "motcua.log.2026-03-15"]);
      expect(logFileStatus(log)).toEqual({ ok: true, dropped: 0 });
    } finally {
      logFileOf(log)!.close();
    }
  });

  it("turns over at midnight in the machine's zone (Hanoi: 17:00 UTC)", () => {
    const before = process.env.TZ;
    process.env.TZ = "Asia/Ho_Chi_Minh";
    try {
      const dir = tempDir();
      const path = join(dir, "motcua.log");
      let now = Date.parse("2026-12-07T16:59:59Z");
      const f = logFile({ path, clock: () => now });
      f.write('{"msg":"Monday evening"}\n');
      now = Date.parse("2026-12-07T17:00:00Z");
      f.write('{"msg":"Tuesday, 00:00 in Hanoi"}\n');
      expect(lines(join(dir, "motcua.log.2026-12-07")).map((l) => l.msg)).toEqual(["Monday evening"]);
      expect(lines(path).map((l) => l.msg)).toEqual(["Tuesday, 00:00 in Hanoi"]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("keeps the last keepDays finished days and deletes older ones, and nothing else", () => {
    const dir = tempDir();
    const path = join(dir, "motcua.log");
    for (let d = 1; d <= 20; d++) writeFileSync(`${path}.${localDay(at(2026, 2, d))}`, "{}\n");
    writeFileSync(join(dir, "other.log.2026-01-01"), "not ours\n");
    writeFileSync(join(dir, "motcua.log.2026-01-01.gz"), "not a day's file\n");
    let now = at(2026, 2, 21, 9);
    const f = logFile({ path, keepDays: 3, clock: () => now });
    const days = () => readdirSync(dir).filter((n) => /^motcua\.log\.\d{4}-\d{2}-\d{2}$/.test(n)).sort();
    expect(days()).toEqual(["motcua.log.2026-02-18", "motcua.log.2026-02-19", "motcua.log.2026-02-20"]);
    f.write('{"msg":"the 21st"}\n');
    now = at(2026, 2, 22, 0, 0, 0);
    f.write('{"msg":"the 22nd"}\n');
    expect(days()).toEqual(["motcua.log.2026-02-19", "motcua.log.2026-02-20", "motcua.log.2026-02-21"]);
    // By date, not by count: after days without a line, and across a month's end.
    now = at(2026, 2, 25, 8);
    f.write('{"msg":"the 25th"}\n');
    expect(days()).toEqual(["motcua.log.2026-02-22"]);
    now = at(2026, 2, 28, 23, 59);
    f.write('{"msg":"the 28th"}\n');
    now = at(2026, 3, 1, 0, 0);
    f.write('{"msg":"the 1st"}\n');
    expect(days()).toEqual(["motcua.log.2026-02-28"]);
    now = at(2026, 3, 5, 8);
    f.write('{"msg":"the 5th"}\n');
    expect(days()).toEqual([]);
    expect(lines(path).map((l) => l.msg)).toEqual(["the 5th"]);
    expect(existsSync(join(dir, "other.log.2026-01-01"))).toBe(true);
    expect(existsSync(join(dir, "motcua.log.2026-01-01.gz"))).toBe(true);
  });

  it("gives a file left from an earlier day (the server was off over midnight) that day's name at start", () => {
    const dir = tempDir();
    const path = join(dir, "motcua.log");
    writeFileSync(path, '{"msg":"Friday"}\n');
    const friday = new Date(2026, 5, 12, 16, 30);
    utimesSync(path, friday, friday);
    const f = logFile({ path, clock: () => at(2026, 6, 15, 7, 30) });
    f.write('{"msg":"Monday"}\n');
    expect(lines(`${path}.2026-06-12`).map((l) => l.msg)).toEqual(["Friday"]);
    expect(lines(path).map((l) => l.msg)).toEqual(["Monday"]);
  });

  it("never throws when it cannot be opened: lines are dropped and counted, and written again once it can", () => {
    const dir = tempDir();
    // A path under a file: ENOTDIR, whoever runs the test (root writes through chmod).
    const blocker = join(dir, "logs");
    writeFileSync(blocker, "a file where the folder should be");
    const path = join(blocker, "motcua.log");
    let now = at(2026, 4, 1, 10);
    const problems: string[] = [];
    const f = logFile({ path, clock: () => now, retryMs: 10_000, onProblem: (m) => problems.push(m) });
    // The destination is what pino writes to: through a real logger, as the server does.
    const viaPino = createLoggerOn(f);
    expect(() => {
      viaPino.info("one");
      viaPino.warn({ err: new Error("boom") }, "two");
      f.write('{"msg":"three"}\n');
    }).not.toThrow();
    const status = f.status();
    expect(status.ok).toBe(false);
    expect(status.dropped).toBe(3);
    expect(status.error).toMatch(/ENOTDIR/);
    expect(problems).toHaveLength(1);
    // The folder is made; before the retry's time the file is not tried, after it it is.
    rmSync(blocker);
    mkdirSync(blocker);
    now += 5_000;
    viaPino.info("four");
    expect(f.status()).toMatchObject({ ok: false, dropped: 4 });
    now += 5_000;
    viaPino.info("five");
    expect(f.status()).toEqual({ ok: true, dropped: 4 });
    const written = lines(path);
    expect(written.map((l) => l.msg)).toEqual([expect.stringMatching(/^log file: 4 lines dropped .*ENOTDIR/), "five"]);
    expect(written[0]!.level).toBe(40);
    expect(problems).toHaveLength(2);
  });

  it("never throws on a full disk (ENOSPC on /dev/full), and leaves what is not a regular file where it is", () => {
    let now = at(2026, 4, 1, 23, 59);
    const f = logFile({ path: "/dev/full", clock: () => now, retryMs: 1_000 });
    const log = createLoggerOn(f);
    for (let i = 0; i < 5; i++) {
      expect(() => log.info({ i }, "to a full disk")).not.toThrow();
      now += 400;
    }
    const status = f.status();
    expect(status).toMatchObject({ ok: false, dropped: 5 });
    expect(status.error).toMatch(/ENOSPC/);
    now = at(2026, 4, 2, 0, 1);
    expect(() => log.info("after midnight")).not.toThrow();
    expect(f.status().dropped).toBe(6);
    expect(existsSync("/dev/full")).toBe(true);
    expect(readdirSync("/dev").filter((n) => n.startsWith("full."))).toEqual([]);
  });

  it("leaves createLogger(level) as it was: stdout, no file", () => {
    const log = createLogger("silent");
    expect(logFileOf(log)).toBeUndefined();
    expect(logFileStatus(log)).toBeUndefined();
    expect(log.level).toBe("silent");
    expect(createLogger({ level: "warn" }).level).toBe("warn");
  });

  it("reads --log-keep as a whole number of days", () => {
    expect(parseKeepDays(undefined)).toBe(14);
    expect(parseKeepDays("")).toBe(14);
    expect(parseKeepDays("30")).toBe(30);
    expect(parseKeepDays("0")).toBe(0);
    for (const bad of ["-1", "1.5", "two weeks"]) expect(() => parseKeepDays(bad)).toThrow(/--log-keep/);
  });
});

/** A pino logger on a given destination, as createLogger makes one for a file. */
function createLoggerOn(dest: LogFile) {
  return pino({ level: "info", base: { app: "motcua" }, timestamp: pino.stdTimeFunctions.isoTime }, dest);
}
