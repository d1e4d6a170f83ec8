/**
 * The database goes away under load and comes back: PostgreSQL killed (a crash, not a clean stop)
 * and started again while kiosks keep asking for tickets on two instances. While it is away a
 * kiosk must get a clear refusal, never a number; once it is back, service resumes by itself; and
 * every ticket acknowledged before, during or after is in the journal.
 */
import { PgDatabase } from "@motcua/queue-server";
import type { PgCluster } from "../helpers/postgres.ts";
import { CENTER, startInstance } from "../helpers/instances.ts";
import { daysFrom } from "../helpers/stored-day.ts";

export interface RestartReport {
  acknowledged: number;
  refusedWhileAway: number;
  /** Refusals that did not say what to do (anything but 503 STORE_FAILED). */
  unclear: string[];
  /** From the database's restart to the first ticket issued again. */
  resumedMs: number;
  lost: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runDatabaseRestart(cluster: PgCluster, opts: { awayMs: number; kiosks: number }): Promise<RestartReport> {
  const url = await cluster.createDatabase();
  const instances = [await startInstance(url), await startInstance(url)];
  const acked = new Map<string, string>();
  const unclear: string[] = [];
  let refusedWhileAway = 0;
  let away = false;
  let restartedAt = 0;
  let resumedMs = -1;
  let running = true;
  const kiosk = async (k: number) => {
    const at = instances[k % 2]!;
    while (running) {
      const res = await fetch(`${at.url}/api/tickets`, {
        method: "POST",
        headers: { authorization: "Bearer kiosk-demo-key", "content-type": "application/json" },
        body: JSON.stringify({ serviceId: ["khai-sinh", "ket-hon", "tra-ket-qua"][k % 3] }),
        signal: AbortSignal.timeout(10_000),
      }).catch((e: Error) => ({ status: 0, json: async () => ({ code: e.name }) }));
      const body = (await res.json().catch(() => ({}))) as { id?: string; number?: string; code?: string; message?: string };
      if (res.status === 201 && body.id) {
        acked.set(body.id, body.number!);
        if (restartedAt && resumedMs < 0) resumedMs = performance.now() - restartedAt;
      } else if (res.status === 503 && body.code === "STORE_FAILED") {
        if (away) refusedWhileAway++;
      } else {
        unclear.push(`${res.status} ${JSON.stringify(body).slice(0, 160)}`);
      }
      await sleep(away ? 100 : 30);
    }
  };
  const load = Array.from({ length: opts.kiosks }, (_, k) => kiosk(k));
  try {
    await sleep(800);
    away = true;
    await cluster.kill();
    await sleep(opts.awayMs);
    await cluster.restart();
    away = false;
    restartedAt = performance.now();
    for (const deadline = Date.now() + 20_000; resumedMs < 0 && Date.now() < deadline; ) await sleep(50);
    await sleep(800);
  } finally {
    running = false;
    await Promise.allSettled(load);
    for (const i of instances) await i.stop();
  }
  const db = await PgDatabase.connect(url, { max: 2 });
  const lost: string[] = [];
  try {
    const tickets: Record<string, { number: string }> = Object.assign({}, ...(await daysFrom(db.store(CENTER))).map((d) => d.tickets));
    for (const [id, number] of acked) if (tickets[id]?.number !== number) lost.push(`${id} (${number})`);
  } finally {
    await db.close();
  }
  return { acknowledged: acked.size, refusedWhileAway, unclear, resumedMs, lost };
}
