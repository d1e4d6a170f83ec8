import type { KioskSnapshot } from "@motcua/protocol";
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useName, useT, type Lang } from "./i18n.ts";
import { Icon } from "./icons.tsx";
import type { Screen } from "./kiosk.tsx";

/** The center's time zone: every clock time the kiosk shows is in it. */
export const TZ = "Asia/Ho_Chi_Minh";

function Clock({ lang }: { lang: Lang }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 10_000);
    return () => clearInterval(timer);
  }, []);
  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  return (
    <div class="clock">
      <span class="time">{now.toLocaleTimeString(locale, { timeZone: TZ, hour: "2-digit", minute: "2-digit" })}</span>
      <span class="date">{now.toLocaleDateString(locale, { timeZone: TZ, weekday: "long", day: "2-digit", month: "2-digit", year: "numeric" })}</span>
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
  snapshot: KioskSnapshot | null;
  screen: Screen["name"];
  onHome: () => void;
  go: (s: Screen) => void;
  lang: Lang;
  onLang: () => void;
  large: boolean;
  onLarge: () => void;
  contrast: boolean;
  onContrast: () => void;
  message: string | null;
  onMessage: () => void;
  /** The link is down: over the whole screen, or as a banner where a citizen's number must stay in view. */
  offline: "overlay" | "banner" | null;
  children: ComponentChildren;
}

/** The kiosk's frame: the center and clock on top, the citizen's ways out at the bottom, always. */
export function Frame(p: FrameProps) {
  const t = useT();
  const name = useName();
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
        <button type="button" class="center-name" onClick={p.onHome}>
          {p.snapshot ? name(p.snapshot.center) : ""}
        </button>
        <div class="toggles">
          <button type="button" class="toggle" lang={p.lang === "vi" ? "en" : "vi"} onClick={p.onLang}>
            {t.language}
          </button>
          <button type="button" class={`toggle${p.large ? " on" : ""}`} aria-pressed={p.large} onClick={p.onLarge}>
            {t.largeText}
          </button>
          <button type="button" class={`toggle${p.contrast ? " on" : ""}`} aria-pressed={p.contrast} onClick={p.onContrast}>
            {t.contrast}
          </button>
        </div>
        <Clock lang={p.lang} />
      </header>
      <main>
        {p.offline === "banner" && (
          <div class="message offline-banner" role="alert">
            {t.offlineTitle}. {t.offlineText}
          </div>
        )}
        {p.message && (
          <button type="button" class="message" role="alert" onClick={p.onMessage}>
            {p.message}
          </button>
        )}
        {p.children}
      </main>
      <nav class="actions">
        {actions.map((a) => (
          <button
            type="button"
            key={a.screen.name}
            class={`action${p.screen === a.screen.name ? " current" : ""}`}
            onClick={() => (a.screen.name === "start" ? p.onHome() : p.go(a.screen))}
          >
            <Icon name={a.icon} size={40} />
            <span>{a.label}</span>
          </button>
        ))}
      </nav>
      {p.offline === "overlay" && (
        <div class="offline" role="alert">
          <div class="spinner" aria-hidden="true" />
          <h1>{t.offlineTitle}</h1>
          <p>{t.offlineText}</p>
        </div>
      )}
    </>
  );
}
