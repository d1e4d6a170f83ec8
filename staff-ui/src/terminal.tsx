import { nameIn, TARGET_WAIT_MINUTES } from "@motcua/protocol";
import { useEffect } from "preact/hooks";
import { useLang, useT } from "./i18n.ts";
import { padKeys } from "@motcua/protocol/client";
import { keypadAction, type KeypadAction } from "./store/keypad.ts";
import * as terminal from "./store/terminal.ts";
import { Confirm, PauseDialog, TransferDialog } from "./terminal-dialogs.tsx";
import { PadKey, ShortcutHelp } from "./terminal-keys.tsx";
import { useTerminalKeysT } from "./terminal-keys-i18n.ts";

const minutesSince = (iso: string, now: number) => Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));

/** The counter terminal: pick a counter, then call, serve and pass citizens on, from the keyboard. */
export function Terminal() {
  const t = useT();
  const k = useTerminalKeysT();
  const lang = useLang();
  const view = terminal.view.value;
  const board = terminal.board.value;
  const dialog = terminal.dialog.value;
  const error = terminal.error.value;
  const now = terminal.now.value;

  useEffect(() => {
    // A counter keypad that types like a keyboard does what the station agent's keypad does.
    const pad = padKeys<KeypadAction>(terminal.run);
    const onKey = (e: KeyboardEvent) => {
      if (terminal.press(e.key, e.repeat)) e.preventDefault();
      pad.key(keypadAction(e));
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      pad.stop();
    };
  }, []);

  const serviceName = (id: string) => {
    const s = board?.services.find((x) => x.id === id);
    return s ? nameIn(lang, s) : id;
  };

  if (terminal.picking.value) {
    return (
      <section class="picker">
        <h1>{t.chooseCounter}</h1>
        {error && <p class="error" role="alert">{error}</p>}
        <div class="counters">
          {(board?.counters ?? []).map((c) => (
            <button type="button" key={c.counterId} data-counter={c.counterId} class={`counter-choice ${c.status}`} onClick={() => void terminal.openCounter(c.counterId)}>
              <b>{c.name}</b>
              <span>{c.status === "closed" ? t.closed : c.status === "paused" ? t.paused : t.openBy}</span>
            </button>
          ))}
        </div>
        {dialog?.kind === "takeover" && <Confirm text={t.takeoverQuestion(dialog.number)} ok={t.takeover} onOk={terminal.takeOver} onCancel={terminal.closeDialog} />}
      </section>
    );
  }
  const live = terminal.link.value === "live";
  if (!view) return <section class="loading">{live ? "…" : t.offline}</section>;

  const mine = terminal.mine.value;
  const toast = terminal.toast.value;
  const offer = terminal.offer.value;
  const errorLine = terminal.errorLine.value;
  const current = view.current;
  const paused = view.counter.status === "paused";
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
        <ShortcutHelp />
      </div>
      {toast && <p class="toast" role="status">{toast}</p>}
      {errorLine && <p class="error" role="alert">{errorLine}</p>}
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
              {current.note && (
                <p class="note" data-note>
                  <b>{k.transferNote}</b>
                  {current.note}
                </p>
              )}
            </div>
          ) : (
            <p class="hint">{paused ? k.pausedHint : t.nobody}</p>
          )}
          <div class="actions">
            {terminal.ACTIONS.map((a) => (
              <button type="button" key={a} data-action={a} class={a === offer.primary ? "primary" : ""} disabled={!offer.enabled.has(a)} onClick={() => void terminal.act(a)}>
                <kbd>{terminal.KEY_OF[a]}</kbd>
                <PadKey action={a} /> {a === "pause" && paused ? t.actions.resume : t.actions[a]}
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
                  <tr key={w.id} data-ticket={w.number} class={minutesSince(w.issuedAt, now) > TARGET_WAIT_MINUTES ? "late" : ""}>
                    <td class="number">
                      {w.number}
                      {w.priorityGroupId && <b class="priority" title="Ưu tiên / Priority"> ★</b>}
                    </td>
                    <td>
                      {serviceName(w.serviceId)}
                      {w.note && (
                        <span class="note" data-note title={k.transferNote}>
                          {w.note}
                        </span>
                      )}
                    </td>
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
                    {p.note && <span class="note">{p.note}</span>}
                    <button type="button" onClick={() => void terminal.unpark(p.id)}>
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
        <TransferDialog ticket={dialog.ticket} board={board} own={view.counter.counterId} onCancel={terminal.closeDialog} onSend={terminal.transfer} />
      )}
      {dialog?.kind === "pause" && <PauseDialog onCancel={terminal.closeDialog} onPause={terminal.pause} />}
      {dialog?.kind === "close" && <Confirm text={t.confirmClose} ok={t.actions.close} onOk={() => void terminal.closeCounter()} onCancel={terminal.closeDialog} />}
    </section>
  );
}
