/**
 * Upgrades as an installation meets them: this release started (as `motcua start` starts it) on a
 * data folder the releases before 1.0.0 wrote, and an older release's refusal of a newer folder.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DATA_SCHEMA } from "@motcua/queue-server";
import { client } from "../helpers/harness.ts";
import { killMains, startMain } from "../helpers/main-process.ts";
import { issueAtAnyHour } from "../helpers/hours.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const FIXTURE = join(ROOT, "test/fixtures/data-schema-1");
const temps: string[] = [];
afterAll(async () => {
  killMains();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

const copyOfFixture = async () => {
  const dir = await mkdtemp(join(tmpdir(), "motcua-upgrade-"));
  temps.push(dir);
  await cp(FIXTURE, join(dir, "data"), { recursive: true });
  return join(dir, "data");
};

describe("a data folder from the release before", () => {
  it("is backed up, brought to this schema and served: its days and tickets are all there", async () => {
    const dataDir = await copyOfFixture();
    const server = await startMain(dataDir);
    expect(server.out()).toMatch(/data folder brought from schema 1 to 2/);
    expect(JSON.parse(await readFile(join(dataDir, "motcua.json"), "utf8"))).toMatchObject({ schema: DATA_SCHEMA });
    // The copy taken before anything changed holds the fixture's files, byte for byte.
    const [saved] = await readdir(join(dataDir, "upgrade-backups"));
    const manifest = JSON.parse(await readFile(join(dataDir, "upgrade-backups", saved!, "backup.json"), "utf8"));
    expect(manifest.schema).toBe(1);
    expect(await readFile(join(dataDir, "upgrade-backups", saved!, "days/2026-12-07.journal.jsonl"), "utf8")).toBe(await readFile(join(FIXTURE, "days/2026-12-07.journal.jsonl"), "utf8"));

    const c = client(server.url);
    const boss = await c.login("giamsat");
    const report = await c.api("POST", "/api/reports", { token: boss, body: { from: "2026-12-04", to: "2026-12-07" } });
    expect(report.status).toBe(200);
    // Friday's closed day and Monday's day the old server never closed (its journal replayed).
    expect(report.body.byDay.map((d: { id: string; issued: number; served: number }) => [d.id, d.issued, d.served])).toEqual([
      ["2026-12-04", 8, 5],
      ["2026-12-07", 5, 2],
    ]);
    // On the machine's clock (03:30 in the test run): numbers at any hour, for this check.
    await issueAtAnyHour(server.url);
    expect((await c.issue("khai-sinh")).number).toMatch(/^A\d{3}$/);
  });

  it("is refused by an older release when a newer one wrote it, and left as it was", async () => {
    const dataDir = await copyOfFixture();
    await writeFile(join(dataDir, "motcua.json"), JSON.stringify({ schema: DATA_SCHEMA + 1, release: "9.0.0" }));
    const server = await startMain(dataDir);
    expect(await server.exited).toBe(2);
    expect(server.out()).toMatch(/written by motcua 9\.0\.0 \(data schema 3\); this is motcua [\d.]+, which knows schema 2\. Run release 9\.0\.0 or newer/);
    expect(JSON.parse(await readFile(join(dataDir, "motcua.json"), "utf8")).schema).toBe(DATA_SCHEMA + 1);
    expect(await readdir(dataDir)).not.toContain("upgrade-backups");
  });
});
