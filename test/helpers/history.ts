/**
 * Past service days for benchmarks and report tests: working days at the demo center driven
 * through the real engine (issue → call → start → complete, some no-shows, ratings) and written
 * through the real store, so every file is a genuine DayState. Simulating through the immutable
 * engine is slow, so a handful of distinct days are simulated and the rest re-date them (new day,
 * ids and timestamps; same shape and size).
 */
import type { CenterConfig, RatingLevel } from "@motcua/protocol";
import { applyInPlace, createDay, localMidnight, serviceDayOf, type Command, type DayState, type Millis, type TicketRecord } from "@motcua/engine";
import { LowdbStore } from "@motcua/queue-server";
import { hallClock } from "./clock.ts";

const MINUTE = 60_000;

/** Deterministic PRNG (mulberry32), so every run writes the same year. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Epoch ms of a wall-clock time in Hanoi on `day`. */
const localTime = (day: string, hour: number, minute = 0): Millis =>
  localMidnight(day) + (hour * 60 + minute) * MINUTE;

/** How often citizens come for each service at a provincial center (relative weights). */
const SERVICE_WEIGHTS: Record<string, number> = {
  "khai-sinh": 11,
  "ket-hon": 4,
  "chung-thuc-ban-sao": 24,
  "chung-thuc-chu-ky": 8,
  "dang-ky-dat-dai": 7,
  "dang-ky-doanh-nghiep": 4,
  "ho-kinh-doanh": 5,
  "giay-phep-xay-dung": 3,
  "ly-lich-tu-phap": 6,
  "tro-cap-xa-hoi": 4,
  "tro-cap-that-nghiep": 3,
  "doi-giay-phep-lai-xe": 6,
  "tra-ket-qua": 15,
};
const PRIORITY_GROUPS = ["nguoi-cao-tuoi", "phu-nu-mang-thai", "nguoi-khuyet-tat", "nguoi-co-cong"];
const REASONS = ["long_wait", "unclear_guidance", "attitude", "missing_result", "other"];

function pickWeighted(random: () => number, weights: Record<string, number>): string {
  const entries = Object.entries(weights);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return entries[entries.length - 1]![0];
}

/** One working day at the demo center, driven through the real engine. */
export function simulateDay(config: CenterConfig, day: string, tickets: number, random: () => number): DayState {
  let state = createDay(config, day);
  const run = (cmd: Command, now: Millis) => {
    // In place: a day of thousands of tickets simulates in a blink, and nothing else holds it.
    const r = applyInPlace(config, state, cmd, now);
    if (!r.ok) throw new Error(`simulation: ${cmd.type} failed on ${day}: ${r.error.message}`);
    state = r.state;
    return r.events;
  };

  // Staff open their counters before the doors open at 07:30 (counter 12 stays closed).
  const staff = [...config.staff.filter((s) => s.role === "staff"), ...config.staff.filter((s) => s.role === "supervisor")];
  const counters = config.counters.slice(0, staff.length).map((c, i) => ({ id: c.id, serviceIds: new Set(c.serviceIds), staff: staff[i]! }));
  for (const c of counters) run({ type: "openCounter", counterId: c.id, staffId: c.staff.id, staffName: c.staff.displayName }, localTime(day, 7, 25));

  // Arrivals over 07:30–16:30, busier in the morning.
  const open = localTime(day, 7, 30);
  const span = 9 * 60 * MINUTE;
  const arrivals = Array.from({ length: tickets }, () => open + Math.floor(Math.pow(random(), 1.3) * span)).sort((a, b) => a - b);

  const minutesFor = new Map(config.services.map((s) => [s.id, s.defaultServiceMinutes]));
  // The demo center's mix, of the services this center has (a commune has fewer).
  const weights = Object.fromEntries(Object.entries(SERVICE_WEIGHTS).filter(([id]) => config.services.some((s) => s.id === id)));
  const groups = PRIORITY_GROUPS.filter((g) => config.priorityGroups.some((p) => p.id === g));
  // Staff work faster than the configured defaults on busy days, so a day still ends around 17:00.
  const pace = 0.55 * Math.min(1, 1000 / tickets);
  const busy = new Map<string, { until: Millis; ticketId: string | null }>();

  const tryCall = (counterId: string, now: Millis) => {
    const called = run({ type: "callNext", counterId }, now).find((e) => e.type === "ticket.called");
    if (!called) return;
    const t = state.tickets[called.ticketId]!;
    if (random() < 0.04) {
      // Nobody comes: two recalls, then a no-show.
      run({ type: "recall", ticketId: t.id }, now + MINUTE);
      run({ type: "recall", ticketId: t.id }, now + 2 * MINUTE);
      run({ type: "noShow", ticketId: t.id }, now + 3 * MINUTE);
      busy.set(counterId, { until: now + 3 * MINUTE, ticketId: null });
      return;
    }
    const startAt = now + Math.floor((20 + random() * 40) * 1000);
    run({ type: "start", ticketId: t.id }, startAt);
    const mean = (minutesFor.get(t.serviceId) ?? 8) * pace;
    const serviceMs = Math.max(MINUTE / 2, Math.floor(-Math.log(1 - random()) * mean * MINUTE));
    busy.set(counterId, { until: startAt + serviceMs, ticketId: t.id });
  };

  const finish = (counterId: string, until: Millis, ticketId: string | null) => {
    busy.delete(counterId);
    if (ticketId) {
      run({ type: "complete", ticketId }, until);
      if (random() < 0.55) {
        const r = random();
        const level: RatingLevel = r < 0.72 ? "very_satisfied" : r < 0.95 ? "satisfied" : "unsatisfied";
        const reasons = level === "unsatisfied" ? [REASONS[Math.floor(random() * REASONS.length)]!] : [];
        run({ type: "rate", ticketId, level, reasons: reasons as never }, until + 20_000);
      }
    }
    tryCall(counterId, until + 10_000);
  };

  let next = 0;
  let last = open;
  for (;;) {
    const arrival = next < arrivals.length ? arrivals[next]! : Infinity;
    let soonest: [string, { until: Millis; ticketId: string | null }] | null = null;
    for (const entry of busy) if (!soonest || entry[1].until < soonest[1].until) soonest = entry;
    if (arrival === Infinity && !soonest) break;
    if (arrival <= (soonest?.[1].until ?? Infinity)) {
      const serviceId = pickWeighted(random, weights);
      const priorityGroupId = groups.length && random() < 0.07 ? groups[Math.floor(random() * groups.length)]! : null;
      run({ type: "issueTicket", serviceId, priorityGroupId }, arrival);
      next++;
      last = arrival;
      for (const c of counters) if (!busy.has(c.id) && c.serviceIds.has(serviceId)) tryCall(c.id, arrival);
    } else {
      const [counterId, { until, ticketId }] = soonest!;
      last = until;
      finish(counterId, until, ticketId);
    }
  }
  for (const c of counters) run({ type: "closeCounter", counterId: c.id }, last + 5 * MINUTE);
  return state;
}

/** The same day moved to another date: ids, order, ratings and every timestamp follow. */
function redate(template: DayState, day: string): DayState {
  const shift = localTime(day, 0) - localTime(template.day, 0);
  const id = (old: string) => day + old.slice(template.day.length);
  const time = (t: Millis | null) => (t === null ? null : t + shift);
  const tickets: Record<string, TicketRecord> = {};
  for (const t of Object.values(template.tickets)) {
    tickets[id(t.id)] = {
      ...t,
      id: id(t.id),
      issuedAt: t.issuedAt + shift,
      queuedAt: t.queuedAt + shift,
      calledAt: time(t.calledAt),
      waitEndedAt: time(t.waitEndedAt),
      startedAt: time(t.startedAt),
      finishedAt: time(t.finishedAt),
    };
  }
  return {
    ...template,
    day,
    tickets,
    order: template.order.map(id),
    ratings: template.ratings.map((r) => ({ ...r, ticketId: id(r.ticketId), at: r.at + shift })),
  };
}

/**
 * `days` past days before today (the last one yesterday), `distinct` of them simulated, written
 * to `dir`. Today is the hall clock's, the one the test's server runs on.
 */
export async function writeHistory(
  dir: string,
  config: CenterConfig,
  days: number,
  distinct: number,
  ticketsPerDay: [number, number] = [800, 1500],
  now: number = hallClock(),
): Promise<{ days: number; tickets: number; ms: number }> {
  const started = performance.now();
  const store = new LowdbStore(dir);
  await store.saveConfig(config);
  const random = rng(20261127);
  const templates: DayState[] = [];
  const today = serviceDayOf(now, config.center.dayResetTime);
  const dayAt = (back: number) => new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < distinct; i++) {
    templates.push(simulateDay(config, dayAt(days - i), ticketsPerDay[0] + Math.floor(random() * (ticketsPerDay[1] - ticketsPerDay[0] + 1)), random));
  }
  let tickets = 0;
  for (let back = days; back >= 1; back--) {
    const template = templates[(days - back) % distinct]!;
    const state = template.day === dayAt(back) ? template : redate(template, dayAt(back));
    await store.saveSnapshot(state, 0);
    tickets += state.order.length;
  }
  return { days: days, tickets, ms: performance.now() - started };
}

