/**
 * `motcua backup` while the hall works: kiosks keep issuing while the copy is made, and the copy,
 * restored into an empty folder or database, holds every ticket acknowledged before it began.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { backupDatabase, backupFolder, PgDatabase, pruneBackups, readManifest, restoreDatabase, restoreFolder } from "@motcua/queue-server";
import { ask, client, connect, connected, KIOSK, startTestServer, type TestServer } from "../helpers/harness.ts";
import { freshDatabase } from "../helpers/databases.ts";

const temps: string[] = [];
const temp = async (name: string) => {
  const dir = await mkdtemp(join(tmpdir(), `motcua-${name}-`));
  temps.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

/** Four kiosks issuing as fast as they are answered until stopped; the ids each was acknowledged. */
function load(url: string) {
  const acked: string[] = [];
  let running = true;
  const kiosks = Array.from({ length: 4 }, () => connect(url, "/kiosk", KIOSK));
  const done = (async () => {
    await Promise.all(kiosks.map(connected));
    await Promise.all(
      kiosks.map(async (k, i) => {
        while (running) {
          const r = await ask(k, "ticket:issue", { serviceId: i % 2 ? "khai-sinh" : "dat-dai" });
          if (r.ok) acked.push(r.data.id);
        }
      }),
    );
  })();
  return {
    acked,
    async stop() {
      running = false;
      await done;
      for (const k of kiosks) k.close();
    },
  };
}

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 10));
};

async function missing(server: TestServer, ids: string[]): Promise<string[]> {
  const c = client(server.url);
  const gone: string[] = [];
  for (const id of ids) if ((await c.api("GET", `/api/tickets/${id}`, { token: KIOSK })).status !== 200) gone.push(id);
  return gone;
}

describe("backup while the server runs", () => {
  it("copies the data folder under load; restored, it has every ticket acknowledged before", async () => {
    const server = await startTestServer();
    const traffic = load(server.url);
    await until(() => traffic.acked.length >= 100);
    const before = [...traffic.acked];
    const backups = await temp("backups");
    const saved = await backupFolder(server.dataDir, backups);
    const after = traffic.acked.length;
    await until(() => traffic.acked.length >= after + 50);
    await traffic.stop();
    await server.destroy();
    expect(traffic.acked.length).toBeGreaterThan(before.length + 50);

    const restored = await temp("restored");
    await rm(restored, { recursive: true });
    await restoreFolder(saved, restored);
    const again = await startTestServer({ dataDir: restored });
    try {
      expect(await missing(again, before)).toEqual([]);
      // The restored hall goes on numbering after the last ticket it holds.
      const next = await client(again.url).issue("khai-sinh");
      expect(before).not.toContain(next.id);
    } finally {
      await again.destroy();
    }
  });

  it("refuses to restore over data, and a damaged backup, changing nothing", async () => {
    const server = await startTestServer();
    await client(server.url).issue("khai-sinh");
    const saved = await backupFolder(server.dataDir, await temp("backups"));
    await server.destroy();
    const full = await temp("full");
    await writeFile(join(full, "config.json"), "{}");
    await expect(restoreFolder(saved, full)).rejects.toThrow(/not empty/);
    expect(await readdir(full)).toEqual(["config.json"]);

    await writeFile(join(saved, "config.json"), "{}");
    const empty = join(await temp("empty"), "data");
    await expect(restoreFolder(saved, empty)).rejects.toThrow(/config\.json .* damaged: nothing was restored/);
    expect(await readdir(empty).catch(() => [])).toEqual([]);

    // A backup whose list names a file outside the folder is refused as a whole.
    const manifest = JSON.parse(await readFile(join(saved, "backup.json"), "utf8"));
    manifest.files[0].path = "../outside.json";
    await writeFile(join(saved, "backup.json"), JSON.stringify(manifest));
    await expect(restoreFolder(saved, empty)).rejects.toThrow(/outside the data folder/);
    expect(await readdir(dirname(empty))).toEqual([]);
  });

  it("keeps the newest backups it is told to, outside the data folder", async () => {
    const server = await startTestServer();
    await expect(backupFolder(server.dataDir, join(server.dataDir, "backups"))).rejects.toThrow(/outside the data folder/);
    const dir = await temp("kept");
    for (const minute of [1, 2, 3]) await backupFolder(server.dataDir, dir, { now: new Date(`2026-12-01T02:0${minute}:00Z`) });
    await server.destroy();
    expect(await pruneBackups(dir, 2)).toEqual(["motcua-backup-2026-12-01T02-01-00Z"]);
    expect((await readdir(dir)).sort()).toEqual(["motcua-backup-2026-12-01T02-02-00Z", "motcua-backup-2026-12-01T02-03-00Z"]);
  });

  it("dumps PostgreSQL under load with pg_dump; restored into an empty database, nothing acknowledged is lost", async () => {
    const url = await freshDatabase();
    const db = await PgDatabase.connect(url);
    const server = await startTestServer({ stores: db });
    const traffic = load(server.url);
    await until(() => traffic.acked.length >= 100);
    const before = [...traffic.acked];
    const saved = await backupDatabase(url, await temp("pg-backups"));
    await traffic.stop();
    await server.destroy();
    await db.close();

    const target = await freshDatabase();
    await restoreDatabase(saved, target);
    await expect(restoreDatabase(saved, target)).rejects.toThrow(/not empty/);
    const restored = await PgDatabase.connect(target);
    const again = await startTestServer({ stores: restored });
    try {
      expect(await missing(again, before)).toEqual([]);
    } finally {
      await again.destroy();
      await restored.close();
    }
  });

  it("copies a database in use before a new release migrates it, and a new database not at all", async () => {
    const url = await freshDatabase();
    const first: string[][] = [];
    await (await PgDatabase.connect(url, { beforeMigrating: async (pending) => void first.push(pending) })).close();
    expect(first).toEqual([]);
    // The database as the release before the newest migration left it.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("DROP TABLE daily_counts; DELETE FROM schema_migrations WHERE version = 3");
    const copies = await temp("upgrade-backups");
    let tableWhenCopied: unknown = "not called";
    const db = await PgDatabase.connect(url, {
      beforeMigrating: async (pending) => {
        first.push(pending);
        tableWhenCopied = (await admin.query("SELECT to_regclass('daily_counts') AS t")).rows[0].t;
        await backupDatabase(url, copies);
      },
    });
    await db.close();
    expect(first).toEqual([["003_daily_counts.sql"]]);
    // The copy was taken before the migration ran, and the migration ran after it.
    expect(tableWhenCopied).toBeNull();
    expect((await admin.query("SELECT to_regclass('daily_counts') AS t")).rows[0].t).toBe("daily_counts");
    await admin.end();
    const [saved] = await readdir(copies);
    expect((await readManifest(join(copies, saved!))).schema).toBe(2);
  });
});
