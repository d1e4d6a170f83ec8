import { effect } from "@preact/signals";
import type { KioskModel } from "./store.ts";

/** A keyboard-wedge scanner types a whole code in a burst and presses Enter; people type slower. */
const WEDGE_GAP_MS = 60;

/**
 * Ties the kiosk to its page: the USB scanner that types, the finger that touches, and the
 * root element's language and text size. Returns how to let go.
 */
export function attachToPage(kiosk: KioskModel): () => void {
  let buffer = "";
  let last = 0;
  const onKey = (e: KeyboardEvent) => {
    // The kiosk has no keyboard for people: Enter and space come from a scanner and must not
    // press whichever button the last finger left focused.
    if ((e.key === "Enter" || e.key === " ") && e.target instanceof HTMLButtonElement) e.preventDefault();
    const now = performance.now();
    if (now - last > WEDGE_GAP_MS * 3) buffer = "";
    last = now;
    if (e.key === "Enter") {
      if (buffer.length >= 4) kiosk.lookUp(buffer);
      buffer = "";
    } else if (e.key.length === 1) buffer += e.key;
  };
  // A tapped button keeps focus in Chromium; give it back to the page.
  const onClick = () => setTimeout(() => (document.activeElement as HTMLElement | null)?.blur?.(), 0);
  const touched = () => kiosk.touched();
  window.addEventListener("pointerdown", touched, true);
  window.addEventListener("keydown", touched, true);
  window.addEventListener("keydown", onKey);
  window.addEventListener("click", onClick);
  const root = document.documentElement;
  const stops = [
    effect(() => {
      root.lang = kiosk.lang.value;
    }),
    // Everything is sized in rem: the large-text mode scales the root and the whole screen follows.
    effect(() => {
      root.classList.toggle("large", kiosk.large.value);
    }),
  ];
  return () => {
    window.removeEventListener("pointerdown", touched, true);
    window.removeEventListener("keydown", touched, true);
    window.removeEventListener("keydown", onKey);
    window.removeEventListener("click", onClick);
    stops.forEach((stop) => stop());
  };
}
