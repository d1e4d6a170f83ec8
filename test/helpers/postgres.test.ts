import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";
import { postgresBin, startPostgres, type PgCluster } from "./postgres.ts";

const run = promisify(execFile);

/** psql's unaligned, header-less output of one statement against a database's URL. */
async function sql(url: string, statement: string): Promise<string> {
  const { stdout } = await run(join(postgresBin(), "psql"), ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", statement]);
  return stdout.trim();
}

let cluster: PgCluster | undefined;
afterAll(() => cluster?.stop());

test("a throwaway cluster serves, survives a crash, and leaves nothing behind", { timeout: 60_000 }, async () => {
  cluster = await startPostgres();
  expect(cluster.url).toBe(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`);
  const db = await cluster.createDatabase();
  expect(db).toMatch(new RegExp(`^postgres://postgres@127\\.0\\.0\\.1:${cluster.port}/t_[0-9a-f]+$`));
  expect(await sql(db, "select 1")).toBe("1");

  // Committed before the crash: with fsync off it is in the OS's page cache, not yet on disk.
  await sql(db, "create table ticket (n int primary key); insert into ticket values (1), (2), (3)");
  await cluster.kill();
  await expect(sql(db, "select 1")).rejects.toThrow();
  await cluster.restart();
  expect(await sql(db, "select string_agg(n::text, ',' order by n) from ticket")).toBe("1,2,3");

  const { dir } = cluster;
  await cluster.stop();
  cluster = undefined;
  expect(existsSync(dir)).toBe(false);
});
