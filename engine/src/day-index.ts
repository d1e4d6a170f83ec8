import type { DayState, TicketRecord } from "./types.ts";

/**
 * What a day updated in place (`applyInPlace`: the server, the simulator, the planner) keeps up
 * as its tickets change, so a command, an answer or an estimate looks at who is waiting and not
 * at the whole day: a provincial day would otherwise scan thousands of finished tickets for every
 * ticket issued. A day copied per command has no ticket table that lives from one command to the
 * next, so it keeps none, and readers fall back to scanning.
 */
export interface DayIndex {
  waiting: Set<string>;
  parked: Set<string>;
  /** Each ticket's place in the day's order: ties in the call order fall to the earlier ticket. */
  position: Map<string, number>;
  /** Done tickets with a measured service, per service, in the order they were finished (then issued). */
  done: Map<string, TicketRecord[]>;
  byRequestKey: Map<string, string>;
  byFollowToken: Map<string, string>;
}

const indexes = new WeakMap<DayState["tickets"], DayIndex>();

const measured = (t: TicketRecord) => t.status === "done" && t.startedAt !== null && t.finishedAt !== null;

function note(index: DayIndex, t: TicketRecord, before: TicketRecord | undefined): void {
  if (!index.position.has(t.id)) index.position.set(t.id, index.position.size);
  if (t.status === "waiting") index.waiting.add(t.id);
  else index.waiting.delete(t.id);
  if (t.status === "parked" && t.counterId !== null) index.parked.add(t.id);
  else index.parked.delete(t.id);
  if (measured(t) && !(before && measured(before))) {
    const list = index.done.get(t.serviceId);
    if (!list) index.done.set(t.serviceId, [t]);
    else {
      // Finishing order, and issue order within one moment, as a day read afresh sorts them.
      let at = list.length;
      const pos = index.position.get(t.id)!;
      while (at > 0 && list[at - 1]!.finishedAt === t.finishedAt && index.position.get(list[at - 1]!.id)! > pos) at--;
      list.splice(at, 0, t);
    }
  } else if (before && measured(before) && !measured(t)) {
    unlist(index, before);
  }
  if (t.requestKey !== undefined) index.byRequestKey.set(t.requestKey, t.id);
  if (t.followToken !== undefined) index.byFollowToken.set(t.followToken, t.id);
}

/** Takes a done ticket off its service's list; it is one of the last, put back by a staged write. */
function unlist(index: DayIndex, t: TicketRecord): void {
  const list = index.done.get(t.serviceId);
  const at = list ? list.findLastIndex((x) => x.id === t.id) : -1;
  if (at < 0) return;
  list!.splice(at, 1);
  // No list rather than an empty one: a service with no measured service has no mean.
  if (list!.length === 0) index.done.delete(t.serviceId);
}

/** Starts keeping the index for this day's ticket table, if it is not kept yet. */
export function keepIndex(state: DayState): void {
  if (indexes.has(state.tickets)) return;
  const index: DayIndex = { waiting: new Set(), parked: new Set(), position: new Map(), done: new Map(), byRequestKey: new Map(), byFollowToken: new Map() };
  const finished: TicketRecord[] = [];
  state.order.forEach((id, i) => index.position.set(id, i));
  for (const id of state.order) {
    const t = state.tickets[id];
    if (!t) continue;
    if (measured(t)) finished.push(t);
    else note(index, t, undefined);
  }
  // Done lists run in the order services ended, as they would have been noted live.
  finished.sort((a, b) => a.finishedAt! - b.finishedAt!);
  for (const t of finished) note(index, t, undefined);
  indexes.set(state.tickets, index);
}

/** A ticket is about to be written in place into the day's table: the index follows it. */
export function noteWritten(state: DayState, t: TicketRecord): void {
  const index = indexes.get(state.tickets);
  if (index) note(index, t, state.tickets[t.id]);
}

/** A ticket is about to be taken out of the day's table (a staged issue hidden again). */
export function noteRemoved(state: DayState, id: string): void {
  const index = indexes.get(state.tickets);
  const t = state.tickets[id];
  if (!index || !t) return;
  index.waiting.delete(id);
  index.parked.delete(id);
  index.position.delete(id);
  if (measured(t)) unlist(index, t);
  if (t.requestKey !== undefined && index.byRequestKey.get(t.requestKey) === id) index.byRequestKey.delete(t.requestKey);
  if (t.followToken !== undefined && index.byFollowToken.get(t.followToken) === id) index.byFollowToken.delete(t.followToken);
}

/** The index of a day updated in place, or null for a day copied per command. */
export function liveIndex(state: DayState): DayIndex | null {
  return indexes.get(state.tickets) ?? null;
}

/** The day's waiting tickets in the day's order, or null when no index is kept for this table. */
export function waitingInOrder(state: DayState): TicketRecord[] | null {
  const index = indexes.get(state.tickets);
  if (!index) return null;
  return [...index.waiting].sort((a, b) => index.position.get(a)! - index.position.get(b)!).map((id) => state.tickets[id]!);
}
