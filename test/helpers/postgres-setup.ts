import type { TestProject } from "vitest/node";
import { startPostgres, type PgCluster } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's PostgreSQL cluster (postgres-setup.ts); a test makes a database of its own in it. */
    postgresUrl: string;
  }
}

let cluster: PgCluster | undefined;

/**
 * Vitest's global setup: one PostgreSQL cluster for the whole run. initdb and a server's start
 * cost a second or two; a database of a test file's own in the shared cluster costs a tenth of that.
 */
export async function setup(project: TestProject): Promise<void> {
  cluster = await startPostgres();
  project.provide("postgresUrl", cluster.url);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  cluster = undefined;
}
