import { counterCommands, displayCommands, type CounterView, type DisplaySnapshot, type StaffToday, type Ticket } from "@motcua/protocol";
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { useLang, useT } from "./i18n.ts";
import { channel, errorText, watchSession, type Channel, type Outcome } from "./net.ts";
import type { Session } from "./session.ts";

type Action = "next" | "recall" | "start" | "complete" | "noShow" | "transfer" | "park" | "pause" | "close";
/** Officers work without a mouse: each action has a function key, shown on its button. */
const KEYS: Record<string, Action> = { F1: "next", F2: "recall", F3: "start", F4: "complete", F5: "noShow", F6: "transfer", F7: "park", F8: "pause", F9: "close" };
const KEY_OF = Object.fromEntries(Object.entries(KEYS).map(([k, a]) => [a, k])) as Record<Action, string>;

type Dialog = { kind: "transfer"; ticket: Ticket } | { kind: "pause" } | { kind: "close" } | { kind: "takeover"; counterId: string; number: number };

const minutesSince = (iso: string, now: number) => Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));

/** The counter terminal: pick a counter, then call, serve and pass citizens on, from the keyboard. */
export function Terminal({ session, onExpired }: { session: Session; onExpired: () => void }) {
  const t = useT();
  const lang = useLang();
  const [view, setView] = useState<CounterView | null>(null);
  const [picking, setPicking] = useState(false);
  const [board, setBoard] = useState<DisplaySnapshot | null>(null);
  const [mine, setMine] = useState<StaffToday | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [live, setLive] = useState(false);
  const [now, setNow] = useState(Date.now());
  const counter = useRef<Channel<typeof counterCommands> | null>(null);
  const syncRef = useRef<() => Promise<void>>(async () => undefined);
  // Facts arrive long after mount: they must speak the language of the moment.
  const tRef = useRef(t);
  tRef.current = t;

  const fail = (r: Outcome<unknown>) => {
    if (r.ok) return;
    if (r.code === "UNAUTHENTICATED") return onExpired();
    // The counter is not this officer's any more (taken over, closed elsewhere): back to the picker.
    if (r.code === "COUNTER_NOT_OPENED" || r.code === "NOT_YOUR_COUNTER") void syncRef.current();
    setError(errorText(r, lang));
  };
  const refreshMine = async () => {
    const r = await counter.current?.call("staff:today", {});
    if (r?.ok) setMine(r.data);
  };

  useEffect(() => {
    const c = channel("/counter", session.token, counterCommands);
    const d = channel("/display", session.token, displayCommands);
    counter.current = c;
    const sync = async () => {
      const r = await c.call("counter:sync", {});
      if (r.ok) {
        setView(r.data);
        setPicking(false);
      } else if (r.code === "COUNTER_NOT_OPENED") {
        setView(null);
        setPicking(true);
      } else if (r.code === "UNAUTHENTICATED") onExpired();
      void refreshMine();
    };
    syncRef.current = sync;
    watchSession(c, { onLive: setLive, onExpired, onConnect: () => void sync() });
    c.on("queue:updated", ({ view: v }) => setView(v));
    c.on("counter:released", () => void sync());
    c.on("counter:updated", ({ counter: s }) => setView((v) => (v && v.counter.counterId === s.counterId ? { ...v, counter: s } : v)));
    c.on("rating:received", ({ ticketId }) => {
      setToast(tRef.current.ratingArrived(ticketId.slice(11)));
      void refreshMine();
    });
    c.on("day:started", () => void sync());
    const syncBoard = async () => {
      const r = await d.call("display:sync", {});
      if (r.ok) setBoard(r.data);
    };
    d.socket.on("connect", () => void syncBoard());
    d.on("config:changed", () => void syncBoard());
    d.on("day:started", () => void syncBoard());
    d.on("counter:updated", ({ counter: s }) => setBoard((b) => (b ? { ...b, counters: b.counters.map((x) => (x.counterId === s.counterId ? s : x)) } : b)));
    d.on("services:updated", ({ services }) => setBoard((b) => (b ? { ...b, services } : b)));
    const tick = setInterval(() => setNow(Date.now()), 15_000);
    return () => {
      clearInterval(tick);
      c.close();
      d.close();
    };
  }, [session.token]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 6000);
    return () => clearTimeout(timer);
  }, [toast]);

  const open = async (counterId: string, takeover = false) => {
    const r = await counter.current!.call("counter:open", { counterId, takeover });
    if (r.ok) {
      setView(r.data);
      setPicking(false);
      setError(null);
      return;
    }
    if (r.code === "COUNTER_TAKEN") {
      const number = board?.counters.find((x) => x.counterId === counterId)?.number ?? 0;
      return setDialog({ kind: "takeover", counterId, number });
    }
    fail(r);
  };

  const current = view?.current ?? null;
  const act = async (a: Action) => {
    const c = counter.current;
    if (!c || !view) return;
    setError(null);
    const id = current?.id;
    let r: Outcome<unknown> | null = null;
    if (a === "next") {
      const called = await c.call("counter:callNext", {});
      if (called.ok && called.data === null) setToast(t.nobodyLeft);
      r = called;
    } else if (a === "pause") {
      if (view.counter.status === "paused") r = await c.call("counter:resume", {});
      else return setDialog({ kind: "pause" });
    } else if (a === "close") return setDialog({ kind: "close" });
    else if (!id) return setError(t.nobody);
    else if (a === "transfer") return board ? setDialog({ kind: "transfer", ticket: current! }) : undefined;
    else if (a === "recall") r = await c.call("ticket:recall", { ticketId: id });
    else if (a === "start") r = await c.call("ticket:start", { ticketId: id });
    else if (a === "complete") r = await c.call("ticket:complete", { ticketId: id });
    else if (a === "noShow") r = await c.call("ticket:noShow", { ticketId: id });
    else if (a === "park") r = await c.call("ticket:park", { ticketId: id });
    if (r && !r.ok) fail(r);
    if (a === "complete" && r?.ok) void refreshMine();
  };
  const actRef = useRef(act);
  actRef.current = act;
  const acting = useRef(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") return setDialog(null);
      const a = KEYS[e.key];
      if (!a) return;
      // The browser's own F1 (help) and F5 (reload) would throw the officer out of their work.
      e.preventDefault();
      // A held key repeats, and a second press may come before the first is answered: one at a time.
      if (dialog || e.repeat || acting.current) return;
      acting.current = true;
      void actRef.current(a).finally(() => (acting.current = false));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [dialog]);

  const serviceName = (id: string) => {
    const s = board?.services.find((x) => x.id === id);
    return s ? (lang === "en" ? s.nameEn : s.name) : id;
  };

  if (picking) {
    return (
      <section class="picker">
        <h1>{t.chooseCounter}</h1>
        {error && <p class="error" role="alert">{error}</p>}
        <div class="counters">
          {(board?.counters ?? []).map((c) => (
            <button type="button" key={c.counterId} data-counter={c.counterId} class={`counter-choice ${c.status}`} onClick={() => void open(c.counterId)}>
              <b>{c.name}</b>
              <span>{c.status === "closed" ? t.closed : c.status === "paused" ? t.paused : t.openBy}</span>
            </button>
          ))}
        </div>
        {dialog?.kind === "takeover" && (
          <Confirm
            text={t.takeoverQuestion(dialog.number)}
            ok={t.takeover}
            onOk={() => {
              setDialog(null);
              void open(dialog.counterId, true);
            }}
            onCancel={() => setDialog(null)}
          />
        )}
      </section>
    );
  }
  if (!view) return <section class="loading">{live ? "…" : t.offline}</section>;

  const paused = view.counter.status === "paused";
  const buttons: Action[] = ["next", "recall", "start", "complete", "noShow", "transfer", "park", "pause", "close"];
  return (
    <section class="terminal" data-counter={view.counter.counterId}>
      {!live && <p class="error banner">{t.offline}</p>}
      <div class="bar">
        <h1>{view.counter.name}</h1>
        <span class={`state ${view.counter.status}`}>{paused ? `${t.paused}${view.counter.pauseReason ? ` – ${view.counter.pauseReason}` : ""}` : t.openBy}</span>
        <span class="spacer" />
        <dl class="mine" aria-label={t.mine}>
          <dt>{t.served}</dt>
          <dd data-mine="served">{mine?.served ?? 0}</dd>
          <dt>{t.avgService}</dt>
          <dd>{t.minutes(mine?.averageServiceMinutes ?? null)}</dd>
          <dt>{t.ratings}</dt>
          <dd data-mine="ratings">{mine?.ratings ?? 0}</dd>
        </dl>
      </div>
      {toast && <p class="toast" role="status">{toast}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      <div class="work">
        <div class="current">
          <h2>{t.current}</h2>
          {current ? (
            <div class="ticket">
              <span class="number">{current.number}</span>
              <span class="service">{serviceName(current.serviceId)}</span>
              <span class="meta">
                {t.status[current.status] ?? current.status}
                {current.recalls > 0 && ` · ${t.recalls(current.recalls)}`}
                {current.priorityGroupId && <b class="priority"> · ★</b>}
              </span>
            </div>
          ) : (
            <p class="hint">{t.nobody}</p>
          )}
          <div class="actions">
            {buttons.map((a) => (
              <button type="button" key={a} data-action={a} class={a === "next" ? "primary" : ""} onClick={() => void act(a)}>
                <kbd>{KEY_OF[a]}</kbd> {a === "pause" && paused ? t.actions.resume : t.actions[a]}
              </button>
            ))}
          </div>
        </div>
        <div class="queue">
          <h2>
            {t.waitingList} <span class="count">{view.waiting.length}</span>
          </h2>
          {view.waiting.length === 0 ? (
            <p class="hint">{t.noneWaiting}</p>
          ) : (
            <table>
              <tbody>
                {view.waiting.map((w) => (
                  <tr key={w.id} data-ticket={w.number} class={minutesSince(w.issuedAt, now) > 15 ? "late" : ""}>
                    <td class="number">
                      {w.number}
                      {w.priorityGroupId && <b class="priority" title="Ưu tiên / Priority"> ★</b>}
                    </td>
                    <td>{serviceName(w.serviceId)}</td>
                    <td class="waited">{t.waited(minutesSince(w.issuedAt, now))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {view.parked.length > 0 && (
            <>
              <h2>{t.parkedList}</h2>
              <ul class="parked">
                {view.parked.map((p) => (
                  <li key={p.id}>
                    <b>{p.number}</b> {serviceName(p.serviceId)}
                    <button type="button" onClick={async () => fail(await counter.current!.call("ticket:unpark", { ticketId: p.id }))}>
                      {t.unpark}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
      {dialog?.kind === "transfer" && board && (
        <TransferDialog
          ticket={dialog.ticket}
          board={board}
          own={view.counter.counterId}
          onCancel={() => setDialog(null)}
          onSend={async (to) => {
            const r = await counter.current!.call("ticket:transfer", { ticketId: dialog.ticket.id, ...to });
            if (r.ok) setDialog(null);
            fail(r);
          }}
        />
      )}
      {dialog?.kind === "pause" && (
        <PauseDialog
          onCancel={() => setDialog(null)}
          onPause={async (reason) => {
            const r = await counter.current!.call("counter:pause", reason ? { reason } : {});
            setDialog(null);
            fail(r);
          }}
        />
      )}
      {dialog?.kind === "close" && (
        <Confirm
          text={t.confirmClose}
          ok={t.actions.close}
          onOk={async () => {
            setDialog(null);
            const r = await counter.current!.call("counter:close", {});
            if (r.ok) {
              setView(null);
              setPicking(true);
            }
            fail(r);
          }}
          onCancel={() => setDialog(null)}
        />
      )}
    </section>
  );
}

function Confirm({ text, ok, onOk, onCancel }: { text: string; ok: string; onOk: () => void; onCancel: () => void }) {
  const t = useT();
  return (
    <div class="dialog" role="dialog" aria-modal="true">
      <div class="box">
        <p>{text}</p>
        <div class="row">
          <button type="button" class="primary" onClick={onOk} autofocus>
            {ok}
          </button>
          <button type="button" onClick={onCancel}>
            {t.cancel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** A dialog that asks for a few details: its title, the boxes, then the action and a cancel. */
function FormDialog(p: { title: string; ok: string; onOk: () => void; onCancel: () => void; children: ComponentChildren }) {
  const t = useT();
  return (
    <div class="dialog" role="dialog" aria-modal="true">
      <form
        class="box"
        onSubmit={(e) => {
          e.preventDefault();
          p.onOk();
        }}
      >
        <h2>{p.title}</h2>
        {p.children}
        <div class="row">
          <button type="submit" class="primary">
            {p.ok}
          </button>
          <button type="button" onClick={p.onCancel}>
            {t.cancel}
          </button>
        </div>
      </form>
    </div>
  );
}

function TransferDialog(p: {
  ticket: Ticket;
  board: DisplaySnapshot;
  own: string;
  onCancel: () => void;
  onSend: (to: { toServiceId?: string; toCounterId?: string; note?: string }) => void;
}) {
  const t = useT();
  const lang = useLang();
  const [service, setService] = useState(p.ticket.serviceId);
  const [counterId, setCounterId] = useState("");
  const [note, setNote] = useState("");
  return (
    <FormDialog
      title={t.transferTitle(p.ticket.number)}
      ok={t.actions.transfer}
      onCancel={p.onCancel}
      onOk={() =>
        p.onSend({ ...(service !== p.ticket.serviceId || !counterId ? { toServiceId: service } : {}), ...(counterId ? { toCounterId: counterId } : {}), ...(note.trim() ? { note: note.trim() } : {}) })
      }
    >
      <label>
        {t.toService}
        <select name="service" value={service} onChange={(e) => setService(e.currentTarget.value)}>
          {p.board.services.map((s) => (
            <option key={s.id} value={s.id}>
              {lang === "en" ? s.nameEn : s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.toCounter}
        <select name="counter" value={counterId} onChange={(e) => setCounterId(e.currentTarget.value)}>
          <option value="">{t.anyCounter}</option>
          {p.board.counters
            .filter((c) => c.counterId !== p.own && c.status !== "closed")
            .map((c) => (
              <option key={c.counterId} value={c.counterId}>
                {c.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t.note}
        <input name="note" maxLength={200} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
    </FormDialog>
  );
}

function PauseDialog({ onPause, onCancel }: { onPause: (reason: string) => void; onCancel: () => void }) {
  const t = useT();
  const [reason, setReason] = useState("");
  return (
    <FormDialog title={t.pauseTitle} ok={t.actions.pause} onOk={() => onPause(reason.trim())} onCancel={onCancel}>
      <label>
        {t.reason}
        <input name="reason" maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} autofocus />
      </label>
    </FormDialog>
  );
}
