import { z } from "./zod.ts";
import { DayDate } from "./bodies.ts";

/**
 * A linked hall and the province (`--province URL`): the hall's server decides every command of
 * its unit and sends its journal up, in order and once each, by sequence number, resuming from
 * the position the province holds; it takes its configuration down.
 */

/** One applied command as a journal keeps it (the engine's JournalEntry). */
export const LinkEntry = z.object({
  seq: z.number().int().min(1),
  at: z.number().int(),
  command: z.object({ type: z.string().min(1).max(40) }).passthrough(),
});
export type LinkEntry = z.infer<typeof LinkEntry>;

/** Entries a hall sends at once: well inside the API's 64 kB body. */
export const LINK_BATCH = 100;

export const LinkJournal = z.object({
  day: DayDate,
  /** Entries after the province's position; empty: the hall is still there (a heartbeat). */
  entries: z.array(LinkEntry).max(LINK_BATCH),
});
export type LinkJournal = z.infer<typeof LinkJournal>;

/** Where the province stands in a day of the unit's journal: the last entry it holds. */
export const LinkPosition = z.object({ day: DayDate, seq: z.number().int().min(0) });
export type LinkPosition = z.infer<typeof LinkPosition>;
