import type { DayState, TicketRecord } from "./types.ts";

/**
 * The waiting tickets of a day that `applyInPlace` replays (the simulator, the planner), kept up as
 * tickets change, so a call looks at who is waiting and not at the whole day: a provincial day
 * would otherwise scan a thousand finished tickets for every call. A day copied per command (the
 * server's) has no ticket table that lives from one command to the next, so it keeps none.
 */
interface Index {
  waiting: Set<string>;
  /** Each ticket's place in the day's order: ties in the call order fall to the earlier ticket. */
  position: Map<string, number>;
}

const indexes = new WeakMap<DayState["tickets"], Index>();

/** Starts keeping the index for this day's ticket table, if it is not kept yet. */
export function keepWaiting(state: DayState): void {
  if (indexes.has(state.tickets)) return;
  const index: Index = { waiting: new Set(), position: new Map() };
  state.order.forEach((id, i) => {
    index.position.set(id, i);
    if (state.tickets[id]?.status === "waiting") index.waiting.add(id);
  });
  indexes.set(state.tickets, index);
}

/** A ticket was written in place into the day's table: the index follows it. */
export function noteWritten(state: DayState, t: TicketRecord): void {
  const index = indexes.get(state.tickets);
  if (!index) return;
  if (!index.position.has(t.id)) index.position.set(t.id, index.position.size);
  if (t.status === "waiting") index.waiting.add(t.id);
  else index.waiting.delete(t.id);
}

/** The day's waiting tickets in the day's order, or null when no index is kept for this table. */
export function waitingInOrder(state: DayState): TicketRecord[] | null {
  const index = indexes.get(state.tickets);
  if (!index) return null;
  return [...index.waiting].sort((a, b) => index.position.get(a)! - index.position.get(b)!).map((id) => state.tickets[id]!);
}
