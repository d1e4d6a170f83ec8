import { hhmmOf, minutesOf } from "@motcua/engine";
import { nameIn, PhoneNumber } from "@motcua/protocol";
import {
  back,
  book,
  busy,
  choice,
  error,
  field,
  flow,
  givePhone,
  go,
  loadOffer,
  loadSlots,
  offer,
  offerFailed,
  offline,
  oneService,
  pickDay,
  pickField,
  pickService,
  pickSlot,
  service,
  slots,
  slotsFailed,
  step,
  STEPS,
  typePhone,
  type Step,
} from "./book-store.ts";
import { BOOK_WORDS } from "./book-words.ts";
import { pageLink } from "./links.ts";
import { NoCenter, PageHeader } from "./page.tsx";
import { center, centerUnknown, lang } from "./store.ts";
import { dayMonth, fullDay, weekday, WORDS } from "./words.ts";

/** "0912 345 678", however it was typed (+84…, dots, no spaces). */
function showPhone(typed: string): string {
  const p = PhoneNumber.safeParse(typed);
  return p.success ? `${p.data.slice(0, 4)} ${p.data.slice(4, 7)} ${p.data.slice(7)}` : typed.trim();
}

/** The booking page: one step at a time, each a page in the phone's history. */
export function Book() {
  const l = lang.value;
  const w = BOOK_WORDS[l];
  const common = WORDS[l];
  const name = (x: { name: string; nameEn: string }) => nameIn(l, x);
  const o = offer.value;
  const at = step.value;
  const c = choice.value;
  const f = field.value;
  const s = service.value;
  const one = oneService.value;
  const steps = flow.value;

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
    STEPS.indexOf(at) > 0 && f ? name(f) : null,
    STEPS.indexOf(at) > 1 && s && !one ? name(s) : null,
    STEPS.indexOf(at) > 2 && c.date ? `${weekday(c.date, l)} ${dayMonth(c.date)}` : null,
    STEPS.indexOf(at) > 3 && c.time ? c.time : null,
  ].filter((x): x is string => x !== null);

  let body;
  if (centerUnknown.value) {
    body = <NoCenter />;
  } else if (!o) {
    body = offerFailed.value ? retry(w.loadFailed, () => void loadOffer()) : <p class="loading">{common.loading}</p>;
  } else if (o.fields.length === 0) {
    body = <p>{w.none}</p>;
  } else if (at === "field") {
    body = (
      <>
        <p class="hint">{w.intro}</p>
        <div class="choices">
          {o.fields.map((x) => (
            <button type="button" key={x.id} data-field={x.id} class={`choice${c.fieldId === x.id ? " on" : ""}`} onClick={() => pickField(x.id)}>
              <span class="name">{name(x)}</span>
              <span class="meta">{x.services.map(name).join(" · ")}</span>
            </button>
          ))}
        </div>
      </>
    );
  } else if (at === "service") {
    body = (
      <div class="choices">
        {f!.services.map((x) => (
          <button type="button" key={x.id} data-service={x.id} class={`choice${c.serviceId === x.id ? " on" : ""}`} onClick={() => pickService(x.id)}>
            <span class="name">{name(x)}</span>
          </button>
        ))}
      </div>
    );
  } else if (at === "day") {
    body =
      o.days.length === 0 ? (
        <p>{w.noDays}</p>
      ) : (
        <div class="days">
          {o.days.map((d, i) => (
            <button
              type="button"
              key={d.date}
              data-date={d.date}
              class={`day${d.open ? "" : " closed"}${c.date === d.date ? " on" : ""}`}
              disabled={!d.open}
              onClick={() => pickDay(d.date)}
            >
              <span class="dname">
                <span class="wd">{weekday(d.date, l)}</span> <span class="dm">{dayMonth(d.date)}</span>
              </span>
              {i === 0 && <span class="tag">{w.today}</span>}
              {!d.open && <span class="reason">{nameIn(l, { name: d.holiday ?? "", nameEn: d.holidayEn ?? "" }) || w.closed}</span>}
            </button>
          ))}
        </div>
      );
  } else if (at === "slot") {
    const list = slots.value;
    if (slotsFailed.value) body = retry(w.slotsFailed, loadSlots);
    else if (!list) body = <p class="loading">{w.loadingSlots}</p>;
    else if (!list.open) body = <p>{w.dayClosed}</p>;
    // Open, but every slot of the day has begun (late in the afternoon).
    else if (list.slots.length === 0) body = <p>{w.noSlots}</p>;
    else {
      const half = (morning: boolean) => list.slots.filter((x) => x.time < "12:00" === morning);
      body = (
        <>
          <p class="hint">{w.slotLength(f!.slotMinutes)}</p>
          {list.slots.every((x) => x.left === 0) && <p class="error">{w.noSlots}</p>}
          {[true, false].map((morning) =>
            half(morning).length === 0 ? null : (
              <section key={String(morning)} class="half">
                <h3>{morning ? w.morning : w.afternoon}</h3>
                <div class="slots">
                  {half(morning).map((x) => (
                    <button
                      type="button"
                      key={x.time}
                      data-time={x.time}
                      class={`slot${c.time === x.time ? " on" : ""}`}
                      disabled={x.left === 0}
                      onClick={() => pickSlot(x.time)}
                    >
                      <span class="t">{x.time}</span>
                      <span class="left">{x.left > 0 ? w.left(x.left) : w.full}</span>
                    </button>
                  ))}
                </div>
              </section>
            ),
          )}
        </>
      );
    }
  } else if (at === "phone") {
    body = (
      <form
        class="phone-form"
        onSubmit={(e) => {
          e.preventDefault();
          givePhone();
        }}
      >
        <label class="phone">
          {w.phone}
          <input
            type="tel"
            name="phone"
            inputMode="tel"
            autocomplete="tel"
            placeholder="0912 345 678"
            value={c.phone}
            onInput={(e) => typePhone(e.currentTarget.value)}
          />
        </label>
        <p class="why">{w.phoneWhy}</p>
        <button type="submit" class="notify" disabled={!c.phone.trim()}>
          {w.next}
        </button>
      </form>
    );
  } else {
    const rows: [string, string, Step][] = [
      [w.field, f ? name(f) : "", "field"],
      ...(one ? [] : ([[w.service, s ? name(s) : "", "service"]] as [string, string, Step][])),
      [w.day, fullDay(c.date, l), "day"],
      [w.time, f ? `${c.time}–${hhmmOf(minutesOf(c.time) + f.slotMinutes)}` : c.time, "slot"],
      [w.phoneShort, showPhone(c.phone), "phone"],
    ];
    body = (
      <>
        <dl class="summary">
          {rows.map(([label, value, to]) => (
            <div key={to}>
              <dt>{label}</dt>
              <dd>{value}</dd>
              <button type="button" class="change" disabled={busy.value} onClick={() => go(to)}>
                {w.change}
              </button>
            </div>
          ))}
        </dl>
        {one && s && <p class="hint">{`${w.service}: ${name(s)}`}</p>}
        <p class="hint">{w.checkInNote(o.checkInEarlyMinutes, o.checkInLateMinutes)}</p>
        <button type="button" class="notify confirm" disabled={busy.value} onClick={() => void book()}>
          {busy.value ? w.booking : offline.value ? w.retry : w.confirm}
        </button>
      </>
    );
  }

  return (
    <main class="follow book" data-step={o ? at : "loading"}>
      <PageHeader title={o ? name({ name: o.centerName, nameEn: o.centerNameEn }) : w.title} />
      <h1>{w.title}</h1>
      {o && o.fields.length > 0 && (
        <div class="stepbar">
          {at !== "field" ? (
            <button type="button" class="back" onClick={back}>
              {w.back}
            </button>
          ) : (
            <a class="back" href={pageLink("/c/", center)}>
              {w.back}
            </a>
          )}
          <span class="count">{w.stepOf(steps.indexOf(at) + 1, steps.length)}</span>
        </div>
      )}
      {o && o.fields.length > 0 && <h2>{w.steps[STEPS.indexOf(at)]}</h2>}
      {recap.length > 0 && at !== "confirm" && (
        <p class="recap">
          {recap.flatMap((r, i) => [...(i > 0 ? [" · "] : []), <span key={r}>{r}</span>])}
        </p>
      )}
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {body}
    </main>
  );
}
