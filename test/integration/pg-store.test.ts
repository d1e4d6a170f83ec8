import pg from "pg";
import { describe, expect, it } from "vitest";
import { PgDatabase } from "@motcua/queue-server";
import { storeContract } from "@motcua/queue-server/store-contract";
import { freshDatabase } from "../helpers/databases.ts";

storeContract("PostgreSQL", async () => {
  const db = await PgDatabase.connect(await freshDatabase());
  return { open: () => db.store("phuong-ben-nghe"), dispose: () => db.close() };
});

describe("the PostgreSQL store", () => {
  it("applies its migrations once, however many instances start together", async () => {
    const url = await freshDatabase();
    const dbs = await Promise.all([1, 2, 3].map(() => PgDatabase.connect(url, { max: 2 })));
    try {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const applied = await client.query("SELECT version, name FROM schema_migrations ORDER BY version");
      await client.end();
      expect(applied.rows.map((r) => r.version)).toEqual([1, 2, 3]);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
    }
  });

  it("keeps each center's days and documents apart", async () => {
    const db = await PgDatabase.connect(await freshDatabase());
    try {
      const a = db.store("xa-a");
      const b = db.store("xa-b");
      const entry = { seq: 1, at: 1_000, command: { type: "callNext" as const, counterId: "q1" } };
      await a.appendJournal("2026-12-01", [entry]);
      await b.appendJournal("2026-12-01", [{ ...entry, at: 2_000 }]);
      await a.saveKeys({ phone: "a-key" });
      expect(await a.readJournal("2026-12-01", 0)).toEqual([entry]);
      expect((await b.readJournal("2026-12-01", 0))[0]!.at).toBe(2_000);
      expect(await b.loadKeys()).toBeNull();
      expect(await b.listDays()).toEqual(["2026-12-01"]);
    } finally {
      await db.close();
    }
  });

  it("refuses a database whose schema is newer than this server knows", async () => {
    const url = await freshDatabase();
    await (await PgDatabase.connect(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("INSERT INTO schema_migrations (version, name) VALUES (999, '999_from_the_future.sql')");
    await client.end();
    await expect(PgDatabase.connect(url)).rejects.toThrow(/version 999, newer than this server knows/);
  });
});

describe("a day's counts in PostgreSQL", () => {
  it("gives each key its limit once across stores, forgets earlier days, and refuses new keys past the day's cap", async () => {
    const db = await PgDatabase.connect(await freshDatabase());
    try {
      const [one, two] = [db.store("xa-mot"), db.store("xa-mot")];
      const takes = await Promise.all(Array.from({ length: 6 }, (_, n) => (n % 2 ? one : two).countDaily("remote:10.0.0.1", "2026-12-01", 4, "take")));
      expect(takes.filter(Boolean)).toHaveLength(4);
      expect(await one.countDaily("remote:10.0.0.1", "2026-12-01", 4, "peek")).toBe(false);
      // Another center counts its own.
      expect(await db.store("xa-hai").countDaily("remote:10.0.0.1", "2026-12-01", 4, "take")).toBe(true);
      // A new day starts from nothing, and the old day's rows are gone.
      expect(await one.countDaily("remote:10.0.0.1", "2026-12-02", 4, "take")).toBe(true);
      const rows = await db.pool.query("SELECT day FROM daily_counts WHERE center = 'xa-mot'");
      expect(rows.rows.map((r) => r.day)).toEqual(["2026-12-02"]);
      // A flood of new keys: once the day holds the cap, a new key is refused, a known one is not.
      await db.pool.query("INSERT INTO daily_counts (center, day, key, count) SELECT 'xa-mot', '2026-12-02', 'flood:' || n, 1 FROM generate_series(1, 50000) n");
      expect(await one.countDaily("remote:10.9.9.9", "2026-12-02", 4, "take")).toBe(false);
      expect(await one.countDaily("remote:10.0.0.1", "2026-12-02", 4, "take")).toBe(true);
    } finally {
      await db.close();
    }
  });
});
