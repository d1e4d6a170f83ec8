import type { WaitBand } from "@motcua/protocol";
import { liveIndex } from "./day-index.ts";
import { type Callable, goesAhead, pickFrom } from "./call-order.ts";
import { localParts, sessionsOn } from "./day.ts";
import { hoursOn } from "./sessions.ts";
import type { DayState, EngineConfig, Millis, TicketRecord } from "./types.ts";

const MINUTE = 60_000;
/**
 * The replay stops after this many calls (a busy provincial morning's worth) and the rest follow
 * at the pace it found, so a hall with a huge backlog does not slow every ticket issued.
 */
const MAX_REPLAYED_CALLS = 500;
/** The pace of arrivals is read over this much of the recent past. */
const ARRIVALS_WINDOW = 30 * MINUTE;
const roundDown5 = (m: number) => Math.max(0, Math.floor(m / 5) * 5);

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
  /** Done tickets with a measured service, per service. */
  done: Map<string, TicketRecord[]>;
  /** Position of each ticket in issue order. */
  position: Map<string, number>;
  ahead: Map<string, number>;
  minutes: Map<string, number>;
  config: EngineConfig | null;
  /** The projected calls, replayed from one whole minute. */
  projection: Projection | null;
}
const indexes = new WeakMap<DayState, StateIndex>();

export function indexOf(state: DayState): StateIndex {
  let ix = indexes.get(state);
  if (ix) return ix;
  const waiting = new Map<string, TicketRecord[]>();
  const targeted = new Map<string, TicketRecord[]>();
  const parked = new Map<string, TicketRecord[]>();
  let done = new Map<string, TicketRecord[]>();
  let position = new Map<string, number>();
  const add = (m: Map<string, TicketRecord[]>, key: string, t: TicketRecord) => {
    const list = m.get(key);
    if (list) list.push(t);
    else m.set(key, [t]);
  };
  const live = liveIndex(state);
  if (live) {
    // A day kept in place knows its waiting and parked tickets: this costs what is waiting, not the day.
    position = live.position;
    done = live.done;
    const inOrder = (ids: Set<string>) => [...ids].sort((a, b) => position.get(a)! - position.get(b)!).map((id) => state.tickets[id]!);
    for (const t of inOrder(live.parked)) add(parked, t.counterId!, t);
    for (const t of inOrder(live.waiting)) {
      add(waiting, t.serviceId, t);
      if (t.targetCounterId !== null) add(targeted, t.targetCounterId, t);
    }
  } else {
    state.order.forEach((id, i) => {
      const t = state.tickets[id];
      if (!t) return;
      position.set(id, i);
      if (t.status === "parked" && t.counterId !== null) add(parked, t.counterId, t);
      if (t.status === "done" && t.startedAt !== null && t.finishedAt !== null) add(done, t.serviceId, t);
      if (t.status !== "waiting") return;
      add(waiting, t.serviceId, t);
      if (t.targetCounterId !== null) add(targeted, t.targetCounterId, t);
    });
    // In finishing order, as a live index keeps them (stable: ties stay in issue order).
    for (const list of done.values()) list.sort((a, b) => a.finishedAt! - b.finishedAt!);
  }
  const ahead = new Map<string, number>();
  for (const list of waiting.values()) {
    // Stable sort keeps issue order for equal queue times, as the call order does.
    list.sort((a, b) => Number(firstClass(b)) - Number(firstClass(a)) || a.queuedAt - b.queuedAt);
    list.forEach((t, i) => ahead.set(t.id, i));
  }
  // The lists above were built before sorting `waiting`, so they keep issue order.
  ix = { waiting, targeted, parked, done, position, ahead, minutes: new Map(), config: null, projection: null };
  indexes.set(state, ix);
  return ix;
}

/**
 * Called before walk-ins for the place counts: priority groups, and appointments (checked in at
 * most a short window before their slot, they are ahead by the time the line moves).
 */
const firstClass = (t: Pick<TicketRecord, "priorityGroupId" | "appointmentAt">) => t.priorityGroupId !== null || t.appointmentAt !== undefined;

/** Mean minutes per citizen for a service: today's most recent services, else the configured default. */
export function serviceMinutes(config: EngineConfig, state: DayState, serviceId: string): number {
  const ix = indexOf(state);
  if (ix.config !== config) {
    ix.config = config;
    ix.minutes = measuredMinutes(config, ix.done);
  }
  return ix.minutes.get(serviceId) ?? config.services.find((s) => s.id === serviceId)?.defaultServiceMinutes ?? 8;
}

/** Each measured service's mean over its most recent done services. */
function measuredMinutes(config: EngineConfig, done: Map<string, TicketRecord[]>): Map<string, number> {
  const minutes = new Map<string, number>();
  const n = config.rules.serviceTimeSample;
  for (const [serviceId, list] of done) {
    // The most recently finished services tell best how fast the counters work now: the lists
    // run in finishing order, so they are the last ones, and the day's length costs nothing.
    const sample = list.slice(-n);
    minutes.set(serviceId, sample.reduce((sum, t) => sum + (t.finishedAt! - t.startedAt!) / 60_000, 0) / sample.length);
  }
  return minutes;
}

/** Tickets of the same service that will be called before `t`: priority ones first, then older ones. */
export function aheadOf(state: DayState, t: Pick<TicketRecord, "serviceId" | "priorityGroupId" | "queuedAt" | "id" | "appointmentAt">): number {
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
    const oPriority = firstClass(o);
    const tPriority = firstClass(t);
    if (oPriority && !tPriority) n++;
    else if (oPriority === tPriority && (o.queuedAt < t.queuedAt || (o.queuedAt === t.queuedAt && beforeT))) n++;
  }
  return n;
}

interface Projection {
  config: EngineConfig;
  /** The whole minute the replay starts from. */
  from: Millis;
  /** When each waiting ticket is called. */
  calls: Map<string, Millis>;
  /** When a citizen who took a ticket for the service at the start would be called. */
  newcomers: Map<string, Millis>;
}

/**
 * When each waiting ticket will be called: the counters' own call order (`pickFrom`: aging,
 * priority, each counter's services in preference order) replayed from `from`, each service
 * taking today's mean time. A place in one service's line says little where counters are
 * shared: a counter serves its first service before the others, and citizens still to come
 * for that first service go ahead too, so they are replayed at the pace of the last half hour
 * until the session ends. Counters call only within opening hours, so a wait that reaches
 * a break includes it.
 */
function project(config: EngineConfig, state: DayState, from: Millis): Projection {
  // The engine's config type names no calendar; the center's configuration passed in has one (hoursOn reads its days worked in exchange).
  const sessions = sessionsOn(hoursOn(config, localParts(from).date), from);
  // An officer at an open counter outside the opening hours (a center that staffs lunch) keeps
  // working until the next session starts; the hours bind the others.
  const gapEnd = sessions.some((s) => s.from <= from && from < s.to) ? from : (sessions.find((s) => from < s.from)?.from ?? Infinity);
  const openAt = (t: Millis, working = false) => {
    if (working && t < gapEnd) return t;
    const session = sessions.find((s) => t < s.to);
    // Past the last session there is no next one to wait for: whoever still works goes on.
    return session ? Math.max(t, session.from) : t;
  };
  const minutes = (serviceId: string) => serviceMinutes(config, state, serviceId) * MINUTE;
  const isOpen = (counterId: string) => state.counters[counterId]?.status === "open";
  const covered = new Set(config.counters.filter((c) => isOpen(c.id)).flatMap((c) => c.serviceIds));

  // Waiting tickets in lines that keep the call order's own ranking, the oldest last so that a
  // call pops it: per service and class, and per counter for tickets sent to one. Only a
  // line's end can be called next, so a call weighs a handful of tickets, not the whole hall.
  const ix = indexOf(state);
  const queues = new Map(config.services.map((s) => [s.id, { booked: [] as Callable[], priority: [] as Callable[], regular: [] as Callable[] }]));
  const sent = new Map(config.counters.map((c) => [c.id, [] as Callable[]]));
  const lineOf = (t: Callable) =>
    t.targetCounterId !== null
      ? sent.get(t.targetCounterId)
      : queues.get(t.serviceId)?.[t.appointmentAt !== undefined ? "booked" : t.priorityGroupId === null ? "regular" : "priority"];
  let waiting = 0;
  // The index lists each service's waiting tickets priority first, then oldest first.
  for (const list of ix.waiting.values()) {
    for (const t of list) {
      const line = lineOf(t);
      if (!line) continue;
      line.push(t);
      waiting++;
    }
  }
  const byPosition = (a: Callable, b: Callable) => ix.position.get(a.id)! - ix.position.get(b.id)!;
  for (const line of sent.values()) line.sort((a, b) => a.queuedAt - b.queuedAt || byPosition(a, b)).reverse();
  for (const q of queues.values()) {
    q.booked.sort((a, b) => b.appointmentAt! - a.appointmentAt! || byPosition(b, a));
    q.priority.reverse();
    q.regular.reverse();
  }
  // Booked citizens still to come today join at their slot's time, ahead of walk-ins: a walk-in's
  // estimate must count them. Latest last-out, so each line's end is the next to arrive.
  // One who has not come by the end of their check-in window will come as a walk-in, if at all.
  const bookedComers = new Map<string, Callable[]>();
  for (const [token, e] of Object.entries(state.expected ?? {})) {
    if (e.at + config.rules.checkInLateMinutes * MINUTE < from || !queues.has(e.serviceId)) continue;
    const list = bookedComers.get(e.serviceId) ?? [];
    list.push({ id: `expected:${token}`, serviceId: e.serviceId, priorityGroupId: null, queuedAt: Math.max(e.at, from), targetCounterId: null, appointmentAt: e.at });
    bookedComers.set(e.serviceId, list);
  }
  for (const list of bookedComers.values()) list.sort((a, b) => b.appointmentAt! - a.appointmentAt!);

  const desks = config.counters.map((c) => {
    const r = state.counters[c.id];
    // A counter not open now stands in only for services no open counter takes: someone will open it.
    if (!r || !isOpen(c.id)) {
      return { id: c.id, serviceIds: c.serviceIds.filter((s) => !covered.has(s)), streak: 0, working: false, free: openAt(from) };
    }
    const current = r.currentTicketId ? state.tickets[r.currentTicketId] : undefined;
    // The citizen at the desk is, on average, half way through.
    const free = current ? from + minutes(current.serviceId) / 2 : from;
    return { id: c.id, serviceIds: c.serviceIds, streak: r.priorityStreak, working: true, free: openAt(free, true) };
  });

  const sessionEnd = sessions.find((s) => s.from <= from && from < s.to)?.to ?? from;
  const issued = new Map<string, number>();
  // Tickets stand in issue order, so the last half hour's are at the end.
  for (let i = state.order.length - 1; i >= 0; i--) {
    const t = state.tickets[state.order[i]!]!;
    if (t.issuedAt <= from - ARRIVALS_WINDOW) break;
    issued.set(t.serviceId, (issued.get(t.serviceId) ?? 0) + 1);
  }
  const every = new Map([...issued].map(([serviceId, n]) => [serviceId, ARRIVALS_WINDOW / n]));
  /** The next citizen still to come, per service. */
  const comers = new Map<string, Callable>();
  const comeAfter = (serviceId: string, t: Millis) => {
    const at = t + every.get(serviceId)!;
    if (at < sessionEnd) comers.set(serviceId, { id: "", serviceId, priorityGroupId: null, queuedAt: at, targetCounterId: null });
    else comers.delete(serviceId);
  };
  for (const serviceId of every.keys()) comeAfter(serviceId, from);

  // A newcomer changes nothing until a counter would call them, so one replay serves them all:
  // each is called the first time a counter would take them over what it takes.
  const unseated = new Map<string, Callable>(
    config.services.map((s) => [s.id, { id: "", serviceId: s.id, priorityGroupId: null, queuedAt: from, targetCounterId: null }]),
  );
  const calls = new Map<string, Millis>();
  const newcomers = new Map<string, Millis>();
  let lastAt = from;
  /** Calls per service in the replay, and the last one: a longer backlog follows at that pace. */
  const replayed = new Map<string, { n: number; last: Millis }>();
  while ((calls.size < waiting || unseated.size > 0) && calls.size < MAX_REPLAYED_CALLS) {
    const desk = desks.reduce((a, b) => (b.free < a.free ? b : a));
    const at = desk.free;
    if (at === Infinity) break;
    const firsts: Callable[] = [];
    for (const line of [sent.get(desk.id), ...desk.serviceIds.flatMap((s) => [queues.get(s)?.booked, queues.get(s)?.priority, queues.get(s)?.regular])]) {
      if (line?.length) firsts.push(line[line.length - 1]!);
    }
    firsts.sort(byPosition);
    const later: Callable[] = [];
    for (const s of desk.serviceIds) {
      const c = comers.get(s);
      if (c) (c.queuedAt <= at ? firsts : later).push(c);
      const b = bookedComers.get(s)?.at(-1);
      if (b) (b.queuedAt <= at ? firsts : later).push(b);
    }
    const pick = pickFrom(config, desk.id, firsts, desk.streak, at);
    for (const s of desk.serviceIds) {
      const n = unseated.get(s);
      // Behind anyone in their own line, a newcomer cannot be next.
      if (!n || queues.get(s)?.regular.length) continue;
      if (!pick || pickFrom(config, desk.id, [...firsts, n], desk.streak, at)!.ticket === n) {
        newcomers.set(s, at);
        unseated.delete(s);
      }
    }
    if (!pick) {
      desk.free = Math.min(Infinity, ...later.map((c) => c.queuedAt));
      continue;
    }
    const t = pick.ticket;
    desk.streak = goesAhead(t, at) ? desk.streak + 1 : 0;
    desk.free = openAt(at + minutes(t.serviceId), desk.working);
    if (comers.get(t.serviceId) === t) {
      comeAfter(t.serviceId, t.queuedAt);
    } else if (bookedComers.get(t.serviceId)?.at(-1) === t) {
      bookedComers.get(t.serviceId)!.pop();
    } else {
      lineOf(t)!.pop();
      calls.set(t.id, at);
      lastAt = at;
      const r = replayed.get(t.serviceId);
      if (r) {
        r.n++;
        r.last = at;
      } else replayed.set(t.serviceId, { n: 1, last: at });
    }
  }
  if (calls.size < waiting || unseated.size > 0) {
    // Each service goes on at the pace its own calls had in the replay. One the replay never
    // reached waits for the rest and then has its counters to itself.
    const takers = (serviceId: string) => desks.filter((d) => d.serviceIds.includes(serviceId)).length;
    const ahead = new Map<string, Millis>();
    const paceOf = (serviceId: string): { from: Millis; every: Millis } => {
      const r = replayed.get(serviceId);
      return r ? { from: r.last, every: (r.last - from) / r.n } : { from: lastAt, every: minutes(serviceId) / Math.max(1, takers(serviceId)) };
    };
    for (const list of ix.waiting.values()) {
      for (const t of list) {
        if (calls.has(t.id) || lineOf(t) === undefined || (t.targetCounterId === null && takers(t.serviceId) === 0)) continue;
        const pace = paceOf(t.serviceId);
        const at = (ahead.get(t.serviceId) ?? pace.from) + pace.every;
        calls.set(t.id, at);
        ahead.set(t.serviceId, at);
      }
    }
    for (const serviceId of unseated.keys()) {
      if (takers(serviceId) === 0) continue;
      const pace = paceOf(serviceId);
      newcomers.set(serviceId, (ahead.get(serviceId) ?? pace.from) + pace.every);
    }
  }
  return { config, from, calls, newcomers };
}

/**
 * Today's projection as of `now`. It starts on the whole minute: bands move in five-minute
 * steps, and one replay then serves every request of that minute (a counter's list asks about
 * all its tickets, a board about every service).
 */
function projectionOf(config: EngineConfig, state: DayState, now: Millis): Projection {
  const from = Math.floor(now / MINUTE) * MINUTE;
  const ix = indexOf(state);
  if (ix.projection?.from !== from || ix.projection.config !== config) ix.projection = project(config, state, from);
  return ix.projection;
}

/** Minutes until a waiting ticket is called, as far as today's pace tells; null if no counter ever will. */
export function expectedWait(config: EngineConfig, state: DayState, t: TicketRecord, now: Millis): number | null {
  const { from, calls } = projectionOf(config, state, now);
  const at = calls.get(t.id);
  return at === undefined ? null : (at - from) / MINUTE;
}

/** Minutes a citizen who takes a ticket for the service now would wait; null if no counter ever takes it. */
export function newcomerWait(config: EngineConfig, state: DayState, serviceId: string, now: Millis): number | null {
  const { from, newcomers } = projectionOf(config, state, now);
  const at = newcomers.get(serviceId);
  return at === undefined ? null : (at - from) / MINUTE;
}

/**
 * A band, not a promise: citizens trust "10–20 minutes" more than a wrong "13 minutes".
 * Width rule: at most 10 minutes, or 60 % of the midpoint when that is more, so the band
 * still tells a short wait from a long one. Waits run past the projection more often and
 * further than they fall short of it (a long service, an older ticket turning overdue), so
 * the band starts a little below it and takes the width the rule allows above. A counter
 * free right now shows 0–5.
 */
export function bandOf(minutes: number): WaitBand {
  const minMinutes = roundDown5(minutes * 0.8);
  if (minutes === 0) return { minMinutes, maxMinutes: 5 };
  // The widest w on five-minute steps with w ≤ max(10, 0.6·(min + w/2)), i.e. w ≤ 6·min/7.
  return { minMinutes, maxMinutes: minMinutes + Math.max(10, roundDown5((6 * minMinutes) / 7)) };
}

export function waitingFor(state: DayState, serviceId: string): number {
  return indexOf(state).waiting.get(serviceId)?.length ?? 0;
}
