import type { UnitFigures } from "@motcua/protocol";
import { Link, type LinkState } from "@motcua/protocol/client";
import { batch, computed, effect, signal, untracked, type ReadonlySignal, type Signal } from "@preact/signals";
import { orderOf, sameFigures, sameOrder, summaryOf } from "../unit-figures.ts";
import * as dashboard from "./dashboard.ts";
import { expire, follow, type Session } from "./session.ts";

// The province's page, every unit in one view: the whole picture on each (re)connect, then only
// the units that changed. Each unit has a signal of its own, so a change redraws its row alone;
// the table redraws only when the order changes. A unit's row opens that unit's own dashboard,
// read-only, in place of the table.

export const link = signal<LinkState>("connecting");
/** The units' ids, worst first; null until the first picture came. */
export const order = signal<string[] | null>(null);
const units = new Map<string, Signal<UnitFigures>>();

/** One unit's figures, as its row reads them. */
export const unit = (id: string): ReadonlySignal<UnitFigures> | undefined => units.get(id);

/** The unit whose own dashboard the province is looking at (read-only); null on the table of every unit. */
export const viewing = signal<string | null>(null);
/** The unit looked at last: its row takes the focus again on the way back. */
export const lastViewed = signal<string | null>(null);

/** Opens a unit's dashboard in place of the table. */
export function look(id: string): void {
  viewing.value = id;
}

/** Back to the table of every unit. */
export function back(): void {
  const id = viewing.peek();
  if (id === null) return;
  batch(() => {
    lastViewed.value = id;
    viewing.value = null;
  });
}

export const summary = computed(() => {
  const ids = order.value;
  return ids ? summaryOf(ids.map((id) => units.get(id)!.value)) : null;
});

/** Takes units in (a changed one replaces its record; a new one joins), then orders them again. */
function take(fresh: readonly UnitFigures[], whole: boolean): void {
  batch(() => {
    if (whole) {
      const kept = new Set(fresh.map((u) => u.id));
      for (const id of units.keys()) if (!kept.has(id)) units.delete(id);
    }
    for (const u of fresh) {
      const s = units.get(u.id);
      if (!s) units.set(u.id, signal(u));
      else if (!sameFigures(s.peek(), u)) s.value = u;
    }
    const next = orderOf([...units.values()].map((s) => s.peek()));
    const now = order.peek();
    if (!now || !sameOrder(now, next)) order.value = next;
  });
}

let current: Link<"province"> | null = null;

async function sync(): Promise<void> {
  const c = current;
  if (!c) return;
  const r = await c.call("province:sync", {});
  if (c !== current) return;
  if (r.ok) take(r.data.units, true);
  else if (r.code === "UNAUTHENTICATED") expire();
}

/** Opens the province link for a session, from a clean slate; returns how to close it. */
export function start(session: Session): () => void {
  units.clear();
  batch(() => {
    link.value = "connecting";
    order.value = null;
    viewing.value = null;
    lastViewed.value = null;
  });
  const c = new Link("province", { token: session.token });
  current = c;
  follow(c, link, () => void sync());
  c.on("units:updated", ({ units: changed }) => {
    // Before the first picture, the sync on connect brings these too.
    if (c === current && order.peek()) take(changed, false);
  });
  // The unit looked at has a link of its own, open while its dashboard shows; the province's
  // link stays open beside it, so the way back shows every unit at once.
  const stopLook = effect(() => {
    const id = viewing.value;
    if (id) return untracked(() => dashboard.start(session, { center: id }));
  });
  return () => {
    stopLook();
    current = null;
    c.close();
  };
}
