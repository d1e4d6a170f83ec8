import { type CenterConfig, type Failure, fail } from "@motcua/protocol";
import { authorize } from "../auth/authorize.ts";
import type { Principal } from "../auth/principal.ts";
import type { Sessions } from "../auth/sessions.ts";
import { validateConfig } from "../config/validate.ts";
import { apply, rollover, withCountersOf, withoutPhones, type Command, type DayState, type EngineEvent } from "@motcua/engine";
import type { Logger } from "../log.ts";
import type { Store } from "../store/types.ts";

export interface Change {
  before: DayState;
  after: DayState;
  events: EngineEvent[];
  config: CenterConfig;
}
export type ChangeListener = (change: Change) => void;

export type Executed = { ok: true; state: DayState; events: EngineEvent[] } | Failure;

interface Pending {
  principal: Principal;
  command: Command;
  resolve: (r: Executed) => void;
}

/**
 * The one place commands go through: validate role → engine → store → publish → answer.
 * Commands run one at a time, and a change is published only after it is on disk.
 */
export class QueueService {
  private tail: Promise<unknown> = Promise.resolve();
  private pending: Pending[] = [];
  private listeners: ChangeListener[] = [];
  private dayListeners: ((day: string) => void)[] = [];
  private configListeners: ((config: CenterConfig) => void)[] = [];
  private configChecks: ((next: CenterConfig) => string[])[] = [];
  private authListeners: (() => void)[] = [];

  private constructor(
    private readonly store: Store,
    readonly sessions: Sessions,
    private readonly clock: () => number,
    private readonly log: Logger,
    public config: CenterConfig,
    public state: DayState,
  ) {}

  static async open(opts: { store: Store; sessions: Sessions; clock: () => number; log: Logger; config: CenterConfig }): Promise<QueueService> {
    const { state: fresh } = rollover(opts.config, null, opts.clock());
    const { state, restored } = await openDay(opts.store, opts.config, fresh);
    opts.log.info({ day: state.day, tickets: state.order.length, restored }, "service day loaded");
    return new QueueService(opts.store, opts.sessions, opts.clock, opts.log, opts.config, state);
  }

  now(): number {
    return this.clock();
  }

  /** A recorded service day, today's as it stands; null when none is on record. */
  async recordedDay(day: string): Promise<DayState | null> {
    return day === this.state.day ? this.state : this.store.loadDay(day);
  }

  /** Days on record, oldest first. */
  async recordedDays(): Promise<string[]> {
    return (await this.store.listDays()).sort();
  }

  onChange(fn: ChangeListener): void {
    this.listeners.push(fn);
  }
  onDayStarted(fn: (day: string) => void): void {
    this.dayListeners.push(fn);
  }
  onConfigChanged(fn: (config: CenterConfig) => void): void {
    this.configListeners.push(fn);
  }
  /** What else a new configuration must not break (the appointment book's bookings); problems refuse it. */
  checkConfigWith(fn: (next: CenterConfig) => string[]): void {
    this.configChecks.push(fn);
  }
  /** Someone logged out or lost a session: open sockets must be checked again. */
  onAuthChanged(fn: () => void): void {
    this.authListeners.push(fn);
  }
  authChanged(): void {
    for (const fn of this.authListeners) fn();
  }

  /** Runs `fn` after every earlier command has finished, so state changes never interleave. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Turns the day if the clock has passed the reset time; the new day is on disk before anyone sees it. */
  private async turnDay(): Promise<void> {
    const { state, turned } = rollover(this.config, this.state, this.clock());
    if (!turned) return;
    // The ended day is kept without its phones' hashes, before anyone sees the new day.
    const ended = this.state;
    const kept = withoutPhones(ended);
    if (kept !== ended) await this.store.saveDay(kept).catch((e) => this.log.error({ err: e, day: ended.day }, "could not drop the ended day's phone hashes"));
    this.state = (await openDay(this.store, this.config, state)).state;
    this.log.info({ day: this.state.day }, "service day started");
    for (const fn of this.dayListeners) fn(this.state.day);
  }

  checkDay(): Promise<void> {
    return this.serial(() => this.turnDay());
  }

  /**
   * Runs a command. Commands that arrive while the disk is busy are applied one after
   * another in memory and then written together (group commit): each still sees the
   * state the previous one left, and none is answered before the write is on disk.
   */
  execute(principal: Principal, command: Command): Promise<Executed> {
    return new Promise((resolve) => {
      this.pending.push({ principal, command, resolve });
      if (this.pending.length === 1) void this.serial(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    const batch = this.pending.splice(0);
    const answered = new Set<Pending>();
    const answer = (item: Pending, r: Executed) => {
      answered.add(item);
      item.resolve(r);
    };
    try {
      await this.commit(batch, answer);
    } catch (e) {
      // A bug must cost an error answer, never a request left hanging.
      this.log.error({ err: e }, "command batch failed");
      for (const item of batch) {
        if (!answered.has(item) && !this.pending.includes(item)) answer(item, fail("INTERNAL", "Something went wrong on the server; nothing was changed."));
      }
    }
  }

  private async commit(batch: Pending[], answer: (item: Pending, r: Executed) => void): Promise<void> {
    await this.turnDay();
    const start = this.state;
    let state = start;
    const done: { item: Pending; result: Executed; change?: Change; session?: string }[] = [];
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i]!;
      const r = this.decide(state, item);
      done.push({ item, ...r });
      if (r.change) state = r.change.after;
      // Opening or closing a counter rebinds sessions, which later commands' roles depend on:
      // end the batch here and run the rest after the write.
      if (r.change?.events.some((e) => e.type === "counter.opened" || e.type === "counter.closed")) {
        const rest = batch.slice(i + 1);
        if (rest.length) {
          this.pending.unshift(...rest);
          if (this.pending.length === rest.length) void this.serial(() => this.drain());
        }
        break;
      }
    }
    if (state !== start) {
      try {
        await this.store.saveDay(state);
      } catch (e) {
        this.log.error({ err: e, commands: done.length }, "could not store the day; commands refused");
        // Every answer in the batch was computed on changes that are now undone: refuse them all.
        const refused = fail("STORE_FAILED", "The server could not save this change; nothing was changed. Try again.");
        for (const d of done) answer(d.item, refused);
        return;
      }
      this.state = state;
    }
    for (const d of done) {
      if (d.change) {
        // The change is on disk: a failure to record the session binding must not unsay it.
        if (d.session) await this.trackCounter(d.session, d.change.events).catch((e) => this.log.error({ err: e }, "could not record the counter binding"));
        this.publish(d.change);
        this.log.info(
          { command: d.item.command.type, by: `${d.item.principal.role}:${d.item.principal.id}`, events: d.change.events.map((e) => e.type) },
          "command",
        );
      }
      answer(d.item, d.result);
    }
  }

  /** Authorize and apply one command against `state`; pure but for reading sessions. */
  private decide(state: DayState, item: Pending): { result: Executed; change?: Change; session?: string } {
    const { principal, command } = item;
    let who = principal;
    if (principal.kind === "staff") {
      const live = this.sessions.get(principal.session);
      if (!live) return { result: fail("UNAUTHENTICATED", "Your session has ended; log in again.") };
      who = { ...principal, counterId: live.record.counterId };
    }
    const denied = authorize(this.config, state, who, command);
    if (denied) return { result: denied };
    const r = apply(this.config, state, command, this.clock());
    if (!r.ok) return { result: fail(r.error.code, r.error.message) };
    if (r.events.length === 0) return { result: { ok: true, state, events: [] } };
    return {
      result: { ok: true, state: r.state, events: r.events },
      change: { before: state, after: r.state, events: r.events, config: this.config },
      ...(who.kind === "staff" ? { session: who.session } : {}),
    };
  }

  private publish(change: Change): void {
    for (const fn of this.listeners) {
      try {
        fn(change);
      } catch (e) {
        this.log.error({ err: e }, "change listener failed");
      }
    }
  }

  /** Keeps each staff session bound to the one counter it has open. */
  private async trackCounter(session: string, events: EngineEvent[]): Promise<void> {
    for (const e of events) {
      if (e.type === "counter.opened") {
        await this.sessions.setCounter(session, e.counterId);
        await this.sessions.releaseCounter(e.counterId, session);
      } else if (e.type === "counter.closed") {
        await this.sessions.releaseCounter(e.counterId, null);
      }
    }
  }

  updateConfig(input: unknown): Promise<{ ok: true; config: CenterConfig } | Failure> {
    return this.serial(async () => {
      const checked = validateConfig(input);
      if (!checked.ok) return fail("INVALID_CONFIG", checked.message);
      const next = checked.config;
      const problems: string[] = [];
      for (const [id, c] of Object.entries(this.state.counters)) {
        if (next.counters.some((x) => x.id === id)) continue;
        if (c.status !== "closed") problems.push(`close counter ${id} before removing it`);
        const held = Object.values(this.state.tickets).filter(
          (t) => (t.status === "waiting" && t.targetCounterId === id) || (t.status === "parked" && t.counterId === id),
        );
        if (held.length) problems.push(`counter ${id} still has tickets sent or parked there (${held.map((t) => t.number).join(", ")})`);
      }
      for (const t of Object.values(this.state.tickets)) {
        const live = t.status === "waiting" || t.status === "called" || t.status === "serving" || t.status === "parked";
        if (live && !next.services.some((s) => s.id === t.serviceId)) {
          problems.push(`service ${t.serviceId} still has live tickets today`);
          break;
        }
      }
      for (const r of Object.values(this.state.reservations ?? {})) {
        if (r.ticketId === null && r.cancelledAt === undefined && !next.services.some((s) => s.id === r.serviceId)) {
          problems.push(`service ${r.serviceId} has remote numbers waiting for check-in today`);
          break;
        }
      }
      for (const check of this.configChecks) problems.push(...check(next));
      if (problems.length) return fail("INVALID_CONFIG", problems.join("; "));
      // The day first: if the config write then fails, the extra counter records are harmless.
      const state = withCountersOf(next, this.state);
      try {
        if (state !== this.state) await this.store.saveDay(state);
        await this.store.saveConfig(next);
      } catch (e) {
        this.log.error({ err: e }, "could not store the configuration");
        return fail("STORE_FAILED", "The server could not save the configuration; nothing was changed. Try again.");
      }
      const previous = this.config;
      this.state = state;
      this.config = next;
      // The configuration is saved and live: a failure to rewrite the sessions file must not hide that.
      await this.sessions
        .retain((r) => sessionStillValid(previous, next, r.staffId))
        .catch((e) => this.log.error({ err: e }, "could not store the sessions after a configuration change"));
      this.log.info({ services: next.services.length, counters: next.counters.length }, "configuration changed");
      for (const fn of this.configListeners) fn(next);
      return { ok: true, config: next };
    });
  }
}

/**
 * A session outlives a configuration change only if its account is the same account:
 * same mode, still active, same role and same password. Anything else logs it out.
 */
function sessionStillValid(before: CenterConfig, after: CenterConfig, staffId: string): boolean {
  if (before.mode !== after.mode) return false;
  const a = before.staff.find((s) => s.id === staffId);
  const b = after.staff.find((s) => s.id === staffId);
  return !!a && !!b && b.active && a.role === b.role && a.passwordHash === b.passwordHash && a.username === b.username;
}

/** The stored document of `fresh`'s day if there is one (a restart), else `fresh`, on disk before use. */
async function openDay(store: Store, config: CenterConfig, fresh: DayState): Promise<{ state: DayState; restored: boolean }> {
  const saved = await store.loadDay(fresh.day);
  const state = withCountersOf(config, saved ?? fresh);
  if (!saved) await store.saveDay(state);
  return { state, restored: saved !== null };
}
