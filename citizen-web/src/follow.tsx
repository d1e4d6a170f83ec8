import { nameIn } from "@motcua/protocol";
import { useEffect } from "preact/hooks";
import {
  arrive,
  arriveError,
  arriving,
  askPermission,
  askToCancel,
  cancel,
  cancelError,
  cancelStage,
  drawQr,
  hallCode,
  link,
  missing,
  permission,
  qr,
  typeHallCode,
  view,
} from "./follow-store.ts";
import { pageLink } from "./links.ts";
import { PageHeader } from "./page.tsx";
import { lang } from "./store.ts";
import { fullDay, openingText, showCode, timeOf, WORDS, type Words } from "./words.ts";

/** The follow page: a ticket's place and where to go, a booking's code, or a number held from home. */
export function Follow() {
  const l = lang.value;
  const w = WORDS[l];
  const v = view.value;
  const header = <PageHeader title={v ? nameIn(l, { name: v.centerName, nameEn: v.centerNameEn }) : w.title} />;
  if (missing.value) {
    return (
      <main class="follow missing">
        {header}
        <h1>{w.notFound}</h1>
        <p>{w.notFoundDetail}</p>
      </main>
    );
  }
  if (!v) {
    return (
      <main class="follow">
        {header}
        <p class="loading">{w.loading}</p>
      </main>
    );
  }
  const live = link.value === "live";
  const footer = (
    <footer>
      <span class={live ? "live" : "off"}>{live ? w.live : w.reconnecting}</span>
      {/* A number a thumb can call, not text to copy: the phone dials it. */}
      <span class="hotline">
        {w.hotline}{" "}
        <a class="tel" href={`tel:${v.hotline.replace(/[^\d+]/g, "")}`} aria-label={w.callHotline(v.hotline)}>
          {v.hotline}
        </a>
      </span>
    </footer>
  );
  const serviceName = nameIn(l, { name: v.serviceName, nameEn: v.serviceNameEn });
  const appt = v.appointment;
  // Closed now (outside the hours, a day off): when it opens, from the center's calendar.
  const closed = v.opensAt && (
    <p class="closed-note" role="status">
      {w.closedNow} {w.opensAt(openingText(v.opensAt, l))}
    </p>
  );
  const band = v.estimatedWait && (
    <p class="band">
      {w.band(v.estimatedWait.minMinutes, v.estimatedWait.maxMinutes)}
      {v.callsFrom && w.after(timeOf(v.callsFrom))}
    </p>
  );
  if (appt && (v.status === "booked" || appt.status === "booked" || appt.status === "cancelled")) {
    const cancelled = v.status === "cancelled" || appt.status === "cancelled";
    return (
      <main class={`follow booked${cancelled ? " gone" : ""}`} data-status={cancelled ? "cancelled" : "booked"}>
        {header}
        {cancelled && <p class="status cancelled-note">{w.bookingCancelled}</p>}
        <section class="appt">
          <p class="appt-title">{w.appointment}</p>
          <p class="service">{serviceName}</p>
          <p class="appt-field">{nameIn(l, { name: appt.fieldName, nameEn: appt.fieldNameEn })}</p>
          <p class="appt-day">{fullDay(appt.date, l)}</p>
          <p class="appt-time">{appt.time}</p>
          {!cancelled && (
            <>
              <p class="code-label">{w.codeLabel}</p>
              <p class="code">{showCode(appt.code)}</p>
            </>
          )}
        </section>
        {cancelled ? (
          <a class="notify again" href={pageLink("/c/hen", v.centerId)}>
            {w.bookAgain}
          </a>
        ) : (
          <>
            <HereQr />
            {/* Cancellable until the window closes: past it, the code still gets an ordinary number today. */}
            <p class="how">{v.cancellable ? w.checkInHow(appt.checkInFrom, appt.checkInUntil) : w.windowPassed}</p>
            {v.cancellable && <p class="keep">{w.keepPage}</p>}
            {appt.address && <p class="address">{w.address(appt.address)}</p>}
            {v.cancellable && <Cancel w={w} label={w.cancelBooking} ask={w.cancelBookingAsk} yes={w.cancelBookingYes} />}
          </>
        )}
        {footer}
      </main>
    );
  }
  if (v.status === "cancelled" && !v.number) {
    // A number taken from home and given up before check-in: it never had a number.
    return (
      <main class="follow reserved gone" data-status="cancelled">
        {header}
        <p class="label">{serviceName}</p>
        <p class="status">{w.turnCancelled}</p>
        <a class="notify again" href={pageLink("/c/", v.centerId)}>
          {w.takeAgain}
        </a>
        {footer}
      </main>
    );
  }
  if (v.status === "reserved") {
    return (
      <main class="follow reserved" data-status="reserved">
        {header}
        <p class="label">{serviceName}</p>
        <p class="status">{w.reserved}</p>
        {closed}
        <HereQr />
        <p>{w.reservedHow}</p>
        <p class="ahead">{w.lineNow(v.ahead)}</p>
        {band}
        <Arrive w={w} />
        {v.cancellable && <Cancel w={w} label={w.cancelTurn} ask={w.cancelTurnAsk} yes={w.cancelTurnYes} />}
        {footer}
      </main>
    );
  }
  const atCounter = v.status === "called" || v.status === "serving";
  const statusText = v.status === "waiting" ? w.waiting : v.status === "called" ? w.called : w[v.status];
  const allowed = permission.value;
  // A booked citizen checked in is called at their slot: the slot is their time, not a band.
  const booked = appt !== undefined && appt.status !== "walk_in";
  return (
    <main class={`follow ${v.status}`} data-status={v.status}>
      {header}
      <p class="label">{w.title}</p>
      <div class="number">{v.number}</div>
      <p class="service">{serviceName}</p>
      {appt && <p class="appt-line">{appt.status === "walk_in" ? w.walkIn(appt.time) : w.appointmentAt(appt.time)}</p>}
      <p class="status">{statusText}</p>
      {atCounter && v.counterNumber !== null && <p class="counter">{w.goTo(v.counterNumber)}</p>}
      {v.status === "waiting" && (
        <>
          {/* Before opening; after closing the counters still at work serve whoever waits. */}
          {v.callsFrom && closed}
          {!booked && <p class="ahead">{w.ahead(v.ahead)}</p>}
          {!booked && v.callsFrom && <p class="calls-from">{w.callsFrom(timeOf(v.callsFrom))}</p>}
          {!booked && band}
          {allowed === "default" && (
            <button type="button" class="notify" onClick={() => void askPermission()}>
              {w.notifyOn}
            </button>
          )}
          <p class="hint">{allowed === "granted" ? w.notifyReady : allowed === "denied" ? w.notifyBlocked : w.keepOpen}</p>
        </>
      )}
      {footer}
    </main>
  );
}

/** This page's own address as a QR, for the kiosk's scanner to check the citizen in. */
function HereQr() {
  // The QR's code is fetched only by the pages that show one.
  useEffect(() => void drawQr(), []);
  const svg = qr.value;
  return <div class="qr" data-url={location.href} dangerouslySetInnerHTML={svg ? { __html: svg } : undefined} />;
}

/** "I have arrived": the hall code from the lobby's big screen puts a held number in the line. */
function Arrive({ w }: { w: Words }) {
  const error = arriveError.value;
  return (
    <form
      class="arrive"
      onSubmit={(e) => {
        e.preventDefault();
        void arrive();
      }}
    >
      <h2>{w.arriveTitle}</h2>
      <p>{w.arriveHow}</p>
      <label>
        <span>{w.arriveLabel}</span>
        <input
          name="hallCode"
          inputMode="numeric"
          pattern="[0-9]*"
          autocomplete="off"
          maxLength={4}
          placeholder="0000"
          value={hallCode.value}
          aria-invalid={error ? "true" : undefined}
          onInput={(e) => typeHallCode(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="notify" disabled={arriving.value}>
        {arriving.value ? w.arriving : w.arriveButton}
      </button>
    </form>
  );
}

/** Give up a booking or a held number, after a second tap. */
function Cancel(props: { w: Words; label: string; ask: string; yes: string }) {
  const { w } = props;
  const stage = cancelStage.value;
  const error = cancelError.value;
  if (stage === "idle") {
    return (
      <button type="button" class="cancel" onClick={() => askToCancel(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <div class="confirm-cancel" role="group">
      <p>{props.ask}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" class="cancel yes" disabled={stage === "busy"} onClick={() => void cancel()}>
        {stage === "busy" ? w.cancelling : props.yes}
      </button>
      <button type="button" class="keep" disabled={stage === "busy"} onClick={() => askToCancel(false)}>
        {w.keep}
      </button>
    </div>
  );
}
