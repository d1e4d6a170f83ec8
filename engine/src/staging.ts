import { noteRemoved, noteWritten } from "./day-index.ts";
import type { DayState, TicketRecord } from "./types.ts";

/**
 * Commands applied in place (`applyInPlace`) but not yet stored. The server decides a batch of
 * commands on its live day, which keeps a command's cost independent of the day's size, and must
 * still show nobody a change before it is durable: `hide` puts the day's tickets back as they
 * were while the batch is written, `show` puts the batch's back once it is. Costs what the batch
 * touched, never the day.
 */
export interface Stage {
  /** The day as it was before the batch, until `show`. */
  hide(): void;
  /** The day with the batch, after `hide`. */
  show(): void;
}

interface Recording {
  tickets: DayState["tickets"];
  before: Map<string, TicketRecord | undefined>;
}

let recording: Recording | null = null;

/** Called by the engine before it writes a ticket in place: the first write of each is remembered. */
export function noteStaged(tickets: DayState["tickets"], id: string): void {
  if (recording?.tickets === tickets && !recording.before.has(id)) recording.before.set(id, Object.hasOwn(tickets, id) ? tickets[id] : undefined);
}

/**
 * Runs `decide`, which applies commands in place to `state`, and hands back what it wrote as a
 * Stage; if it throws, what it wrote is taken back first. Other days' tables are not recorded.
 * `decide` must not be async: the recording is global.
 */
export function staged<T>(state: DayState, decide: () => T): { result: T; stage: Stage } {
  const rec: Recording = { tickets: state.tickets, before: new Map() };
  const { order } = state;
  const orderFrom = order.length;
  recording = rec;
  let result: T;
  let failed: { error: unknown } | null = null;
  try {
    result = decide();
  } catch (error) {
    failed = { error };
  } finally {
    recording = null;
  }
  const after = new Map<string, TicketRecord>();
  let added: string[] = [];
  const day = { tickets: rec.tickets } as DayState;
  const put = (id: string, t: TicketRecord | undefined) => {
    if (t === undefined) {
      noteRemoved(day, id);
      delete rec.tickets[id];
    } else {
      noteWritten(day, t);
      rec.tickets[id] = t;
    }
  };
  const stage: Stage = {
    hide() {
      for (const [id, t] of rec.before) {
        after.set(id, rec.tickets[id]!);
        put(id, t);
      }
      added = order.splice(orderFrom);
    },
    show() {
      order.push(...added);
      // New tickets first and in issue order: the index numbers their places as they come.
      for (const id of added) put(id, after.get(id));
      for (const [id, t] of after) if (!added.includes(id)) put(id, t);
    },
  };
  if (failed) {
    // Half a batch must not stay in the day.
    stage.hide();
    throw failed.error;
  }
  return { result: result!, stage };
}
