import type { CounterTicket, CounterView, DisplaySnapshot, StaffToday } from "@motcua/protocol";
import { Link, type Answer, type LinkState } from "@motcua/protocol/client";
import { batch, computed, effect, signal } from "@preact/signals";
import { errorText } from "../error-text.ts";
import { offerOf, type Action } from "../terminal-actions.ts";
import { DICTIONARY } from "../i18n.ts";
import { lang } from "./lang.ts";
import { expire, follow, serverNow, type Session } from "./session.ts";

// The counter terminal: the officer's counter as the server sees it, the hall's board (for the
// counter picker and the transfer dialog), and the one command on its way.

export { ACTIONS, type Action } from "../terminal-actions.ts";
/** Officers work without a mouse: each action has a function key, shown on its button. */
const KEYS: Record<string, Action> = { F1: "next", F2: "recall", F3: "start", F4: "complete", F5: "noShow", F6: "transfer", F7: "park", F8: "pause", F9: "close" };
export const KEY_OF = Object.fromEntries(Object.entries(KEYS).map(([k, a]) => [a, k])) as Record<Action, string>;
const TICKET_VERBS = { recall: "ticket:recall", start: "ticket:start", complete: "ticket:complete", noShow: "ticket:noShow", park: "ticket:park" } as const;

export type Dialog = { kind: "transfer"; ticket: CounterTicket } | { kind: "pause" } | { kind: "close" } | { kind: "takeover"; counterId: string; number: number };
export interface TransferTo {
  toServiceId?: string;
  toCounterId?: string;
  note?: string;
}

export const link = signal<LinkState>("connecting");
/** This officer's counter; null while they choose one (`picking`) or before the server answers. */
export const view = signal<CounterView | null>(null);
export const picking = signal(false);
export const board = signal<DisplaySnapshot | null>(null);
export const mine = signal<StaffToday | null>(null);
export const toast = signal<string | null>(null);
export const error = signal<string | null>(null);
export const dialog = signal<Dialog | null>(null);
/** The key whose command is on its way: another key waits for its answer. */
export const pending = signal<Action | null>(null);
/** What may be done now and what comes next, by the engine's rules (terminal-actions.ts); nothing before the view comes. */
export const offer = computed(() => {
  const v = view.value;
  return v ? offerOf({ status: v.counter.status, current: v.current, recallsBeforeNoShow: v.recallsBeforeNoShow }) : offerOf({ status: "closed", current: null, recallsBeforeNoShow: 0 });
});
/** Waits are shown in whole minutes: a quarter-minute clock is enough. */
export const now = signal(serverNow());

let counter: Link<"counter"> | null = null;

/** A command on this terminal's link; null when the link closed before the answer came (another screen, another session). */
async function ask<T>(send: (c: Link<"counter">) => Promise<T>): Promise<T | null> {
  const c = counter;
  if (!c) return null;
  const r = await send(c);
  return c === counter ? r : null;
}

// Words said long after a click or a fact must speak the language of the moment.
const words = () => DICTIONARY[lang.peek()];

/** The error line when it says the link was lost: the link coming back takes it away. */
const offlineLine = signal<string | null>(null);
/** The error line to show: none that says the link is lost while the banner says so already. */
export const errorLine = computed(() => (link.value !== "live" && error.value === offlineLine.value ? null : error.value));

function fail(r: Answer<unknown>): void {
  if (r.ok) return;
  if (r.code === "UNAUTHENTICATED") return expire();
  // The counter is not this officer's any more (taken over, closed elsewhere): back to the picker.
  if (r.code === "COUNTER_NOT_OPENED" || r.code === "NOT_YOUR_COUNTER") void sync();
  const text = errorText(r, lang.peek());
  batch(() => {
    error.value = text;
    offlineLine.value = r.code === "OFFLINE" ? text : null;
  });
}

/** Back on line: a "lost the server" line said while it was down is no longer true. */
function relinked(): void {
  batch(() => {
    if (offlineLine.peek() !== null && error.peek() === offlineLine.peek()) error.value = null;
    offlineLine.value = null;
  });
}

async function refreshMine(): Promise<void> {
  const r = await ask((c) => c.call("staff:today", {}));
  if (r?.ok) mine.value = r.data;
}

async function sync(): Promise<void> {
  const r = await ask((c) =>
    c.resync("counter:sync", {}, (v) => {
      if (c !== counter) return;
      batch(() => {
        view.value = v;
        picking.value = false;
      });
    }),
  );
  if (!r) return;
  if (!r.ok && r.code === "COUNTER_NOT_OPENED") {
    batch(() => {
      view.value = null;
      picking.value = true;
    });
  } else if (!r.ok && r.code === "UNAUTHENTICATED") expire();
  void refreshMine();
}

/** Opens the terminal's links for a session, from a clean slate; returns how to close them. */
export function start(session: Session): () => void {
  batch(() => {
    for (const s of [view, board, mine, toast, error, dialog, pending, offlineLine]) s.value = null;
    picking.value = false;
    link.value = "connecting";
    now.value = serverNow();
  });
  const c = new Link("counter", { token: session.token });
  const d = new Link("display", { token: session.token });
  counter = c;
  follow(c, link, () => {
    relinked();
    void sync();
  });
  c.on("queue:updated", ({ view: v }) => (view.value = v));
  c.on("counter:released", () => void sync());
  c.on("counter:updated", ({ counter: s }) => {
    const v = view.peek();
    if (v && v.counter.counterId === s.counterId) view.value = { ...v, counter: s };
  });
  c.on("rating:received", ({ ticketId }) => {
    toast.value = words().ratingArrived(ticketId.slice(11));
    void refreshMine();
  });
  c.on("day:started", () => void sync());

  const syncBoard = () =>
    d.resync("display:sync", {}, (b) => {
      if (counter === c) board.value = b;
    });
  const patchBoard = (fn: (b: DisplaySnapshot) => DisplaySnapshot) => {
    const b = board.peek();
    if (b) board.value = fn(b);
  };
  d.onLive(() => void syncBoard());
  d.on("config:changed", () => void syncBoard());
  d.on("day:started", () => void syncBoard());
  d.on("counter:updated", ({ counter: s }) => patchBoard((b) => ({ ...b, counters: b.counters.map((x) => (x.counterId === s.counterId ? s : x)) })));
  d.on("services:updated", ({ services }) => patchBoard((b) => ({ ...b, services })));

  const tick = setInterval(() => (now.value = serverNow()), 15_000);
  // A toast says its piece for six seconds.
  const stopToast = effect(() => {
    if (!toast.value) return;
    const timer = setTimeout(() => (toast.value = null), 6000);
    return () => clearTimeout(timer);
  });
  return () => {
    clearInterval(tick);
    stopToast();
    counter = null;
    c.close();
    d.close();
  };
}

export async function openCounter(counterId: string, takeover = false): Promise<void> {
  const r = await ask((c) => c.call("counter:open", { counterId, takeover }));
  if (!r) return;
  if (r.ok) {
    batch(() => {
      view.value = r.data;
      picking.value = false;
      error.value = null;
    });
    return;
  }
  if (r.code === "COUNTER_TAKEN") {
    const number = board.peek()?.counters.find((x) => x.counterId === counterId)?.number ?? 0;
    dialog.value = { kind: "takeover", counterId, number };
    return;
  }
  fail(r);
}

/** The officer said yes to taking over a counter another officer has open. */
export function takeOver(): void {
  const d = dialog.peek();
  if (d?.kind !== "takeover") return;
  dialog.value = null;
  void openCounter(d.counterId, true);
}

export async function act(a: Action): Promise<void> {
  const v = view.peek();
  if (!counter || !v) return;
  error.value = null;
  const current = v.current;
  let r: Answer<unknown> | null = null;
  if (a === "next") {
    const called = await ask((c) => c.call("counter:callNext", {}));
    if (called?.ok && called.data === null) toast.value = words().nobodyLeft;
    r = called;
  } else if (a === "pause") {
    if (v.counter.status !== "paused") return void (dialog.value = { kind: "pause" });
    r = await ask((c) => c.call("counter:resume", {}));
  } else if (a === "close") return void (dialog.value = { kind: "close" });
  else if (!current) return void (error.value = words().nobody);
  else if (a === "transfer") {
    if (board.peek()) dialog.value = { kind: "transfer", ticket: current };
    return;
  } else r = await ask((c) => c.call(TICKET_VERBS[a], { ticketId: current.id }));
  if (r && !r.ok) fail(r);
  if (a === "complete" && r?.ok) void refreshMine();
}

/** A key pressed anywhere on the page; true when it is one of the terminal's (the browser's own F1 help and F5 reload must not happen). */
export function press(key: string, repeat: boolean): boolean {
  if (key === "Escape") {
    dialog.value = null;
    return false;
  }
  const a = KEYS[key];
  if (!a) return false;
  // A held key repeats: one press, one command.
  if (!repeat) run(a);
  return true;
}

/**
 * An action from a key (a function key, or the counter keypad's): none while a dialog is open, one
 * at a time, and only what the counter's state allows (a greyed button's key does nothing, quietly).
 */
export function run(a: Action): void {
  // A second press may come before the first is answered: it is dropped, not queued.
  if (dialog.peek() || pending.peek() || !offer.peek().enabled.has(a)) return;
  pending.value = a;
  void act(a).finally(() => (pending.value = null));
}

export async function unpark(ticketId: string): Promise<void> {
  const r = await ask((c) => c.call("ticket:unpark", { ticketId }));
  if (r) fail(r);
}

export async function transfer(to: TransferTo): Promise<void> {
  const d = dialog.peek();
  if (d?.kind !== "transfer") return;
  const r = await ask((c) => c.call("ticket:transfer", { ticketId: d.ticket.id, ...to }));
  if (!r) return;
  if (r.ok) dialog.value = null;
  fail(r);
}

export async function pause(reason: string): Promise<void> {
  const r = await ask((c) => c.call("counter:pause", reason ? { reason } : {}));
  if (!r) return;
  dialog.value = null;
  fail(r);
}

export async function closeCounter(): Promise<void> {
  dialog.value = null;
  const r = await ask((c) => c.call("counter:close", {}));
  if (!r) return;
  if (r.ok) {
    batch(() => {
      view.value = null;
      picking.value = true;
    });
  }
  fail(r);
}

export function closeDialog(): void {
  dialog.value = null;
}
