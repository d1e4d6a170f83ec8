import type { JSX } from "preact";
import { useEffect, useMemo, useRef } from "preact/hooks";
import { useAdminT } from "./admin-i18n.ts";
import { Bi, problemId, Problems, type ProblemLookup } from "./admin-parts.tsx";
import type { Problem } from "./admin-problems.ts";
import { useLang } from "./i18n.ts";
import { CalendarSection, CatalogSection, CenterSection, CountersSection, DevicesSection, RulesSection, StaffSection, type SectionProps } from "./admin-sections.tsx";
import * as admin from "./store/admin.ts";
import type { Section } from "./store/admin.ts";
import "./admin.css";

const SECTIONS: [Section, (p: SectionProps) => JSX.Element][] = [
  ["center", CenterSection],
  ["calendar", CalendarSection],
  ["catalog", CatalogSection],
  ["counters", CountersSection],
  ["staff", StaffSection],
  ["devices", DevicesSection],
  ["rules", RulesSection],
];

/**
 * The administration screen: the whole center configuration, edited here and sent back in one
 * PUT. The server checks it (and names what is wrong); on success every kiosk and board resyncs.
 * Nothing typed is lost to a refusal: the draft stays until saved or discarded.
 */
/**
 * Takes the admin to a problem: its section, then its box (focused, in the middle of the screen),
 * or its sentence where it belongs to no one box.
 */
function goTo(p: Problem): void {
  admin.section.value = p.section;
  // Twice: the section renders, then its rows settle (the calendar puts its dates in order).
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const id = problemId(p.key, p.field);
      const box = document.querySelector<HTMLElement>(`.admin-body [aria-describedby="${id}"]`);
      const target = box ?? document.getElementById(id);
      target?.scrollIntoView({ block: "center" });
      box?.focus({ preventScroll: true });
    }),
  );
}

export function Admin() {
  const t = useAdminT();
  const lang = useLang();
  const draft = admin.draft.value;
  const focusKey = admin.focusKey.value;
  const notes = useRef<HTMLDivElement>(null);
  const problems = admin.problems.value;
  const showFirst = admin.showFirst.value;
  const lookup = useMemo<ProblemLookup>(
    () => ({
      at: (key, field) => problems.find((p) => p.key === key && p.field === field)?.text[lang],
      row: (key) => problems.some((p) => p.key === key),
    }),
    [problems, lang],
  );

  // A refused save: the first problem comes into view with the cursor in its box.
  useEffect(() => {
    const first = admin.problems.peek()[0];
    if (showFirst && first) goTo(first);
  }, [showFirst]);

  // A row just added comes into view with the cursor in its first box.
  useEffect(() => {
    if (!focusKey) return;
    const row = document.querySelector(`[data-key="${focusKey}"]`);
    row?.scrollIntoView({ block: "center" });
    row?.querySelector<HTMLElement>("input:not([readonly]), select:not([disabled])")?.focus();
    admin.focusKey.value = null;
  }, [focusKey]);

  // What the server said shows where the admin is looking (a refusal with problems goes to the first instead).
  const save = async () => {
    if ((await admin.save()) && admin.problems.peek().length === 0) requestAnimationFrame(() => notes.current?.scrollIntoView({ block: "nearest" }));
  };

  if (!draft) {
    return (
      <section class="admin loading">
        {admin.loadError.value ? (
          <div class="error banner" role="alert">
            <p>
              {t.loadFailed} {admin.loadError.value}
            </p>
            <button type="button" onClick={() => void admin.load()}>
              {t.retry}
            </button>
          </div>
        ) : (
          t.loading
        )}
      </section>
    );
  }

  const section = admin.section.value;
  const dirty = admin.dirty.value;
  const busy = admin.busy.value;
  const status = admin.status.value;
  const keys = admin.keys.value;
  const Body = SECTIONS.find(([s]) => s === section)![1];
  const perSection = (s: Section) => problems.filter((p) => p.section === s).length;
  const names = (list: { name: string; nameEn: string }[]) => list.map((x) => (lang === "vi" ? `«${x.name}»` : `“${x.nameEn || x.name}”`)).join(", ");
  return (
    <section class="admin" data-dirty={dirty ? "yes" : "no"}>
      <div class="admin-bar">
        <nav class="admin-tabs" aria-label="Quản trị">
          {SECTIONS.map(([s]) => (
            <button key={s} type="button" data-section={s} class={section === s ? "on" : ""} aria-pressed={section === s} onClick={() => (admin.section.value = s)}>
              <Bi k={(x) => x.sections[s]} stack />
              {perSection(s) > 0 && (
                <span class="tab-problems" data-problems={perSection(s)} title={t.problemsTitle(perSection(s))}>
                  {perSection(s)}
                </span>
              )}
            </button>
          ))}
        </nav>
        <span class="spacer" />
        <span class={`dirty${dirty ? " on" : ""}`}>{dirty ? t.unsaved : t.noChanges}</span>
        <button type="button" name="revert" disabled={!dirty || busy} onClick={admin.revert}>
          {t.revert}
        </button>
        <button type="button" name="save" class="primary" disabled={!dirty || busy} onClick={() => void save()}>
          {busy ? t.saving : t.save}
        </button>
      </div>

      <div class="admin-notes" ref={notes}>
        {status?.kind === "saved" && (
          <p class="toast" role="status" data-status="saved">
            {t.saved}
          </p>
        )}
        {status?.kind === "saved" && status.unserved.length > 0 && (
          <p class="warn" role="status" data-warning="unserved">
            {t.savedUnserved(names(status.unserved))}
          </p>
        )}
        {status?.kind === "error" && (problems.length > 0 || status.rest.length > 0 || status.text !== "") && (
          <div class="error banner admin-error" role="alert" data-status="error">
            <p>{problems.length > 0 ? t.problemsTitle(problems.length) : status.rest.length > 0 ? t.refusedTitle : status.text}</p>
            {problems.length > 0 && (
              <ul class="problem-list">
                {problems.map((p) => (
                  <li key={`${p.key}/${p.field}`} data-problem-of={p.section}>
                    <button type="button" class="link" onClick={() => goTo(p)}>
                      <b>{p.where[lang]}</b> — {p.text[lang]}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {status.rest.length > 0 && (
              <ul>
                {status.rest.map((x, i) => (
                  <li key={i}>{x[lang]}</li>
                ))}
              </ul>
            )}
            {problems.length === 0 && status.rest.length === 0 && status.details.length > 0 && (
              <ul>
                {status.details.map((x, i) => (
                  <li key={i}>
                    <code>{x.text}</code>
                    {x.which && <span class="which">({x.which})</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {keys.length > 0 && (
          <div class="new-keys" role="alert">
            {keys.map(([id, key]) => (
              <div class="new-key" key={id} data-new-key={id}>
                <p>{t.newKey(id)}</p>
                <code class="key">{key}</code>
              </div>
            ))}
            <p class="hint">{t.keyAdvice}</p>
            <button type="button" name="keysNoted" onClick={admin.keysNoted}>
              {t.keyNoted}
            </button>
          </div>
        )}
      </div>

      <div class={`admin-body ${section}`} data-body={section}>
        <Problems.Provider value={lookup}>
          <Body d={draft} edit={admin.edit} added={admin.added} province={{ catalog: admin.catalog.value, error: admin.catalogError.value, retry: () => void admin.loadCatalog() }} />
        </Problems.Provider>
      </div>
    </section>
  );
}
