/** Whether a key may go on now; one request taken from its allowance if so. */
export interface Limiter {
  take(key: string): boolean | Promise<boolean>;
}

/** A token bucket per key: `perMinute` requests, refilled continuously, bursts up to the same size. */
export class RateLimiter implements Limiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number,
  ) {}

  take(key: string): boolean {
    if (!Number.isFinite(this.perMinute)) return true;
    const now = this.clock();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + ((now - b.at) / 60_000) * this.perMinute);
    b.at = now;
    if (this.buckets.size > 10_000) this.sweep(now);
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    return true;
  }

  private sweep(now: number): void {
    for (const [k, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(k);
  }
}

/**
 * Counts kept where every instance counts: the store's per-minute windows (`Store.takeRate`).
 * While the store cannot be reached this instance counts alone, so a guesser is still held back
 * and the request goes on to the answer it would get anyway (the store is away).
 */
export class SharedRateLimiter implements Limiter {
  private readonly alone: RateLimiter;

  constructor(
    private readonly name: string,
    private readonly perMinute: number,
    private readonly takeRate: (key: string, perMinute: number) => Promise<boolean>,
    clock: () => number,
  ) {
    this.alone = new RateLimiter(perMinute, clock);
  }

  async take(key: string): Promise<boolean> {
    if (!Number.isFinite(this.perMinute)) return true;
    return this.takeRate(`${this.name}:${key}`, this.perMinute).catch(() => this.alone.take(key));
  }
}

/**
 * Wrong tries per key (a code typed wrong): after `max` within a minute, the key is refused
 * until the oldest of them is a minute old. Right tries cost nothing.
 */
export class WrongTries {
  private tries = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly clock: () => number,
  ) {}

  /** Whether the key may try now. */
  allows(key: string): boolean {
    return this.recent(key, this.clock()).length < this.max;
  }

  record(key: string): void {
    const now = this.clock();
    if (this.tries.size > 10_000) for (const k of this.tries.keys()) if (this.recent(k, now).length === 0) this.tries.delete(k);
    this.tries.set(key, [...this.recent(key, now), now].slice(-this.max));
  }

  private recent(key: string, now: number): number[] {
    return (this.tries.get(key) ?? []).filter((at) => now - at < 60_000);
  }
}
