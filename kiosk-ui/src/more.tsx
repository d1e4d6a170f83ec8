import { RATING_REASONS, type DossierStatus, type Procedure, type RatingLevel, type Ticket } from "@motcua/protocol";
import { useEffect, useRef, useState } from "preact/hooks";
import { failure, useLang, useName, useT, type Say } from "./i18n.ts";
import { Face, Icon } from "./icons.tsx";
import { Keyboard } from "./keyboard.tsx";
import type { KioskApi } from "./kiosk.tsx";
import { loadFresh } from "./fresh.ts";
import { ServiceRow, TicketFacts, Title } from "./screens.tsx";
import { matches } from "./text.ts";

/*
 * The screens a citizen opens less often than taking a ticket: loaded just after the start screen
 * is up, so they are ready by the first tap without weighing on the first load.
 */

type Props = { api: KioskApi };

/** dd/MM/yyyy, as Vietnamese papers write dates. */
const day = (iso: string) => iso.split("-").reverse().join("/");

export function TicketStatusScreen({ api, ticket }: Props & { ticket: Ticket }) {
  const t = useT();
  return (
    <section class="ticket">
      <Title text={t.ticketStatus} onBack={api.home} />
      <div class="ticket-body">
        <TicketFacts api={api} ticket={ticket} />
      </div>
      <p class="status-line" data-status={ticket.status}>
        {t.statusOf[ticket.status]}
      </p>
      {ticket.status === "done" && (
        <button type="button" class="choice main" onClick={() => api.go({ name: "rate", ticket })}>
          {t.rate}
        </button>
      )}
    </section>
  );
}

/** The camera's view, with the decoder loaded only when someone opens this screen. */
function Camera({ onText }: { onText: (text: string) => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState(false);
  const latest = useRef(onText);
  latest.current = onText;
  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    void loadFresh(() => import("./scan/camera.ts"))
      .then((m) => m.startCamera(video.current!, (text) => latest.current(text), () => live && setProblem(true)))
      .then((s) => (live ? (stop = s) : s()))
      .catch(() => live && setProblem(true));
    return () => {
      live = false;
      stop?.();
    };
  }, []);
  return (
    <div class="camera">
      <video ref={video} muted playsInline />
      {problem && <p class="hint">{t.cameraDenied}</p>}
    </div>
  );
}

export function ScanScreen({ api }: Props) {
  const t = useT();
  const [code, setCode] = useState("");
  return (
    <section class="scan">
      <Title text={t.scanTitle} onBack={api.home} />
      <div class="scan-body">
        <div class="scan-camera">
          <p class="hint">{t.scanHint}</p>
          <Camera onText={api.lookUp} />
        </div>
        <div class="scan-type">
          <p class="lead small">{t.typeCode}</p>
          <div class="entry">
            <div class={`query code${code ? "" : " placeholder"}`}>{code || "000.00.12.H36-…"}</div>
            <button type="button" class="choice main" disabled={!code.trim()} onClick={() => api.lookUp(code)}>
              {t.lookUp}
            </button>
          </div>
          <Keyboard value={code} onChange={setCode} max={40} />
        </div>
      </div>
    </section>
  );
}

export function DossierScreen({ api, dossier }: Props & { dossier: DossierStatus }) {
  const t = useT();
  const name = useName();
  return (
    <section class="dossier">
      <Title text={t.dossierTitle} onBack={api.home} />
      <dl>
        <dt>{t.dossierCode}</dt>
        <dd class="code">{dossier.code}</dd>
        <dt>{t.service}</dt>
        <dd>{name({ name: dossier.procedureName, nameEn: dossier.procedureNameEn })}</dd>
        <dt>{t.receivedOn}</dt>
        <dd>{day(dossier.receivedOn)}</dd>
        {dossier.dueOn && (
          <>
            <dt>{t.dueOn}</dt>
            <dd>{day(dossier.dueOn)}</dd>
          </>
        )}
      </dl>
      <p class={`status-line ${dossier.status}`} data-status={dossier.status}>
        {t.dossierStatus[dossier.status]}
      </p>
      {dossier.returnServiceId && (
        <button type="button" class="choice main" onClick={() => api.go({ name: "priority", serviceId: dossier.returnServiceId! })}>
          {t.takeReturnTicket}
        </button>
      )}
    </section>
  );
}

export function ProceduresScreen({ api }: Props) {
  const t = useT();
  const name = useName();
  const { fields, services } = api.snapshot;
  const fieldOf = (p: Procedure) => services.find((s) => s.id === p.serviceId)?.fieldId;
  return (
    <section class="procedures">
      <Title text={t.proceduresTitle} onBack={api.home} />
      {fields.map((f) => {
        const listed = api.procedures.filter((p) => fieldOf(p) === f.id);
        if (listed.length === 0) return null;
        return (
          <div class="group" key={f.id}>
            <h2>
              <Icon name={f.icon} size={36} /> {name(f)}
            </h2>
            <div class="list">
              {listed.map((p) => (
                <button type="button" class="service procedure" key={p.id} data-procedure={p.id} onClick={() => api.go({ name: "procedure", procedure: p })}>
                  <span class="name">{name(p)}</span>
                </button>
              ))}
            </div>
          </div>
        );
      })}
    </section>
  );
}

export function ProcedureScreen({ api, procedure: p }: Props & { procedure: Procedure }) {
  const t = useT();
  const en = useLang() === "en";
  return (
    <section class="procedure-detail">
      <Title text={en ? p.nameEn : p.name} onBack={() => api.go({ name: "procedures" })} />
      <h2>{t.documents}</h2>
      <ol>
        {(en ? p.documentsEn : p.documents).map((d, i) => (
          <li key={i}>{d}</li>
        ))}
      </ol>
      <h2>{t.fee}</h2>
      <p>{en ? p.feeEn : p.fee}</p>
      <h2>{t.processingTime}</h2>
      <p>{en ? p.processingTimeEn : p.processingTime}</p>
      <h2>{t.submitAt}</h2>
      <p>{en ? p.submitAtEn : p.submitAt}</p>
      {p.legalBasis && (
        <>
          <h2>{t.legalBasis}</h2>
          <p class="small">{p.legalBasis}</p>
        </>
      )}
      <button type="button" class="choice main sticky" onClick={() => api.go({ name: "priority", serviceId: p.serviceId })}>
        {t.takeForThis}
      </button>
    </section>
  );
}

const LEVELS: RatingLevel[] = ["very_satisfied", "satisfied", "unsatisfied"];

export function RateScreen({ api, ticket }: Props & { ticket: Ticket | null }) {
  const t = useT();
  const [number, setNumber] = useState("");
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [result, setResult] = useState<Say | null>(null);
  const [sending, setSending] = useState(false);
  const send = async (l: RatingLevel, why: string[]) => {
    // One rating per tap, however fast the second finger is.
    if (sending) return;
    setSending(true);
    const r = await api.call("rating:submit", { ticketId: ticket!.id, level: l, reasons: why as (typeof RATING_REASONS)[number][] });
    setResult(() => (r.ok ? (d: typeof t) => d.thanks : failure(r)));
    setSending(false);
  };
  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(api.home, 8000);
    return () => clearTimeout(timer);
  }, [result]);

  if (result) {
    return (
      <section class="center rate">
        <h1 role="status">{result(t)}</h1>
        <button type="button" class="choice main" onClick={api.home}>
          {t.done}
        </button>
      </section>
    );
  }
  if (!ticket) {
    return (
      <section class="rate">
        <Title text={t.rateTitle} onBack={api.home} />
        <p class="lead">{t.rateEnter}</p>
        <div class="entry">
          <div class={`query code${number ? "" : " placeholder"}`}>{number || "A023"}</div>
          <button type="button" class="choice main" disabled={!number.trim()} onClick={() => api.lookUp(number)}>
            {t.lookUp}
          </button>
        </div>
        <Keyboard value={number} onChange={setNumber} max={8} />
      </section>
    );
  }
  if (ticket.status !== "done") {
    return (
      <section class="center rate">
        <h1>{t.notServedYet(ticket.number)}</h1>
        <button type="button" class="choice main" onClick={api.home}>
          {t.home}
        </button>
      </section>
    );
  }
  return (
    <section class="rate">
      <Title text={t.rateTitle} onBack={api.home} />
      <p class="lead">{t.rateHow(ticket.number)}</p>
      <div class="levels">
        {LEVELS.map((l) => (
          <button
            type="button"
            key={l}
            class={`level ${l}${level === l ? " on" : ""}`}
            data-level={l}
            disabled={sending}
            onClick={() => (l === "unsatisfied" ? setLevel(l) : void send(l, []))}
          >
            <Face level={l} />
            {t.levels[l]}
          </button>
        ))}
      </div>
      {level === "unsatisfied" && (
        <div class="reasons">
          <p class="lead small">{t.reasonsTitle}</p>
          {RATING_REASONS.map((r) => (
            <button
              type="button"
              key={r}
              class={`choice${reasons.includes(r) ? " on" : ""}`}
              aria-pressed={reasons.includes(r)}
              data-reason={r}
              onClick={() => setReasons(reasons.includes(r) ? reasons.filter((x) => x !== r) : [...reasons, r])}
            >
              {t.reasons[r]}
            </button>
          ))}
          <button type="button" class="choice main" disabled={sending} onClick={() => void send("unsatisfied", reasons)}>
            {t.send}
          </button>
        </div>
      )}
    </section>
  );
}

export function HelpScreen({ api }: Props) {
  const t = useT();
  return (
    <section class="help">
      <Title text={t.helpTitle} onBack={api.home} />
      <ol class="steps">
        {t.helpSteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p class="lead">{t.helpStaff}</p>
      <p class="hotline">
        <span class="big">{api.snapshot.center.hotline}</span> {t.helpHotline(api.snapshot.center.hotline)}
      </p>
    </section>
  );
}

export function SearchScreen({ api }: Props) {
  const t = useT();
  const name = useName();
  const [query, setQuery] = useState("");
  const services = query.trim() ? api.snapshot.services.filter((s) => matches(query, s.name, s.nameEn)) : [];
  const procedures = query.trim() ? api.procedures.filter((p) => matches(query, p.name, p.nameEn)) : [];
  return (
    <section class="search">
      <Title text={t.search} onBack={api.home} />
      <div class="query" aria-live="polite">
        <Icon name="search" size={40} />
        <span class={query ? "" : "placeholder"}>{query || t.searchPlaceholder}</span>
      </div>
      <div class="results">
        {!query.trim() && <p class="hint">{t.searchHint}</p>}
        {query.trim() && services.length + procedures.length === 0 && <p class="hint">{t.searchNone}</p>}
        {services.map((s) => (
          <ServiceRow key={s.id} service={s} onPick={() => api.go({ name: "priority", serviceId: s.id })} />
        ))}
        {procedures.slice(0, 8).map((p) => (
          <button type="button" class="service procedure" key={p.id} onClick={() => api.go({ name: "procedure", procedure: p })}>
            <span class="name">{name(p)}</span>
            <span class="facts">
              <span>{t.procedures}</span>
            </span>
          </button>
        ))}
      </div>
      <Keyboard value={query} onChange={setQuery} />
    </section>
  );
}
