import type { CenterConfig, Failure } from "@motcua/protocol";
import { fail } from "@motcua/protocol";
import { authorize } from "../auth/authorize.ts";
import type { Principal } from "../auth/principal.ts";
import type { Sessions } from "../auth/sessions.ts";
import { validateConfig } from "../config/validate.ts";
import { apply, rollover, withCountersOf } from "../engine/index.ts";
import type { Command, DayState, EngineEvent } from "../engine/index.ts";
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

/**
 * The one place commands go through: validate role → engine → store → publish → answer.
 * Commands run one at a time, and a change is published only after it is on disk.
 */
export class QueueService {
  private tail: Promise<unknown> = Promise.resolve();
  private listeners: ChangeListener[] = [];
  private dayListeners: ((day: string) => void)[] = [];
  private configListeners: ((config: CenterConfig) => void)[] = [];

  private constructor(
    private readonly store: Store,
    readonly sessions: Sessions,
    private readonly clock: () => number,
    private readonly log: Logger,
    public config: CenterConfig,
    public state: DayState,
  ) {}

  static async open(opts: { store: Store; sessions: Sessions; clock: () => number; log: Logger; config: CenterConfig }): Promise<QueueService> {
    const now = opts.clock();
    const { state: fresh } = rollover(opts.config, null, now);
    const saved = await opts.store.loadDay(fresh.day);
    const state = withCountersOf(opts.config, saved ?? fresh);
    if (!saved) await opts.store.saveDay(state);
    opts.log.info({ day: state.day, tickets: state.order.length, restored: saved !== null }, "service day loaded");
    return new QueueService(opts.store, opts.sessions, opts.clock, opts.log, opts.config, state);
  }

  now(): number {
    return this.clock();
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
    const saved = await this.store.loadDay(state.day);
    this.state = withCountersOf(this.config, saved ?? state);
    if (!saved) await this.store.saveDay(this.state);
    this.log.info({ day: this.state.day }, "service day started");
    for (const fn of this.dayListeners) fn(this.state.day);
  }

  checkDay(): Promise<void> {
    return this.serial(() => this.turnDay());
  }

  execute(principal: Principal, command: Command): Promise<Executed> {
    return this.serial(async () => {
      await this.turnDay();
      const now = this.clock();
      let who = principal;
      if (principal.kind === "staff") {
        const live = this.sessions.get(principal.session);
        if (!live) return fail("UNAUTHENTICATED", "Your session has ended; log in again.");
        who = { ...principal, counterId: live.record.counterId };
      }
      const denied = authorize(this.config, this.state, who, command);
      if (denied) return denied;
      const result = apply(this.config, this.state, command, now);
      if (!result.ok) return fail(result.error.code, result.error.message);
      if (result.events.length === 0) return { ok: true, state: this.state, events: [] };
      try {
        await this.store.saveDay(result.state);
      } catch (e) {
        this.log.error({ err: e, command: command.type }, "could not store the day; command refused");
        return fail("STORE_FAILED", "The server could not save this change; nothing was changed. Try again.");
      }
      const before = this.state;
      this.state = result.state;
      if (who.kind === "staff") await this.trackCounter(who.session, result.events);
      this.log.info({ command: command.type, by: `${who.role}:${who.id}`, events: result.events.map((e) => e.type) }, "command");
      const change: Change = { before, after: this.state, events: result.events, config: this.config };
      for (const fn of this.listeners) {
        try {
          fn(change);
        } catch (e) {
          this.log.error({ err: e }, "change listener failed");
        }
      }
      return { ok: true, state: this.state, events: result.events };
    });
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
        if (c.status !== "closed" && !next.counters.some((x) => x.id === id)) problems.push(`close counter ${id} before removing it`);
      }
      for (const t of Object.values(this.state.tickets)) {
        const live = t.status === "waiting" || t.status === "called" || t.status === "serving" || t.status === "parked";
        if (live && !next.services.some((s) => s.id === t.serviceId)) {
          problems.push(`service ${t.serviceId} still has live tickets today`);
          break;
        }
      }
      if (problems.length) return fail("INVALID_CONFIG", problems.join("; "));
      await this.store.saveConfig(next);
      this.config = next;
      const state = withCountersOf(next, this.state);
      if (state !== this.state) {
        await this.store.saveDay(state);
        this.state = state;
      }
      this.log.info({ services: next.services.length, counters: next.counters.length }, "configuration changed");
      for (const fn of this.configListeners) fn(next);
      return { ok: true, config: next };
    });
  }
}
