import type { Store } from "../store/types.ts";

/** Keys a day's counts keep at most: past this, new keys are refused (a flood, not a hall). */
export const DAILY_KEYS = 50_000;

/** Counts per key for one service day (a network's remote numbers, a number's wrong codes); a new day starts from zero. */
export interface DailyCounts {
  /** Takes one of `key`'s `limit` for today; false once they are spent. */
  take(key: string, limit: number): Promise<boolean>;
  /** Whether `take` would succeed, without taking. */
  allows(key: string, limit: number): Promise<boolean>;
}

/** Kept in memory: one server alone. */
export class LocalDailyCounts implements DailyCounts {
  private day = "";
  private counts = new Map<string, number>();
  constructor(private readonly today: () => string) {}

  async take(key: string, limit: number): Promise<boolean> {
    if (!(await this.allows(key, limit))) return false;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return true;
  }

  async allows(key: string, limit: number): Promise<boolean> {
    if (this.today() !== this.day) {
      this.day = this.today();
      this.counts.clear();
    }
    const n = this.counts.get(key) ?? 0;
    return n < limit && (n > 0 || this.counts.size < DAILY_KEYS);
  }
}

/**
 * Counted in the store where instances share it, so a network gets the same day's allowance from
 * every instance, not one per instance. While the database is away each instance counts alone.
 */
class SharedDailyCounts implements DailyCounts {
  private readonly alone: LocalDailyCounts;

  constructor(
    private readonly name: string,
    private readonly store: Required<Pick<Store, "countDaily">>,
    private readonly today: () => string,
  ) {
    this.alone = new LocalDailyCounts(today);
  }

  take(key: string, limit: number): Promise<boolean> {
    return this.store.countDaily(`${this.name}:${key}`, this.today(), limit, "take").catch(() => this.alone.take(key, limit));
  }

  allows(key: string, limit: number): Promise<boolean> {
    return this.store.countDaily(`${this.name}:${key}`, this.today(), limit, "peek").catch(() => this.alone.allows(key, limit));
  }
}

/** A day's counts named `name`: in the store where instances share it, else in memory. */
export function dailyCounts(name: string, store: Store, shared: boolean, today: () => string): DailyCounts {
  const { countDaily } = store;
  return shared && countDaily ? new SharedDailyCounts(name, { countDaily: countDaily.bind(store) }, today) : new LocalDailyCounts(today);
}
