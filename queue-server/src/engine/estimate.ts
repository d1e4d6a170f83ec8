import type { WaitBand } from "@motcua/protocol";
import type { DayState, EngineConfig, TicketRecord } from "./types.ts";

const roundDown5 = (m: number) => Math.max(0, Math.floor(m / 5) * 5);
const roundUp5 = (m: number) => Math.ceil(m / 5) * 5;

/**
 * Per-state facts that views ask for again and again (a counter's list asks each ticket's
 * position). A state object is never changed once returned (`applyInPlace` reuses the ticket
 * table only for states its caller has given up), so computing them once per state is safe.
 */
export interface StateIndex {
  /** Waiting tickets per service, in the order they will be called within the service. */
  waiting: Map<string, TicketRecord[]>;
  /** Waiting tickets sent to one counter, and tickets parked at one, in issue order. */
  targeted: Map<string, TicketRecord[]>;
  parked: Map<string, TicketRecord[]>;
  /** Position of each ticket in issue order. */
  position: Map<string, number>;
  ahead: Map<string, number>;
  minutes: Map<string, number>;
  config: EngineConfig | null;
}
const indexes = new WeakMap<DayState, StateIndex>();

export function indexOf(state: DayState): StateIndex {
  let ix = indexes.get(state);
  if (ix) return ix;
  const waiting = new Map<string, TicketRecord[]>();
  const targeted = new Map<string, TicketRecord[]>();
  const parked = new Map<string, TicketRecord[]>();
  const position = new Map<string, number>();
  const add = (m: Map<string, TicketRecord[]>, key: string, t: TicketRecord) => {
    const list = m.get(key);
    if (list) list.push(t);
    else m.set(key, [t]);
  };
  state.order.forEach((id, i) => {
    const t = state.tickets[id];
    if (!t) return;
    position.set(id, i);
    if (t.status === "parked" && t.counterId !== null) add(parked, t.counterId, t);
    if (t.status !== "waiting") return;
    add(waiting, t.serviceId, t);
    if (t.targetCounterId !== null) add(targeted, t.targetCounterId, t);
  });
  const ahead = new Map<string, number>();
  for (const list of waiting.values()) {
    // Stable sort keeps issue order for equal queue times, as the call order does.
    list.sort((a, b) => Number(b.priorityGroupId !== null) - Number(a.priorityGroupId !== null) || a.queuedAt - b.queuedAt);
    list.forEach((t, i) => ahead.set(t.id, i));
  }
  // The lists above were built before sorting `waiting`, so they keep issue order.
  ix = { waiting, targeted, parked, position, ahead, minutes: new Map(), config: null };
  indexes.set(state, ix);
  return ix;
}

/** Mean minutes per citizen for a service: today's most recent services, else the configured default. */
export function serviceMinutes(config: EngineConfig, state: DayState, serviceId: string): number {
  const ix = indexOf(state);
  if (ix.config !== config) {
    ix.config = config;
    ix.minutes.clear();
  }
  const known = ix.minutes.get(serviceId);
  if (known !== undefined) return known;
  const minutes = measuredMinutes(config, state, serviceId);
  ix.minutes.set(serviceId, minutes);
  return minutes;
}

function measuredMinutes(config: EngineConfig, state: DayState, serviceId: string): number {
  const done: TicketRecord[] = [];
  for (const id of state.order) {
    const t = state.tickets[id];
    if (t && t.status === "done" && t.serviceId === serviceId && t.startedAt !== null && t.finishedAt !== null) done.push(t);
  }
  if (done.length === 0) return config.services.find((s) => s.id === serviceId)?.defaultServiceMinutes ?? 8;
  // The most recently finished services tell best how fast the counters work now.
  const sample = done.sort((a, b) => b.finishedAt! - a.finishedAt!).slice(0, config.rules.serviceTimeSample);
  return sample.reduce((sum, t) => sum + (t.finishedAt! - t.startedAt!) / 60_000, 0) / sample.length;
}

/** Counters that can take this service now; when none is open, those configured for it (they will open). */
export function serversFor(config: EngineConfig, state: DayState, serviceId: string): number {
  const configured = config.counters.filter((c) => c.serviceIds.includes(serviceId));
  const open = configured.filter((c) => state.counters[c.id]?.status === "open").length;
  return Math.max(1, open || configured.length);
}

/** Tickets of the same service that will be called before `t`: priority ones first, then older ones. */
export function aheadOf(state: DayState, t: Pick<TicketRecord, "serviceId" | "priorityGroupId" | "queuedAt" | "id">): number {
  const known = state.tickets[t.id] === t ? indexOf(state).ahead.get(t.id) : undefined;
  if (known !== undefined) return known;
  let n = 0;
  // Ties in queuedAt go to the earlier-issued ticket, as the call order breaks them.
  let beforeT = true;
  for (const id of state.order) {
    if (id === t.id) {
      beforeT = false;
      continue;
    }
    const o = state.tickets[id];
    if (!o || o.status !== "waiting" || o.serviceId !== t.serviceId) continue;
    const oPriority = o.priorityGroupId !== null;
    const tPriority = t.priorityGroupId !== null;
    if (oPriority && !tPriority) n++;
    else if (oPriority === tPriority && (o.queuedAt < t.queuedAt || (o.queuedAt === t.queuedAt && beforeT))) n++;
  }
  return n;
}

/** A band, not a promise: citizens trust "10–20 minutes" more than a wrong "13 minutes". */
export function waitBand(config: EngineConfig, state: DayState, serviceId: string, ahead: number): WaitBand {
  const expected = (ahead * serviceMinutes(config, state, serviceId)) / serversFor(config, state, serviceId);
  const minMinutes = roundDown5(expected * 0.8);
  const maxMinutes = Math.max(minMinutes + 5, roundUp5(expected * 1.25));
  return { minMinutes, maxMinutes };
}

export function waitingFor(state: DayState, serviceId: string): number {
  return indexOf(state).waiting.get(serviceId)?.length ?? 0;
}
