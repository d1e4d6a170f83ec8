import type { Call, CounterState, CounterTicket, CounterView, ServiceSummary, Ticket, WaitBand } from "@motcua/protocol";
import { aheadOf, bandOf, expectedWait, indexOf, newcomerWait, waitingFor } from "./estimate.ts";
import type { DayState, EngineConfig, Millis, TicketRecord } from "./types.ts";
import { formatNumber, ticketId } from "./apply.ts";
import { findTicket } from "./day.ts";
import { callsFromOn } from "./hours.ts";
import { isServed } from "./served.ts";

const iso = (ms: Millis | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * A wait as a band. Before the counters start (early morning, a lunch break) the band counts from
 * their start and says when that is: "from 07:30, about 0–10 minutes", not "185–340 minutes" at
 * 03:05. A counter staffed through the break that calls sooner keeps the band from now.
 */
function banded(config: EngineConfig, minutes: number, now: Millis): { estimatedWait: WaitBand; callsFrom?: string } {
  const start = callsFromOn(config, now);
  const gap = start === null ? 0 : (start - Math.floor(now / 60_000) * 60_000) / 60_000;
  return start !== null && minutes >= gap ? { estimatedWait: bandOf(minutes - gap), callsFrom: iso(start)! } : { estimatedWait: bandOf(minutes) };
}

/** A ticket as the wire shows it at `now`: no internal bookkeeping, with its live position and wait band. */
export function toTicket(config: EngineConfig, state: DayState, t: TicketRecord, now: Millis): Ticket {
  const waiting = t.status === "waiting";
  const ahead = waiting ? aheadOf(state, t) : 0;
  const wait = waiting ? expectedWait(config, state, t, now) : null;
  return {
    id: t.id,
    day: state.day,
    number: t.number,
    serviceId: t.serviceId,
    priorityGroupId: t.priorityGroupId,
    status: t.status,
    issuedAt: new Date(t.issuedAt).toISOString(),
    calledAt: iso(t.calledAt),
    startedAt: iso(t.startedAt),
    finishedAt: iso(t.finishedAt),
    counterId: t.counterId,
    targetCounterId: t.targetCounterId,
    recalls: t.recalls,
    transfers: t.transfers,
    ahead,
    ...(wait === null ? { estimatedWait: null } : banded(config, wait, now)),
    ...(t.appointmentAt !== undefined ? { appointmentAt: new Date(t.appointmentAt).toISOString() } : {}),
  };
}

export function serviceSummaries(config: EngineConfig, state: DayState, now: Millis): ServiceSummary[] {
  // Only procedures a counter serves (isServed): every screen's list of procedures comes from here.
  return config.services.filter((s) => isServed(config, s.id)).map((s) => {
    const waiting = waitingFor(state, s.id);
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      fieldId: s.fieldId,
      waiting,
      // A counter serves it (filtered above), so someone will call the newcomer.
      ...banded(config, newcomerWait(config, state, s.id, now) ?? 0, now),
      counterNumbers: config.counters.filter((c) => c.serviceIds.includes(s.id)).map((c) => c.number),
    };
  });
}

export function counterState(config: EngineConfig, state: DayState, counterId: string): CounterState {
  const c = config.counters.find((x) => x.id === counterId);
  const r = state.counters[counterId];
  const current = r?.currentTicketId ? state.tickets[r.currentTicketId] : undefined;
  return {
    counterId,
    number: c?.number ?? 0,
    name: c?.name ?? counterId,
    status: r?.status ?? "closed",
    staffName: r?.staffName ?? null,
    currentTicketId: current?.id ?? null,
    currentNumber: current?.number ?? null,
    pauseReason: r?.pauseReason ?? null,
    servedToday: r?.served ?? 0,
    currentSince: current?.calledAt ? new Date(current.calledAt).toISOString() : null,
  };
}

export const counterStates = (config: EngineConfig, state: DayState): CounterState[] =>
  config.counters.map((c) => counterState(config, state, c.id));

export function callOf(config: EngineConfig, t: TicketRecord): Call | null {
  if (t.counterId === null || t.calledAt === null) return null;
  const counter = config.counters.find((c) => c.id === t.counterId);
  const service = config.services.find((s) => s.id === t.serviceId);
  return {
    ticketId: t.id,
    number: t.number,
    serviceId: t.serviceId,
    fieldId: service?.fieldId ?? "unknown",
    counterId: t.counterId,
    counterNumber: counter?.number ?? 0,
    calledAt: new Date(t.calledAt).toISOString(),
    recalls: t.recalls,
  };
}

/** Calls that still stand or were served, newest first; withdrawn calls never appear. */
export function recentCalls(config: EngineConfig, state: DayState, limit = 30): Call[] {
  const shown = state.order
    .map((id) => state.tickets[id]!)
    .filter((t) => t.calledAt !== null && (t.status === "called" || t.status === "serving" || t.status === "done"))
    .sort((a, b) => b.calledAt! - a.calledAt!)
    .slice(0, limit);
  return shown.map((t) => callOf(config, t)).filter((c): c is Call => c !== null);
}

export function counterView(config: EngineConfig, state: DayState, counterId: string, now: Millis): CounterView {
  const r = state.counters[counterId];
  const current = r?.currentTicketId ? state.tickets[r.currentTicketId] : undefined;
  const ix = indexOf(state);
  const serves = config.counters.find((c) => c.id === counterId)?.serviceIds ?? [];
  // Read from the per-state index: pushed to every open counter on every change, this must not scan the day.
  const waiting = [
    ...(ix.targeted.get(counterId) ?? []),
    ...serves.flatMap((sid) => (ix.waiting.get(sid) ?? []).filter((t) => t.targetCounterId === null)),
  ].sort((a, b) => a.queuedAt - b.queuedAt || ix.position.get(a.id)! - ix.position.get(b.id)!);
  const parked = ix.parked.get(counterId) ?? [];
  // The officers' own view: a transfer's note travels with the ticket to whoever may call it.
  const staffTicket = (t: TicketRecord): CounterTicket => ({ ...toTicket(config, state, t, now), note: t.note });
  return {
    counter: counterState(config, state, counterId),
    current: current ? staffTicket(current) : null,
    waiting: waiting.map(staffTicket),
    parked: parked.map(staffTicket),
    recallsBeforeNoShow: config.rules.recallsBeforeNoShow,
  };
}

/**
 * Today's ticket by the number a citizen types: "A23", "a023" and "A023" are the same ticket
 * when service A numbers up to 999.
 */
export function ticketByNumber(config: EngineConfig, state: DayState, typed: string): TicketRecord | undefined {
  const m = /^([A-Z]{1,2})(\d{1,4})$/.exec(typed.trim().toUpperCase());
  if (!m) return undefined;
  const [, code, digits] = m;
  for (const s of config.services) {
    if (s.code !== code) continue;
    const t = findTicket(state, ticketId(state.day, formatNumber(s.code, Number(digits), s.numberRange.to)));
    if (t) return t;
  }
  return undefined;
}
