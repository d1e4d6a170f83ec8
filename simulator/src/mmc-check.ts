import { createRandom, nonHomogeneousPoisson } from "./random.ts";
import { Scenario, arrivalSteps, type ScenarioInput } from "./scenario.ts";

/**
 * A plain M/M/c hall: one field, Poisson arrivals at a constant rate, exponential service,
 * the same officers all day. The engine's call order is FIFO here, so its mean wait must
 * match Erlang C once the empty morning is left out.
 */
export function mmcScenario(p: { arrivalsPerMinute: number; meanServiceMinutes: number; servers: number }): Scenario {
  const input: ScenarioInput = {
    name: `M/M/${p.servers}`,
    seed: 1,
    fields: [
      {
        id: "mot-linh-vuc",
        name: "Một lĩnh vực",
        nameEn: "One field",
        arrivalsPerHour: { "06:00": p.arrivalsPerMinute * 60, "20:00": 0 },
        serviceMinutes: { mean: p.meanServiceMinutes, distribution: "exponential" },
      },
    ],
    counters: Array.from({ length: p.servers }, (_, i) => ({
      id: `quay-${i + 1}`,
      number: i + 1,
      fieldIds: ["mot-linh-vuc"],
      shifts: [{ from: "05:00", to: "23:59" }],
    })),
    priorityShare: 0,
    noShowRate: 0,
    returnRate: 0,
  };
  return Scenario.parse(input);
}



/**
 * The same M/M/c hall without the engine: first come, first served on the earliest free
 * officer, drawing from the same seeded streams in the same order as `simulate`. Over the
 * scenario's day it must give the engine's waits exactly; over a long `horizon` (no day
 * boundaries, so the queue reaches its steady state) it is what Erlang C describes.
 */
export function plainMmcWaits(
  s: Scenario,
  seed: number,
  horizon?: { fromMinute: number; toMinute: number },
): { issuedMinute: number; waitMinutes: number }[] {
  const field = s.fields[0]!;
  const steps = arrivalSteps(field);
  const rate = steps[0]!.perMinute;
  const from = horizon?.fromMinute ?? steps[0]!.from;
  const to = horizon?.toMinute ?? steps.at(-1)!.from;
  const random = createRandom(seed);
  const stream = random.fork("arrivals").fork(field.id);
  const service = random.fork("service").fork(field.id);
  const arrivals = nonHomogeneousPoisson(stream, () => rate, from, to, rate);
  const free = s.counters.map(() => from);
  return arrivals.map((t) => {
    let k = 0;
    for (let i = 1; i < free.length; i++) if (free[i]! < free[k]!) k = i;
    const start = Math.max(t, free[k]!);
    free[k] = start + service.exponential(field.serviceMinutes.mean);
    return { issuedMinute: t, waitMinutes: start - t };
  });
}

/** Mean wait of one long steady-state run, leaving out the warm-up from an empty hall. */
export function plainMeanWait(s: Scenario, opts: { seed?: number; minutes: number; warmupMinutes?: number }): { mean: number; n: number } {
  const warmup = opts.warmupMinutes ?? 10_000;
  let sum = 0;
  let n = 0;
  for (const v of plainMmcWaits(s, opts.seed ?? 1, { fromMinute: 0, toMinute: opts.minutes })) {
    if (v.issuedMinute < warmup) continue;
    sum += v.waitMinutes;
    n++;
  }
  return { mean: sum / n, n };
}
