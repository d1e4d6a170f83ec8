import type { CounterStatus, TicketStatus } from "@motcua/protocol";

// Which of the terminal's nine actions make sense now, and which one comes next: the engine's rules
// (engine/src/apply.ts) read from what the counter's view says, so the terminal never offers what
// the server would refuse in the normal case.

export type Action = "next" | "recall" | "start" | "complete" | "noShow" | "transfer" | "park" | "pause" | "close";
export const ACTIONS: Action[] = ["next", "recall", "start", "complete", "noShow", "transfer", "park", "pause", "close"];

/** The facts the rules look at: the counter's status, its current ticket, and the recalls a no-show needs. */
export interface CounterFacts {
  status: CounterStatus;
  current: { status: TicketStatus; recalls: number } | null;
  recallsBeforeNoShow: number;
}

export interface Offer {
  /** What may be done now; any other key does nothing. */
  enabled: ReadonlySet<Action>;
  /** The natural next step, highlighted; null when there is none (a closed counter). */
  primary: Action | null;
}

export function offerOf(f: CounterFacts): Offer {
  const on = new Set<Action>();
  if (f.status === "closed") return { enabled: on, primary: null };
  const t = f.current;
  // callNext: a working counter (not paused) with nobody at it. Nobody waiting is not a refusal:
  // the server answers that the queue is empty.
  if (f.status === "open" && !t) on.add("next");
  // recall, start: a ticket called and not yet started.
  if (t?.status === "called") {
    on.add("recall");
    on.add("start");
    // noShow: called, and recalled as often as the rules ask first.
    if (t.recalls >= f.recallsBeforeNoShow) on.add("noShow");
  }
  // complete: being served.
  if (t?.status === "serving") on.add("complete");
  // transfer and park: a ticket called or being served.
  if (t?.status === "called" || t?.status === "serving") {
    on.add("transfer");
    on.add("park");
  }
  // pause: an open counter with nobody at it; resume (the same key) a paused one. close: nobody at it.
  if (f.status === "paused" || !t) on.add("pause");
  if (!t) on.add("close");
  const primary: Action | null =
    f.status === "paused" ? "pause" : t?.status === "called" ? "start" : t?.status === "serving" ? "complete" : !t ? "next" : null;
  return { enabled: on, primary: primary && on.has(primary) ? primary : null };
}
