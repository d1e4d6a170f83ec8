import { useMoreT } from "./i18n-more.ts";

const ROWS = ["1234567890", "QWERTYUIOP", "ASDFGHJKL.", "ZXCVBNM-"];

/**
 * The kiosk has no keyboard: this one types plain letters, which is all search needs (it
 * ignores diacritics) and all a dossier code, ticket number or booking code holds.
 */
export function Keyboard({ value, onChange, max = 40 }: { value: string; onChange: (v: string) => void; max?: number }) {
  const t = useMoreT();
  const type = (ch: string) => value.length < max && onChange(value + ch);
  return (
    <div class="keyboard" role="group">
      {ROWS.map((row) => (
        <div class="row" key={row}>
          {[...row].map((ch) => (
            <button type="button" key={ch} class="key" onClick={() => type(ch)}>
              {ch}
            </button>
          ))}
        </div>
      ))}
      <div class="row">
        <button type="button" class="key wide" onClick={() => onChange("")}>{t.clear}</button>
        <button type="button" class="key space" onClick={() => type(" ")}>{t.keyboardSpace}</button>
        <button type="button" class="key wide" aria-label={t.keyboardDelete} onClick={() => onChange(value.slice(0, -1))}>
          ⌫ {t.keyboardDelete}
        </button>
      </div>
    </div>
  );
}
