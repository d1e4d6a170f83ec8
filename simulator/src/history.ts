import { STAFFING_MIN_SAMPLE, type CenterConfig } from "@motcua/protocol";
import { localMidnight, localParts, minutesOf, type DayState, type EngineConfig, type TicketRecord } from "@motcua/engine";
import { SLOT_MINUTES } from "./planner.ts";
import { hhmm, Scenario, type ScenarioInput } from "./scenario.ts";

/** The day's tickets for services still configured: the ones a plan can staff for. */
export function plannable(config: Pick<EngineConfig, "services">, day: DayState): TicketRecord[] {
  const known = new Set(config.services.map((s) => s.id));
  return day.order.flatMap((id) => day.tickets[id] ?? []).filter((t) => known.has(t.originalServiceId));
}

/** What a recorded day holds to plan from: its tickets, and how much of its opening hours had passed at `now`. */
export interface PlanSample {
  tickets: number;
  /** Hours of the day's opening hours already past at `now` (all of them for a day gone by). */
  hoursObserved: number;
  /** The day's opening hours in all. */
  hoursOpen: number;
}

export function planSample(config: Pick<EngineConfig, "services" | "center">, day: DayState, now: number): PlanSample {
  const midnight = localMidnight(day.day);
  let observed = 0;
  let open = 0;
  for (const h of config.center.openingHours) {
    const from = midnight + minutesOf(h.from) * 60_000;
    const to = midnight + minutesOf(h.to) * 60_000;
    open += to - from;
    observed += Math.min(Math.max(now - from, 0), to - from);
  }
  return { tickets: plannable(config, day).length, hoursObserved: observed / 3_600_000, hoursOpen: open / 3_600_000 };
}

/**
 * Whether a day says enough about demand to plan from: at least `STAFFING_MIN_SAMPLE` tickets and
 * hours observed (a day that has only just opened, or not yet, has not shown its morning).
 */
export const enoughToPlan = (s: PlanSample): boolean =>
  s.tickets >= STAFFING_MIN_SAMPLE.tickets && s.hoursObserved >= Math.min(STAFFING_MIN_SAMPLE.hours, s.hoursOpen);

/** Below this many finished services a field's service time comes from the configuration. */
const MIN_SERVICES = 5;
const DEFAULT_CV = 0.6;

/**
 * A recorded day as a scenario the planner can staff: each field's arrivals per half hour as
 * they happened, its service times as measured (lognormal with the day's mean and spread),
 * the configured counters with their skills, working the center's opening hours, and the
 * share of priority citizens and no-shows seen that day. One day is a noisy sample; the
 * planner smooths it by simulating many days drawn from it.
 */
export function scenarioFromDay(config: EngineConfig & Pick<CenterConfig, "fields">, day: DayState): Scenario {
  const fieldOfService = new Map(config.services.map((s) => [s.id, s.fieldId] as const));
  const staffed = new Set(config.counters.flatMap((c) => c.serviceIds.map((s) => fieldOfService.get(s))));
  // A field no counter takes cannot be staffed by moving officers; the planner leaves it out.
  const fieldIds = config.fields.map((f) => f.id).filter((id) => staffed.has(id));
  const hours = config.center.openingHours.map((h) => ({ from: minutesOf(h.from), to: minutesOf(h.to) }));
  const first = hours[0]!.from;
  const last = hours.at(-1)!.to;
  const slotOf = (minute: number) => first + Math.floor((Math.min(Math.max(minute, first), last - 1) - first) / SLOT_MINUTES) * SLOT_MINUTES;

  const tickets = plannable(config, day);
  const fields: ScenarioInput["fields"] = [];
  for (const fieldId of fieldIds) {
    const own = tickets.filter((t) => fieldOfService.get(t.originalServiceId) === fieldId);
    const perSlot = new Map<number, number>();
    for (const t of own) {
      const { time } = localParts(t.issuedAt);
      const slot = slotOf(minutesOf(time));
      perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
    }
    const arrivalsPerHour: Record<string, number> = {};
    for (let m = first; m < last; m += SLOT_MINUTES) arrivalsPerHour[hhmm(m)] = ((perSlot.get(m) ?? 0) * 60) / SLOT_MINUTES;
    // The rate ends when the hall closes ("23:59" at the latest: there is no "24:00").
    arrivalsPerHour[hhmm(Math.min(24 * 60 - 1, Math.ceil(last / SLOT_MINUTES) * SLOT_MINUTES))] = 0;

    const durations = own
      .filter((t) => t.startedAt !== null && t.finishedAt !== null && t.finishedAt > t.startedAt)
      .map((t) => (t.finishedAt! - t.startedAt!) / 60_000);
    const configured = config.services.filter((s) => s.fieldId === fieldId);
    // Several services make a field; the simulator knows fields, at their mean service time.
    const fallback = configured.reduce((sum, s) => sum + s.defaultServiceMinutes, 0) / configured.length;
    let mean = fallback;
    let cv = DEFAULT_CV;
    if (durations.length >= MIN_SERVICES) {
      mean = durations.reduce((a, b) => a + b, 0) / durations.length;
      const sd = Math.sqrt(durations.reduce((a, b) => a + (b - mean) ** 2, 0) / (durations.length - 1));
      cv = Math.min(3, sd / mean);
    }
    const field = config.fields.find((f) => f.id === fieldId)!;
    fields.push({
      id: fieldId,
      name: field.name,
      nameEn: field.nameEn,
      arrivalsPerHour,
      serviceMinutes: { mean: Math.min(240, Math.max(0.5, mean)), cv },
    });
  }

  const shifts = config.center.openingHours.map((h) => ({ from: h.from, to: h.to }));
  const counters = config.counters
    .map((c) => ({
      id: c.id,
      number: c.number,
      fieldIds: [...new Set(c.serviceIds.map((s) => fieldOfService.get(s)!))],
      shifts,
    }))
    .filter((c) => c.fieldIds.length > 0);
  const called = tickets.filter((t) => t.calledAt !== null);
  const input: ScenarioInput = {
    name: `${config.center.name} — ${day.day}`,
    description: `Built from the recorded day ${day.day}: ${tickets.length} tickets.`,
    seed: 1,
    desks: config.counters.length,
    fields,
    counters,
    priorityShare: tickets.length ? tickets.filter((t) => t.priorityGroupId !== null).length / tickets.length : 0,
    noShowRate: called.length ? tickets.filter((t) => t.status === "no_show").length / called.length : 0,
    returnRate: 0.5,
    rules: config.rules,
  };
  return Scenario.parse(input);
}
