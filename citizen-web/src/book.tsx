import { AppointmentOffer, BookingMade, PhoneNumber, SlotList } from "@motcua/protocol";
import { useEffect, useRef, useState } from "preact/hooks";
import { BOOK_WORDS } from "./book-words.ts";
import { ask, codeOf, PageHeader } from "./page.tsx";
import { dayMonth, fullDay, weekday, WORDS, type Lang } from "./words.ts";

// Booking an appointment (đặt lịch hẹn) from a phone: field → procedure → day → time → phone
// number → confirm, then the booking's own page (/f/<token>) with its code and QR. Loaded only
// when someone opens /c/hen, so the follow page stays small.

const STEPS = ["field", "service", "day", "slot", "phone", "confirm"] as const;
type Step = (typeof STEPS)[number];

interface Choice {
  fieldId: string;
  serviceId: string;
  date: string;
  time: string;
  phone: string;
}
const NOTHING: Choice = { fieldId: "", serviceId: "", date: "", time: "", phone: "" };

/** The step asked for, or the last one the choices made so far reach (after a reload or a forward tap). */
function reachable(step: Step, c: Choice): Step {
  const needs: [Step, boolean][] = [
    ["service", c.fieldId !== ""],
    ["day", c.serviceId !== ""],
    ["slot", c.date !== ""],
    ["phone", c.time !== ""],
    ["confirm", PhoneNumber.safeParse(c.phone).success],
  ];
  let at: Step = "field";
  for (const [s, ok] of needs) {
    if (!ok || STEPS.indexOf(s) > STEPS.indexOf(step)) break;
    at = s;
  }
  return at;
}


/** "0912 345 678", however it was typed (+84…, dots, no spaces). */
function showPhone(typed: string): string {
  const p = PhoneNumber.safeParse(typed);
  return p.success ? `${p.data.slice(0, 4)} ${p.data.slice(4, 7)} ${p.data.slice(7)}` : typed.trim();
}

/** "10:00" for "09:30" and 30 minutes. */
function plusMinutes(time: string, minutes: number): string {
  const m = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + minutes;
  return `${String(Math.floor(m / 60) % 24).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export function Book({ lang, onLang }: { lang: Lang; onLang: () => void }) {
  const w = BOOK_WORDS[lang];
  const common = WORDS[lang];
  const [offer, setOffer] = useState<AppointmentOffer | null>(null);
  const [offerFailed, setOfferFailed] = useState(false);
  const [offerTry, setOfferTry] = useState(0);
  const [asked, setAsked] = useState<Step>("field");
  const [choice, setChoice] = useState<Choice>(NOTHING);
  const [slots, setSlots] = useState<SlotList | null>(null);
  const [slotsFailed, setSlotsFailed] = useState(false);
  const [slotsTry, setSlotsTry] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [busy, setBusy] = useState(false);
  const step = reachable(asked, choice);
  const name = (x: { name: string; nameEn: string }) => (lang === "en" ? x.nameEn : x.name);

  useEffect(() => {
    document.title = `${w.title} – motcua`;
  }, [w]);

  useEffect(() => {
    let alive = true;
    setOfferFailed(false);
    ask("/api/appointments")
      .then((r) => {
        if (!alive) return;
        const o = AppointmentOffer.safeParse(r.body);
        if (r.ok && o.success) setOffer(o.data);
        else setOfferFailed(true);
      })
      .catch(() => alive && setOfferFailed(true));
    return () => {
      alive = false;
    };
  }, [offerTry]);

  // Each step is a page in the browser's history: the phone's back button goes one step back.
  useEffect(() => {
    history.replaceState({ step: "field" }, "");
    const back = (e: PopStateEvent) => {
      const s = (e.state as { step?: Step } | null)?.step;
      setAsked(s && STEPS.includes(s) ? s : "field");
      setError(null);
    };
    addEventListener("popstate", back);
    return () => removeEventListener("popstate", back);
  }, []);

  useEffect(() => {
    if (step !== "slot" || !choice.fieldId || !choice.date) return;
    let alive = true;
    setSlots(null);
    setSlotsFailed(false);
    ask(`/api/appointments/slots?fieldId=${encodeURIComponent(choice.fieldId)}&date=${encodeURIComponent(choice.date)}`)
      .then((r) => {
        if (!alive) return;
        const s = SlotList.safeParse(r.body);
        if (r.ok && s.success) setSlots(s.data);
        else setSlotsFailed(true);
      })
      .catch(() => alive && setSlotsFailed(true));
    return () => {
      alive = false;
    };
  }, [step, choice.fieldId, choice.date, slotsTry]);

  const go = (next: Step, message: string | null = null) => {
    // A step sent back by an error (a slot that filled meanwhile) takes the place of the one that
    // failed, so Back does not return to it.
    if (message === null) history.pushState({ step: next }, "");
    else history.replaceState({ step: next }, "");
    setAsked(next);
    setError(message);
    setOffline(false);
    scrollTo(0, 0);
  };

  const field = offer?.fields.find((f) => f.id === choice.fieldId);
  const service = field?.services.find((s) => s.id === choice.serviceId);
  const oneService = field?.services.length === 1;
  const flow = STEPS.filter((s) => s !== "service" || !oneService);

  const pickField = (id: string) => {
    const f = offer?.fields.find((x) => x.id === id);
    if (!f) return;
    const only = f.services.length === 1 ? f.services[0]!.id : "";
    setChoice((c) => (c.fieldId === id ? { ...c, serviceId: only || c.serviceId } : { ...c, fieldId: id, serviceId: only, time: "" }));
    go(only ? "day" : "service");
  };
  const pickService = (id: string) => {
    setChoice((c) => ({ ...c, serviceId: id }));
    go("day");
  };
  const pickDay = (date: string) => {
    setChoice((c) => (c.date === date ? c : { ...c, date, time: "" }));
    go("slot");
  };
  const pickSlot = (time: string) => {
    setChoice((c) => ({ ...c, time }));
    go("phone");
  };
  const givePhone = (e: Event) => {
    e.preventDefault();
    if (PhoneNumber.safeParse(choice.phone).success) go("confirm");
    else setError(w.phoneBad);
  };

  // One key per booking the citizen means, kept across "Thử lại": if the first answer was lost on
  // the way, the server answers the booking it made instead of refusing a second one.
  const requestKey = useRef<{ of: string; key: string } | null>(null);
  const keyFor = (of: string) => {
    if (requestKey.current?.of !== of) {
      // getRandomValues, not randomUUID: the hall's address is plain http, not a secure context.
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      requestKey.current = { of, key: Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("") };
    }
    return requestKey.current.key;
  };

  const book = async () => {
    setBusy(true);
    setError(null);
    setOffline(false);
    let r: Awaited<ReturnType<typeof ask>>;
    try {
      const { serviceId, date, time, phone } = choice;
      const key = keyFor(JSON.stringify([serviceId, date, time, phone]));
      r = await ask("/api/appointments", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ serviceId, date, time, phone, requestKey: key }) });
    } catch {
      // No answer: keep every choice and let them try again.
      setBusy(false);
      setOffline(true);
      setError(w.errors.network!);
      return;
    }
    const made = BookingMade.safeParse(r.body);
    if (r.ok && made.success) return location.assign(`/f/${encodeURIComponent(made.data.token)}`);
    setBusy(false);
    const code = codeOf(r.body);
    if (code === "SLOT_FULL") {
      setChoice((c) => ({ ...c, time: "" }));
      setSlotsTry((n) => n + 1);
      return go("slot", w.errors.SLOT_FULL!);
    }
    if (r.status >= 502) setOffline(true);
    setError(w.errors[code] ?? (r.status >= 502 ? w.errors.network! : w.errors.other!));
  };

  const retry = (label: string, onRetry: () => void) => (
    <div class="failed">
      <p class="error" role="alert">
        {label}
      </p>
      <button type="button" class="notify" onClick={onRetry}>
        {w.retry}
      </button>
    </div>
  );

  const recap = [
    STEPS.indexOf(step) > 0 && field ? name(field) : null,
    STEPS.indexOf(step) > 1 && service && !oneService ? name(service) : null,
    STEPS.indexOf(step) > 2 && choice.date ? `${weekday(choice.date, lang)} ${dayMonth(choice.date)}` : null,
    STEPS.indexOf(step) > 3 && choice.time ? choice.time : null,
  ].filter((x): x is string => x !== null);

  let body;
  if (!offer) {
    body = offerFailed ? retry(w.loadFailed, () => setOfferTry((n) => n + 1)) : <p class="loading">{common.loading}</p>;
  } else if (offer.fields.length === 0) {
    body = <p>{w.none}</p>;
  } else if (step === "field") {
    body = (
      <>
        <p class="hint">{w.intro}</p>
        <div class="choices">
          {offer.fields.map((f) => (
            <button type="button" key={f.id} data-field={f.id} class={`choice${choice.fieldId === f.id ? " on" : ""}`} onClick={() => pickField(f.id)}>
              <span class="name">{name(f)}</span>
              <span class="meta">{f.services.map(name).join(" · ")}</span>
            </button>
          ))}
        </div>
      </>
    );
  } else if (step === "service") {
    body = (
      <div class="choices">
        {field!.services.map((s) => (
          <button type="button" key={s.id} data-service={s.id} class={`choice${choice.serviceId === s.id ? " on" : ""}`} onClick={() => pickService(s.id)}>
            <span class="name">{name(s)}</span>
          </button>
        ))}
      </div>
    );
  } else if (step === "day") {
    body =
      offer.days.length === 0 ? (
        <p>{w.noDays}</p>
      ) : (
        <div class="days">
          {offer.days.map((d, i) => (
            <button
              type="button"
              key={d.date}
              data-date={d.date}
              class={`day${d.open ? "" : " closed"}${choice.date === d.date ? " on" : ""}`}
              disabled={!d.open}
              onClick={() => pickDay(d.date)}
            >
              <span class="dname">
                <span class="wd">{weekday(d.date, lang)}</span> <span class="dm">{dayMonth(d.date)}</span>
              </span>
              {i === 0 && <span class="tag">{w.today}</span>}
              {!d.open && <span class="reason">{(lang === "en" ? d.holidayEn : d.holiday) ?? w.closed}</span>}
            </button>
          ))}
        </div>
      );
  } else if (step === "slot") {
    if (slotsFailed) body = retry(w.slotsFailed, () => setSlotsTry((n) => n + 1));
    else if (!slots) body = <p class="loading">{w.loadingSlots}</p>;
    else if (!slots.open) body = <p>{w.dayClosed}</p>;
    // Open, but every slot of the day has begun (late in the afternoon).
    else if (slots.slots.length === 0) body = <p>{w.noSlots}</p>;
    else {
      const half = (morning: boolean) => slots.slots.filter((s) => s.time < "12:00" === morning);
      body = (
        <>
          <p class="hint">{w.slotLength(field!.slotMinutes)}</p>
          {slots.slots.every((s) => s.left === 0) && <p class="error">{w.noSlots}</p>}
          {[true, false].map((morning) =>
            half(morning).length === 0 ? null : (
              <section key={String(morning)} class="half">
                <h3>{morning ? w.morning : w.afternoon}</h3>
                <div class="slots">
                  {half(morning).map((s) => (
                    <button
                      type="button"
                      key={s.time}
                      data-time={s.time}
                      class={`slot${choice.time === s.time ? " on" : ""}`}
                      disabled={s.left === 0}
                      onClick={() => pickSlot(s.time)}
                    >
                      <span class="t">{s.time}</span>
                      <span class="left">{s.left > 0 ? w.left(s.left) : w.full}</span>
                    </button>
                  ))}
                </div>
              </section>
            ),
          )}
        </>
      );
    }
  } else if (step === "phone") {
    body = (
      <form class="phone-form" onSubmit={givePhone}>
        <label class="phone">
          {w.phone}
          <input
            type="tel"
            name="phone"
            inputMode="tel"
            autocomplete="tel"
            placeholder="0912 345 678"
            value={choice.phone}
            onInput={(e) => setChoice((c) => ({ ...c, phone: e.currentTarget.value }))}
          />
        </label>
        <p class="why">{w.phoneWhy}</p>
        <button type="submit" class="notify" disabled={!choice.phone.trim()}>
          {w.next}
        </button>
      </form>
    );
  } else {
    const rows: [string, string, Step][] = [
      [w.field, field ? name(field) : "", "field"],
      ...(oneService ? [] : ([[w.service, service ? name(service) : "", "service"]] as [string, string, Step][])),
      [w.day, fullDay(choice.date, lang), "day"],
      [w.time, field ? `${choice.time}–${plusMinutes(choice.time, field.slotMinutes)}` : choice.time, "slot"],
      [w.phoneShort, showPhone(choice.phone), "phone"],
    ];
    body = (
      <>
        <dl class="summary">
          {rows.map(([label, value, at]) => (
            <div key={at}>
              <dt>{label}</dt>
              <dd>{value}</dd>
              <button type="button" class="change" disabled={busy} onClick={() => go(at)}>
                {w.change}
              </button>
            </div>
          ))}
        </dl>
        {oneService && service && <p class="hint">{`${w.service}: ${name(service)}`}</p>}
        <p class="hint">{w.checkInNote(offer.checkInEarlyMinutes, offer.checkInLateMinutes)}</p>
        <button type="button" class="notify confirm" disabled={busy} onClick={() => void book()}>
          {busy ? w.booking : offline ? w.retry : w.confirm}
        </button>
      </>
    );
  }

  return (
    <main class="follow book" data-step={offer ? step : "loading"}>
      <PageHeader title={offer ? name({ name: offer.centerName, nameEn: offer.centerNameEn }) : w.title} language={common.language} onLang={onLang} />
      <h1>{w.title}</h1>
      {offer && offer.fields.length > 0 && (
        <div class="stepbar">
          {step !== "field" ? (
            <button type="button" class="back" onClick={() => history.back()}>
              {w.back}
            </button>
          ) : (
            <a class="back" href="/c/">
              {w.back}
            </a>
          )}
          <span class="count">{w.stepOf(flow.indexOf(step) + 1, flow.length)}</span>
        </div>
      )}
      {offer && offer.fields.length > 0 && <h2>{w.steps[STEPS.indexOf(step)]}</h2>}
      {recap.length > 0 && step !== "confirm" && (
        <p class="recap">
          {recap.flatMap((r, i) => [...(i > 0 ? [" · "] : []), <span key={r}>{r}</span>])}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {body}
    </main>
  );
}
