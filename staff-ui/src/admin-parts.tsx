import type { ComponentChildren } from "preact";
import { ADMIN_TEXT, type AdminDict } from "./admin-i18n.ts";
import { useLang } from "./i18n.ts";

/** A label in Vietnamese with its English second, when the English is short; English alone in English. */
export function Bi({ k, stack }: { k: (d: AdminDict) => string; stack?: boolean }) {
  const lang = useLang();
  const main = k(ADMIN_TEXT[lang]);
  const en = k(ADMIN_TEXT.en);
  if (lang === "en" || en.length > 24) return <>{main}</>;
  if (stack) {
    return (
      <>
        <span class="vi">{main}</span>
        <span class="en stacked" lang="en">
          {en}
        </span>
      </>
    );
  }
  return (
    <>
      {main}
      <span class="en" lang="en">
        {" "}
        / {en}
      </span>
    </>
  );
}

type Data = Record<`data-${string}`, string>;

/** A one-line text box whose value is the draft's (strings throughout, see admin-draft.ts). */
export function Text(props: {
  name: string;
  value: string;
  set: (v: string) => void;
  data?: Data;
  readOnly?: boolean;
  placeholder?: string;
  numeric?: boolean;
  password?: boolean;
  label?: string;
  maxLength?: number;
  class?: string;
}) {
  return (
    <input
      {...props.data}
      class={props.class}
      name={props.name}
      type={props.password ? "password" : "text"}
      inputMode={props.numeric ? "decimal" : undefined}
      autocomplete={props.password ? "new-password" : "off"}
      spellcheck={false}
      value={props.value}
      readOnly={props.readOnly}
      placeholder={props.placeholder}
      maxLength={props.maxLength}
      aria-label={props.label}
      onInput={(e) => props.set(e.currentTarget.value)}
    />
  );
}

export function Check(props: { name: string; checked: boolean; set: (v: boolean) => void; data?: Data; children: ComponentChildren }) {
  return (
    <label class="check">
      <input {...props.data} type="checkbox" name={props.name} checked={props.checked} onChange={(e) => props.set(e.currentTarget.checked)} />
      <span>{props.children}</span>
    </label>
  );
}

export function Pick(props: {
  name: string;
  value: string;
  set: (v: string) => void;
  options: [value: string, text: string][];
  data?: Data;
  disabled?: boolean;
  label?: string;
}) {
  const known = props.options.some(([v]) => v === props.value);
  return (
    <select {...props.data} name={props.name} value={props.value} disabled={props.disabled} aria-label={props.label} onChange={(e) => props.set(e.currentTarget.value)}>
      {/* A value the list does not have (a removed field, say) still shows, so the admin sees what to fix. */}
      {!known && <option value={props.value}>{props.value || "—"}</option>}
      {props.options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}

/** A labelled form row: the label above, the box, and a hint below. */
export function Labelled({ label, hint, children }: { label: ComponentChildren; hint?: ComponentChildren; children: ComponentChildren }) {
  return (
    <label class="labelled">
      <span class="label">{label}</span>
      {children}
      {hint && <span class="hint">{hint}</span>}
    </label>
  );
}

/** Makes an id from a Vietnamese name: "Đăng ký thường trú" → "dang-ky-thuong-tru". */
export function slug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}
