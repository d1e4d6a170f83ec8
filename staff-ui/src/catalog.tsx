import type { JSX } from "preact";
import { useEffect } from "preact/hooks";
import { isoDate } from "./admin-draft.ts";
import { Labelled, Text } from "./admin-parts.tsx";
import {
  addRow,
  blankCatalogField,
  blankCatalogHoliday,
  blankCatalogService,
  inUse,
  nameField,
  nameService,
  patchRow,
  removeRow,
  type CatalogDraft,
  type CBox,
  type CField,
  type CHoliday,
  type CList,
  type CService,
} from "./catalog-draft.ts";
import { useCatalogT } from "./catalog-i18n.ts";
import { useLang } from "./i18n.ts";
import * as catalog from "./store/catalog.ts";
import "./catalog.css";

/** Which boxes the screen marks: "row key:box". */
type Marks = Set<string>;
const marked = (marks: Marks, key: string, box: CBox) => marks.has(`${key}:${box}`);

/** A row added: it goes last in its list, and the screen brings it into view. */
const add = <L extends CList>(list: L, row: CatalogDraft[L][number]) => {
  catalog.edit((d) => addRow(d, list, row));
  catalog.added(row._key);
};

/**
 * The province's one catalog: its fields with their procedures, named in Vietnamese and English,
 * and the holidays every unit keeps. One save sends it and brings every unit up to date; the
 * screen says how many units took it and which could not yet.
 */
export function Catalog() {
  const t = useCatalogT();
  const d = catalog.draft.value;
  const focusKey = catalog.focusKey.value;

  useEffect(() => {
    if (!focusKey) return;
    const row = document.querySelector(`.province-catalog [data-key="${focusKey}"]`);
    row?.scrollIntoView({ block: "center" });
    row?.querySelector<HTMLElement>("input:not([readonly])")?.focus();
    catalog.focusKey.value = null;
  }, [focusKey]);

  if (!d) {
    return (
      <section class="province-catalog loading">
        {catalog.loadError.value ? (
          <div class="error banner" role="alert">
            <p>
              {t.loadFailed} {catalog.loadError.value}
            </p>
            <button type="button" onClick={() => void catalog.load()}>
              {t.retry}
            </button>
          </div>
        ) : (
          <p>{t.loading}</p>
        )}
      </section>
    );
  }

  const dirty = catalog.dirty.value;
  const busy = catalog.busy.value;
  const problems = catalog.problems.value;
  const marks: Marks = new Set(problems.map((p) => `${p.key}:${p.box}`));
  return (
    <section class="province-catalog" data-dirty={dirty ? "yes" : "no"}>
      <div class="catalog-bar">
        <h1>{t.title}</h1>
        <span class="spacer" />
        <span class={`dirty${dirty ? " on" : ""}`}>{dirty ? t.unsaved : t.noChanges}</span>
        <button type="button" name="revert" disabled={!dirty || busy} onClick={catalog.revert}>
          {t.revert}
        </button>
        <button type="button" name="save" class="primary" disabled={!dirty || busy || problems.length > 0} onClick={() => void catalog.save()}>
          {busy ? t.saving : t.save}
        </button>
      </div>
      <p class="hint intro">{t.intro}</p>
      {problems.length > 0 && (
        <p class="warn" data-problems={problems.length}>
          {t.toFix(problems.length)}
        </p>
      )}
      <Outcome />
      <div class="catalog-body">
        <Fields d={d} marks={marks} />
        <Holidays d={d} marks={marks} />
      </div>
    </section>
  );
}

/** What the last save came to: the units brought up to date, those that could not take it yet, or the refusal. */
function Outcome() {
  const t = useCatalogT();
  const s = catalog.status.value;
  const names = catalog.unitNames.value;
  if (!s) return null;
  if (s.kind === "error") {
    return (
      <div class="error banner" role="alert" data-status="error">
        <p>{s.text}</p>
        {s.details.length > 0 && (
          <ul>
            {s.details.map((x, i) => (
              <li key={i}>
                <code>{x.text}</code>
                {x.which && <span class="which">({x.which})</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div class="outcome" role="status" data-status="saved">
      <p class="toast" data-updated={s.updated}>
        {t.updated(s.updated)}
      </p>
      {s.refused.length > 0 && (
        <div class="refused" data-refused={s.refused.length}>
          <p>{t.refused(s.refused.length)}</p>
          <ul>
            {s.refused.map((u) => (
              <li key={u.id} data-unit={u.id}>
                <b>{names[u.id] ?? u.id}</b>
                {u.message && (
                  <>
                    : <code>{u.message}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** A remove button: ✕ with its words for a screen reader and a tooltip. */
function Remove({ title, onClick, disabled }: { title: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" class="icon remove" data-action="remove" aria-label={title} title={title} disabled={disabled} onClick={onClick}>
      ✕
    </button>
  );
}

function Fields({ d, marks }: { d: CatalogDraft; marks: Marks }) {
  const t = useCatalogT();
  return (
    <div class="card" data-part="fields">
      <h2>{t.fields}</h2>
      <p class="hint">{t.fieldsHint}</p>
      {d.fields.length === 0 && <p class="empty">{t.none}</p>}
      {d.fields.map((f) => (
        <FieldBlock key={f._key} d={d} f={f} marks={marks} />
      ))}
      <div class="add">
        <button type="button" name="addField" onClick={() => add("fields", blankCatalogField())}>
          + {t.addField}
        </button>
      </div>
    </div>
  );
}

function FieldBlock({ d, f, marks }: { d: CatalogDraft; f: CField; marks: Marks }) {
  const t = useCatalogT();
  const lang = useLang();
  const services = d.services.filter((s) => s.fieldId === f.id && f.id !== "");
  const busy = inUse(d, f);
  const data = { "data-field": f.id };
  // Moving a procedure to another field: only where there is another.
  const others = d.fields.filter((x) => x.id);
  return (
    <div class={`catalog-field${f._new ? " new" : ""}`} data-key={f._key} data-field={f.id}>
      <div class="field-head">
        <Labelled label={t.fieldName}>
          <Text name="name" data={data} value={f.name} invalid={marked(marks, f._key, "name") && f.name !== ""} set={(v) => catalog.edit((x) => nameField(x, f._key, v))} />
        </Labelled>
        <Labelled label={t.nameEn}>
          <Text name="nameEn" data={data} value={f.nameEn} invalid={marked(marks, f._key, "nameEn") && f.name !== ""} set={(v) => catalog.edit((x) => patchRow(x, "fields", f._key, { nameEn: v }))} />
        </Labelled>
        <div class="field-id">
          <span class="label">{t.id}</span>
          <code>{f.id || t.idLater}</code>
          <span class="n-services">{t.count(services.length)}</span>
        </div>
        <Remove title={busy ? t.fieldInUse : t.removeField} disabled={busy} onClick={() => catalog.edit((x) => removeRow(x, "fields", f._key))} />
      </div>
      {services.length > 0 && (
        <table class="procedures">
          <thead>
            <tr>
              <th>{t.name}</th>
              <th>{t.nameEn}</th>
              <th class="w-min">{t.minutes}</th>
              {others.length > 1 && <th class="w-field">{t.field}</th>}
              <th class="w-btn" />
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <ServiceRow key={s._key} s={s} marks={marks} fields={others.length > 1 ? others.map((x): [string, string] => [x.id, (lang === "en" ? x.nameEn : x.name) || x.name || x.id]) : null} />
            ))}
          </tbody>
        </table>
      )}
      <div class="add">
        <button type="button" name="addService" {...data} disabled={!f.id} title={f.id ? undefined : t.nameFirst} onClick={() => add("services", blankCatalogService(f.id))}>
          + {t.addService}
        </button>
      </div>
    </div>
  );
}

function ServiceRow({ s, marks, fields }: { s: CService; marks: Marks; fields: [string, string][] | null }) {
  const t = useCatalogT();
  const data = { "data-service": s.id };
  // A new row is not marked before anything is typed in it.
  const typed = s.name !== "" || s.nameEn !== "";
  return (
    <tr data-key={s._key} data-service={s.id} class={s._new ? "new" : ""}>
      <td>
        <Text name="name" data={data} label={t.name} value={s.name} invalid={typed && marked(marks, s._key, "name")} set={(v) => catalog.edit((x) => nameService(x, s._key, v))} />
        <code class="id">{s.id || t.idLater}</code>
      </td>
      <td>
        <Text name="nameEn" data={data} label={t.nameEn} value={s.nameEn} invalid={typed && marked(marks, s._key, "nameEn")} set={(v) => catalog.edit((x) => patchRow(x, "services", s._key, { nameEn: v }))} />
      </td>
      <td>
        <Text
          name="defaultServiceMinutes"
          data={data}
          label={t.minutes}
          numeric
          value={s.defaultServiceMinutes}
          invalid={marked(marks, s._key, "minutes")}
          set={(v) => catalog.edit((x) => patchRow(x, "services", s._key, { defaultServiceMinutes: v }))}
        />
      </td>
      {fields && (
        <td>
          <select {...data} name="fieldId" aria-label={t.field} value={s.fieldId} onChange={(e) => catalog.edit((x) => patchRow(x, "services", s._key, { fieldId: e.currentTarget.value }))}>
            {fields.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </td>
      )}
      <td>
        <Remove title={t.removeService} onClick={() => catalog.edit((x) => removeRow(x, "services", s._key))} />
      </td>
    </tr>
  );
}

function Holidays({ d, marks }: { d: CatalogDraft; marks: Marks }) {
  const t = useCatalogT();
  /** Leaving a row puts its date in the usual form (YYYY-MM-DD); the row stays where it is. */
  const settle = (h: CHoliday) => (e: JSX.TargetedFocusEvent<HTMLTableRowElement>) => {
    if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
    const iso = isoDate(h.date);
    if (iso && iso !== h.date) catalog.edit((x) => patchRow(x, "holidays", h._key, { date: iso }));
  };
  return (
    <div class="card" data-part="holidays">
      <h2>{t.holidays}</h2>
      <p class="hint">{t.holidaysHint}</p>
      {d.holidays.length === 0 ? (
        <p class="empty">{t.noHolidays}</p>
      ) : (
        <table class="holidays">
          <thead>
            <tr>
              <th class="w-date">{t.date}</th>
              <th>{t.holidayNames}</th>
              <th class="w-btn" />
            </tr>
          </thead>
          <tbody>
            {d.holidays.map((h) => {
              const data = { "data-holiday": h.date };
              const typed = h.date !== "" || h.name !== "" || h.nameEn !== "";
              return (
                <tr key={h._key} data-key={h._key} data-holiday={h.date} class={h._new ? "new" : ""} onFocusOut={settle(h)}>
                  <td>
                    <Text name="date" data={data} label={t.date} value={h.date} placeholder={t.datePlaceholder} invalid={typed && marked(marks, h._key, "date")} set={(v) => catalog.edit((x) => patchRow(x, "holidays", h._key, { date: v }))} />
                  </td>
                  <td>
                    <div class="names">
                      <Text name="name" data={data} label={t.holidayName} placeholder={t.holidayName} value={h.name} invalid={typed && marked(marks, h._key, "name")} set={(v) => catalog.edit((x) => patchRow(x, "holidays", h._key, { name: v }))} />
                      <Text
                        name="nameEn"
                        class="en"
                        data={data}
                        label={t.nameEn}
                        placeholder={t.nameEn}
                        value={h.nameEn}
                        invalid={typed && marked(marks, h._key, "nameEn")}
                        set={(v) => catalog.edit((x) => patchRow(x, "holidays", h._key, { nameEn: v }))}
                      />
                    </div>
                  </td>
                  <td>
                    <Remove title={t.removeHoliday} onClick={() => catalog.edit((x) => removeRow(x, "holidays", h._key))} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div class="add">
        <button type="button" name="addHoliday" onClick={() => add("holidays", blankCatalogHoliday())}>
          + {t.addHoliday}
        </button>
      </div>
    </div>
  );
}
