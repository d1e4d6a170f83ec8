import { effect } from "@preact/signals";
import { createSpeech } from "./speech.ts";
import { speakable, ticketWords } from "./spoken-words.ts";
import type { KioskModel } from "./store.ts";

/** What the buttons of a screen say when a finger reaches them: the name on them, not their small print. */
function labelOf(el: Element): string {
  const named = el.querySelector(".name") ?? el.querySelector("span:not(.facts)") ?? el;
  return (el.getAttribute("aria-label") ?? named.textContent ?? "").trim();
}

/** The screen's own title and its one-line ask, as a citizen would read them first. */
function titleOf(main: Element): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const el of main.querySelectorAll(".message, .offline-banner, h1, .lead, .greeting, .opening, h2")) {
    const text = el.textContent?.trim() ?? "";
    if (text && !seen.has(text)) {
      seen.add(text);
      lines.push(text);
    }
    if (lines.length >= 3) break;
  }
  return lines;
}

/**
 * Reads the kiosk aloud while the citizen wants it: each screen's title when it comes, each
 * choice when a finger touches it (before it is let go, so the name is heard as it is chosen),
 * and a ticket in full. Started when reading is turned on, stopped when it is turned off.
 */
export function startReader(kiosk: KioskModel, since: number): () => void {
  const speech = createSpeech(async (lang, text) => {
    const r = await kiosk.voice(lang, text);
    if (!r.ok) return null;
    const wav = r.data.wav;
    // A copy of its own: decoding takes the buffer away.
    return wav instanceof ArrayBuffer ? wav.slice(0) : new Uint8Array(wav).buffer;
  });
  let tapAt: number | null = since;
  const lang = () => kiosk.lang.value;
  const main = () => document.querySelector(".kiosk main");

  /** Everything the citizen may touch next on this screen, asked for before it is touched. */
  const prepareChoices = () => {
    const labels = [...document.querySelectorAll(".kiosk button")].map((b) => speakable(lang(), labelOf(b))).filter(Boolean);
    speech.prepare(lang(), labels);
  };

  const readScreen = () => {
    const m = main();
    if (!m) return;
    const s = kiosk.screen.value;
    const snapshot = kiosk.snapshot.value;
    const ticket = (s.name === "ticket" || s.name === "status") && snapshot ? ticketWords(lang(), snapshot, s.ticket) : [];
    const title = ticket.length > 0 ? ticket : titleOf(m).map((t) => speakable(lang(), t));
    speech.say(lang(), title, tapAt);
    prepareChoices();
  };

  // A new screen, a message, or the other language: read once it is drawn.
  let frame = 0;
  const stopWatching = effect(() => {
    void kiosk.visit.value;
    void kiosk.message.value;
    void kiosk.lang.value;
    void kiosk.link.value;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => requestAnimationFrame(readScreen));
  });

  const onTouch = (e: Event) => {
    const target = e.target instanceof Element ? e.target.closest("button, a") : null;
    if (!target || target.closest(".speaker")) return;
    tapAt = performance.now();
    const label = speakable(lang(), labelOf(target));
    if (label) speech.say(lang(), [label], tapAt);
  };
  // Keyboards and the rating pad's keys move focus: the focused choice is read as a touched one.
  const onFocus = (e: FocusEvent) => {
    if (e.target instanceof Element && e.target.matches(":focus-visible")) onTouch(e);
  };
  document.addEventListener("pointerdown", onTouch, true);
  document.addEventListener("focusin", onFocus, true);

  return () => {
    stopWatching();
    cancelAnimationFrame(frame);
    document.removeEventListener("pointerdown", onTouch, true);
    document.removeEventListener("focusin", onFocus, true);
    speech.stop();
  };
}
