import { closeSync, openSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lineBudget, PER_CLIENT, PER_KIND, StdoutLog, WINDOW_MS } from "./log-limits.ts";

/** Runs the hook as pino would, collecting what gets through. */
function hooked(clock: () => number) {
  const budget = lineBudget(clock);
  const written: unknown[][] = [];
  const log = (...args: unknown[]) => budget.logMethod.call(null, args, (...a: unknown[]) => void written.push(a));
  return { log, written, status: budget.status };
}

describe("the log's caps", () => {
  it("let a client say one kind of line PER_CLIENT times a minute, then count the rest", () => {
    let now = 0;
    const { log, written, status } = hooked(() => now);
    for (let i = 0; i < 1000; i++) log({ socket: "abuser", event: "follow:sync" }, "command without ack ignored");
    expect(written).toHaveLength(PER_CLIENT);
    expect(status().dropped).toBe(1000 - PER_CLIENT);
    // Another client still gets its lines through; another kind from the abuser too.
    log({ socket: "phone" }, "command without ack ignored");
    log({ socket: "abuser" }, "something else");
    expect(written).toHaveLength(PER_CLIENT + 2);
    // A minute on, the next line of that kind says how many were dropped, then goes through.
    now += WINDOW_MS;
    log({ socket: "abuser" }, "command without ack ignored");
    expect(written.at(-2)).toEqual([{ dropped: 1000 - PER_CLIENT, like: "command without ack ignored" }, "log lines dropped: too many of one kind in a minute"]);
    expect(written.at(-1)![1]).toBe("command without ack ignored");
  });

  it("cap one kind of line from all clients together, so new sockets do not buy new room", () => {
    const { log, written } = hooked(() => 0);
    for (let i = 0; i < PER_KIND * 3; i++) log({ socket: `s${i}` }, "command without ack ignored");
    expect(written).toHaveLength(PER_KIND);
  });

  it("leave lines without a client alone up to the kind's cap", () => {
    const { log, written } = hooked(() => 0);
    for (let i = 0; i < 100; i++) log("service day started");
    expect(written).toHaveLength(100);
  });
});

describe("standard output as the log", () => {
  it("drops a line it cannot write (a full disk), says so, and tries again later", () => {
    let now = 0;
    const full = openSync("/dev/full", "w");
    try {
      const out = new StdoutLog(full, 10_000, () => now);
      expect(() => out.write('{"msg":"one"}\n')).not.toThrow();
      expect(out.status()).toEqual({ ok: false, dropped: 1, error: "ENOSPC" });
      out.write('{"msg":"two"}\n');
      expect(out.status().dropped).toBe(2);
      now += 10_000;
      out.write('{"msg":"three"}\n');
      expect(out.status()).toEqual({ ok: false, dropped: 3, error: "ENOSPC" });
    } finally {
      closeSync(full);
    }
    const fine = openSync("/dev/null", "w");
    try {
      const out = new StdoutLog(fine);
      out.write('{"msg":"one"}\n');
      expect(out.status()).toEqual({ ok: true, dropped: 0 });
    } finally {
      closeSync(fine);
    }
  });
});
