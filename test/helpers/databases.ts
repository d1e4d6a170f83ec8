import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/**
 * A new, empty database in the run's PostgreSQL cluster (postgres-setup.ts): each test gets its
 * own, so none sees another's rows and none has to clean up.
 */
export async function freshDatabase(): Promise<string> {
  const admin = inject("postgresUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.href;
}
