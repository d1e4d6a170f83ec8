import { createDay, replay, type DayState } from "@motcua/engine";
import { LowdbStore } from "@motcua/queue-server";

/**
 * A day as a restart would rebuild it from the data folder alone: its snapshot with the journal
 * after it replayed, under the configuration stored beside it. Null when nothing of it is stored.
 */
export async function storedDay(dataDir: string, day: string): Promise<DayState | null> {
  const store = new LowdbStore(dataDir);
  try {
    const config = await store.loadConfig();
    if (!config) throw new Error(`no configuration in ${dataDir}`);
    const stored = await store.loadDay(day);
    if (!stored) return null;
    const r = replay(config, stored.snapshot ?? createDay(config, day), stored.snapshotSeq, stored.tail);
    if (r.refused.length) throw new Error(`journal entries ${r.refused.map((e) => e.seq).join(", ")} of ${day} no longer apply`);
    return r.state;
  } finally {
    await store.close();
  }
}
