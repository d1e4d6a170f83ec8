import { TARGET_WAIT_MINUTES, type BreakdownRow, type HourRow, type StaffToday, type StatsToday } from "@motcua/protocol";
import { localParts } from "./day.ts";
import type { DayState, EngineConfig, Millis, TicketRecord } from "./types.ts";

const TARGET_MS = TARGET_WAIT_MINUTES * 60_000;
const round1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: number[]) => (xs.length === 0 ? null : round1(xs.reduce((a, b) => a + b, 0) / xs.length));
const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

function row(id: string, tickets: TicketRecord[], state: DayState, ratingFilter: (r: DayState["ratings"][number]) => boolean, now: Millis): BreakdownRow {
  const waits = tickets.filter((t) => t.waitEndedAt !== null).map((t) => (t.waitEndedAt! - t.issuedAt) / 60_000);
  const services = tickets
    .filter((t) => t.status === "done" && t.startedAt !== null && t.finishedAt !== null)
    .map((t) => (t.finishedAt! - t.startedAt!) / 60_000);
  const within = tickets.filter((t) => t.waitEndedAt !== null && t.waitEndedAt - t.issuedAt <= TARGET_MS).length;
  // A citizen still waiting past 15 minutes has already missed the target: count it now, not later.
  const overdueWaiting = tickets.filter((t) => t.status === "waiting" && t.waitEndedAt === null && now - t.issuedAt > TARGET_MS).length;
  const ratings = state.ratings.filter(ratingFilter);
  const happy = ratings.filter((r) => r.level !== "unsatisfied").length;
  // Waiting now: since the ticket last joined a queue (a transfer starts a new wait).
  const waitingSince = tickets.filter((t) => t.status === "waiting").map((t) => t.waitingSince ?? t.queuedAt);
  return {
    id,
    issued: tickets.length,
    served: tickets.filter((t) => t.status === "done").length,
    waiting: tickets.filter((t) => t.status === "waiting").length,
    averageWaitMinutes: mean(waits),
    averageServiceMinutes: mean(services),
    calledWithin15Share: share(within, waits.length + overdueWaiting),
    ratings: ratings.length,
    satisfactionRate: share(happy, ratings.length),
    longestCurrentWaitMinutes: waitingSince.length === 0 ? null : round1((now - Math.min(...waitingSince)) / 60_000),
  };
}

/**
 * The day hour by hour (local time): arrivals by issue hour; waits and the 15-minute share by
 * the hour the wait ended, which is when the hall felt it.
 */
function perHour(all: TicketRecord[]): HourRow[] {
  const hours = new Map<number, { arrivals: number; waits: number[] }>();
  const at = (h: number) => hours.get(h) ?? (hours.set(h, { arrivals: 0, waits: [] }), hours.get(h)!);
  for (const t of all) {
    at(localParts(t.issuedAt).hour).arrivals++;
    if (t.waitEndedAt !== null) at(localParts(t.waitEndedAt).hour).waits.push(t.waitEndedAt - t.issuedAt);
  }
  return [...hours.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, h]) => ({
      hour,
      arrivals: h.arrivals,
      called: h.waits.length,
      averageWaitMinutes: mean(h.waits.map((w) => w / 60_000)),
      calledWithin15Share: share(h.waits.filter((w) => w <= TARGET_MS).length, h.waits.length),
    }));
}

/** An officer's own figures today: visits finished, their mean length, how many were rated. */
export function staffToday(state: DayState, staffId: string): StaffToday {
  const mine = state.order.map((id) => state.tickets[id]!).filter((t) => t.status === "done" && t.servedByStaff === staffId);
  const ids = new Set(mine.map((t) => t.id));
  return {
    served: mine.length,
    averageServiceMinutes: mean(mine.filter((t) => t.startedAt !== null).map((t) => (t.finishedAt! - t.startedAt!) / 60_000)),
    ratings: state.ratings.filter((r) => ids.has(r.ticketId)).length,
  };
}

/** Today's figures the plan measures: waits, the 15-minute service level, satisfaction. */
export function statsToday(config: EngineConfig, state: DayState, now: Millis): StatsToday {
  const all = state.order.map((id) => state.tickets[id]!);
  const total = row("all", all, state, () => true, now);
  const waitingNow = all.filter((t) => t.status === "waiting");
  const longest = waitingNow.length === 0 ? null : round1(Math.max(...waitingNow.map((t) => now - (t.waitingSince ?? t.queuedAt))) / 60_000);
  return {
    day: state.day,
    issued: total.issued,
    served: total.served,
    waiting: total.waiting,
    noShows: all.filter((t) => t.status === "no_show").length,
    cancelled: all.filter((t) => t.status === "cancelled").length,
    averageWaitMinutes: total.averageWaitMinutes,
    longestCurrentWaitMinutes: longest,
    averageServiceMinutes: total.averageServiceMinutes,
    calledWithin15Share: total.calledWithin15Share,
    ratings: total.ratings,
    satisfactionRate: total.satisfactionRate,
    perService: config.services.map((s) =>
      row(s.id, all.filter((t) => t.serviceId === s.id), state, (r) => r.serviceId === s.id, now),
    ),
    perField: [...new Set(config.services.map((s) => s.fieldId))].map((fieldId) => {
      const ids = new Set(config.services.filter((s) => s.fieldId === fieldId).map((s) => s.id));
      return row(fieldId, all.filter((t) => ids.has(t.serviceId)), state, (r) => ids.has(r.serviceId), now);
    }),
    perHour: perHour(all),
    perCounter: config.counters.map((c) =>
      row(c.id, all.filter((t) => t.servedBy === c.id || (t.counterId === c.id && t.waitEndedAt !== null)), state, (r) => r.counterId === c.id, now),
    ),
  };
}
