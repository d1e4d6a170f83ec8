import { localParts } from "@motcua/engine";
import type { KioskSnapshot, ServiceSummary, Ticket, WaitBand } from "@motcua/protocol";
import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { useName, useT, type Say } from "./i18n.ts";
import { Icon } from "./icons.tsx";
import { loadFresh } from "./fresh.ts";
import type { KioskModel } from "./store.ts";
import { isElderlyGroup } from "./text.ts";

/** What every screen gets: the kiosk to read and act on, and the picture from the server (there by now). */
export type ScreenProps = { kiosk: KioskModel; snapshot: KioskSnapshot };

/** HH:mm in the center's time, whatever the kiosk PC's own zone. */
const hourMinute = (iso: string) => localParts(Date.parse(iso)).time;

/** A wait band; one that counts from the counters' start says so: "khoảng 0–5 phút sau 07:30". */
const Band = ({ band, from }: { band: WaitBand | null; from?: string | undefined }) => {
  const t = useT();
  return band ? (
    <>
      {t.band(band.minMinutes, band.maxMinutes)}
      {from && t.after(hourMinute(from))}
    </>
  ) : null;
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
          <Band band={service.estimatedWait} from={service.callsFrom} />
        </span>
        <span>{t.counters(service.counterNumbers)}</span>
      </span>
    </button>
  );
}

export function StartScreen({ kiosk, snapshot }: ScreenProps) {
  const t = useT();
  const name = useName();
  const visitor = kiosk.visitor.value;
  const printerDown = snapshot.printer !== null && !snapshot.printer.ok;
  const hours = snapshot.hours;
  const m = kiosk.more.value;
  return (
    <section class="start">
      {visitor?.name ? (
        <div class="greeting">
          <strong>{t.hello(visitor.name)}</strong> {t.helloNext}
        </div>
      ) : (
        hours.issuing && <h1 class="lead">{t.chooseField}</h1>
      )}
      {/* Closed: when it opens, and (when the rules allow it) from when numbers are issued. */}
      {!hours.open && m && <m.Opening hours={hours} />}
      {printerDown && <div class="warning">{t.printerDown}</div>}
      {hours.issuing && <>
      <button type="button" class="search-box" onClick={() => kiosk.go({ name: "search" })}>
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
              onClick={() => (services.length === 1 ? kiosk.go({ name: "priority", serviceId: services[0]!.id }) : kiosk.go({ name: "field", fieldId: f.id }))}
            >
              <Icon name={f.icon} size={64} />
              <span class="name">{name(f)}</span>
              <span class="waiting">{t.waiting(waiting)}</span>
            </button>
          );
        })}
      </div>
      </>}
      {/* Booked from a phone: the booking's QR or its code goes in where every other code does. */}
      <button type="button" class="appointment-entry" onClick={() => kiosk.go({ name: "scan" })}>
        <Icon name="qr" size={36} />
        <span>{t.haveAppointment}</span>
      </button>
    </section>
  );
}

export function FieldScreen({ kiosk, snapshot, fieldId }: ScreenProps & { fieldId: string }) {
  const t = useT();
  const name = useName();
  const field = snapshot.fields.find((f) => f.id === fieldId);
  return (
    <section>
      <Title text={field ? name(field) : t.chooseService} onBack={kiosk.home} />
      <p class="lead">{t.chooseService}</p>
      <div class="list">
        {snapshot.services
          .filter((s) => s.fieldId === fieldId)
          .map((s) => (
            <ServiceRow key={s.id} service={s} onPick={() => kiosk.go({ name: "priority", serviceId: s.id })} />
          ))}
      </div>
    </section>
  );
}

export function PriorityScreen({ kiosk, snapshot, serviceId }: ScreenProps & { serviceId: string }) {
  const t = useT();
  const name = useName();
  const groups = snapshot.priorityGroups;
  const service = snapshot.services.find((s) => s.id === serviceId);
  const visitor = kiosk.visitor.value;
  // A hall with no priority groups has nothing to ask: the tap that led here takes the ticket.
  useEffect(() => {
    if (groups.length === 0) kiosk.issue(serviceId, null);
  }, []);
  return (
    <section class="priority">
      <Title text={service ? name(service) : ""} onBack={kiosk.home} />
      <h2 class="lead">{t.priorityQuestion}</h2>
      <button type="button" class="choice main" onClick={() => kiosk.issue(serviceId, null)}>
        {t.priorityNone}
      </button>
      <div class="choices">
        {groups.map((g) => {
          const suggested = visitor?.elderly === true && isElderlyGroup(g);
          return (
            <button type="button" key={g.id} class={`choice${suggested ? " suggested" : ""}`} data-group={g.id} onClick={() => kiosk.issue(serviceId, g.id)}>
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

export function IssuingScreen({ kiosk, failed }: ScreenProps & { failed: Say | null }) {
  const t = useT();
  return failed ? (
    <section class="center">
      <h1>{failed(t)}</h1>
      <div class="buttons">
        <button type="button" class="choice main" onClick={kiosk.retryIssue}>
          {t.tryAgain}
        </button>
        <button type="button" class="choice" onClick={kiosk.home}>
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
  const svg = useSignal<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadFresh(() => import("./qr.ts")).then((m) => live && (svg.value = m.qrSvg(url)), () => undefined);
    return () => {
      live = false;
    };
  }, [url]);
  return <div class="qr" data-url={url} dangerouslySetInnerHTML={svg.value ? { __html: svg.value } : undefined} />;
}

export function TicketFacts({ snapshot, ticket }: { snapshot: KioskSnapshot; ticket: Ticket }) {
  const t = useT();
  const name = useName();
  const service = snapshot.services.find((s) => s.id === ticket.serviceId);
  const counter = snapshot.counters.find((c) => c.id === ticket.counterId);
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
          {/* A booked citizen is called at their slot: the slot is their time, not a band. */}
          {!ticket.appointmentAt && <div class="ahead">{t.ahead(ticket.ahead)}</div>}
          {ticket.callsFrom && !ticket.appointmentAt && <div class="calls-from">{t.callsFrom(hourMinute(ticket.callsFrom))}</div>}
          {ticket.estimatedWait && !ticket.appointmentAt && (
            <div>
              {t.wait}: <b class="band"><Band band={ticket.estimatedWait} from={ticket.callsFrom} /></b>
            </div>
          )}
        </>
      )}
    </div>
  );
}

export function TicketScreen({ kiosk, snapshot, ticket }: ScreenProps & { ticket: Ticket }) {
  const t = useT();
  const print = kiosk.printState.value;
  return (
    <section class="ticket">
      <p class="lead">{t.yourNumber}</p>
      <div class="ticket-body">
        <TicketFacts snapshot={snapshot} ticket={ticket} />
        {ticket.followToken && (
          <figure>
            <FollowQr url={`${snapshot.followBase}/${ticket.followToken}`} />
            <figcaption>{t.followQr}</figcaption>
          </figure>
        )}
      </div>
      <div class={`print ${print}`} role="status" data-print={print}>
        {print === "pending" ? t.printing : print === "printed" ? t.printed : print === "paperOut" ? t.paperOut : print === "late" ? t.printLate : t.printTrouble}
      </div>
      <button type="button" class="choice main" onClick={kiosk.home}>
        {t.done}
      </button>
    </section>
  );
}

