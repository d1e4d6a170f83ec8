import { ERROR_TEXT, type Call, type CounterState, type DisplaySnapshot, type ErrorCode, type ServiceSummary } from "@motcua/protocol";
import type { LinkState } from "@motcua/protocol/client";
import { batch, computed, signal } from "@preact/signals";
import type { BoardSettings } from "./settings.ts";
import { FIELD_PAGE_MS, tickerOf, wallCalls, wallLayout, withCall } from "./wall.ts";

/**
 * The board's one model: what the server last told it, what the wall shows of that, and the
 * actions its socket feed (feed.ts) and its clock call. The screens only read it.
 */
export function createBoardStore(settings: Pick<BoardSettings, "fields" | "counters" | "counter">, announce: (call: Call) => void = () => {}) {
  const link = signal<LinkState>("connecting");
  const snapshot = signal<DisplaySnapshot | null>(null);
  /** Each counter's latest call, newest first, whatever the filters: a filter only hides. */
  const calls = signal<Call[]>([]);
  /** Why the server refused this board (for whoever installs it; the screen says it in its own words). */
  const message = signal<string | null>(null);
  const now = signal(Date.now());
  /** The space between the header and the ticker, in px, and 1 vh in px: the screen measures it (board.tsx). */
  const area = signal({ width: 1824, height: 840, vh: 10.8 });

  const showsField = (fieldId: string) => settings.fields.length === 0 || settings.fields.includes(fieldId);
  const onWall = (call: Call) => showsField(call.fieldId) && (settings.counters.length === 0 || settings.counters.includes(call.counterId));

  const wall = computed(() => calls.value.filter(onWall));
  const newest = computed(() => wall.value[0]);
  // Beside the newest call: each other counter's latest call (the board keeps one per counter).
  // Every one of them stands on the screen: the layout shrinks the fields, never a call away.
  const listed = computed(() => wall.value.slice(1));
  const allFields = computed(() => {
    const snap = snapshot.value;
    if (!snap) return [];
    return snap.fields.filter((f) => showsField(f.id)).map((f) => {
      const services = snap.services.filter((s) => s.fieldId === f.id);
      const waiting = services.reduce((n, s) => n + s.waiting, 0);
      const band = services.reduce<ServiceSummary["estimatedWait"] | null>(
        (b, s) => (s.waiting > 0 && (!b || s.estimatedWait.maxMinutes > b.maxMinutes) ? s.estimatedWait : b),
        null,
      );
      return { ...f, waiting, band };
    });
  });
  const layout = computed(() => wallLayout(wall.value, allFields.value.length, area.value, area.value.vh));
  /** Which page of the waiting fields shows now: the pages turn with the clock, when they do not all fit. */
  // A number, so the second-by-second clock redraws the fields only when their page turns.
  const turn = computed(() => Math.floor(now.value / FIELD_PAGE_MS));
  const fieldPage = computed(() => {
    const perPage = layout.value.fieldRows * layout.value.fieldColumns;
    const pages = Math.max(1, Math.ceil(allFields.value.length / perPage));
    return { page: turn.value % pages, pages, perPage };
  });
  /** The waiting fields, each saying whether it is on the page shown now. */
  const fields = computed(() => {
    const { page, perPage } = fieldPage.value;
    return allFields.value.map((f, i) => ({ ...f, shown: Math.floor(i / perPage) === page }));
  });
  const ticker = computed(() => (snapshot.value ? tickerOf(snapshot.value.center) : ""));
  // A code from before the link dropped may be dead by now: wrong tries count against the hall's
  // Wi-Fi. While live, the server pushes each new code (the board's own clock may be off).
  const hallCode = computed(() => (link.value === "live" ? (snapshot.value?.hallCode ?? null) : null));
  /** A counter's own display: its counter, once the server has said what it is. */
  const ownCounter = computed(() => snapshot.value?.counters.find((c) => c.counterId === settings.counter));

  /** Changes what the server last said, once there is something to change. */
  const patch = (change: Partial<DisplaySnapshot>) => {
    if (snapshot.value) snapshot.value = { ...snapshot.value, ...change };
  };

  /** The whole picture again: a call the server undid meanwhile must not stay on the wall. */
  const synced = (snap: DisplaySnapshot) =>
    batch(() => {
      snapshot.value = snap;
      calls.value = wallCalls(snap);
      link.value = "live";
      message.value = null;
    });

  /**
   * Live once the wall is current again (`synced`), not when the socket connects: until then
   * the board still says it is reconnecting, and hides a hall code that may have died meanwhile.
   */
  const linkChanged = (state: LinkState, refusal: ErrorCode | null) => {
    if (state === "live") return;
    batch(() => {
      link.value = state;
      if (refusal) message.value = ERROR_TEXT[refusal].vi;
    });
  };

  /** A call or a recall: on top of the wall, and said aloud when this board shows it. */
  const called = (call: Call) => {
    calls.value = withCall(calls.value, call);
    if (onWall(call)) announce(call);
  };

  const withdrawn = (ticketId: string) => {
    calls.value = calls.value.filter((c) => c.ticketId !== ticketId);
  };

  const servicesUpdated = (services: ServiceSummary[]) => patch({ services });

  const counterUpdated = (counter: CounterState) => {
    if (snapshot.value) patch({ counters: snapshot.value.counters.map((c) => (c.counterId === counter.counterId ? counter : c)) });
  };

  /** Every ten minutes a new hall code (the server keeps the one before good for ten more). */
  const hallCodeChanged = (code: DisplaySnapshot["hallCode"]) => patch({ hallCode: code });

  const tick = () => {
    now.value = Date.now();
  };

  const resized = (size: { width: number; height: number; vh: number }) => {
    const a = area.value;
    if (a.width !== size.width || a.height !== size.height || a.vh !== size.vh) area.value = size;
  };

  return {
    settings,
    link,
    snapshot,
    calls,
    message,
    now,
    wall,
    newest,
    listed,
    layout,
    area,
    fields,
    fieldPage,
    ticker,
    hallCode,
    ownCounter,
    synced,
    linkChanged,
    called,
    withdrawn,
    servicesUpdated,
    counterUpdated,
    hallCodeChanged,
    tick,
    resized,
  };
}

export type BoardStore = ReturnType<typeof createBoardStore>;
