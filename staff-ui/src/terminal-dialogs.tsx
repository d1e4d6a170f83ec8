import { nameIn, type DisplaySnapshot, type Ticket } from "@motcua/protocol";
import { useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";
import { useLang, useT } from "./i18n.ts";
import type { TransferTo } from "./store/terminal.ts";
import { useTerminalKeysT } from "./terminal-keys-i18n.ts";

const FOCUSABLE = "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])";

/**
 * A dialog takes the keyboard while it is open: its first box (or its main button) has the focus,
 * Tab stays inside it, Enter in a list confirms as it does in a box, and when it closes the focus
 * goes back to where it was. Esc cancels (the terminal's own key handler: store/terminal.ts `press`).
 */
function useDialogFocus<E extends HTMLElement>() {
  const box = useRef<E>(null);
  useLayoutEffect(() => {
    const back = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = box.current;
    const first = el?.querySelector<HTMLElement>("input:not([disabled]), select:not([disabled]), textarea:not([disabled])") ?? el?.querySelector<HTMLElement>("button.primary:not([disabled])");
    first?.focus();
    return () => {
      if (back?.isConnected && back !== document.body) back.focus();
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    const el = box.current;
    if (!el) return;
    if (e.key === "Tab") {
      const all = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const i = all.indexOf(document.activeElement as HTMLElement);
      const to = e.shiftKey ? (i <= 0 ? all.length - 1 : i - 1) : i === all.length - 1 ? 0 : i + 1;
      all[to]?.focus();
      e.preventDefault();
      return;
    }
    // A list takes Enter as a box does: the form's action (a box submits its form by itself, a
    // button does what it says).
    if (e.key === "Enter" && !e.isComposing && e.target instanceof HTMLSelectElement && el instanceof HTMLFormElement) {
      e.preventDefault();
      el.requestSubmit();
    }
  };
  return { box, onKeyDown };
}

export function Confirm({ text, ok, onOk, onCancel }: { text: string; ok: string; onOk: () => void; onCancel: () => void }) {
  const t = useT();
  const { box, onKeyDown } = useDialogFocus<HTMLDivElement>();
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-label={text}>
      <div class="box" ref={box} onKeyDown={onKeyDown}>
        <p>{text}</p>
        <div class="row">
          <button type="button" class="primary" onClick={onOk}>
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

/** A dialog that asks for a few details: its title, the boxes, then the action and a cancel; Enter sends it. */
function FormDialog(p: { title: string; ok: string; onOk: () => Promise<void>; onCancel: () => void; children: ComponentChildren }) {
  const t = useT();
  const k = useTerminalKeysT();
  const { box, onKeyDown } = useDialogFocus<HTMLFormElement>();
  // One Enter, one command: a second press while the first is on its way sends nothing more.
  const busy = useRef(false);
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-label={p.title}>
      <form
        class="box"
        ref={box}
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          if (busy.current) return;
          busy.current = true;
          void p.onOk().finally(() => (busy.current = false));
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
        <p class="keys">{k.dialogKeys}</p>
      </form>
    </div>
  );
}

/** Where a ticket goes: another procedure, another counter, and a note; the boxes are this dialog's own until sent. */
export function TransferDialog(p: { ticket: Ticket; board: DisplaySnapshot; own: string; onCancel: () => void; onSend: (to: TransferTo) => Promise<void> }) {
  const t = useT();
  const lang = useLang();
  const service = useSignal(p.ticket.serviceId);
  const counterId = useSignal("");
  const note = useSignal("");
  const send = () => {
    const to = counterId.value;
    const text = note.value.trim();
    return p.onSend({ ...(service.value !== p.ticket.serviceId || !to ? { toServiceId: service.value } : {}), ...(to ? { toCounterId: to } : {}), ...(text ? { note: text } : {}) });
  };
  return (
    <FormDialog title={t.transferTitle(p.ticket.number)} ok={t.actions.transfer} onCancel={p.onCancel} onOk={send}>
      <label>
        {t.toService}
        <select name="service" value={service.value} onChange={(e) => (service.value = e.currentTarget.value)}>
          {p.board.services.map((s) => (
            <option key={s.id} value={s.id}>
              {nameIn(lang, s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.toCounter}
        <select name="counter" value={counterId.value} onChange={(e) => (counterId.value = e.currentTarget.value)}>
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
        <input name="note" maxLength={200} value={note.value} onInput={(e) => (note.value = e.currentTarget.value)} />
      </label>
    </FormDialog>
  );
}

export function PauseDialog({ onPause, onCancel }: { onPause: (reason: string) => Promise<void>; onCancel: () => void }) {
  const t = useT();
  const reason = useSignal("");
  return (
    <FormDialog title={t.pauseTitle} ok={t.actions.pause} onOk={() => onPause(reason.value.trim())} onCancel={onCancel}>
      <label>
        {t.reason}
        <input name="reason" maxLength={200} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
      </label>
    </FormDialog>
  );
}
