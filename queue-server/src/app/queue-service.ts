import { type CenterConfig, type Failure, fail } from "@motcua/protocol";
import { authorize } from "../auth/authorize.ts";
import type { Principal } from "../auth/principal.ts";
import type { Sessions } from "../auth/sessions.ts";
import { validateConfig } from "../config/validate.ts";
import {
  applyInPlace,
  createDay,
  replay,
  rollover,
  staged,
  withCountersOf,
  withoutPhones,
  type Command,
  type DayState,
  type EngineEvent,
  type JournalEntry,
  type TicketRecord,
} from "@motcua/engine";
import type { Logger } from "../log.ts";
import { summarizeDay } from "../reports/summary.ts";
import { JournalConflict, type Store, type StoredDay } from "../store/types.ts";

export interface Change {
  /** The ticket the command named, as it stood before (where a withdrawn call was shown). */
  ticketBefore: TicketRecord | undefined;
  /** The day after the command. Days are updated in place: read it now, do not keep it. */
  after: DayState;
  events: EngineEvent[];
  config: CenterConfig;
}
export type ChangeListener = (change: Change) => void;

/** A command's answer: its events, and the day as it stands once the command (and its batch) is stored. */
export type Executed = { ok: true; state: DayState; events: EngineEvent[] } | Failure;

/** Commands between two snapshots of the day: a restart replays at most this many. */
const SNAPSHOT_EVERY = 500;
/** A day with unsnapshotted commands and none for this long is snapshotted (the hall is quiet). */
const IDLE_SNAPSHOT_MS = 20_000;
/** How often a batch is decided again after another instance took its journal position. */
const CONFLICT_RETRIES = 20;

interface Pending {
  principal: Principal;
  command: Command;
  resolve: (r: Executed) => void;
}

/**
 * The one place commands go through: validate role → engine → journal → publish → answer.
 * Commands run one at a time, and a change is published only after its journal entry is durable.
 * The day in memory is the last snapshot with the journal since replayed onto it.
 */
export class QueueService {
  private tail: Promise<unknown> = Promise.resolve();
  private pending: Pending[] = [];
  private listeners: ChangeListener[] = [];
  private dayListeners: ((day: string) => void)[] = [];
  private configListeners: ((config: CenterConfig) => void)[] = [];
  private configChecks: ((next: CenterConfig) => string[])[] = [];
  private authListeners: (() => void)[] = [];
  /** Journal entries not yet in a snapshot, and when the last one was written. */
  private sinceSnapshot = 0;
  private lastWrite = 0;
  private snapshotting: Promise<void> | null = null;
  private unwatch: (() => void) | null = null;

  private constructor(
    private readonly store: Store,
    readonly sessions: Sessions,
    private readonly clock: () => number,
    private readonly log: Logger,
    public config: CenterConfig,
    public state: DayState,
    /** The last journal entry `state` holds. */
    private seq: number,
  ) {}

  static async open(opts: {
    store: Store;
    sessions: Sessions;
    clock: () => number;
    log: Logger;
    config: CenterConfig;
    /** This server is a linked unit's own hall: it decides the unit's commands (the province only records them). */
    linkedHall?: boolean | undefined;
  }): Promise<QueueService> {
    const { store, config, log } = opts;
    const { state: fresh } = rollover(config, null, opts.clock());
    // A server stopped before a day's end left that day's journal: close it now, as the turn would have.
    for (const day of await store.openDays()) {
      if (day < fresh.day) await closeDay(store, config, log, await openDay(store, config, createDay(config, day), log), opts.linkedHall);
    }
    const opened = await openDay(store, config, fresh, log);
    log.info({ day: opened.state.day, tickets: opened.state.order.length, restored: opened.restored, replayed: opened.replayed }, "service day loaded");
    const service = new QueueService(store, opts.sessions, opts.clock, log, config, opened.state, opened.seq);
    service.stamped = latestMoment(opened.state);
    service.linkedHall = opts.linkedHall ?? false;
    service.watchStore();
    return service;
  }

  /**
   * The hall's time: the machine's clock, but not before a moment the day has already stamped
   * when the clock steps back by minutes (an NTP correction, a restart on a drifting clock): it
   * would put a citizen who took a number two minutes ago behind one who takes it now. A step of
   * more than HELD_BACK_MS is a clock set right on purpose (it was hours ahead): it is taken.
   */
  now(): number {
    const t = this.clock();
    return t >= this.stamped || this.stamped - t > HELD_BACK_MS ? t : this.stamped;
  }

  /** The latest moment the day holds: its tickets' times, then every command stamped since. */
  private stamped = 0;

  /** See `open`. */
  private linkedHall = false;

  private writeListeners: ((ms: number, entries: number) => void)[] = [];
  /** Each journal write that succeeded: how long it took, and how many commands it held (metrics). */
  onWrite(fn: (ms: number, entries: number) => void): void {
    this.writeListeners.push(fn);
  }

  /** When the last write to the store failed, until one succeeds again: the health check says so. */
  storeFailedAt: number | null = null;

  /** A recorded service day, today's as it stands; null when none is on record. */
  async recordedDay(day: string): Promise<DayState | null> {
    if (day === this.state.day) return this.state;
    const stored = await this.store.loadDay(day);
    return stored && replayed(this.config, stored, createDay(this.config, day), this.log).state;
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
  /** Tells everyone listening that what the configuration shows changed (the province's listing), the configuration the same. */
  announceConfig(): void {
    for (const fn of this.configListeners) fn(this.config);
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
    // The ended day is kept whole, without its phones' hashes, before anyone sees the new day.
    // A snapshot still being written must land first, or it would put the hashes back.
    await this.snapshotting;
    await closeDay(this.store, this.config, this.log, { state: this.state, seq: this.seq }, this.linkedHall);
    const opened = await openDay(this.store, this.config, state, this.log);
    this.state = opened.state;
    this.seq = opened.seq;
    this.sinceSnapshot = 0;
    this.log.info({ day: this.state.day }, "service day started");
    for (const fn of this.dayListeners) fn(this.state.day);
  }

  /** Turns the day when it is time, and snapshots a quiet hall's day. */
  checkDay(): Promise<void> {
    return this.serial(async () => {
      await this.turnDay();
      if (this.sinceSnapshot > 0 && this.clock() - this.lastWrite >= IDLE_SNAPSHOT_MS) this.snapshot();
    });
  }

  /**
   * Keeps the day as it stands as the snapshot, in the background: states are never changed once
   * made, so commands go on while it is written. A failure only means a longer replay at start.
   */
  private snapshot(): Promise<void> {
    if (this.snapshotting) return this.snapshotting;
    const { state, seq } = this;
    const taken = this.sinceSnapshot;
    this.snapshotting = this.store
      .saveSnapshot(state, seq)
      .then(() => {
        this.sinceSnapshot -= taken;
      })
      .catch((e) => this.log.warn({ err: e, day: state.day, seq }, "could not snapshot the day; the journal still holds it"))
      .finally(() => {
        this.snapshotting = null;
      });
    return this.snapshotting;
  }

  /** Waits for the commands in hand, snapshots the day and lets the store go. */
  async close(): Promise<void> {
    this.unwatch?.();
    await this.serial(async () => {
      await this.snapshotting;
      if (this.sinceSnapshot > 0) await this.snapshot();
    });
    await this.store.close();
  }

  /**
   * Runs a command. Commands that arrive while the disk is busy are applied one after
   * another in memory and then written together (group commit): each still sees the
   * state the previous one left, and none is answered before the write is on disk.
   */
  execute(principal: Principal, command: Command): Promise<Executed> {
    // A linked unit's hall decides its commands; the province only records its journal (ingest).
    if (this.config.center.linked && !this.linkedHall) {
      return Promise.resolve(fail("FORBIDDEN", "This unit runs its own server in its hall; act there. Đơn vị này dùng máy chủ riêng tại sảnh."));
    }
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
    // Decided on every write stored before it, whichever instance stored it: a call must see the
    // ticket another instance issued a moment ago. A command that writes nothing has no journal
    // position to be fenced by, so this read is what orders it.
    if (this.shared) {
      try {
        await this.catchUp();
      } catch (e) {
        this.log.error({ err: e }, "could not read the journal; commands refused");
        this.storeFailedAt = this.clock();
        for (const item of batch) answer(item, fail("STORE_FAILED", "The server could not reach its data; nothing was changed. Try again."));
        return;
      }
    }
    for (let attempt = 0; ; attempt++) {
      // Decided in place on the live day, which keeps a command's cost independent of the day's
      // size, then hidden while the journal is written: nobody sees a change before it is durable.
      const { result: decided, stage } = staged(this.state, () => this.decideBatch(batch));
      if (decided.entries.length > 0) {
        stage.hide();
        const writing = performance.now();
        try {
          await this.store.appendJournal(this.state.day, decided.entries);
          for (const fn of this.writeListeners) fn(performance.now() - writing, decided.entries.length);
        } catch (e) {
          if (e instanceof JournalConflict && attempt < CONFLICT_RETRIES) {
            // Another instance wrote first: take its commands in, then decide ours again on top,
            // after a pause of random length so that instances racing for one center draw apart.
            await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
            const caughtUp = await this.catchUp().then(
              () => true,
              (err) => (this.log.error({ err }, "could not read the journal after a conflict"), false),
            );
            if (caughtUp) continue;
          }
          this.log.error({ err: e, commands: decided.done.length }, "could not write the journal; commands refused");
          this.storeFailedAt = this.clock();
          // Every answer in the batch was computed on changes that are now undone: refuse them all.
          const refused = fail("STORE_FAILED", "The server could not save this change; nothing was changed. Try again.");
          for (const d of decided.done) answer(d.item, refused);
          return;
        }
        stage.show();
        this.storeFailedAt = null;
        this.state = decided.state;
        this.seq += decided.entries.length;
        this.sinceSnapshot += decided.entries.length;
        this.lastWrite = this.clock();
        if (this.sinceSnapshot >= SNAPSHOT_EVERY) void this.snapshot();
      }
      for (const d of decided.done) {
        if (d.change) {
          // The change is durable: a failure to record the session binding must not unsay it.
          if (d.session) await this.trackCounter(d.session, d.change.events).catch((e) => this.log.error({ err: e }, "could not record the counter binding"));
          this.publish(d.change);
          this.log.info(
            { command: d.item.command.type, by: `${d.item.principal.role}:${d.item.principal.id}`, events: d.change.events.map((e) => e.type) },
            "command",
          );
        }
        // Answered from the day as it now stands: the batch's days share their tickets, and one
        // day object lets every answer of the batch share one estimate of the waits.
        answer(d.item, d.result.ok ? { ...d.result, state: this.state } : d.result);
      }
      return;
    }
  }

  /** Decides a batch on the day as it stands, and the journal entries of the commands that changed it. */
  private decideBatch(batch: Pending[]): { state: DayState; entries: JournalEntry[]; done: { item: Pending; result: Executed; change?: Change; session?: string }[] } {
    let state = this.state;
    const entries: JournalEntry[] = [];
    const done: { item: Pending; result: Executed; change?: Change; session?: string }[] = [];
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i]!;
      const at = this.now();
      this.stamped = at;
      const r = this.decide(state, item, at);
      done.push({ item, ...r });
      if (r.change) {
        state = r.change.after;
        entries.push({ seq: this.seq + entries.length + 1, at, command: item.command });
      }
      // Opening or closing a counter rebinds sessions, which later commands' roles depend on:
      // end the batch here and run the rest after the write.
      if (r.change?.events.some((e) => e.type === "counter.opened" || e.type === "counter.closed")) {
        const rest = batch.splice(i + 1);
        if (rest.length) {
          this.pending.unshift(...rest);
          if (this.pending.length === rest.length) void this.serial(() => this.drain());
        }
        break;
      }
    }
    return { state, entries, done };
  }

  /**
   * Takes in the journal entries other instances wrote since this one's last, and publishes each
   * as if it had been applied here: this instance's boards, counters and phones hear of a call
   * made on another from the journal itself, so a call stored is a call shown, whoever made it.
   */
  private async catchUp(carried?: JournalEntry[]): Promise<void> {
    // Entries a notice carried serve if they follow on from this instance's last; else read.
    const tail = carried?.length && carried[0]!.seq <= this.seq + 1 ? carried : await this.store.readJournal(this.state.day, this.seq);
    for (const entry of tail) {
      if (entry.seq <= this.seq) continue;
      if (entry.seq !== this.seq + 1) throw new Error(`journal of ${this.state.day} jumps from ${this.seq} to ${entry.seq}`);
      const { command } = entry;
      const ticketBefore = "ticketId" in command ? this.state.tickets[command.ticketId] : undefined;
      const r = applyInPlace(this.config, this.state, command, entry.at);
      this.seq = entry.seq;
      if (entry.at > this.stamped) this.stamped = entry.at;
      if (!r.ok) {
        this.log.warn({ seq: entry.seq, command: command.type, code: r.error.code }, "another instance's journal entry does not apply here");
        continue;
      }
      this.state = r.state;
      if (r.events.length) this.publish({ ticketBefore, after: r.state, events: r.events, config: this.config });
    }
  }

  /**
   * A linked hall's journal entries for `day`, as it sent them: those after the last one held are
   * stored in order and applied as if another instance had written them (boards, the province
   * page); one it already holds is passed over, so a resent batch changes nothing. Answers the
   * position held after; a gap, or another day than the one open here, writes nothing.
   */
  ingest(day: string, entries: JournalEntry[]): Promise<{ ok: true; seq: number } | Failure> {
    return this.serial(async () => {
      await this.turnDay();
      // Another instance may have taken the batch before this one (the hall retried elsewhere).
      if (this.shared) await this.catchUp();
      if (day < this.state.day) return this.ingestPast(day, entries);
      if (day !== this.state.day) return fail("INVALID_TRANSITION", `The province is on ${this.state.day}; entries of ${day} are not taken here.`);
      const fresh = entries.filter((e) => e.seq > this.seq);
      if (fresh.length && fresh[0]!.seq !== this.seq + 1) return fail("INVALID_TRANSITION", `The province holds up to ${this.seq}; send from ${this.seq + 1}.`);
      if (fresh.some((e, i) => e.seq !== fresh[0]!.seq + i)) return fail("BAD_REQUEST", "entries: numbered with a gap");
      if (fresh.length) {
        // Tried on a copy before they are stored: an entry the engine cannot even apply (a
        // command it does not know) would stand in the journal and stop every later one. Only
        // for new entries: a heartbeat, every few seconds, copies nothing.
        const trial = structuredClone(this.state);
        for (const e of fresh) {
          try {
            applyInPlace(this.config, trial, e.command, e.at);
          } catch {
            return fail("BAD_REQUEST", `entries: ${e.seq} is not a command this server can apply; nothing was stored`);
          }
        }
        await this.store.appendJournal(day, fresh);
        this.sinceSnapshot += fresh.length;
        this.lastWrite = this.clock();
        await this.catchUp(fresh);
        if (this.sinceSnapshot >= SNAPSHOT_EVERY) void this.snapshot();
      }
      return { ok: true as const, seq: this.seq };
    });
  }

  /**
   * Entries of a day that ended here while the hall's line was down: its final record is made
   * again with them (the day is over, so no one is told of them live), and its report summary with it.
   */
  private async ingestPast(day: string, entries: JournalEntry[]): Promise<{ ok: true; seq: number } | Failure> {
    const stored = await this.store.loadDay(day);
    const base = withCountersOf(this.config, stored?.snapshot ?? createDay(this.config, day));
    const held = replay(this.config, base, stored?.snapshotSeq ?? 0, stored?.tail ?? []);
    const fresh = entries.filter((e) => e.seq > held.seq);
    if (fresh.length && fresh[0]!.seq !== held.seq + 1) return fail("INVALID_TRANSITION", `The province holds ${day} up to ${held.seq}; send from ${held.seq + 1}.`);
    if (!fresh.length) return { ok: true, seq: held.seq };
    const r = replay(this.config, held.state, held.seq, fresh);
    await this.store.saveSnapshot(withoutPhones(r.state), r.seq, { final: true });
    await this.store.saveSummary(summarizeDay(this.config, r.state, Number.POSITIVE_INFINITY));
    this.log.info({ day, through: r.seq }, "a linked hall's finished day caught up");
    return { ok: true, seq: r.seq };
  }

  /** The last entry of `day` stored here (today's as applied). */
  async heldThrough(day: string): Promise<number> {
    if (day === this.state.day) return this.seq;
    const stored = await this.store.loadDay(day);
    return stored ? (stored.tail.at(-1)?.seq ?? stored.snapshotSeq) : 0;
  }

  /** Days that ended with their journal kept (a linked hall's, until the province holds them). */
  async keptDays(): Promise<string[]> {
    return (await this.store.openDays()).filter((d) => d < this.state.day);
  }

  /** The province holds a finished day whole: its journal goes, with the phone hashes it held. */
  async dropKeptJournal(day: string): Promise<void> {
    const stored = await this.store.loadDay(day);
    if (!stored?.snapshot) return;
    await this.store.saveSnapshot(stored.snapshot, stored.snapshotSeq, { final: true });
  }

  /** A day's journal entries as stored, after `afterSeq`. */
  journalOf(day: string, afterSeq = 0): Promise<JournalEntry[]> {
    return this.store.readJournal(day, afterSeq);
  }

  /** The last journal entry of today this server holds. */
  get position(): { day: string; seq: number } {
    return { day: this.state.day, seq: this.seq };
  }

  /** Catches up on other instances' writes now (a notice came, perhaps with them, or it is time to poll). */
  follow(carried?: JournalEntry[]): Promise<void> {
    return this.serial(() => this.catchUp(carried)).catch((e) => this.log.warn({ err: e }, "could not catch up on the journal"));
  }

  /** Where instances share the store: take in their journal entries and session changes as they come. */
  private watchStore(): void {
    this.unwatch =
      this.store.watch?.((change) => {
        if (change.kind === "journal") {
          if (change.day === this.state.day && change.seq > this.seq) void this.follow(change.entries);
        } else if (change.kind === "config") {
          void this.serial(() => this.takeStoredConfig()).catch((e) => this.log.error({ err: e }, "could not take up the stored configuration"));
        } else if (change.kind === "session") {
          void this.sessions
            .refresh(change.hash)
            .then(() => this.authChanged())
            .catch((e) => this.log.warn({ err: e }, "could not read a changed session"));
        }
      }) ?? null;
  }

  /** Whether other instances may write to this center's store. */
  get shared(): boolean {
    return this.unwatch !== null;
  }

  /** Authorize and apply one command against `state`; pure but for reading sessions. */
  private decide(state: DayState, item: Pending, now: number): { result: Executed; change?: Change; session?: string } {
    const { principal, command } = item;
    let who = principal;
    if (principal.kind === "staff") {
      const live = this.sessions.get(principal.session);
      if (!live) return { result: fail("UNAUTHENTICATED", "Your session has ended; log in again.") };
      who = { ...principal, counterId: live.record.counterId };
    }
    const denied = authorize(this.config, state, who, command);
    if (denied) return { result: denied };
    const ticketBefore = "ticketId" in command ? state.tickets[command.ticketId] : undefined;
    // In place (see `commit`): a refused command changes nothing.
    const r = applyInPlace(this.config, state, command, now);
    if (!r.ok) return { result: fail(r.error.code, r.error.message) };
    if (r.events.length === 0) return { result: { ok: true, state, events: [] } };
    return {
      result: { ok: true, state: r.state, events: r.events },
      change: { ticketBefore, after: r.state, events: r.events, config: this.config },
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
      // The id is how tokens, rooms and stores find the center: a new one would take another center's name.
      if (next.center.id !== this.config.center.id) problems.push(`center.id is ${this.config.center.id} and cannot change`);
      // A unit's place in the province and its area class (its yardstick) are the province's to set.
      for (const key of ["level", "area", "parentId", "linked"] as const) {
        if (next.center[key] !== this.config.center[key]) problems.push(`center.${key} is set by the province and cannot be changed here`);
      }
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
      // The day first, snapshotted whole: the journal after a snapshot is replayed with the
      // configuration it was written under. If the config write then fails, the extra counter
      // records are harmless.
      const state = withCountersOf(next, this.state);
      try {
        await this.snapshotting;
        await this.store.saveSnapshot(state, this.seq);
        this.sinceSnapshot = 0;
        await this.store.saveConfig(next);
      } catch (e) {
        this.log.error({ err: e }, "could not store the configuration");
        return fail("STORE_FAILED", "The server could not save the configuration; nothing was changed. Try again.");
      }
      this.state = state;
      await this.configChanged(next);
      return { ok: true, config: next };
    });
  }

  /** A configuration now live: sessions it ends are ended, and everyone listening hears of it. */
  private async configChanged(next: CenterConfig): Promise<void> {
    const previous = this.config;
    this.config = next;
    // The configuration is saved and live: a failure to rewrite the sessions must not hide that.
    await this.sessions
      .retain((r) => sessionStillValid(previous, next, r.staffId))
      .catch((e) => this.log.error({ err: e }, "could not store the sessions after a configuration change"));
    this.log.info({ services: next.services.length, counters: next.counters.length }, "configuration changed");
    for (const fn of this.configListeners) fn(next);
  }

  /**
   * Another instance saved a new configuration: take it up here too, after its snapshot (which
   * holds the new counters). Entries this instance decided meanwhile under the old one stand.
   */
  private async takeStoredConfig(): Promise<void> {
    const stored = await this.store.loadConfig();
    if (!stored) return;
    const checked = validateConfig(stored);
    if (!checked.ok) {
      this.log.error({ problem: checked.message }, "the stored configuration is invalid; keeping the one in use");
      return;
    }
    // Both parsed by the same schema, so their keys come in one order: the notice of our own save is no change.
    if (JSON.stringify(checked.config) === JSON.stringify(this.config)) return;
    await this.catchUp();
    this.state = withCountersOf(checked.config, this.state);
    await this.configChanged(checked.config);
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

interface OpenedDay {
  state: DayState;
  seq: number;
  restored: boolean;
  replayed: number;
}

/** A stored day made whole: its snapshot (or `fresh` when there is none) with its journal replayed. */
function replayed(config: CenterConfig, stored: StoredDay, fresh: DayState, log: Logger): { state: DayState; seq: number } {
  const base = withCountersOf(config, stored.snapshot ?? fresh);
  const r = replay(config, base, stored.snapshotSeq, stored.tail);
  if (r.refused.length) log.warn({ day: base.day, seqs: r.refused.map((e) => e.seq) }, "journal entries no longer apply under this configuration");
  return r;
}

/** The stored day of `fresh` made whole if there is one (a restart), else `fresh`; snapshotted before use. */
async function openDay(store: Store, config: CenterConfig, fresh: DayState, log: Logger): Promise<OpenedDay> {
  // The snapshot at start only shortens the next restart's replay: a disk that refuses it (full,
  // read-only) must not keep the hall from starting, its boards from showing what it holds.
  const snapshot = (state: DayState, seq: number) =>
    store.saveSnapshot(state, seq).catch((e) => log.warn({ err: e, day: state.day }, "could not snapshot the day at start; writes will be refused until the disk takes them"));
  const stored = await store.loadDay(fresh.day);
  if (!stored) {
    const state = withCountersOf(config, fresh);
    await snapshot(state, 0);
    return { state, seq: 0, restored: false, replayed: 0 };
  }
  const { state, seq } = replayed(config, stored, fresh, log);
  if (stored.tail.length || !stored.snapshot) await snapshot(state, seq);
  return { state, seq, restored: true, replayed: stored.tail.length };
}

/** A day is over: kept whole as its final snapshot, without its phones' hashes, and its journal dropped. */
async function closeDay(store: Store, config: CenterConfig, log: Logger, day: { state: DayState; seq: number }, keepJournal = false): Promise<void> {
  await store
    .saveSnapshot(withoutPhones(day.state), day.seq, { final: true, keepJournal })
    .catch((e) => log.error({ err: e, day: day.state.day }, "could not close the day; its journal is kept and closed at the next start"));
}

/** How far back the clock may step and still be held at the day's latest moment (see QueueService.now). */
const HELD_BACK_MS = 10 * 60_000;

/** The latest time a day's tickets carry (a restarted server's floor for its clock: QueueService.now). */
function latestMoment(state: DayState): number {
  let latest = 0;
  for (const t of Object.values(state.tickets)) {
    for (const at of [t.issuedAt, t.queuedAt, t.calledAt, t.waitEndedAt, t.startedAt, t.finishedAt]) if (at !== null && at > latest) latest = at;
  }
  return latest;
}
