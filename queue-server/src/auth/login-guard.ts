import { fail, type Failure } from "@motcua/protocol";
import type { Limiter } from "./rate-limit.ts";

/**
 * How wrong passwords hold an account back. Five are free (typos); after them each attempt waits
 * `firstHoldMs`, doubling with every further failure up to `maxHoldMs`; a key's failures are
 * forgotten `forgetMs` after its last one. The longest hold is shorter than the forgetting, so a
 * guesser who waits out the holds never starts fresh: about six guesses an hour at the cap.
 */
export interface BackoffRule {
  freeFailures: number;
  firstHoldMs: number;
  maxHoldMs: number;
  forgetMs: number;
}

export const LOGIN_BACKOFF: BackoffRule = {
  freeFailures: 5,
  firstHoldMs: 15_000,
  maxHoldMs: 10 * 60_000,
  forgetMs: 15 * 60_000,
};

/** Above this many keys the forgotten ones are swept (each failure cost a password check, so they come slowly). */
const SWEEP_AT = 10_000;

/** Failures per key, and until when a key is held back because of them. */
export class Backoff {
  private failures = new Map<string, { n: number; last: number }>();

  constructor(
    private readonly clock: () => number,
    private readonly rule: BackoffRule = LOGIN_BACKOFF,
  ) {}

  /** When the key may try again; null when it may now. */
  heldUntil(key: string): number | null {
    const now = this.clock();
    const f = this.current(key, now);
    if (!f || f.n < this.rule.freeFailures) return null;
    const until = f.last + Math.min(this.rule.maxHoldMs, this.rule.firstHoldMs * 2 ** (f.n - this.rule.freeFailures));
    return until > now ? until : null;
  }

  fail(key: string): void {
    const now = this.clock();
    if (this.failures.size > SWEEP_AT) for (const k of this.failures.keys()) if (!this.current(k, now)) this.failures.delete(k);
    const f = this.current(key, now);
    this.failures.delete(key);
    this.failures.set(key, { n: (f?.n ?? 0) + 1, last: now });
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private current(key: string, now: number) {
    const f = this.failures.get(key);
    return f && now - f.last < this.rule.forgetMs ? f : undefined;
  }
}

/** The deployment's limiters a login takes from, unless it comes from a trusted device. */
export interface LoginLimits {
  /** A flood guard: password checks from one network address, whatever the account. */
  loginPerIp: Limiter;
  /** Password checks of one account from browsers without its device token, from every address (and instance) together. */
  loginPerUser: Limiter;
}

/** A login the guard let through to its password check; settle it with the check's outcome. */
export interface Admitted {
  /** Whose failures it counts toward: a device (`d:`) or the account's strangers (`a:`). */
  key: string;
  trusted: boolean;
}

const held = (until: number, what = "failed logins"): Failure =>
  fail("RATE_LIMITED", `Too many ${what} for this account; try again after ${new Date(until).toISOString()}.`, until);

/**
 * Per-account backoff that an attacker cannot turn against the hall (OWASP's device cookies):
 * - a browser with a valid device token of the account is counted alone, by its token: others'
 *   failures never hold it back, and a stolen token is held back like an account;
 * - every other browser ("strangers") shares the account's count, from whatever address: after
 *   the free failures it is refused with the time to come back, before its password is checked,
 *   so a guess while held costs the account nothing and tells the guesser nothing;
 * - strangers' password checks also take from the per-address flood guard and from the account's
 *   per-minute allowance (both counted across instances where they share the database).
 * The failure counts themselves are this instance's.
 */
export class LoginGuard {
  private readonly backoff: Backoff;

  constructor(
    private readonly clock: () => number,
    rule: BackoffRule = LOGIN_BACKOFF,
  ) {
    this.backoff = new Backoff(clock, rule);
  }

  /**
   * Whether this attempt may have its password checked. `account` names the account as typed
   * (an unknown one is counted the same, so the answers do not tell which exist); `device` is the
   * id of a device token already verified for this account, null for a stranger.
   */
  async admit(attempt: { account: string; ip: string; device: string | null }, limits: LoginLimits): Promise<Admitted | Failure> {
    const key = attempt.device ? `d:${attempt.device}` : `a:${attempt.account}`;
    const until = this.backoff.heldUntil(key);
    if (until !== null) return held(until);
    if (attempt.device) return { key, trusted: true };
    const nextMinute = (Math.floor(this.clock() / 60_000) + 1) * 60_000;
    if (!(await limits.loginPerIp.take(attempt.ip))) {
      return fail("RATE_LIMITED", "Too many login attempts from this address; wait a minute and try again.", nextMinute);
    }
    if (!(await limits.loginPerUser.take(attempt.account))) return held(nextMinute, "login attempts");
    return { key, trusted: false };
  }

  /**
   * The password check's outcome. A trusted device's success clears its count; a stranger's
   * success does not clear the account's (the guesser's failures are not forgiven because the
   * officer got in), they pass with time.
   */
  settle(admitted: Admitted, succeeded: boolean): void {
    if (!succeeded) this.backoff.fail(admitted.key);
    else if (admitted.trusted) this.backoff.clear(admitted.key);
  }
}
