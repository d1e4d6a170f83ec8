import type { ServiceSummary, Ticket, WaitBand } from "@motcua/protocol";
import { useEffect, useState } from "preact/hooks";
import { useName, useT, type Say } from "./i18n.ts";
import { Icon } from "./icons.tsx";
import type { KioskApi } from "./kiosk.tsx";
import { loadFresh } from "./fresh.ts";
import { TZ } from "./frame.tsx";
import { isElderlyGroup } from "./text.ts";

type Props = { api: KioskApi };

const Band = ({ band }: { band: WaitBand | null }) => {
  const t = useT();
  return band ? <>{t.band(band.minMinutes, band.maxMinutes)}</> : null;
};

export function Title({ text, onBack }: { text: string; onBack?: () => void }) {
  const t = useT();
  return (
    <div class="title">
      {onBack && (
        <button type="button" class="back" onClick={onBack}>
          ← {t.back}
        </button>
      )}
      <h1>{text}</h1>
    </div>
  );
}

export function ServiceRow({ service, onPick }: { service: ServiceSummary; onPick: () => void }) {
  const t = useT();
  const name = useName();
  return (
    <button type="button" class="service" onClick={onPick}>
      <span class="name">{name(service)}</span>
      <span class="facts">
        <span>{t.waiting(service.waiting)}</span>
        <span>
          <Band band={service.estimatedWait} />
        </span>
        <span>{t.counters(service.counterNumbers)}</span>
      </span>
    </button>
  );
}

export function StartScreen({ api }: Props) {
  const t = useT();
  const name = useName();
  const { snapshot, visitor } = api;
  const printerDown = snapshot.printer !== null && !snapshot.printer.ok;
  return (
    <section class="start">
      {visitor ? (
        <div class="greeting">
          <strong>{t.hello(visitor.name)}</strong> {t.helloNext}
        </div>
      ) : (
        <h1 class="lead">{t.chooseField}</h1>
      )}
      {printerDown && <div class="warning">{t.printerDown}</div>}
      <button type="button" class="search-box" onClick={() => api.go({ name: "search" })}>
        <Icon name="search" size={40} />
        <span>{t.searchPlaceholder}</span>
      </button>
      <div class="tiles">
        {snapshot.fields.map((f) => {
          const services = snapshot.services.filter((s) => s.fieldId === f.id);
          if (services.length === 0) return null;
          const waiting = services.reduce((n, s) => n + s.waiting, 0);
          return (
            <button
              type="button"
              class="tile"
              key={f.id}
              data-field={f.id}
              onClick={() => (services.length === 1 ? api.go({ name: "priority", serviceId: services[0]!.id }) : api.go({ name: "field", fieldId: f.id }))}
            >
              <Icon name={f.icon} size={64} />
              <span class="name">{name(f)}</span>
              <span class="waiting">{t.waiting(waiting)}</span>
            </button>
          );
        })}
      </div>
      {/* Booked from a phone: the booking's QR or its code goes in where every other code does. */}
      <button type="button" class="appointment-entry" onClick={() => api.go({ name: "scan" })}>
        <Icon name="qr" size={36} />
        <span>{t.haveAppointment}</span>
      </button>
    </section>
  );
}

export function FieldScreen({ api, fieldId }: Props & { fieldId: string }) {
  const t = useT();
  const name = useName();
  const field = api.snapshot.fields.find((f) => f.id === fieldId);
  return (
    <section>
      <Title text={field ? name(field) : t.chooseService} onBack={api.home} />
      <p class="lead">{t.chooseService}</p>
      <div class="list">
        {api.snapshot.services
          .filter((s) => s.fieldId === fieldId)
          .map((s) => (
            <ServiceRow key={s.id} service={s} onPick={() => api.go({ name: "priority", serviceId: s.id })} />
          ))}
      </div>
    </section>
  );
}

export function PriorityScreen({ api, serviceId }: Props & { serviceId: string }) {
  const t = useT();
  const name = useName();
  const groups = api.snapshot.priorityGroups;
  const service = api.snapshot.services.find((s) => s.id === serviceId);
  useEffect(() => {
    if (groups.length === 0) api.issue(serviceId, null);
  }, []);
  return (
    <section class="priority">
      <Title text={service ? name(service) : ""} onBack={api.home} />
      <h2 class="lead">{t.priorityQuestion}</h2>
      <button type="button" class="choice main" onClick={() => api.issue(serviceId, null)}>
        {t.priorityNone}
      </button>
      <div class="choices">
        {groups.map((g) => {
          const suggested = api.visitor?.elderly === true && isElderlyGroup(g);
          return (
            <button type="button" key={g.id} class={`choice${suggested ? " suggested" : ""}`} data-group={g.id} onClick={() => api.issue(serviceId, g.id)}>
              {name(g)}
              {suggested && <small>{t.suggested}</small>}
            </button>
          );
        })}
      </div>
      <p class="hint">{t.priorityHint}</p>
    </section>
  );
}

export function IssuingScreen({ api, failed, onRetry }: Props & { failed: Say | null; onRetry: () => void }) {
  const t = useT();
  return failed ? (
    <section class="center">
      <h1>{failed(t)}</h1>
      <div class="buttons">
        <button type="button" class="choice main" onClick={onRetry}>
          {t.tryAgain}
        </button>
        <button type="button" class="choice" onClick={api.home}>
          {t.home}
        </button>
      </div>
    </section>
  ) : (
    <section class="center" role="status">
      <div class="spinner" aria-hidden="true" />
      <h1>{t.issuing}</h1>
    </section>
  );
}

/** The ticket's follow page as a QR code; the encoder loads on first use, off the start screen's path. */
function FollowQr({ url }: { url: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadFresh(() => import("./qr.ts")).then((m) => live && setSvg(m.qrSvg(url)), () => undefined);
    return () => {
      live = false;
    };
  }, [url]);
  return <div class="qr" data-url={url} dangerouslySetInnerHTML={svg ? { __html: svg } : undefined} />;
}

/** HH:mm in the center's time, whatever the kiosk PC's own zone. */
const hourMinute = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit" });

export function TicketFacts({ api, ticket }: Props & { ticket: Ticket }) {
  const t = useT();
  const name = useName();
  const service = api.snapshot.services.find((s) => s.id === ticket.serviceId);
  const counter = api.snapshot.counters.find((c) => c.id === ticket.counterId);
  return (
    <div class="ticket-facts">
      <div class="number">{ticket.number}</div>
      {service && <div class="service-name">{name(service)}</div>}
      {ticket.status === "called" && counter && <div class="go-to">{t.goToCounter(counter.number)}</div>}
      {ticket.status === "waiting" && (
        <>
          {ticket.appointmentAt && <div class="appointment">{t.appointmentAt(hourMinute(ticket.appointmentAt))}</div>}
          {service && (
            <div>
              {t.servedAt}: <b>{t.counters(service.counterNumbers)}</b>
            </div>
          )}
          <div class="ahead">{t.ahead(ticket.ahead)}</div>
          {ticket.estimatedWait && (
            <div>
              {t.wait}: <b class="band">{t.band(ticket.estimatedWait.minMinutes, ticket.estimatedWait.maxMinutes)}</b>
            </div>
          )}
        </>
      )}
    </div>
  );
}

export function TicketScreen({ api, ticket }: Props & { ticket: Ticket }) {
  const t = useT();
  const print = api.printState;
  return (
    <section class="ticket">
      <p class="lead">{t.yourNumber}</p>
      <div class="ticket-body">
        <TicketFacts api={api} ticket={ticket} />
        {ticket.followToken && (
          <figure>
            <FollowQr url={`${api.snapshot.followBase}/${ticket.followToken}`} />
            <figcaption>{t.followQr}</figcaption>
          </figure>
        )}
      </div>
      <div class={`print ${print}`} role="status" data-print={print}>
        {print === "pending" ? t.printing : print === "printed" ? t.printed : print === "paperOut" ? t.paperOut : print === "late" ? t.printLate : t.printTrouble}
      </div>
      <button type="button" class="choice main" onClick={api.home}>
        {t.done}
      </button>
    </section>
  );
}

