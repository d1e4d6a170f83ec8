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
      expect(applied.rows.map((r) => r.version)).toEqual([1, 2]);
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
