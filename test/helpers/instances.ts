import { createAdapter } from "@socket.io/postgres-adapter";
import { PgDatabase, type ServerOptions } from "@motcua/queue-server";
import { startTestServer, type TestServer } from "./harness.ts";

export const CENTER = "trung-tam-lam-dong";

/** A server instance as a deployment runs it on PostgreSQL: its own pool, notices and adapter. */
export interface Instance extends TestServer {
  db: PgDatabase;
  stop(): Promise<void>;
}

/**
 * Starts an instance of the demo center on the database at `url`, beside any others already there;
 * with `every`, an instance of every center in the database, as main.ts runs one.
 */
export async function startInstance(url: string, opts: Partial<ServerOptions> & { every?: boolean } = {}): Promise<Instance> {
  const db = await PgDatabase.connect(url, { max: 5 });
  const { every, ...rest } = opts;
  const server = await startTestServer({
    ...(every ? { stores: db } : { store: db.store(CENTER) }),
    socketAdapter: createAdapter(db.socketPool()),
    followMs: 200,
    ...rest,
  });
  return {
    ...server,
    db,
    stop: async () => {
      await server.destroy();
      await db.close();
    },
  };
}
