import type pg from "pg";

/**
 * Runs `fn` in one transaction on one client of the pool: committed if it returns, rolled back if
 * it throws. A client that failed goes back destroyed (its connection may be the one that broke).
 */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    client.release(e as Error);
    throw e;
  }
}
