import { createDay, replay, type DayState } from "@motcua/engine";
import { LowdbStore, type Store } from "@motcua/queue-server";

/**
 * A day as a restart would rebuild it from the store alone: its snapshot with the journal after
 * it replayed, under the configuration stored beside it. Null when nothing of it is stored.
 */
export async function dayFrom(store: Store, day: string): Promise<DayState | null> {
  const config = await store.loadConfig();
  if (!config) throw new Error("no configuration in the store");
  const stored = await store.loadDay(day);
  if (!stored) return null;
  const r = replay(config, stored.snapshot ?? createDay(config, day), stored.snapshotSeq, stored.tail);
  if (r.refused.length) throw new Error(`journal entries ${r.refused.map((e) => e.seq).join(", ")} of ${day} no longer apply`);
  return r.state;
}

/** Every day on record in the store, rebuilt as `dayFrom` does, oldest first. */
export async function daysFrom(store: Store): Promise<DayState[]> {
  const days: DayState[] = [];
  for (const day of await store.listDays()) days.push((await dayFrom(store, day))!);
  return days;
}

/** `dayFrom` for the embedded store's data folder. */
export async function storedDay(dataDir: string, day: string): Promise<DayState | null> {
  const store = new LowdbStore(dataDir);
  try {
    return await dayFrom(store, day);
  } finally {
    await store.close();
  }
}
