import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { client, KIOSK } from "../helpers/harness.ts";
import { killMains, startMain } from "../helpers/main-process.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

// Issue 18 (the fault drills): a day file damaged while the server was down (a disk, a hand). The
// server must refuse to start, say which file and what to do, and leave the file as it was; it
// used to exit with a bare JSON.parse stack that named no file.

const temps: string[] = [];
afterAll(async () => {
  killMains();
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

describe("a day file damaged while the server was down", () => {
  it("stops the start with the file named and what to do, and leaves the file as it was", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "motcua-corrupt-"));
    temps.push(dataDir);
    const first = await startMain(dataDir);
    expect(first.up, first.out()).toBe(true);
    await issueAtAnyHour(first.url);
    expect((await client(first.url).api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" } })).status).toBe(201);
    await first.stop(); // a clean stop snapshots the day

    const days = join(dataDir, "days");
    const snapshots = (await readdir(days)).filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f));
    expect(snapshots.length).toBeGreaterThan(0);
    const file = join(days, snapshots[0]!);
    const damaged = (await readFile(file, "utf8")).slice(0, 200); // a write cut short by a disk
    await writeFile(file, damaged);

    const second = await startMain(dataDir);
    expect(second.up).toBe(false);
    expect(await second.exited).toBe(1);
    expect(second.out()).toContain(`motcua: cannot start: ${file} is damaged`);
    expect(second.out()).toContain("motcua restore");
    expect(await readFile(file, "utf8")).toBe(damaged);
  }, 90_000);
});
