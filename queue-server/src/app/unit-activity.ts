import type { UnitFigures } from "@motcua/protocol";
import type { App } from "./context.ts";
import { unitFigures } from "./unit-figures.ts";

/** A linked hall speaks at least every 10 s (a heartbeat); silent for this long, it is not reporting. */
export const NOT_REPORTING_MS = 60_000;

/**
 * What the province page needs to know of every unit besides its day: when its last command was
 * stored (here or, through the journal, on another instance), and which units changed since the
 * page last heard, so a busy hall costs one update a second, not one per command.
 */
export class UnitActivity {
  private readonly last = new Map<string, number>();
  private readonly changed = new Set<string>();
  private readonly listeners: (() => void)[] = [];

  watch(hall: App): void {
    const mark = (at?: number) => {
      if (at !== undefined) this.last.set(hall.center, Math.max(at, this.last.get(hall.center) ?? 0));
      this.changed.add(hall.center);
      for (const fn of this.listeners) fn();
    };
    hall.service.onChange((c) => mark(c.events.reduce((m, e) => Math.max(m, e.at), 0) || undefined));
    hall.service.onConfigChanged(() => mark());
    hall.service.onDayStarted(() => mark());
    hall.prints.onReport(() => mark());
  }

  /** When each linked unit's hall server last spoke to this instance. */
  private readonly contacts = new Map<string, number>();

  contact(unit: string, at: number): void {
    this.contacts.set(unit, Math.max(at, this.contacts.get(unit) ?? 0));
  }

  /** Calls `fn` whenever a unit changed. */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** The units changed since the last call, emptied. */
  takeChanged(): string[] {
    const ids = [...this.changed];
    this.changed.clear();
    return ids;
  }

  /** Every unit counts as changed: waits grow while nothing happens. */
  touchAll(ids: Iterable<string>): void {
    for (const id of ids) this.changed.add(id);
    for (const fn of this.listeners) fn();
  }

  figures(hall: App, now: number): UnitFigures {
    const f = unitFigures(hall, now, this.last.get(hall.center) ?? null);
    if (!hall.service.config.center.linked) return f;
    // A linked hall that has not spoken for a while: its figures are as of then.
    const heard = this.contacts.get(hall.center) ?? null;
    const silent = heard === null || now - heard > NOT_REPORTING_MS;
    return silent ? { ...f, notReportingSince: new Date(heard ?? this.startedAt(now)).toISOString() } : f;
  }

  /** Before its first word since this instance started, a linked hall counts as silent since the start. */
  private startedAt(now: number): number {
    this.firstSeen ??= now;
    return this.firstSeen;
  }
  private firstSeen: number | undefined;
}
