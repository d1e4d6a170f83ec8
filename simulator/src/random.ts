/**
 * Seeded, deterministic randomness for the simulator.
 *
 * Generator: sfc32 (Small Fast Counting, 128-bit state) seeded through the
 * cyrb128 string hash. A numeric seed is hashed via its decimal string, so
 * `createRandom(42)` and `createRandom("42")` produce the same stream.
 *
 * `fork(label)` derives a new stream from the *seed* and the label only (not
 * from the parent's current state), so the number of draws made on one stream
 * never shifts any other stream.
 */

export interface Random {
  /** Uniform on [0, 1), 32-bit resolution. */
  next(): number;
  /** Uniform on [min, max). */
  uniform(min: number, max: number): number;
  /** Normal (Gaussian) with the given mean and standard deviation (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** Exponential with the given mean (mean > 0; mean 0 returns 0). */
  exponential(mean: number): number;
  /**
   * Lognormal parameterised by its own mean and coefficient of variation
   * (sd / mean), not by the underlying normal's mu/sigma. cv = 0 returns mean.
   */
  lognormal(mean: number, cv: number): number;
  /** true with probability p (p in [0, 1]). */
  bernoulli(p: number): boolean;
  /** A uniformly chosen element; throws on an empty array. */
  pick<T>(items: readonly T[]): T;
  /** An independent stream derived from this stream's seed and `label`. */
  fork(label: string): Random;
}

/** cyrb128: 128-bit string hash, used to turn a seed string into sfc32 state. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 generator returning uint32 values. */
function sfc32(seedA: number, seedB: number, seedC: number, seedD: number): () => number {
  let a = seedA | 0;
  let b = seedB | 0;
  let c = seedC | 0;
  let d = seedD | 0;
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

const TWO_POW_32 = 4294967296;
/** Outputs discarded after seeding so that the state is well mixed. */
const WARMUP_DRAWS = 15;
/** Separator between a seed key and a fork label (unit separator, unlikely in labels). */
const FORK_SEPARATOR = "\u001f";

function seedKey(seed: number | string): string {
  if (typeof seed === "number") {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
    return String(seed);
  }
  return seed;
}

function createFromKey(key: string): Random {
  const [s1, s2, s3, s4] = cyrb128(key);
  const nextUint32 = sfc32(s1, s2, s3, s4);
  for (let i = 0; i < WARMUP_DRAWS; i++) nextUint32();

  let spareNormal: number | undefined;

  const next = (): number => nextUint32() / TWO_POW_32;

  const standardNormal = (): number => {
    if (spareNormal !== undefined) {
      const z = spareNormal;
      spareNormal = undefined;
      return z;
    }
    const u1 = 1 - next(); // (0, 1], keeps log finite
    const u2 = next();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  };

  const random: Random = {
    next,
    uniform(min, max) {
      if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) {
        throw new RangeError(`uniform needs finite min <= max, got [${min}, ${max})`);
      }
      return min + (max - min) * next();
    },
    normal(mean = 0, sd = 1) {
      if (!Number.isFinite(mean) || !Number.isFinite(sd) || sd < 0) {
        throw new RangeError(`normal needs finite mean and sd >= 0, got mean=${mean} sd=${sd}`);
      }
      return mean + sd * standardNormal();
    },
    exponential(mean) {
      if (!Number.isFinite(mean) || mean < 0) {
        throw new RangeError(`exponential mean must be finite and >= 0, got ${mean}`);
      }
      if (mean === 0) return 0;
      return -mean * Math.log(1 - next());
    },
    lognormal(mean, cv) {
      if (!Number.isFinite(mean) || mean <= 0) {
        throw new RangeError(`lognormal mean must be finite and > 0, got ${mean}`);
      }
      if (!Number.isFinite(cv) || cv < 0) {
        throw new RangeError(`lognormal cv must be finite and >= 0, got ${cv}`);
      }
      if (cv === 0) return mean;
      const sigma2 = Math.log1p(cv * cv);
      const mu = Math.log(mean) - sigma2 / 2;
      return Math.exp(mu + Math.sqrt(sigma2) * standardNormal());
    },
    bernoulli(p) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli p must be in [0, 1], got ${p}`);
      return next() < p;
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("pick from an empty array");
      const index = Math.floor(next() * items.length);
      return items[index] as T;
    },
    fork(label) {
      return createFromKey(key + FORK_SEPARATOR + label);
    },
  };
  return random;
}

/** A seeded random stream; identical seeds give identical sequences. */
export function createRandom(seed: number | string): Random {
  return createFromKey(seedKey(seed));
}

/**
 * Arrival times (minutes) of a non-homogeneous Poisson process on
 * [fromMinute, toMinute) with intensity `ratePerMinute(t)`, generated by
 * Lewis–Shedler thinning against the constant bound `maxRate`.
 * Returned times are sorted ascending. Throws if the rate function exceeds
 * `maxRate` or is negative at a candidate point.
 */
export function nonHomogeneousPoisson(
  random: Pick<Random, "next" | "exponential">,
  ratePerMinute: (minute: number) => number,
  fromMinute: number,
  toMinute: number,
  maxRate: number,
): number[] {
  if (!Number.isFinite(fromMinute) || !Number.isFinite(toMinute) || toMinute < fromMinute) {
    throw new RangeError(`need finite fromMinute <= toMinute, got [${fromMinute}, ${toMinute})`);
  }
  if (!Number.isFinite(maxRate) || maxRate < 0) {
    throw new RangeError(`maxRate must be finite and >= 0, got ${maxRate}`);
  }
  const arrivals: number[] = [];
  if (maxRate === 0) return arrivals;
  const meanGap = 1 / maxRate;
  let t = fromMinute;
  for (;;) {
    t += random.exponential(meanGap);
    if (t >= toMinute) break;
    const rate = ratePerMinute(t);
    if (!(rate >= 0)) throw new RangeError(`rate must be >= 0, got ${rate} at minute ${t}`);
    if (rate > maxRate * (1 + 1e-9)) {
      throw new RangeError(`rate ${rate} at minute ${t} exceeds maxRate ${maxRate}`);
    }
    if (random.next() * maxRate < rate) arrivals.push(t);
  }
  return arrivals;
}
