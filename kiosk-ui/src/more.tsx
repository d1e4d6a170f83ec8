import { localParts } from "@motcua/engine";
import { nameIn, RATING_LEVELS, RATING_REASONS, type DossierStatus, type KioskSnapshot, type Procedure, type Ticket } from "@motcua/protocol";
import { useSignal } from "@preact/signals";
import { useEffect, useLayoutEffect, useMemo, useRef } from "preact/hooks";
import { useLang, useName } from "./i18n.ts";
import { useMoreT } from "./i18n-more.ts";
import { Face } from "./face.tsx";
import { Icon } from "./icons.tsx";
import { Keyboard } from "./keyboard.tsx";
import { loadFresh } from "./fresh.ts";
import { ServiceRow, TicketFacts, Title, type ScreenProps } from "./screens.tsx";
import { createRating } from "./rating.ts";
import { isLate } from "./late.ts";
import { search } from "./search.ts";

/*
 * The screens a citizen opens less often than taking a ticket: loaded just after the start screen
 * is up, so they are ready by the first tap without weighing on the first load.
 */

/** dd/MM/yyyy, as Vietnamese papers write dates. */
const day = (iso: string) => iso.split("-").reverse().join("/");

/** A moment as a citizen reads it, in the center's time: "07:30 thứ Hai, 07/12/2026". */
function useWhen(now: string): (iso: string) => string {
  const t = useMoreT();
  const today = localParts(Date.parse(now)).date;
  return (iso) => {
    const { date, time } = localParts(Date.parse(iso));
    return t.when(time, t.weekdays[new Date(`${date}T00:00:00Z`).getUTCDay()]!, day(date), date === today);
  };
}

/**
 * The start screen while the hall is closed: when it opens (from its calendar), and from when the
 * kiosk issues numbers; or, before opening where numbers are issued already, when calling starts.
 */
export function Opening({ hours }: { hours: KioskSnapshot["hours"] }) {
  const t = useMoreT();
  const when = useWhen(hours.now);
  const opens = hours.opensAt ? t.opensAt(when(hours.opensAt)) : t.opensUnknown;
  if (hours.issuing) {
    return (
      <div class="opening" role="status">
        {opens} {hours.opensAt && t.countersFrom(localParts(Date.parse(hours.opensAt)).time)}
      </div>
    );
  }
  return (
    <div class="closed" role="status">
      <h2>{t.closedNow}</h2>
      <p class="opens">{opens}</p>
      {hours.issueFrom && hours.issueFrom !== hours.opensAt && <p class="issue-from">{t.issueFrom(when(hours.issueFrom))}</p>}
      <p class="hint">{t.closedMeanwhile}</p>
    </div>
  );
}

export function TicketStatusScreen({ kiosk, snapshot, ticket }: ScreenProps & { ticket: Ticket }) {
  const t = useMoreT();
  return (
    <section class="ticket">
      <Title text={t.ticketStatus} onBack={kiosk.home} />
      <div class="ticket-body">
        <TicketFacts snapshot={snapshot} ticket={ticket} />
      </div>
      <p class="status-line" data-status={ticket.status}>
        {t.statusOf[ticket.status]}
      </p>
      {ticket.status === "done" && (
        <button type="button" class="choice main" onClick={() => kiosk.go({ name: "rate", ticket })}>
          {t.rate}
        </button>
      )}
    </section>
  );
}

/**
 * The camera's view, with the decoder loaded only when someone opens this screen. `onText` is
 * taken once, when the camera starts: the kiosk's actions never change.
 */
function Camera({ onText }: { onText: (text: string) => void }) {
  const t = useMoreT();
  const video = useRef<HTMLVideoElement>(null);
  const problem = useSignal(false);
  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    const trouble = () => {
      if (live) problem.value = true;
    };
    void loadFresh(() => import("./scan/camera.ts"))
      .then((m) => m.startCamera(video.current!, onText, trouble))
      .then((s) => (live ? (stop = s) : s()))
      .catch(trouble);
    return () => {
      live = false;
      stop?.();
    };
  }, []);
  return (
    <div class="camera">
      <video ref={video} muted playsInline />
      {problem.value && <p class="hint">{t.cameraDenied}</p>}
    </div>
  );
}

export function ScanScreen({ kiosk }: ScreenProps) {
  const t = useMoreT();
  // The code being typed: nobody else needs it until "Tra cứu" hands it to the kiosk.
  const draft = useSignal("");
  const code = draft.value;
  return (
    <section class="scan">
      <Title text={t.scanTitle} onBack={kiosk.home} />
      <div class="scan-body">
        <div class="scan-camera">
          <p class="hint">{t.scanHint}</p>
          <Camera onText={kiosk.lookUp} />
        </div>
        <div class="scan-type">
          <p class="lead small">{t.typeCode}</p>
          <div class="entry">
            <div class={`query code${code ? "" : " placeholder"}`}>{code || "000.00.12.H36-…"}</div>
            <button type="button" class="choice main" disabled={!code.trim()} onClick={() => kiosk.lookUp(code)}>
              {t.lookUp}
            </button>
          </div>
          <Keyboard value={code} onChange={(v) => (draft.value = v)} max={40} />
        </div>
      </div>
    </section>
  );
}

export function DossierScreen({ kiosk, dossier }: ScreenProps & { dossier: DossierStatus }) {
  const t = useMoreT();
  const name = useName();
  // Today in the center's time zone, by this kiosk's clock (a test sets the page's clock).
  const late = isLate(dossier, localParts(Date.now()).date);
  return (
    <section class="dossier">
      <Title text={t.dossierTitle} onBack={kiosk.home} />
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
      <p class={`status-line ${dossier.status}${late ? " late" : ""}`} data-status={dossier.status}>
        {t.dossierStatus[dossier.status]}
      </p>
      {late && dossier.dueOn && (
        <p class="late-note" role="status">
          {t.dossierLate(day(dossier.dueOn))}
        </p>
      )}
      {dossier.returnServiceId && (
        <button type="button" class="choice main" onClick={() => kiosk.go({ name: "priority", serviceId: dossier.returnServiceId! })}>
          {t.takeReturnTicket}
        </button>
      )}
    </section>
  );
}

export function ProceduresScreen({ kiosk, snapshot }: ScreenProps) {
  const t = useMoreT();
  const name = useName();
  const { fields, services } = snapshot;
  const procedures = kiosk.procedures.value;
  const fieldOf = (p: Procedure) => services.find((s) => s.id === p.serviceId)?.fieldId;
  return (
    <section class="procedures">
      <Title text={t.proceduresTitle} onBack={kiosk.home} />
      {fields.map((f) => {
        const listed = procedures.filter((p) => fieldOf(p) === f.id);
        if (listed.length === 0) return null;
        return (
          <div class="group" key={f.id}>
            <h2>
              <Icon name={f.icon} size={36} /> {name(f)}
            </h2>
            <div class="list">
              {listed.map((p) => (
                <button type="button" class="service procedure" key={p.id} data-procedure={p.id} onClick={() => kiosk.go({ name: "procedure", procedure: p })}>
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

export function ProcedureScreen({ kiosk, procedure: p }: ScreenProps & { procedure: Procedure }) {
  const t = useMoreT();
  const lang = useLang();
  const en = lang === "en";
  return (
    <section class="procedure-detail">
      <Title text={nameIn(lang, p)} onBack={() => kiosk.go({ name: "procedures" })} />
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
      <button type="button" class="choice main sticky" onClick={() => kiosk.go({ name: "priority", serviceId: p.serviceId })}>
        {t.takeForThis}
      </button>
    </section>
  );
}

export function RateScreen({ kiosk, ticket }: ScreenProps & { ticket: Ticket | null }) {
  const t = useMoreT();
  // The number being typed: nobody else needs it until "Tra cứu" hands it to the kiosk.
  const draft = useSignal("");
  const number = draft.value;
  // This visit's rating: made with the screen and dropped with it, like the visit itself.
  const rating = useMemo(() => createRating(kiosk, ticket), []);
  useEffect(() => rating.dispose, []);
  const level = rating.level.value;
  const reasons = rating.reasons.value;
  const sending = rating.sending.value;
  const result = rating.result.value;
  // Keys 1–3 of a rating pad that types like a keyboard, while the levels are asked: listened to
  // from the moment the levels are drawn (a layout effect), so a press right then is not lost.
  const asking = ticket?.status === "done" && !result;
  useLayoutEffect(() => (asking ? rating.listenToPad() : undefined), [asking]);

  if (result) {
    return (
      <section class="center rate">
        <h1 role="status">{result(t)}</h1>
        <button type="button" class="choice main" onClick={kiosk.home}>
          {t.done}
        </button>
      </section>
    );
  }
  if (!ticket) {
    return (
      <section class="rate">
        <Title text={t.rateTitle} onBack={kiosk.home} />
        <p class="lead">{t.rateEnter}</p>
        <div class="entry">
          <div class={`query code${number ? "" : " placeholder"}`}>{number || "A023"}</div>
          <button type="button" class="choice main" disabled={!number.trim()} onClick={() => kiosk.lookUp(number)}>
            {t.lookUp}
          </button>
        </div>
        <Keyboard value={number} onChange={(v) => (draft.value = v)} max={8} />
      </section>
    );
  }
  if (ticket.status !== "done") {
    return (
      <section class="center rate">
        <h1>{t.notServedYet(ticket.number)}</h1>
        <button type="button" class="choice main" onClick={kiosk.home}>
          {t.home}
        </button>
      </section>
    );
  }
  return (
    <section class="rate">
      <Title text={t.rateTitle} onBack={kiosk.home} />
      <p class="lead">{t.rateHow(ticket.number)}</p>
      <div class="levels">
        {RATING_LEVELS.map((l) => (
          <button
            type="button"
            key={l}
            class={`level ${l}${level === l ? " on" : ""}`}
            data-level={l}
            disabled={sending}
            onClick={() => rating.choose(l)}
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
              onClick={() => rating.toggle(r)}
            >
              {t.reasons[r]}
            </button>
          ))}
          <button type="button" class="choice main" disabled={sending} onClick={rating.sendUnsatisfied}>
            {t.send}
          </button>
        </div>
      )}
    </section>
  );
}

export function HelpScreen({ kiosk, snapshot }: ScreenProps) {
  const t = useMoreT();
  return (
    <section class="help">
      <Title text={t.helpTitle} onBack={kiosk.home} />
      <ol class="steps">
        {t.helpSteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p class="lead">{t.helpStaff}</p>
      <p class="hotline">
        <span class="big">{snapshot.center.hotline}</span> {t.helpHotline(snapshot.center.hotline)}
      </p>
    </section>
  );
}

export function SearchScreen({ kiosk, snapshot }: ScreenProps) {
  const t = useMoreT();
  const name = useName();
  // The words being typed: the results follow them here, nobody else needs them.
  const draft = useSignal("");
  const query = draft.value;
  const { services, procedures } = search(query, snapshot.services, kiosk.procedures.value, snapshot.aliases);
  return (
    <section class="search">
      <Title text={t.search} onBack={kiosk.home} />
      <div class="query" aria-live="polite">
        <Icon name="search" size={40} />
        <span class={query ? "" : "placeholder"}>{query || t.searchPlaceholder}</span>
      </div>
      <div class="results">
        {!query.trim() && <p class="hint">{t.searchHint}</p>}
        {query.trim() && services.length + procedures.length === 0 && <p class="hint">{t.searchNone}</p>}
        {services.map((s) => (
          <ServiceRow key={s.id} service={s} onPick={() => kiosk.go({ name: "priority", serviceId: s.id })} />
        ))}
        {procedures.slice(0, 8).map((p) => (
          <button type="button" class="service procedure" key={p.id} onClick={() => kiosk.go({ name: "procedure", procedure: p })}>
            <span class="name">{name(p)}</span>
            <span class="facts">
              <span>{t.procedures}</span>
            </span>
          </button>
        ))}
        {/* The list scrolls on its own above the keys: it says so as the screen does (kiosk.css, .more-cue). */}
        <button type="button" class="more-cue" tabIndex={-1} onClick={(e) => e.currentTarget.parentElement!.scrollBy(0, 200)}>
          {t.scrollMore}
        </button>
      </div>
      <Keyboard value={query} onChange={(v) => (draft.value = v)} />
    </section>
  );
}
