import { applyInPlace } from "./apply.ts";
import type { Command, DayState, EngineConfig, Millis } from "./types.ts";

/**
 * One applied command as the journal keeps it: the engine is deterministic, so the command,
 * the moment it was applied and the values the server drew for it (inside the command: follow
 * tokens, request keys) are enough to apply it again and reach the same day.
 */
export interface JournalEntry {
  /** Numbered 1, 2, 3… per center and service day, with no gaps. */
  seq: number;
  at: Millis;
  command: Command;
}

export interface Replayed {
  state: DayState;
  /** The seq of the last entry replayed; the snapshot's when the tail was empty. */
  seq: number;
  /** Entries the engine refused this time (a configuration changed in between); kept out of the day. */
  refused: JournalEntry[];
}

/**
 * A day from its snapshot and the journal after it. The snapshot is used up (updated in place,
 * which keeps a long tail linear): pass one nobody else holds. Entries at or below `fromSeq` are already in
 * the snapshot and are passed over, so a tail read loosely (the whole day's file) is fine.
 */
export function replay(config: EngineConfig, snapshot: DayState, fromSeq: number, entries: readonly JournalEntry[]): Replayed {
  let state = snapshot;
  let seq = fromSeq;
  const refused: JournalEntry[] = [];
  for (const entry of entries) {
    if (entry.seq <= seq) continue;
    if (entry.seq !== seq + 1) throw new Error(`journal of ${snapshot.day} jumps from ${seq} to ${entry.seq}: entries are missing`);
    seq = entry.seq;
    const r = applyInPlace(config, state, entry.command, entry.at);
    if (r.ok) state = r.state;
    else refused.push(entry);
  }
  return { state, seq, refused };
}
