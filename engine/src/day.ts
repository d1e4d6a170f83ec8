import { liveIndex } from "./day-index.ts";
import type { CounterRecord, DayState, EngineConfig, Millis, TicketRecord } from "./types.ts";

// The center's time zone (CENTER_TIMEZONE) has kept UTC+7 with no daylight saving since 1975, so a fixed offset is exact.
const HCM_OFFSET_MS = 7 * 60 * 60 * 1000;

export const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The service day a moment belongs to: the local date, counted from the daily reset time. */
export function serviceDayOf(now: Millis, dayResetTime: string): string {
  const shifted = new Date(now + HCM_OFFSET_MS - minutesOf(dayResetTime) * 60_000);
  return shifted.toISOString().slice(0, 10);
}

/** Local wall-clock parts in the center's time zone, for tickets and reports. */
export function localParts(now: Millis): { date: string; time: string; hour: number } {
  const iso = new Date(now + HCM_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), hour: Number(iso.slice(11, 13)) };
}

/** "HH:mm" of whole minutes from local midnight. */
export const hhmmOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Local midnight of a date (YYYY-MM-DD), as a moment. */
export const localMidnight = (date: string): Millis => Date.parse(`${date}T00:00:00Z`) - HCM_OFFSET_MS;

/** The date `days` after (or before) a date, YYYY-MM-DD. */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The opening hours on `now`'s local day, as spans of epoch milliseconds in order. */
export function sessionsOn(hours: EngineConfig["center"]["openingHours"], now: Millis): { from: Millis; to: Millis }[] {
  const midnight = localMidnight(localParts(now).date);
  return hours.map((s) => ({ from: midnight + minutesOf(s.from) * 60_000, to: midnight + minutesOf(s.to) * 60_000 }));
}

export const closedCounter = (): CounterRecord => ({
  status: "closed",
  staffId: null,
  staffName: null,
  currentTicketId: null,
  pauseReason: null,
  priorityStreak: 0,
  served: 0,
});

export function createDay(config: EngineConfig, day: string): DayState {
  const counters: DayState["counters"] = {};
  for (const c of config.counters) counters[c.id] = closedCounter();
  return { day, seq: {}, tickets: {}, order: [], counters, ratings: [], version: 0 };
}

/** A state for `now`: the same one if the day has not turned, else a fresh day with every counter closed. */
export function rollover(config: EngineConfig, state: DayState | null, now: Millis): { state: DayState; turned: boolean } {
  const day = serviceDayOf(now, config.center.dayResetTime);
  // Never back to an earlier day (a later reset time set this morning): numbers would repeat.
  if (state && state.day >= day) return { state, turned: false };
  return { state: createDay(config, day), turned: true };
}

/**
 * A finished day as it is kept: its remote numbers without their phones' hashes, which only
 * counted a phone's numbers that day.
 */
export function withoutPhones(state: DayState): DayState {
  if (!state.reservations || Object.values(state.reservations).every((r) => r.phoneHash === "")) return state;
  const reservations = Object.fromEntries(Object.entries(state.reservations).map(([token, r]) => [token, { ...r, phoneHash: "" }]));
  return { ...state, reservations };
}

/**
 * A ticket by an id that came from outside. Own properties only: an id such as
 * "__proto__" must find nothing, not Object.prototype.
 */
export const findTicket = (state: DayState, id: string): TicketRecord | undefined =>
  Object.hasOwn(state.tickets, id) ? state.tickets[id] : undefined;

/** The ticket an issuing tap with this idempotency key got today, if any. */
export function ticketForRequest(state: DayState, requestKey: string): TicketRecord | undefined {
  const index = liveIndex(state);
  if (index) {
    const id = index.byRequestKey.get(requestKey);
    return id === undefined ? undefined : state.tickets[id];
  }
  // Newest first: a retry comes seconds after its tap.
  for (let i = state.order.length - 1; i >= 0; i--) {
    const t = state.tickets[state.order[i]!]!;
    if (t.requestKey === requestKey) return t;
  }
  return undefined;
}

/** Today's ticket whose follow link carries this token; a token from another day finds nothing. */
export function ticketByFollowToken(state: DayState, token: string): TicketRecord | undefined {
  const index = liveIndex(state);
  if (index) {
    const id = index.byFollowToken.get(token);
    return id === undefined ? undefined : state.tickets[id];
  }
  for (let i = state.order.length - 1; i >= 0; i--) {
    const t = state.tickets[state.order[i]!]!;
    if (t.followToken === token) return t;
  }
  return undefined;
}

/** A counter's day record by an id that came from outside; own properties only, as `findTicket`. */
export const findCounter = (state: DayState, id: string): CounterRecord | undefined =>
  Object.hasOwn(state.counters, id) ? state.counters[id] : undefined;

/** After a configuration change: every configured counter has a day record. */
export function withCountersOf(config: EngineConfig, state: DayState): DayState {
  const missing = config.counters.filter((c) => !Object.hasOwn(state.counters, c.id));
  if (missing.length === 0) return state;
  const counters = { ...state.counters };
  for (const c of missing) counters[c.id] = closedCounter();
  return { ...state, counters };
}
