import { CENTER_TIMEZONE, type Lang } from "@motcua/protocol";
import { useSignal } from "@preact/signals";
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { useName, useT } from "./i18n.ts";
import { Icon } from "./icons.tsx";
import type { KioskModel, Screen } from "./store.ts";

function Clock({ lang }: { lang: Lang }) {
  const now = useSignal(new Date());
  useEffect(() => {
    const timer = setInterval(() => (now.value = new Date()), 10_000);
    return () => clearInterval(timer);
  }, []);
  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  // The center's time, whatever the kiosk PC's own zone.
  const zone = { timeZone: CENTER_TIMEZONE };
  return (
    <div class="clock">
      <span class="time">{now.value.toLocaleTimeString(locale, { ...zone, hour: "2-digit", minute: "2-digit" })}</span>
      <span class="date">{now.value.toLocaleDateString(locale, { ...zone, weekday: "long", day: "2-digit", month: "2-digit", year: "numeric" })}</span>
    </div>
  );
}

export function Notice({ title, detail, busy }: { title: string; detail?: string; busy?: boolean }) {
  return (
    <div class="notice" role="status">
      {busy && <div class="spinner" aria-hidden="true" />}
      <h1>{title}</h1>
      {detail && <p>{detail}</p>}
    </div>
  );
}

interface FrameProps {
  kiosk: KioskModel;
  /** The link is down: over the whole screen, or as a banner where a citizen's number must stay in view. */
  offline: "overlay" | "banner" | null;
  children: ComponentChildren;
}

/** The kiosk's frame: the center and clock on top, the citizen's ways out at the bottom, always. */
export function Frame({ kiosk, offline, children }: FrameProps) {
  const t = useT();
  const name = useName();
  const snapshot = kiosk.snapshot.value;
  const lang = kiosk.lang.value;
  const large = kiosk.large.value;
  const contrast = kiosk.contrast.value;
  const reading = kiosk.reading.value;
  const message = kiosk.message.value;
  const screen = kiosk.screen.value.name;
  const actions: { screen: Screen; icon: string; label: string }[] = [
    { screen: { name: "start" }, icon: "ticket", label: t.takeTicket },
    { screen: { name: "scan" }, icon: "qr", label: t.scan },
    { screen: { name: "procedures" }, icon: "book", label: t.procedures },
    { screen: { name: "rate", ticket: null }, icon: "star", label: t.rate },
    { screen: { name: "help" }, icon: "help", label: t.help },
  ];
  return (
    <>
      <header>
        <button type="button" class="center-name" onClick={kiosk.home}>
          {snapshot ? name(snapshot.center) : ""}
        </button>
        <div class="toggles">
          {/* For whoever cannot read the screen: marked by its picture as much as by its word. */}
          <button type="button" class={`toggle speaker${reading ? " on" : ""}`} aria-pressed={reading} onClick={kiosk.toggleReading}>
            <Icon name="speaker" size={36} />
            <span>{reading ? t.readingOn : t.readAloud}</span>
          </button>
          <button type="button" class="toggle" lang={lang === "vi" ? "en" : "vi"} onClick={kiosk.toggleLang}>
            {t.language}
          </button>
          <button type="button" class={`toggle${large ? " on" : ""}`} aria-pressed={large} onClick={kiosk.toggleLarge}>
            {t.largeText}
          </button>
          <button type="button" class={`toggle${contrast ? " on" : ""}`} aria-pressed={contrast} onClick={kiosk.toggleContrast}>
            {t.contrast}
          </button>
        </div>
        <Clock lang={lang} />
      </header>
      <main>
        {offline === "banner" && (
          <div class="message offline-banner" role="alert">
            {t.offlineTitle}. {t.offlineText}
          </div>
        )}
        {message && (
          <button type="button" class="message" role="alert" onClick={kiosk.dismissMessage}>
            {message(t)}
          </button>
        )}
        {children}
        {/* Shown by CSS only while more lies below (kiosk.css, .more-cue). */}
        <button type="button" class="more-cue" tabIndex={-1} onClick={(e) => e.currentTarget.parentElement!.scrollBy(0, innerHeight / 3)}>
          {t.scrollMore}
        </button>
      </main>
      <nav class="actions">
        {actions.map((a) => (
          <button
            type="button"
            key={a.screen.name}
            class={`action${screen === a.screen.name ? " current" : ""}`}
            onClick={() => (a.screen.name === "start" ? kiosk.home() : kiosk.go(a.screen))}
          >
            <Icon name={a.icon} size={40} />
            <span>{a.label}</span>
          </button>
        ))}
      </nav>
      {offline === "overlay" && (
        <div class="offline" role="alert">
          <div class="spinner" aria-hidden="true" />
          <h1>{t.offlineTitle}</h1>
          <p>{t.offlineText}</p>
        </div>
      )}
    </>
  );
}
