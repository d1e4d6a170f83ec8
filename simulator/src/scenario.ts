import { Id, Label, LocalTime, QueueRules, TimeSpan } from "@motcua/protocol";
import { z } from "zod";
import { minutesOf } from "@motcua/engine";


/**
 * Citizens arriving per hour, as a step function of local time: each "HH:mm" key starts a
 * rate that holds until the next key; the last key must have rate 0 (the hall stops issuing).
 */
const ArrivalRates = z
  .record(LocalTime, z.number().min(0).max(1000))
  .refine((r) => Object.keys(r).length >= 2, "give at least a start and an end time")
  .refine((r) => r[Object.keys(r).sort().at(-1)!] === 0, "the last time must have rate 0: when tickets stop");

export const ScenarioField = z.object({
  id: Id,
  name: Label,
  nameEn: Label,
  arrivalsPerHour: ArrivalRates,
  /** Service time: lognormal with this mean and coefficient of variation (sd / mean), or exponential. */
  serviceMinutes: z.object({
    mean: z.number().positive().max(240),
    cv: z.number().min(0).max(3).default(0.6),
    distribution: z.enum(["lognormal", "exponential"]).default("lognormal"),
  }),
  /**
   * Appointments (hẹn giờ): this share of the field's citizens book the first slot starting at
   * or after the time they would have come that still has a place (none left that day: they walk
   * in), and come around it. Slots as the center configures them: `slotMinutes` long inside the
   * opening hours, `capacity` citizens each. Absent or share 0: everyone walks in.
   */
  appointments: z
    .object({
      share: z.number().min(0).max(1),
      slotMinutes: z.number().int().min(5).max(240).default(30),
      capacity: z.number().int().min(1).max(200).default(2),
    })
    .optional(),
});

export const ScenarioCounter = z.object({
  id: Id,
  number: z.number().int().min(1).max(999),
  /** Fields this counter takes, most preferred first. */
  fieldIds: z.array(Id).min(1),
  /** When an officer sits at it; gaps are breaks (lunch 11:30–13:30 in most centers). */
  shifts: z.array(TimeSpan).min(1),
});

export const Scenario = z
  .object({
    name: z.string().min(1),
    description: z.string().default(""),
    seed: z.number().int().default(1),
    /** Desks in the hall: how many counters could be open at once if more officers came (the planner's limit). */
    desks: z.number().int().min(1).max(999).optional(),
    /**
     * The center's opening hours (the kiosk's sessions, and where appointment slots lie). Default:
     * whenever some officer sits at a counter, the counters' shifts merged.
     */
    openingHours: z.array(TimeSpan).min(1).max(6).optional(),
    fields: z.array(ScenarioField).min(1),
    counters: z.array(ScenarioCounter).min(1),
    /** Share of citizens in a priority group (elderly, pregnant, disability, merit). */
    priorityShare: z.number().min(0).max(1).default(0.08),
    /** Share of called citizens who are not there when called. */
    noShowRate: z.number().min(0).max(1).default(0.03),
    /** Share of those who come back and are put in line again. */
    returnRate: z.number().min(0).max(1).default(0.5),
    rules: QueueRules.partial().default({}),
  })
  .superRefine((s, ctx) => {
    const fields = new Set(s.fields.map((f) => f.id));
    s.counters.forEach((c, i) =>
      c.fieldIds.forEach((f, j) => {
        if (!fields.has(f)) ctx.addIssue({ code: "custom", path: ["counters", i, "fieldIds", j], message: `unknown field ${f}` });
      }),
    );
    for (const f of s.fields) {
      if (!s.counters.some((c) => c.fieldIds.includes(f.id))) {
        ctx.addIssue({ code: "custom", path: ["fields"], message: `no counter takes field ${f.id}` });
      }
    }
  });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** Whether any field's citizens book appointments. */
export const takesAppointments = (s: Pick<Scenario, "fields">): boolean => s.fields.some((f) => (f.appointments?.share ?? 0) > 0);

/** The same hall with everyone walking in: the figures a scenario had before appointments. */
export const withoutAppointments = (s: Scenario): Scenario => ({ ...s, fields: s.fields.map(({ appointments: _, ...f }) => f) });


/** A field's arrival rate as sorted steps: from each minute on, so many citizens per minute. */
export function arrivalSteps(f: Scenario["fields"][number]): { from: number; perMinute: number }[] {
  return Object.entries(f.arrivalsPerHour)
    .map(([hhmm, perHour]) => ({ from: minutesOf(hhmm), perMinute: perHour / 60 }))
    .sort((a, b) => a.from - b.from);
}

/** Citizens per minute at `minute`, from the steps. */
export function rateAt(steps: { from: number; perMinute: number }[], minute: number): number {
  let r = 0;
  for (const s of steps) if (s.from <= minute) r = s.perMinute;
  return r;
}

/** The day's expected number of citizens for a field. */
export const expectedVisits = (f: Scenario["fields"][number]): number =>
  arrivalSteps(f).reduce((sum, s, i, all) => sum + (i + 1 < all.length ? s.perMinute * (all[i + 1]!.from - s.from) : 0), 0);

/** Minutes from local midnight as "HH:mm". */
export const hhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(Math.round(minute % 60)).padStart(2, "0")}`;

/** When the hall works: its opening hours if the scenario gives them, else the counters' shifts merged; ordered spans of minutes. */
export function openSpans(s: Pick<Scenario, "counters"> & Partial<Pick<Scenario, "openingHours">>): { from: number; to: number }[] {
  const spans = (s.openingHours ?? s.counters.flatMap((c) => c.shifts))
    .map((x) => ({ from: minutesOf(x.from), to: minutesOf(x.to) }))
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const x of spans) {
    const last = merged.at(-1);
    if (last && x.from <= last.to) last.to = Math.max(last.to, x.to);
    else merged.push({ ...x });
  }
  return merged;
}

/** Officer-hours a scenario's shifts add up to. */
export const staffHoursOf = (s: Pick<Scenario, "counters">): number =>
  s.counters.reduce((sum, c) => sum + c.shifts.reduce((h, x) => h + (minutesOf(x.to) - minutesOf(x.from)) / 60, 0), 0);
