import { createContext, type ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import { ADMIN_TEXT, useAdminT, type AdminDict } from "./admin-i18n.ts";
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

/** What is wrong where, as the screen shows it: a box's sentence by its row's key and its name. */
export interface ProblemLookup {
  at(key: string, field: string): string | undefined;
  /** Whether a row has any problem: the row is marked as a whole, so it is found in a long list. */
  row(key: string): boolean;
}
export const Problems = createContext<ProblemLookup>({ at: () => undefined, row: () => false });
/** The row (or form: "center", "rules", "hours") the boxes inside belong to. */
export const RowKey = createContext<string>("");

/** A box's problem, and the ids that tie its sentence to it for a screen reader. */
export function useProblem(field: string | undefined): { text: string; id: string } | null {
  const lookup = useContext(Problems);
  const key = useContext(RowKey);
  const text = field === undefined ? undefined : lookup.at(key, field);
  return text ? { text, id: problemId(key, field!) } : null;
}

/** The id of a problem's sentence: its box names it in aria-describedby, and the screen goes there. */
export const problemId = (key: string, field: string): string => `problem-${key}-${field}`.replace(/[^\w-]/g, "-");

/** A sentence that belongs to a part rather than a box (a list of sessions, the weekdays). */
export function ProblemNote({ field }: { field: string }) {
  const p = useProblem(field);
  return p ? (
    <p class="field-problem block-problem" id={p.id} role="alert" data-problem={field}>
      {p.text}
    </p>
  ) : null;
}

/** A box's sentence, right under it. */
const Said = ({ p, field }: { p: { text: string; id: string } | null; field: string }) =>
  p ? (
    <span class="field-problem" id={p.id} data-problem={field}>
      {p.text}
    </span>
  ) : null;

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
  /** Out of range as typed: marked, and said so to a screen reader (the server still has the last word). */
  invalid?: boolean;
  /** The name problems know the box by, where it is not its name (a session's time: sessions.0.from). */
  field?: string;
  onBlur?: () => void;
}) {
  const field = props.field ?? props.name;
  const p = useProblem(field);
  const bad = props.invalid || p !== null;
  return (
    <>
    <input
      {...props.data}
      class={[props.class, bad ? "bad" : ""].filter(Boolean).join(" ") || undefined}
      aria-invalid={bad ? "true" : undefined}
      aria-describedby={p?.id}
      onBlur={props.onBlur}
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
    <Said p={p} field={field} />
    </>
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

/** An on/off switch: a checkbox that looks and reads (role=switch) as one, its words beside it. */
export function Switch(props: { name: string; checked: boolean; set: (v: boolean) => void; data?: Data; children: ComponentChildren }) {
  return (
    <label class="switch">
      <input {...props.data} type="checkbox" role="switch" name={props.name} checked={props.checked} onChange={(e) => props.set(e.currentTarget.checked)} />
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
  const p = useProblem(props.name);
  return (
    <>
    <select
      {...props.data}
      class={p ? "bad" : undefined}
      aria-invalid={p ? "true" : undefined}
      aria-describedby={p?.id}
      name={props.name}
      value={props.value}
      disabled={props.disabled}
      aria-label={props.label}
      onChange={(e) => props.set(e.currentTarget.value)}
    >
      {/* A value the list does not have (a removed field, say) still shows, so the admin sees what to fix. */}
      {!known && <option value={props.value}>{props.value || "—"}</option>}
      {props.options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
    <Said p={p} field={props.name} />
    </>
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

/** The dictionary's plain words, the ones a heading can show. */
export type Word = { [K in keyof AdminDict]: AdminDict[K] extends string ? K : never }[keyof AdminDict];
/** A table column: its heading, and the class that sets its width (none: it takes what is left). */
export type Col = [word: Word, width?: string];

/** A list's head row: its columns, then the narrow one that holds each row's remove button. */
export function Head({ cols }: { cols: Col[] }) {
  return (
    <thead>
      <tr>
        {cols.map(([word, width]) => (
          <th key={word} class={width}>
            <Bi k={(x) => x[word]} />
          </th>
        ))}
        <th class="w-btn" />
      </tr>
    </thead>
  );
}

export interface AddProps {
  name: string;
  text: string;
  onClick: () => void;
}

/** The button under a list that adds a row to it. */
export function Add({ name, text, onClick }: AddProps) {
  return (
    <div class="add">
      <button type="button" name={name} onClick={onClick}>
        + {text}
      </button>
    </div>
  );
}

/** A card holding one list as a table: a heading or a hint, the rows, and the button that adds one (and any other way to add, beside it). */
export function GridCard(props: { part: string; title?: Word; hint?: string; cols: Col[]; add: AddProps; more?: ComponentChildren; children: ComponentChildren }) {
  const title = props.title;
  return (
    <div class="card" data-part={props.part}>
      {title && (
        <h2>
          <Bi k={(x) => x[title]} />
        </h2>
      )}
      {props.hint && <p class="hint">{props.hint}</p>}
      <table class="grid">
        <Head cols={props.cols} />
        <tbody>{props.children}</tbody>
      </table>
      {props.more ? (
        <div class="adds">
          <Add {...props.add} />
          {props.more}
        </div>
      ) : (
        <Add {...props.add} />
      )}
    </div>
  );
}

/** What a record's id and name boxes need of its list (admin-sections.tsx makes it). */
export interface NamedRows {
  setId(key: string, v: string): void;
  setName(row: { _key: string; _new: boolean; id: string; name: string }, v: string): void;
  set(key: string, patch: { nameEn: string }): void;
}
type Rec = { _key: string; _new: boolean; id: string };

/** A record's id box: the admin types it on a new record; a saved record's id (or one the province named) only shows. */
export function IdBox({ row, data, rows, readOnly }: { row: Rec; data: Data; rows: Pick<NamedRows, "setId">; readOnly?: boolean }) {
  const t = useAdminT();
  return <Text name="id" data={data} value={row.id} readOnly={readOnly || !row._new} placeholder={t.idHint} set={(v) => rows.setId(row._key, v)} />;
}

/** A table row's first cell: the record's id box, and whatever the list notes beside it. */
export function IdCell(props: { row: Rec; data: Data; rows: Pick<NamedRows, "setId">; readOnly?: boolean; children?: ComponentChildren }) {
  return (
    <td>
      <IdBox row={props.row} data={props.data} rows={props.rows} readOnly={props.readOnly} />
      {props.children}
    </td>
  );
}

/** A record's two name cells, Vietnamese then English; read-only where the names are the province's. */
export function NameCells({ row, data, rows, readOnly }: { row: Rec & { name: string; nameEn: string }; data: Data; rows: NamedRows; readOnly?: boolean }) {
  return (
    <>
      <td>
        <Text name="name" data={data} value={row.name} readOnly={readOnly} set={(v) => rows.setName(row, v)} />
      </td>
      <td>
        <Text name="nameEn" data={data} value={row.nameEn} readOnly={readOnly} set={(v) => rows.set(row._key, { nameEn: v })} />
      </td>
    </>
  );
}
