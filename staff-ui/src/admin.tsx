import { ERROR_TEXT, ErrorCode } from "@motcua/protocol";
import type { JSX } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { fromDraft, toDraft, type AdminConfig, type Draft } from "./admin-draft.ts";
import { useAdminT, type AdminDict } from "./admin-i18n.ts";
import { Bi } from "./admin-parts.tsx";
import { CalendarSection, CatalogSection, CenterSection, CountersSection, DevicesSection, RulesSection, StaffSection, type SectionProps } from "./admin-sections.tsx";
import { useLang } from "./i18n.ts";
import { errorText } from "./net.ts";
import type { Session } from "./session.ts";
import "./admin.css";

type Section = keyof AdminDict["sections"];
const SECTIONS: [Section, (p: SectionProps) => JSX.Element][] = [
  ["center", CenterSection],
  ["calendar", CalendarSection],
  ["catalog", CatalogSection],
  ["counters", CountersSection],
  ["staff", StaffSection],
  ["devices", DevicesSection],
  ["rules", RulesSection],
];

type Status = { kind: "saved" } | { kind: "error"; text: string; details: { text: string; which: string | null }[] };
type Answer = { status: number; body: unknown } | null;

/** The lists a server message may point into ("counters.0.serviceIds: …"), by their key in the body. */
const LISTS = ["fields", "services", "counters", "priorityGroups", "staff", "devices"] as const;

/**
 * The administration screen: the whole center configuration, edited here and sent back in one
 * PUT. The server checks it (and names what is wrong); on success every kiosk and board resyncs.
 * Nothing typed is lost to a refusal: the draft stays until saved or discarded.
 */
export function Admin({ session, onExpired }: { session: Session; onExpired: () => void }) {
  const t = useAdminT();
  const lang = useLang();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [baseline, setBaseline] = useState("");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [keys, setKeys] = useState<[string, string][]>([]);
  const [section, setSection] = useState<Section>("center");
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const notes = useRef<HTMLDivElement>(null);

  const request = async (method: "GET" | "PUT", body?: unknown): Promise<Answer> => {
    try {
      const res = await fetch("/api/admin/config", {
        method,
        headers: { authorization: `Bearer ${session.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    } catch {
      return null;
    }
  };

  /** What a refusal says: the plain sentence for its code, then the server's own words, one problem a line. */
  const failure = (r: Answer, sent?: Record<string, unknown>): Status => {
    if (!r) return { kind: "error", text: errorText({ code: "OFFLINE" }, lang), details: [] };
    const body = (r.body ?? {}) as { code?: unknown; message?: unknown };
    const code = ErrorCode.safeParse(body.code);
    const message = typeof body.message === "string" ? body.message : "";
    const which = (line: string): string | null => {
      // "calendar.holidays.3.date: …" names a day by its place: say which date that is.
      const day = /^calendar\.(holidays|extraWorkingDays)\.(\d+)\b/.exec(line);
      if (day && sent) {
        const cal = sent.calendar as { holidays?: { date?: unknown }[]; extraWorkingDays?: unknown[] } | undefined;
        const v = day[1] === "holidays" ? cal?.holidays?.[Number(day[2])]?.date : cal?.extraWorkingDays?.[Number(day[2])];
        return typeof v === "string" && v ? v : null;
      }
      // "counters.0.serviceIds: …" names a record by its place; say which one that is.
      const m = /^(\w+)\.(\d+)\b/.exec(line);
      if (!m || !sent || !(LISTS as readonly string[]).includes(m[1]!)) return null;
      const rec = (sent[m[1]!] as { id?: unknown }[] | undefined)?.[Number(m[2])];
      return typeof rec?.id === "string" && rec.id ? rec.id : null;
    };
    return {
      kind: "error",
      text: (code.success ? ERROR_TEXT[code.data] : ERROR_TEXT.INTERNAL)[lang],
      details: message
        .split("; ")
        .filter(Boolean)
        .map((line) => ({ text: line, which: which(line) })),
    };
  };

  const adopt = (config: AdminConfig) => {
    const d = toDraft(config);
    setDraft(d);
    setBaseline(JSON.stringify(fromDraft(d)));
  };

  const load = async () => {
    setLoadError(null);
    const r = await request("GET");
    if (r?.status === 401) return onExpired();
    if (r?.status === 200) return adopt(r.body as AdminConfig);
    const f = failure(r);
    setLoadError(f.kind === "error" ? [f.text, ...f.details.map((x) => x.text)].join(" ") : null);
  };
  useEffect(() => void load(), [session.token]);

  const body = useMemo(() => (draft ? fromDraft(draft) : null), [draft]);
  const dirty = body !== null && JSON.stringify(body) !== baseline;

  // Leaving the page with edits unsaved asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  // A row just added comes into view with the cursor in its first box.
  useEffect(() => {
    if (!focusKey) return;
    const row = document.querySelector(`[data-key="${focusKey}"]`);
    row?.scrollIntoView({ block: "center" });
    row?.querySelector<HTMLElement>("input:not([readonly]), select:not([disabled])")?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const edit = (fn: (d: Draft) => Draft) => {
    setDraft((d) => d && fn(d));
    setStatus((s) => (s?.kind === "saved" ? null : s));
  };

  const save = async () => {
    if (!body || busy) return;
    setBusy(true);
    setStatus(null);
    const r = await request("PUT", body);
    setBusy(false);
    if (r?.status === 401) return onExpired();
    if (r?.status === 200) {
      const answer = r.body as { config: AdminConfig; newKeys?: Record<string, string> };
      adopt(answer.config);
      const fresh = Object.entries(answer.newKeys ?? {});
      setKeys((old) => [...old.filter(([id]) => !fresh.some(([f]) => f === id)), ...fresh]);
      setStatus({ kind: "saved" });
    } else setStatus(failure(r, body));
    requestAnimationFrame(() => notes.current?.scrollIntoView({ block: "nearest" }));
  };

  const revert = () => {
    if (!draft) return;
    adopt(draft.base);
    setStatus(null);
  };

  if (!draft) {
    return (
      <section class="admin loading">
        {loadError ? (
          <div class="error banner" role="alert">
            <p>
              {t.loadFailed} {loadError}
            </p>
            <button type="button" onClick={() => void load()}>
              {t.retry}
            </button>
          </div>
        ) : (
          t.loading
        )}
      </section>
    );
  }

  const Body = SECTIONS.find(([s]) => s === section)![1];
  return (
    <section class="admin" data-dirty={dirty ? "yes" : "no"}>
      <div class="admin-bar">
        <nav class="admin-tabs" aria-label="Quản trị">
          {SECTIONS.map(([s]) => (
            <button key={s} type="button" data-section={s} class={section === s ? "on" : ""} aria-pressed={section === s} onClick={() => setSection(s)}>
              <Bi k={(x) => x.sections[s]} stack />
            </button>
          ))}
        </nav>
        <span class="spacer" />
        <span class={`dirty${dirty ? " on" : ""}`}>{dirty ? t.unsaved : t.noChanges}</span>
        <button type="button" name="revert" disabled={!dirty || busy} onClick={revert}>
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
        {status?.kind === "error" && (
          <div class="error banner admin-error" role="alert" data-status="error">
            <p>{status.text}</p>
            {status.details.length > 0 && (
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
            <button type="button" name="keysNoted" onClick={() => setKeys([])}>
              {t.keyNoted}
            </button>
          </div>
        )}
      </div>

      <div class={`admin-body ${section}`} data-body={section}>
        <Body d={draft} edit={edit} added={setFocusKey} />
      </div>
    </section>
  );
}
