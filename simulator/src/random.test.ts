import { describe, expect, it } from "vitest";
import { createRandom, nonHomogeneousPoisson, type Random } from "./random.ts";

function draws(random: Random, n: number): number[] {
  return Array.from({ length: n }, () => random.next());
}

function meanAndSd(xs: readonly number[]): { mean: number; sd: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

const N = 100_000;

describe("createRandom", () => {
  it("is deterministic for a seed", () => {
    expect(draws(createRandom(42), 1000)).toEqual(draws(createRandom(42), 1000));
    expect(draws(createRandom("lobby-A"), 1000)).toEqual(draws(createRandom("lobby-A"), 1000));
    // Numeric seeds are hashed via their decimal string.
    expect(draws(createRandom(7), 10)).toEqual(draws(createRandom("7"), 10));
  });

  it("gives different sequences for different seeds", () => {
    const a = draws(createRandom(1), 100);
    const b = draws(createRandom(2), 100);
    const c = draws(createRandom("1 "), 100);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
    // Not merely shifted: essentially no values in common.
    const setA = new Set(a);
    expect(b.filter((x) => setA.has(x)).length).toBeLessThan(3);
  });

  it("produces values in [0, 1) that look uniform", () => {
    const random = createRandom("uniform");
    const buckets = new Array<number>(20).fill(0);
    let sum = 0;
    let outOfRange = 0;
    for (let i = 0; i < N; i++) {
      const u = random.next();
      if (!(u >= 0 && u < 1)) outOfRange++;
      sum += u;
      const b = Math.floor(u * 20);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    expect(outOfRange).toBe(0);
    expect(Math.abs(sum / N - 0.5)).toBeLessThan(0.005);
    // Chi-square with 19 degrees of freedom: 99.9th percentile ≈ 43.8.
    const expected = N / 20;
    const chi2 = buckets.reduce((s, count) => s + (count - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.8);
  });

  it("fork streams are reproducible and independent of other streams' draw counts", () => {
    const reference = createRandom(99).fork("arrivals");
    const expected = draws(reference, 200);

    // Parent and sibling draws before and after forking do not shift the fork.
    const root = createRandom(99);
    draws(root, 500);
    const service = root.fork("service");
    draws(service, 12_345);
    const arrivals = root.fork("arrivals");
    draws(root, 3);
    draws(service, 7);
    expect(draws(arrivals, 200)).toEqual(expected);

    // Interleaving draws between siblings does not change either sequence.
    const soloService = draws(createRandom(99).fork("service"), 50);
    const r2 = createRandom(99);
    const s2 = r2.fork("service");
    const a2 = r2.fork("arrivals");
    const interleaved: number[] = [];
    for (let i = 0; i < 50; i++) {
      a2.next();
      a2.next();
      interleaved.push(s2.next());
    }
    expect(interleaved).toEqual(soloService);
  });

  it("fork streams differ from each other, from the parent and across seeds", () => {
    const root = createRandom(5);
    const a = draws(root.fork("a"), 50);
    const b = draws(root.fork("b"), 50);
    const parent = draws(createRandom(5), 50);
    const otherSeed = draws(createRandom(6).fork("a"), 50);
    const nested = draws(root.fork("a").fork("a"), 50);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(parent);
    expect(a).not.toEqual(otherSeed);
    expect(a).not.toEqual(nested);
    expect(draws(createRandom(5).fork("a").fork("x"), 20)).toEqual(draws(root.fork("a").fork("x"), 20));
  });

  it("exponential has the requested mean and sd within 3 %", () => {
    const random = createRandom("exp");
    for (const mean of [0.25, 4]) {
      const xs = Array.from({ length: N }, () => random.exponential(mean));
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      const stats = meanAndSd(xs);
      expect(relativeError(stats.mean, mean)).toBeLessThan(0.03);
      expect(relativeError(stats.sd, mean)).toBeLessThan(0.03);
    }
    expect(random.exponential(0)).toBe(0);
  });

  it("lognormal is parameterised by mean and cv (within 3 %)", () => {
    const random = createRandom("lognormal");
    for (const [mean, cv] of [
      [6, 0.5],
      [2, 1],
      [15, 0.2],
    ] as const) {
      const xs = Array.from({ length: N }, () => random.lognormal(mean, cv));
      expect(Math.min(...xs)).toBeGreaterThan(0);
      const stats = meanAndSd(xs);
      expect(relativeError(stats.mean, mean)).toBeLessThan(0.03);
      expect(relativeError(stats.sd / stats.mean, cv)).toBeLessThan(0.03);
      // Median of a lognormal is mean / sqrt(1 + cv²).
      const sorted = [...xs].sort((x, y) => x - y);
      const median = sorted[Math.floor(N / 2)] as number;
      expect(relativeError(median, mean / Math.sqrt(1 + cv * cv))).toBeLessThan(0.03);
    }
    expect(random.lognormal(3, 0)).toBe(3);
  });

  it("normal has the requested mean and sd", () => {
    const random = createRandom("normal");
    const stats = meanAndSd(Array.from({ length: N }, () => random.normal(10, 2)));
    expect(Math.abs(stats.mean - 10)).toBeLessThan(0.03);
    expect(relativeError(stats.sd, 2)).toBeLessThan(0.03);
  });

  it("bernoulli and pick have the right frequencies", () => {
    const random = createRandom("discrete");
    let hits = 0;
    for (let i = 0; i < N; i++) if (random.bernoulli(0.3)) hits++;
    expect(Math.abs(hits / N - 0.3)).toBeLessThan(0.006); // ~4 sd
    expect(random.bernoulli(0)).toBe(false);
    expect(random.bernoulli(1)).toBe(true);

    const items = ["a", "b", "c", "d"] as const;
    const counts = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const x = random.pick(items);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["a", "b", "c", "d"]);
    for (const count of counts.values()) expect(Math.abs(count / N - 0.25)).toBeLessThan(0.006);
    expect(random.pick([7])).toBe(7);
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it("rejects invalid parameters", () => {
    const random = createRandom(0);
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
    expect(() => random.exponential(-1)).toThrow(RangeError);
    expect(() => random.lognormal(0, 0.5)).toThrow(RangeError);
    expect(() => random.lognormal(1, -0.5)).toThrow(RangeError);
    expect(() => random.bernoulli(1.5)).toThrow(RangeError);
  });
});

describe("nonHomogeneousPoisson", () => {
  const piecewise = (minute: number) => (minute < 60 ? 0.5 : 2);

  it("matches a piecewise rate in each half over many seeds", () => {
    const seeds = 200;
    let firstHalf = 0;
    let secondHalf = 0;
    let outOfRange = 0;
    let unsorted = 0;
    const perSeedTotals: number[] = [];
    for (let seed = 0; seed < seeds; seed++) {
      const arrivals = nonHomogeneousPoisson(createRandom(`nhpp-${seed}`), piecewise, 0, 120, 2);
      for (let i = 0; i < arrivals.length; i++) {
        const t = arrivals[i] as number;
        if (!(t >= 0 && t < 120)) outOfRange++;
        if (i > 0 && t < (arrivals[i - 1] as number)) unsorted++;
        if (t < 60) firstHalf++;
        else secondHalf++;
      }
      perSeedTotals.push(arrivals.length);
    }
    expect(outOfRange).toBe(0);
    expect(unsorted).toBe(0);
    // Poisson counts: mean = variance = rate × duration × seeds.
    const expectedFirst = 0.5 * 60 * seeds; // 6000
    const expectedSecond = 2 * 60 * seeds; // 24000
    expect(Math.abs(firstHalf - expectedFirst)).toBeLessThan(4 * Math.sqrt(expectedFirst));
    expect(Math.abs(secondHalf - expectedSecond)).toBeLessThan(4 * Math.sqrt(expectedSecond));
    // Per-seed totals should be Poisson(150): variance ≈ mean.
    const stats = meanAndSd(perSeedTotals);
    expect(stats.sd ** 2 / stats.mean).toBeGreaterThan(0.7);
    expect(stats.sd ** 2 / stats.mean).toBeLessThan(1.3);
  });

  it("respects a window that does not start at zero", () => {
    const arrivals = nonHomogeneousPoisson(createRandom("window"), () => 1, 480, 540, 1);
    expect(arrivals.length).toBeGreaterThan(30);
    expect(arrivals.length).toBeLessThan(95);
    expect(arrivals.every((t) => t >= 480 && t < 540)).toBe(true);
    expect([...arrivals].sort((a, b) => a - b)).toEqual(arrivals);
  });

  it("is deterministic for a seed", () => {
    const run = () => nonHomogeneousPoisson(createRandom(3).fork("arrivals"), piecewise, 0, 120, 2);
    expect(run()).toEqual(run());
  });

  it("handles zero rates and rejects a rate above maxRate", () => {
    expect(nonHomogeneousPoisson(createRandom(1), () => 0, 0, 100, 0)).toEqual([]);
    expect(nonHomogeneousPoisson(createRandom(1), () => 0, 0, 100, 3)).toEqual([]);
    expect(nonHomogeneousPoisson(createRandom(1), () => 1, 10, 10, 1)).toEqual([]);
    expect(() => nonHomogeneousPoisson(createRandom(1), () => 5, 0, 100, 2)).toThrow(RangeError);
    expect(() => nonHomogeneousPoisson(createRandom(1), () => 1, 10, 0, 1)).toThrow(RangeError);
  });
});
