import { RemoteOffer, RemoteTaken } from "@motcua/protocol";
import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "./page.tsx";
import { WORDS, type Lang } from "./words.ts";

/** Take a number from home: choose the procedure, give a phone number, get the follow link. */
export function Remote({ lang, onLang }: { lang: Lang; onLang: () => void }) {
  const w = WORDS[lang];
  const [offer, setOffer] = useState<RemoteOffer | null>(null);
  const [serviceId, setServiceId] = useState("");
  const [phone, setPhone] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void fetch("/api/remote")
      .then((res) => res.json())
      .then((body) => {
        const o = RemoteOffer.safeParse(body);
        if (o.success) setOffer(o.data);
      })
      .catch(() => setError(w.errors.other!));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/remote", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ serviceId, phone }) });
      const body = (await res.json()) as { code?: string };
      const taken = RemoteTaken.safeParse(body);
      if (res.ok && taken.success) return location.assign(`/f/${taken.data.token}`);
      setError(w.errors[body.code ?? ""] ?? w.errors.other!);
    } catch {
      setError(w.errors.other!);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="follow remote">
      <PageHeader title={offer ? (lang === "en" ? offer.centerNameEn : offer.centerName) : w.remoteTitle} language={w.language} onLang={onLang} />
      <a class="choice book-entry" href="/c/hen">
        <span class="name">{w.bookEntry} ›</span>
        <span class="meta">{w.bookEntryMeta}</span>
      </a>
      <h1>{w.remoteTitle}</h1>
      {!offer ? (
        <p class="loading">{error ?? w.loading}</p>
      ) : !offer.open ? (
        <p>{w.remoteClosed}</p>
      ) : offer.services.length === 0 ? (
        <p>{w.remoteNone}</p>
      ) : (
        <form onSubmit={submit}>
          <p class="hint">{w.remoteIntro}</p>
          <fieldset>
            {offer.services.map((s) => (
              <label key={s.id} class={`choice${serviceId === s.id ? " on" : ""}`}>
                <input type="radio" name="service" value={s.id} checked={serviceId === s.id} onChange={() => setServiceId(s.id)} />
                <span class="name">{lang === "en" ? s.nameEn : s.name}</span>
                <span class="meta">
                  {w.lineNow(s.waiting)} · {w.band(s.estimatedWait.minMinutes, s.estimatedWait.maxMinutes)}
                </span>
              </label>
            ))}
          </fieldset>
          <label class="phone">
            {w.phone}
            <input type="tel" name="phone" inputMode="tel" autocomplete="tel" placeholder="0912 345 678" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
          </label>
          <p class="hint">{w.phoneHint}</p>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="notify" disabled={busy || !serviceId || !phone.trim()}>
            {busy ? w.taking : w.take}
          </button>
        </form>
      )}
    </main>
  );
}
