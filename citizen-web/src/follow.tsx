import { askServer, checkFact, FOLLOW_PATH, followCommands, FollowView } from "@motcua/protocol";
import { useEffect, useRef, useState } from "preact/hooks";
import { io } from "socket.io-client";
import { ask, codeOf, PageHeader } from "./page.tsx";
import { fullDay, showCode, WORDS, type Lang, type Words } from "./words.ts";

/** How close the turn must be for the "come back" notice. */
const SOON = 3;

/** Two short beeps, made here: no sound file to download on a slow line. */
function beep(): void {
  try {
    const ctx = new AudioContext();
    [0, 0.35].forEach((at) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = 988;
      g.gain.setValueAtTime(0.25, ctx.currentTime + at);
      g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + at + 0.25);
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + at);
      o.stop(ctx.currentTime + at + 0.3);
    });
  } catch {
    // No sound: the vibration and the page still tell.
  }
}

/** Vibrate, sound and (where the browser allows) notify: the citizen may be outside the hall. */
function alert(title: string, body: string): void {
  navigator.vibrate?.([300, 120, 300, 120, 300]);
  beep();
  if ("Notification" in window && Notification.permission === "granted") {
    try {
      new Notification(title, { body, tag: "motcua-ticket", requireInteraction: true });
    } catch {
      // Some mobile browsers allow notifications only from a service worker; the page still vibrates.
    }
  }
}

export function Follow({ token, lang, onLang }: { token: string; lang: Lang; onLang: () => void }) {
  const w = WORDS[lang];
  const [view, setView] = useState<FollowView | null>(null);
  const [missing, setMissing] = useState(false);
  const [live, setLive] = useState(false);
  const [permission, setPermission] = useState(() => ("Notification" in window ? Notification.permission : "denied"));
  const told = useRef({ soon: false, called: false });
  const words = useRef(w);
  words.current = w;

  useEffect(() => {
    let alive = true;
    // The first picture over plain HTTP (fast on a slow line), then live over Socket.IO. A phone
    // on a weak line asks again until one of the two has answered.
    let got = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      void fetch(`/api/follow/${encodeURIComponent(token)}`)
        .then(async (res) => {
          if (!alive) return;
          if (res.status === 404) return setMissing(true);
          const v = FollowView.safeParse(await res.json());
          if (!v.success) throw new Error("unreadable");
          got = true;
          setView(v.data);
        })
        .catch(() => {
          if (alive && !got) retry = setTimeout(load, 5000);
        });
    load();
    // Some carriers' proxies refuse WebSockets: long polling then carries the same events.
    const socket = io(FOLLOW_PATH, { auth: { token }, transports: ["websocket", "polling"], tryAllTransports: true });
    socket.on("connect", async () => {
      setLive(true);
      const r = await askServer(socket, followCommands, "follow:sync", {});
      if (r.ok) {
        got = true;
        setView(r.data);
      }
    });
    socket.on("disconnect", () => setLive(false));
    socket.on("connect_error", (e: Error & { data?: { code?: string } }) => {
      if (e.data?.code === "NOT_FOUND") {
        setMissing(true);
        socket.close();
      }
    });
    socket.on("follow:updated", (payload: unknown) => {
      const p = checkFact("follow:updated", payload);
      if (p) setView(p.view);
    });
    return () => {
      alive = false;
      clearTimeout(retry);
      socket.close();
    };
  }, [token]);

  // Tell once when the turn is near, and once when it comes.
  useEffect(() => {
    if (!view) return;
    const t = words.current;
    if (view.status === "called" && !told.current.called) {
      told.current.called = true;
      alert(t.called, `${t.notice(view.number)} · ${view.counterNumber ? t.goTo(view.counterNumber) : ""}`);
    } else if (view.status === "waiting" && view.ahead > 0 && view.ahead <= SOON && !told.current.soon) {
      told.current.soon = true;
      alert(t.soon(view.ahead), t.notice(view.number));
    }
  }, [view]);

  const askPermission = async () => {
    if (!("Notification" in window)) return;
    setPermission(await Notification.requestPermission());
  };

  const header = <PageHeader title={view ? (lang === "en" ? view.centerNameEn : view.centerName) : w.title} language={w.language} onLang={onLang} />;
  if (missing) {
    return (
      <main class="follow missing">
        {header}
        <h1>{w.notFound}</h1>
        <p>{w.notFoundDetail}</p>
      </main>
    );
  }
  if (!view) {
    return (
      <main class="follow">
        {header}
        <p class="loading">{w.loading}</p>
      </main>
    );
  }
  const footer = (
    <footer>
      <span class={live ? "live" : "off"}>{live ? w.live : w.reconnecting}</span>
      <span>{w.hotline(view.hotline)}</span>
    </footer>
  );
  const appt = view.appointment;
  if (appt && (view.status === "booked" || appt.status === "booked" || appt.status === "cancelled")) {
    const cancelled = view.status === "cancelled" || appt.status === "cancelled";
    return (
      <main class={`follow booked${cancelled ? " gone" : ""}`} data-status={cancelled ? "cancelled" : "booked"}>
        {header}
        {cancelled && <p class="status cancelled-note">{w.bookingCancelled}</p>}
        <section class="appt">
          <p class="appt-title">{w.appointment}</p>
          <p class="service">{lang === "en" ? view.serviceNameEn : view.serviceName}</p>
          <p class="appt-field">{lang === "en" ? appt.fieldNameEn : appt.fieldName}</p>
          <p class="appt-day">{fullDay(appt.date, lang)}</p>
          <p class="appt-time">{appt.time}</p>
          {!cancelled && (
            <>
              <p class="code-label">{w.codeLabel}</p>
              <p class="code">{showCode(appt.code)}</p>
            </>
          )}
        </section>
        {cancelled ? (
          <a class="notify again" href="/c/hen">
            {w.bookAgain}
          </a>
        ) : (
          <>
            <HereQr />
            {/* Cancellable until the window closes: past it, the code still gets an ordinary number today. */}
            <p class="how">{view.cancellable ? w.checkInHow(appt.checkInFrom, appt.checkInUntil) : w.windowPassed}</p>
            {view.cancellable && <p class="keep">{w.keepPage}</p>}
            {appt.address && <p class="address">{w.address(appt.address)}</p>}
            {view.cancellable && <Cancel token={token} w={w} label={w.cancelBooking} ask={w.cancelBookingAsk} yes={w.cancelBookingYes} onDone={setView} />}
          </>
        )}
        {footer}
      </main>
    );
  }
  if (view.status === "cancelled" && !view.number) {
    // A number taken from home and given up before check-in: it never had a number.
    return (
      <main class="follow reserved gone" data-status="cancelled">
        {header}
        <p class="label">{lang === "en" ? view.serviceNameEn : view.serviceName}</p>
        <p class="status">{w.turnCancelled}</p>
        <a class="notify again" href="/c/">
          {w.takeAgain}
        </a>
        {footer}
      </main>
    );
  }
  if (view.status === "reserved") {
    return (
      <main class="follow reserved" data-status="reserved">
        {header}
        <p class="label">{lang === "en" ? view.serviceNameEn : view.serviceName}</p>
        <p class="status">{w.reserved}</p>
        <HereQr />
        <p>{w.reservedHow}</p>
        <p class="ahead">{w.lineNow(view.ahead)}</p>
        {view.estimatedWait && <p class="band">{w.band(view.estimatedWait.minMinutes, view.estimatedWait.maxMinutes)}</p>}
        <Arrive token={token} w={w} onDone={setView} />
        {view.cancellable && <Cancel token={token} w={w} label={w.cancelTurn} ask={w.cancelTurnAsk} yes={w.cancelTurnYes} onDone={setView} />}
        {footer}
      </main>
    );
  }
  const atCounter = view.status === "called" || view.status === "serving";
  const statusText = view.status === "waiting" ? w.waiting : view.status === "called" ? w.called : w[view.status];
  return (
    <main class={`follow ${view.status}`} data-status={view.status}>
      {header}
      <p class="label">{w.title}</p>
      <div class="number">{view.number}</div>
      <p class="service">{lang === "en" ? view.serviceNameEn : view.serviceName}</p>
      {appt && <p class="appt-line">{appt.status === "walk_in" ? w.walkIn(appt.time) : w.appointmentAt(appt.time)}</p>}
      <p class="status">{statusText}</p>
      {atCounter && view.counterNumber !== null && <p class="counter">{w.goTo(view.counterNumber)}</p>}
      {view.status === "waiting" && (
        <>
          <p class="ahead">{w.ahead(view.ahead)}</p>
          {view.estimatedWait && <p class="band">{w.band(view.estimatedWait.minMinutes, view.estimatedWait.maxMinutes)}</p>}
          {permission === "default" && (
            <button type="button" class="notify" onClick={() => void askPermission()}>
              {w.notifyOn}
            </button>
          )}
          <p class="hint">{permission === "granted" ? w.notifyReady : permission === "denied" ? w.notifyBlocked : w.keepOpen}</p>
        </>
      )}
      {footer}
    </main>
  );
}

/** This page's own address as a QR, for the kiosk's scanner to check the citizen in. */
function HereQr() {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    void import("uqr").then((m) => setSvg(m.renderSVG(location.href, { border: 2, ecc: "M" })));
  }, []);
  return <div class="qr" data-url={location.href} dangerouslySetInnerHTML={svg ? { __html: svg } : undefined} />;
}

/**
 * "I have arrived": the four-digit hall code from the lobby's big screen checks a held number
 * in without the kiosk; the server answers the ticket it became, which the page then follows.
 */
function Arrive(props: { token: string; w: Words; onDone: (v: FollowView) => void }) {
  const { w } = props;
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!/^\d{4}$/.test(code)) return setError(w.arriveErrors.BAD_REQUEST!);
    setBusy(true);
    setError(null);
    const r = await act(props.token, "arrive", { code });
    if ("view" in r) return props.onDone(r.view);
    setError(w.arriveErrors[r.code] ?? w.arriveErrors.other!);
    setBusy(false);
  };
  return (
    <form class="arrive" onSubmit={(e) => void submit(e)}>
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
          value={code}
          aria-invalid={error ? "true" : undefined}
          onInput={(e) => {
            setCode(e.currentTarget.value.replace(/\D/g, "").slice(0, 4));
            setError(null);
          }}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="notify" disabled={busy}>
        {busy ? w.arriving : w.arriveButton}
      </button>
    </form>
  );
}

/** Give up a booking or a held number, after a second tap: the server answers the page's new view. */
function Cancel(props: { token: string; w: Words; label: string; ask: string; yes: string; onDone: (v: FollowView) => void }) {
  const { w } = props;
  const [stage, setStage] = useState<"idle" | "asking" | "busy">("idle");
  const [error, setError] = useState<string | null>(null);
  const cancel = async () => {
    setStage("busy");
    setError(null);
    const r = await act(props.token, "cancel");
    if ("view" in r) return props.onDone(r.view);
    setError(w.cancelErrors[r.code] ?? w.cancelErrors.other!);
    setStage("asking");
  };
  if (stage === "idle") {
    return (
      <button type="button" class="cancel" onClick={() => setStage("asking")}>
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
      <button type="button" class="keep" disabled={stage === "busy"} onClick={() => setStage("idle")}>
        {w.keep}
      </button>
    </div>
  );
}

/**
 * One of the phone's own actions on its token (give up, "I have arrived"): the page's view after
 * it, or the failure's code ("" when the answer was unreadable or never came).
 */
async function act(token: string, action: "cancel" | "arrive", body?: unknown): Promise<{ view: FollowView } | { code: string }> {
  try {
    const r = await ask(`/api/follow/${encodeURIComponent(token)}/${action}`, {
      method: "POST",
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const v = FollowView.safeParse(r.body);
    return r.ok && v.success ? { view: v.data } : { code: codeOf(r.body) };
  } catch {
    return { code: "" };
  }
}
