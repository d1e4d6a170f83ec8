import { describe, expect, it } from "vitest";
import { erlangB, erlangC, mmcMeanWait, mmcServiceLevel, serversForTarget } from "./erlang.ts";

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
