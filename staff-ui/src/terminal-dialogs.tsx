import { nameIn, type DisplaySnapshot, type Ticket } from "@motcua/protocol";
import { useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import { useLang, useT } from "./i18n.ts";
import type { TransferTo } from "./store/terminal.ts";

export function Confirm({ text, ok, onOk, onCancel }: { text: string; ok: string; onOk: () => void; onCancel: () => void }) {
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

/** Where a ticket goes: another procedure, another counter, and a note; the boxes are this dialog's own until sent. */
export function TransferDialog(p: { ticket: Ticket; board: DisplaySnapshot; own: string; onCancel: () => void; onSend: (to: TransferTo) => void }) {
  const t = useT();
  const lang = useLang();
  const service = useSignal(p.ticket.serviceId);
  const counterId = useSignal("");
  const note = useSignal("");
  const send = () => {
    const to = counterId.value;
    const text = note.value.trim();
    p.onSend({ ...(service.value !== p.ticket.serviceId || !to ? { toServiceId: service.value } : {}), ...(to ? { toCounterId: to } : {}), ...(text ? { note: text } : {}) });
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

export function PauseDialog({ onPause, onCancel }: { onPause: (reason: string) => void; onCancel: () => void }) {
  const t = useT();
  const reason = useSignal("");
  return (
    <FormDialog title={t.pauseTitle} ok={t.actions.pause} onOk={() => onPause(reason.value.trim())} onCancel={onCancel}>
      <label>
        {t.reason}
        <input name="reason" maxLength={200} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} autofocus />
      </label>
    </FormDialog>
  );
}
