import { nameIn } from "@motcua/protocol";
import { pageLink } from "./links.ts";
import { NoCenter, PageHeader, WhereEntry } from "./page.tsx";
import { busy, chooseService, error, offer, phone, serviceId, takeNumber, typePhone } from "./remote-store.ts";
import { center, centerUnknown, lang } from "./store.ts";
import { openingText, WORDS } from "./words.ts";

/** Take a number from home: choose the procedure, give a phone number, get the follow link. */
export function Remote() {
  const l = lang.value;
  const w = WORDS[l];
  const o = offer.value;
  const chosen = serviceId.value;
  return (
    <main class="follow remote">
      <PageHeader title={o ? nameIn(l, { name: o.centerName, nameEn: o.centerNameEn }) : w.remoteTitle} />
      {!centerUnknown.value && (
        <a class="choice book-entry" href={pageLink("/c/hen", center)}>
          <span class="name">{w.bookEntry} ›</span>
          <span class="meta">{w.bookEntryMeta}</span>
        </a>
      )}
      <h1>{w.remoteTitle}</h1>
      {centerUnknown.value ? (
        <NoCenter />
      ) : !o ? (
        <p class="loading">{error.value ?? w.loading}</p>
      ) : !o.open ? (
        <>
          <p>{w.remoteClosed}</p>
          {o.opensAt && <p class="closed-note">{w.opensAt(openingText(o.opensAt, l))}</p>}
        </>
      ) : o.services.length === 0 ? (
        <p>{w.remoteNone}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void takeNumber();
          }}
        >
          <p class="hint">{w.remoteIntro}</p>
          <fieldset>
            {o.services.map((s) => (
              <label key={s.id} class={`choice${chosen === s.id ? " on" : ""}`}>
                <input type="radio" name="service" value={s.id} checked={chosen === s.id} onChange={() => chooseService(s.id)} />
                <span class="name">{nameIn(l, s)}</span>
                <span class="meta">
                  {w.lineNow(s.waiting)} · {w.band(s.estimatedWait.minMinutes, s.estimatedWait.maxMinutes)}
                </span>
              </label>
            ))}
          </fieldset>
          <label class="phone">
            {w.phone}
            <input type="tel" name="phone" inputMode="tel" autocomplete="tel" placeholder="0912 345 678" value={phone.value} onInput={(e) => typePhone(e.currentTarget.value)} />
          </label>
          <p class="hint">{w.phoneHint}</p>
          {error.value && (
            <p class="error" role="alert">
              {error.value}
            </p>
          )}
          <button type="submit" class="notify" disabled={busy.value || !chosen || !phone.value.trim()}>
            {busy.value ? w.taking : w.take}
          </button>
        </form>
      )}
      {!centerUnknown.value && <WhereEntry />}
    </main>
  );
}
