import { describe, expect, it } from "vitest";
import { erlangB, erlangC, mmcMeanWait, mmcServiceLevel, serversForTarget, timeVaryingMeanWait } from "./erlang.ts";

/** Terms A^k/k! for k = 0..n, built by multiplication (exact enough for small A, n). */
function poissonTerms(a: number, n: number): number[] {
  const terms = [1];
  for (let k = 1; k <= n; k++) terms.push((terms[k - 1] as number) * (a / k));
  return terms;
}

/** Direct Erlang B: (A^N/N!) / Σ_{k=0..N} A^k/k!. */
function directErlangB(a: number, n: number): number {
  const terms = poissonTerms(a, n);
  const sum = terms.reduce((s, x) => s + x, 0);
  return (terms[n] as number) / sum;
}

/** Direct Erlang C: (A^N/N!)(N/(N−A)) / (Σ_{k<N} A^k/k! + (A^N/N!)(N/(N−A))). */
function directErlangC(a: number, n: number): number {
  const terms = poissonTerms(a, n);
  const head = terms.slice(0, n).reduce((s, x) => s + x, 0);
  const tail = (terms[n] as number) * (n / (n - a));
  return tail / (head + tail);
}

describe("erlangB", () => {
  it("matches published Erlang B table values", () => {
    expect(erlangB(1, 1)).toBe(0.5);
    expect(erlangB(2, 3)).toBeCloseTo(4 / 19, 12); // 0.2105
    expect(Math.abs(erlangB(2, 3) - 0.2105)).toBeLessThan(0.00005);
    expect(Math.abs(erlangB(10, 15) - 0.0365)).toBeLessThan(0.0005);
  });

  it("handles the trivial cases", () => {
    expect(erlangB(5, 0)).toBe(1);
    expect(erlangB(0, 0)).toBe(1);
    expect(erlangB(0, 3)).toBe(0);
  });

  it("agrees with the direct factorial formula", () => {
    const cases: Array<[number, number]> = [
      [0.5, 1],
      [1, 2],
      [2, 3],
      [3, 5],
      [5, 5],
      [7.5, 10],
      [10, 15],
      [20, 25],
      [30, 40],
    ];
    for (const [a, n] of cases) {
      expect(erlangB(a, n)).toBeCloseTo(directErlangB(a, n), 12);
    }
  });

  it("decreases as servers are added", () => {
    let previous = erlangB(12, 0);
    for (let n = 1; n <= 40; n++) {
      const b = erlangB(12, n);
      expect(b).toBeLessThan(previous);
      previous = b;
    }
  });

  it("stays finite and correct for hundreds of servers", () => {
    const b = erlangB(400, 420);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(1);
    // Independent check in log space: log(A^k/k!) = k·ln A − lnΓ(k+1), summed with log-sum-exp.
    const logTerms: number[] = [];
    let logFact = 0;
    for (let k = 0; k <= 420; k++) {
      if (k > 0) logFact += Math.log(k);
      logTerms.push(k * Math.log(400) - logFact);
    }
    const max = Math.max(...logTerms);
    const logSum = max + Math.log(logTerms.reduce((s, x) => s + Math.exp(x - max), 0));
    const expected = Math.exp((logTerms[420] as number) - logSum);
    expect(b).toBeCloseTo(expected, 12);
    expect(Math.abs(b - expected) / expected).toBeLessThan(1e-9);
    // Very large N stays finite (light load may underflow to 0, never NaN).
    expect(Number.isFinite(erlangB(5, 1000))).toBe(true);
    expect(erlangB(1000, 1000)).toBeGreaterThan(0);
  });

  it("rejects invalid input", () => {
    expect(() => erlangB(-1, 3)).toThrow(RangeError);
    expect(() => erlangB(1, 2.5)).toThrow(RangeError);
    expect(() => erlangB(Number.NaN, 2)).toThrow(RangeError);
  });
});

describe("erlangC", () => {
  it("C(A=2, N=3) = 4/9", () => {
    expect(erlangC(2, 3)).toBeCloseTo(4 / 9, 12);
  });

  it("C(A=10, N=11) ≈ 0.6821 and matches the direct formula", () => {
    const c = erlangC(10, 11);
    expect(Math.abs(c - 0.6821)).toBeLessThan(0.00005);
    expect(c).toBeCloseTo(directErlangC(10, 11), 12);
  });

  it("agrees with the direct formula on a grid", () => {
    for (const a of [0.3, 1, 2.5, 4, 9.9, 18, 30]) {
      for (let n = Math.floor(a) + 1; n <= Math.floor(a) + 12; n++) {
        expect(erlangC(a, n)).toBeCloseTo(directErlangC(a, n), 11);
      }
    }
  });

  it("is 1 when unstable and 0 without traffic", () => {
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangC(5, 3)).toBe(1);
    expect(erlangC(0, 0)).toBe(1);
    expect(erlangC(0, 2)).toBe(0);
  });

  it("is at least Erlang B and finite for large N", () => {
    const c = erlangC(400, 420);
    expect(Number.isFinite(c)).toBe(true);
    expect(c).toBeGreaterThan(erlangB(400, 420));
    expect(c).toBeLessThan(1);
  });
});

describe("M/M/c metrics", () => {
  it("A=2 on 3 servers: Wq = C/(cμ−λ) = 8/9 min", () => {
    // λ = 1/min, mean service 2 min → μ = 0.5, A = 2; cμ − λ = 0.5.
    const p = { arrivalsPerMinute: 1, meanServiceMinutes: 2, servers: 3 };
    expect(mmcMeanWait(p)).toBeCloseTo(8 / 9, 12);
    expect(mmcServiceLevel({ ...p, withinMinutes: 0 })).toBeCloseTo(1 - 4 / 9, 12);
    expect(mmcServiceLevel({ ...p, withinMinutes: 2 })).toBeCloseTo(1 - (4 / 9) * Math.exp(-1), 12);
  });

  it("reproduces the classic call-centre worked example", () => {
    // 360 calls per half hour (12/min), 4-minute calls → A = 48 E, 55 agents, 15 s target.
    const p = { arrivalsPerMinute: 12, meanServiceMinutes: 4, servers: 55 };
    expect(erlangC(48, 55)).toBeCloseTo(0.2387, 3); // probability of waiting ≈ 24 %
    expect(mmcMeanWait(p) * 60).toBeCloseTo(8.18, 1); // average speed of answer ≈ 8.2 s
    expect(mmcServiceLevel({ ...p, withinMinutes: 15 / 60 })).toBeCloseTo(0.846, 3); // ≈ 84.6 %
  });

  it("reports Infinity / 0 when unstable, and no wait without arrivals", () => {
    const unstable = { arrivalsPerMinute: 2, meanServiceMinutes: 1, servers: 2 };
    expect(mmcMeanWait(unstable)).toBe(Infinity);
    expect(mmcServiceLevel({ ...unstable, withinMinutes: 5 })).toBe(0);
    const idle = { arrivalsPerMinute: 0, meanServiceMinutes: 3, servers: 1 };
    expect(mmcMeanWait(idle)).toBe(0);
    expect(mmcServiceLevel({ ...idle, withinMinutes: 0 })).toBe(1);
  });

  it("mean wait falls and service level rises with more servers", () => {
    let wait = Infinity;
    let share = 0;
    for (let servers = 10; servers <= 25; servers++) {
      const p = { arrivalsPerMinute: 3, meanServiceMinutes: 3, servers };
      const w = mmcMeanWait(p);
      const s = mmcServiceLevel({ ...p, withinMinutes: 0.5 });
      expect(w).toBeLessThan(wait);
      expect(s).toBeGreaterThan(share);
      wait = w;
      share = s;
    }
  });
});

describe("serversForTarget", () => {
  it("finds the known answers for A = 2", () => {
    // c=2 is unstable, c=3 gives Wq = 8/9 min, c=4 gives Wq = 4/23 min.
    const base = { arrivalsPerMinute: 1, meanServiceMinutes: 2 };
    expect(serversForTarget(base)).toBe(3);
    expect(serversForTarget({ ...base, maxMeanWaitMinutes: 1 })).toBe(3);
    expect(serversForTarget({ ...base, maxMeanWaitMinutes: 8 / 9 - 1e-6 })).toBe(4);
    expect(serversForTarget({ ...base, maxMeanWaitMinutes: 0.5 })).toBe(4);
    expect(serversForTarget({ ...base, maxMeanWaitMinutes: 4 / 23 + 1e-9 })).toBe(4);
    expect(serversForTarget({ ...base, maxMeanWaitMinutes: 4 / 23 - 1e-9 })).toBe(5);
  });

  it("staffs the call-centre example: 80 % within 20 s needs 54 agents", () => {
    const base = { arrivalsPerMinute: 12, meanServiceMinutes: 4 };
    const c = serversForTarget({ ...base, withinMinutes: 20 / 60, minShare: 0.8 });
    expect(c).toBe(54);
    expect(mmcServiceLevel({ ...base, servers: 54, withinMinutes: 20 / 60 })).toBeGreaterThanOrEqual(0.8);
    expect(mmcServiceLevel({ ...base, servers: 53, withinMinutes: 20 / 60 })).toBeLessThan(0.8);
  });

  it("returns the smallest c satisfying both bounds", () => {
    for (const [lambda, s] of [
      [0.7, 3],
      [5, 2.2],
      [12, 4],
      [40, 7.5],
    ] as const) {
      for (const maxMeanWaitMinutes of [0.1, 1, 5]) {
        for (const minShare of [0.5, 0.8, 0.95]) {
          const target = { arrivalsPerMinute: lambda, meanServiceMinutes: s, maxMeanWaitMinutes, withinMinutes: 0.5, minShare };
          const c = serversForTarget(target);
          const ok = (n: number) =>
            mmcMeanWait({ arrivalsPerMinute: lambda, meanServiceMinutes: s, servers: n }) <= maxMeanWaitMinutes &&
            mmcServiceLevel({ arrivalsPerMinute: lambda, meanServiceMinutes: s, servers: n, withinMinutes: 0.5 }) >= minShare;
          expect(ok(c)).toBe(true);
          expect(ok(c - 1)).toBe(false);
          expect(c).toBe(Math.max(
            serversForTarget({ arrivalsPerMinute: lambda, meanServiceMinutes: s, maxMeanWaitMinutes }),
            serversForTarget({ arrivalsPerMinute: lambda, meanServiceMinutes: s, withinMinutes: 0.5, minShare }),
          ));
        }
      }
    }
  });

  it("is monotone in load and in strictness", () => {
    let previous = 0;
    for (let lambda = 0.5; lambda <= 60; lambda += 0.5) {
      const c = serversForTarget({ arrivalsPerMinute: lambda, meanServiceMinutes: 3, maxMeanWaitMinutes: 0.5, withinMinutes: 1, minShare: 0.8 });
      expect(c).toBeGreaterThanOrEqual(previous);
      expect(c).toBeGreaterThan(lambda * 3);
      previous = c;
    }
    previous = 0;
    for (const maxMeanWaitMinutes of [10, 5, 2, 1, 0.5, 0.2, 0.1, 0.01, 0.001]) {
      const c = serversForTarget({ arrivalsPerMinute: 20, meanServiceMinutes: 5, maxMeanWaitMinutes });
      expect(c).toBeGreaterThanOrEqual(previous);
      previous = c;
    }
    previous = 0;
    for (const minShare of [0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999]) {
      const c = serversForTarget({ arrivalsPerMinute: 20, meanServiceMinutes: 5, withinMinutes: 0.25, minShare });
      expect(c).toBeGreaterThanOrEqual(previous);
      previous = c;
    }
  });

  it("scales to large traffic", () => {
    const c = serversForTarget({ arrivalsPerMinute: 100, meanServiceMinutes: 4, withinMinutes: 1 / 3, minShare: 0.8 });
    expect(c).toBeGreaterThan(400);
    expect(c).toBeLessThan(440);
    expect(mmcServiceLevel({ arrivalsPerMinute: 100, meanServiceMinutes: 4, servers: c, withinMinutes: 1 / 3 })).toBeGreaterThanOrEqual(0.8);
  });

  it("needs no servers without arrivals and validates its input", () => {
    expect(serversForTarget({ arrivalsPerMinute: 0, meanServiceMinutes: 3, maxMeanWaitMinutes: 1 })).toBe(0);
    expect(() => serversForTarget({ arrivalsPerMinute: 1, meanServiceMinutes: 0 })).toThrow(RangeError);
    expect(() => serversForTarget({ arrivalsPerMinute: 1, meanServiceMinutes: 1, withinMinutes: 1 })).toThrow(RangeError);
    expect(() => serversForTarget({ arrivalsPerMinute: 1, meanServiceMinutes: 1, withinMinutes: 1, minShare: 1 })).toThrow(RangeError);
    expect(() => serversForTarget({ arrivalsPerMinute: 1, meanServiceMinutes: 1, maxMeanWaitMinutes: 0 })).toThrow(RangeError);
  });
});

describe("timeVaryingMeanWait (Erlang C per stretch, fluid backlog between)", () => {
  it("is Erlang C's Wq and service level when λ and c stay put and ρ < 1", () => {
    const p = { arrivalsPerMinute: 0.35, meanServiceMinutes: 6, servers: 3 };
    const day = timeVaryingMeanWait(Array.from({ length: 6 }, () => ({ minutes: 30, ...p })));
    expect(day.meanWait).toBeCloseTo(mmcMeanWait(p), 9);
    expect(day.withinShare).toBeCloseTo(mmcServiceLevel({ ...p, withinMinutes: 15 }), 9);
    expect(day.arrivals).toBeCloseTo(0.35 * 180, 9);
    for (const x of day.intervals) {
      expect(x.meanWait).toBeCloseTo(mmcMeanWait(p), 9);
      expect(x.backlogAtEnd).toBe(0);
    }
  });

  it("λ = 2/min, s = 1 min: one server for 30 minutes, then three for 30 (by hand)", () => {
    // First half hour: the backlog is t at minute t. An arrival at t ≤ 15 waits t (one server
    // clears it by 2t ≤ 30); later, 30 − t at one server then (2t − 30)/3 at three: (60 − t)/3.
    // Mean: (∫₀¹⁵ t dt + ∫₁₅³⁰ (60 − t)/3 dt) / 30 = (112.5 + 187.5) / 30 = 10, nobody past 15.
    // Second half hour: the backlog 30 drains at 3 − 2 = 1 a minute: at t it is 30 − t, cleared
    // in (30 − t)/3, mean 5. The day: 7.5.
    const day = timeVaryingMeanWait([
      { minutes: 30, arrivalsPerMinute: 2, meanServiceMinutes: 1, servers: 1 },
      { minutes: 30, arrivalsPerMinute: 2, meanServiceMinutes: 1, servers: 3 },
    ]);
    expect(day.intervals[0]!.backlogAtEnd).toBeCloseTo(30, 9);
    expect(day.intervals[1]!.backlogAtEnd).toBeCloseTo(0, 9);
    expect(day.intervals[0]!.meanWait).toBeCloseTo(10, 3);
    expect(day.intervals[1]!.meanWait).toBeCloseTo(5, 3);
    expect(day.meanWait).toBeCloseTo(7.5, 3);
    expect(day.withinShare).toBe(1);
  });

  it("λ = 2/min, s = 1 min: one server for an hour, then three for an hour (by hand)", () => {
    // Backlog t at minute t < 60. Arrival at t ≤ 30 waits t; at 30 < t < 60 it waits
    // (60 − t) + (2t − 60)/3 = (120 − t)/3; after 60 the backlog 120 − t clears in (120 − t)/3.
    // Half-hour means 15, 25, 15, 5 (day 15); within 15 minutes: t ≤ 15 and t ≥ 75, a half.
    const day = timeVaryingMeanWait([
      ...Array.from({ length: 2 }, () => ({ minutes: 30, arrivalsPerMinute: 2, meanServiceMinutes: 1, servers: 1 })),
      ...Array.from({ length: 2 }, () => ({ minutes: 30, arrivalsPerMinute: 2, meanServiceMinutes: 1, servers: 3 })),
    ]);
    expect(day.intervals.map((x) => x.backlogAtEnd)).toEqual([30, 60, 30, 0]);
    [15, 25, 15, 5].forEach((w, i) => expect(day.intervals[i]!.meanWait).toBeCloseTo(w, 3));
    [0.5, 0, 0.5, 1].forEach((share, i) => expect(day.intervals[i]!.withinShare).toBeCloseTo(share, 3));
    expect(day.meanWait).toBeCloseTo(15, 3);
    expect(day.withinShare).toBeCloseTo(0.5, 3);
  });

  it("piles the work up while nobody is on duty, and carries it through a break", () => {
    // 30 minutes with nobody on duty (λ = 1, s = 2: 2t of work at t), a 30-minute break, then two
    // servers: an arrival at t waits (30 − t) + 30 + 2t/2 = 60 minutes, every one of them.
    const day = timeVaryingMeanWait([
      { minutes: 30, arrivalsPerMinute: 1, meanServiceMinutes: 2, servers: 0 },
      { minutes: 30, arrivalsPerMinute: 0, meanServiceMinutes: 1, servers: 0 },
      { minutes: 60, arrivalsPerMinute: 0, meanServiceMinutes: 1, servers: 2 },
    ]);
    expect(day.intervals.map((x) => x.backlogAtEnd)).toEqual([60, 60, 0]);
    expect(day.meanWait).toBeCloseTo(60, 9);
    expect(day.withinShare).toBe(0);
    expect(day.arrivals).toBe(30);
    // Nobody ever on duty: they wait until the last stretch ends.
    expect(timeVaryingMeanWait([{ minutes: 30, arrivalsPerMinute: 1, meanServiceMinutes: 1, servers: 0 }]).meanWait).toBeCloseTo(15, 9);
  });

  it("has no wait without arrivals and validates its input", () => {
    expect(timeVaryingMeanWait([])).toEqual({ arrivals: 0, meanWait: 0, withinShare: 1, intervals: [] });
    expect(() => timeVaryingMeanWait([{ minutes: 0, arrivalsPerMinute: 1, meanServiceMinutes: 1, servers: 1 }])).toThrow(RangeError);
    expect(() => timeVaryingMeanWait([{ minutes: 30, arrivalsPerMinute: 1, meanServiceMinutes: 0, servers: 1 }])).toThrow(RangeError);
    expect(() => timeVaryingMeanWait([{ minutes: 30, arrivalsPerMinute: 1, meanServiceMinutes: 1, servers: 1.5 }])).toThrow(RangeError);
  });
});
