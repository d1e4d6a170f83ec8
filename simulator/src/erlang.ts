/**
 * Erlang B / Erlang C and M/M/c helpers.
 *
 * Everything is computed with the numerically stable Erlang B recursion
 *   B(0) = 1,  B(k) = A·B(k−1) / (k + A·B(k−1))
 * so there are no factorials or powers and hundreds (or thousands) of servers
 * are fine. Erlang C is derived from B:
 *   C = c·B / (c − A·(1 − B)).
 *
 * Units: rates are per minute and times are in minutes throughout.
 */

export interface MmcParams {
  /** Mean arrival rate λ (customers per minute). */
  arrivalsPerMinute: number;
  /** Mean service time 1/μ in minutes. */
  meanServiceMinutes: number;
  /** Number of parallel servers c. */
  servers: number;
}

export interface MmcServiceLevelParams extends MmcParams {
  /** Waiting-time threshold t in minutes. */
  withinMinutes: number;
}

export interface StaffingTarget {
  /** Mean arrival rate λ (customers per minute). */
  arrivalsPerMinute: number;
  /** Mean service time 1/μ in minutes. */
  meanServiceMinutes: number;
  /** Upper bound on the mean wait in queue Wq (minutes). */
  maxMeanWaitMinutes?: number;
  /** Service-level threshold t (minutes); must be given together with `minShare`. */
  withinMinutes?: number;
  /** Required share of customers waiting at most `withinMinutes`, in [0, 1). */
  minShare?: number;
}

function assertTraffic(trafficErlangs: number): void {
  if (!Number.isFinite(trafficErlangs) || trafficErlangs < 0) {
    throw new RangeError(`traffic must be a finite number >= 0, got ${trafficErlangs}`);
  }
}

function assertServers(servers: number): void {
  if (!Number.isInteger(servers) || servers < 0) {
    throw new RangeError(`servers must be an integer >= 0, got ${servers}`);
  }
}

function assertRate(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  }
}

/** One step of the Erlang B recursion: B(k) from B(k−1). */
function erlangBStep(trafficErlangs: number, previous: number, k: number): number {
  const x = trafficErlangs * previous;
  return x / (k + x);
}

/** Erlang C from Erlang B for the same A and c (c > A assumed). */
function erlangCFromB(trafficErlangs: number, servers: number, b: number): number {
  return (servers * b) / (servers - trafficErlangs * (1 - b));
}

/**
 * Erlang B blocking probability for offered traffic A (Erlangs) on N servers
 * (M/M/N/N loss system).
 */
export function erlangB(trafficErlangs: number, servers: number): number {
  assertTraffic(trafficErlangs);
  assertServers(servers);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = erlangBStep(trafficErlangs, b, k);
  return b;
}

/**
 * Erlang C probability that an arrival has to wait (M/M/c). Returns 1 when the
 * system is unstable (A >= c), including c = 0.
 */
export function erlangC(trafficErlangs: number, servers: number): number {
  assertTraffic(trafficErlangs);
  assertServers(servers);
  if (trafficErlangs >= servers) return 1;
  if (trafficErlangs === 0) return 0;
  return erlangCFromB(trafficErlangs, servers, erlangB(trafficErlangs, servers));
}

function validateMmc(p: { arrivalsPerMinute: number; meanServiceMinutes: number }): void {
  assertRate("arrivalsPerMinute", p.arrivalsPerMinute);
  assertPositive("meanServiceMinutes", p.meanServiceMinutes);
}

/**
 * Mean wait in queue Wq (minutes) for an M/M/c queue:
 *   Wq = C / (c·μ − λ).
 * Infinity when unstable (λ >= c·μ); 0 when there are no arrivals.
 */
export function mmcMeanWait(params: MmcParams): number {
  validateMmc(params);
  assertServers(params.servers);
  const { arrivalsPerMinute: lambda, meanServiceMinutes, servers } = params;
  if (lambda === 0) return 0;
  const mu = 1 / meanServiceMinutes;
  const traffic = lambda * meanServiceMinutes;
  if (traffic >= servers) return Infinity;
  return erlangC(traffic, servers) / (servers * mu - lambda);
}

/**
 * Service level of an M/M/c queue: P(wait <= t) = 1 − C·exp(−(c·μ − λ)·t).
 * 0 when unstable; 1 when there are no arrivals.
 */
export function mmcServiceLevel(params: MmcServiceLevelParams): number {
  validateMmc(params);
  assertServers(params.servers);
  assertRate("withinMinutes", params.withinMinutes);
  const { arrivalsPerMinute: lambda, meanServiceMinutes, servers, withinMinutes } = params;
  if (lambda === 0) return 1;
  const mu = 1 / meanServiceMinutes;
  const traffic = lambda * meanServiceMinutes;
  if (traffic >= servers) return 0;
  const c = erlangC(traffic, servers);
  return 1 - c * Math.exp(-(servers * mu - lambda) * withinMinutes);
}

/** Safety cap on how far past the offered traffic the search may go. */
const MAX_EXTRA_SERVERS = 1_000_000;

/**
 * Smallest number of servers c such that the M/M/c queue is stable and meets
 * every bound given:
 *   - mean wait Wq <= maxMeanWaitMinutes (if given), and
 *   - P(wait <= withinMinutes) >= minShare (if both are given).
 * With no bound given this is the smallest stable c (floor(A) + 1).
 * Returns 0 when there are no arrivals.
 *
 * Both Wq and the service level improve monotonically with c once c > A, so
 * the first c that satisfies both is the answer. The Erlang B recursion is
 * advanced incrementally, so the search is O(answer).
 */
export function serversForTarget(target: StaffingTarget): number {
  validateMmc(target);
  const { arrivalsPerMinute: lambda, meanServiceMinutes, maxMeanWaitMinutes, withinMinutes, minShare } = target;
  if (maxMeanWaitMinutes !== undefined) assertPositive("maxMeanWaitMinutes", maxMeanWaitMinutes);
  if ((withinMinutes === undefined) !== (minShare === undefined)) {
    throw new RangeError("withinMinutes and minShare must be given together");
  }
  if (withinMinutes !== undefined) assertRate("withinMinutes", withinMinutes);
  if (minShare !== undefined && !(minShare >= 0 && minShare < 1)) {
    throw new RangeError(`minShare must be in [0, 1), got ${minShare}`);
  }
  if (lambda === 0) return 0;

  const mu = 1 / meanServiceMinutes;
  const traffic = lambda * meanServiceMinutes;
  const limit = Math.floor(traffic) + MAX_EXTRA_SERVERS;
  let b = 1;
  for (let c = 1; c <= limit; c++) {
    b = erlangBStep(traffic, b, c);
    if (traffic >= c) continue; // unstable
    const pWait = erlangCFromB(traffic, c, b);
    const drain = c * mu - lambda;
    const meanWaitOk = maxMeanWaitMinutes === undefined || pWait / drain <= maxMeanWaitMinutes;
    const shareOk =
      withinMinutes === undefined || minShare === undefined || 1 - pWait * Math.exp(-drain * withinMinutes) >= minShare;
    if (meanWaitOk && shareOk) return c;
  }
  throw new RangeError("no server count within the search limit meets the target");
}

/** One stretch of a day with steady arrivals, service and staffing. */
export interface QueueInterval {
  /** Length in minutes (> 0). */
  minutes: number;
  /** Mean arrival rate λ over the stretch (customers per minute). */
  arrivalsPerMinute: number;
  /** Mean service time of the stretch's arrivals (minutes; unused when nobody arrives). */
  meanServiceMinutes: number;
  /** Servers on duty c (0: nobody, the work waits). */
  servers: number;
}

export interface IntervalWait {
  /** Expected arrivals in the stretch. */
  arrivals: number;
  /** Their mean wait (minutes); 0 when nobody arrives. */
  meanWait: number;
  /** Their share waiting at most `withinMinutes`; 1 when nobody arrives. */
  withinShare: number;
  /** Work left waiting (server-minutes) at the stretch's start and end. */
  backlogAtStart: number;
  backlogAtEnd: number;
}

export interface TimeVaryingWait {
  /** Expected arrivals over all stretches. */
  arrivals: number;
  /** Arrival-weighted mean wait (minutes). */
  meanWait: number;
  /** Arrival-weighted share waiting at most `withinMinutes`. */
  withinShare: number;
  intervals: IntervalWait[];
}

/**
 * A day of consecutive stretches, each an M/M/c queue of its own, joined by a fluid backlog:
 * the stationary-independent-period approximation with the overload carried over.
 *
 * The backlog B is work (server-minutes) that arrived and could not be served yet: it grows by
 * (λ·s − c)·t while the work arriving exceeds the servers (or while nobody is on duty), drains
 * at c − λ·s otherwise, and is never below 0. (With one mean service time s this is B/s
 * customers growing by (λ − c/s)·t.) A customer who arrives while there is a backlog (or while
 * λ·s ≥ c) waits the time the servers on duty from then on need to clear the work ahead of
 * them, first come first served, at c per minute in each later stretch (through stretches with
 * nobody on duty, and at most until the last stretch ends); one who arrives with no backlog in
 * a stable stretch waits Erlang C's Wq(λ, s, c). Within `withinMinutes`: Erlang C's service
 * level in the stable regime, 1 or 0 behind a backlog as its clearing time is within or not.
 *
 * An estimate for ideally pooled servers, not a bound: inside a backlog it ignores randomness
 * (a fluid), and each stable stretch is taken as in steady state. Waits are integrated over each
 * stretch's arrivals in `stepMinutes` steps (midpoints; the backlog itself is exact).
 * Deterministic: the same stretches always give the same figures.
 */
export function timeVaryingMeanWait(
  intervals: QueueInterval[],
  opts: { withinMinutes?: number; stepMinutes?: number } = {},
): TimeVaryingWait {
  const within = opts.withinMinutes ?? 15;
  const step = opts.stepMinutes ?? 0.05;
  assertRate("withinMinutes", within);
  assertPositive("stepMinutes", step);
  intervals.forEach((x) => {
    assertPositive("minutes", x.minutes);
    assertRate("arrivalsPerMinute", x.arrivalsPerMinute);
    assertServers(x.servers);
    if (x.arrivalsPerMinute > 0) assertPositive("meanServiceMinutes", x.meanServiceMinutes);
  });

  /** Minutes from offset `t` into stretch `k` until the servers have done `work` more, capped at the day's end. */
  const clearing = (k: number, t: number, work: number): number => {
    let elapsed = 0;
    let left = work;
    for (let j = k; j < intervals.length; j++) {
      const { minutes, servers } = intervals[j]!;
      const span = j === k ? minutes - t : minutes;
      const capacity = servers * span;
      if (servers > 0 && left <= capacity) return elapsed + left / servers;
      left -= capacity;
      elapsed += span;
    }
    return elapsed;
  };

  let backlog = 0;
  let arrivals = 0;
  let waited = 0;
  let inside = 0;
  const out: IntervalWait[] = intervals.map((x, k) => {
    const { minutes, arrivalsPerMinute: lambda, meanServiceMinutes: s, servers: c } = x;
    const start = backlog;
    const work = lambda > 0 ? lambda * s : 0;
    const overloaded = work >= c;
    const at = (t: number) => Math.max(0, start + (work - c) * t);
    backlog = at(minutes);
    const n = lambda * minutes;
    if (lambda === 0) return { arrivals: 0, meanWait: 0, withinShare: 1, backlogAtStart: start, backlogAtEnd: backlog };
    const steady = overloaded ? null : {
      wq: mmcMeanWait({ arrivalsPerMinute: lambda, meanServiceMinutes: s, servers: c }),
      level: mmcServiceLevel({ arrivalsPerMinute: lambda, meanServiceMinutes: s, servers: c, withinMinutes: within }),
    };
    const steps = Math.max(1, Math.ceil(minutes / step - 1e-9));
    const h = minutes / steps;
    let sumWait = 0;
    let sumWithin = 0;
    for (let i = 0; i < steps; i++) {
      const t = (i + 0.5) * h;
      const b = at(t);
      if (steady && b === 0) {
        sumWait += steady.wq;
        sumWithin += steady.level;
      } else {
        const w = clearing(k, t, b);
        sumWait += w;
        if (w <= within) sumWithin += 1;
      }
    }
    const meanWait = sumWait / steps;
    const withinShare = sumWithin / steps;
    arrivals += n;
    waited += n * meanWait;
    inside += n * withinShare;
    return { arrivals: n, meanWait, withinShare, backlogAtStart: start, backlogAtEnd: backlog };
  });
  return {
    arrivals,
    meanWait: arrivals > 0 ? waited / arrivals : 0,
    withinShare: arrivals > 0 ? inside / arrivals : 1,
    intervals: out,
  };
}
