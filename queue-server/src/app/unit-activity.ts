import type { UnitFigures } from "@motcua/protocol";
import type { App } from "./context.ts";
import { unitFigures } from "./unit-figures.ts";

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
    return unitFigures(hall, now, this.last.get(hall.center) ?? null);
  }
}
