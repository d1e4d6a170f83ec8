/**
 * A pad that types like a keyboard (a counter keypad, a rating pad) told apart from a scanner
 * that types like one: a pad sends one key per press, a scanner a whole code in a burst of keys
 * a few milliseconds apart ("2027-01-01-A023" would otherwise press 2, 0, 2 on the pad). A key
 * counts once nothing else went down within `gapMs` before it or after it, so it acts `gapMs` late.
 * The counter terminal and the kiosk's rating screen both take a pad's keys this way.
 */
export const PAD_GAP_MS = 60;

export interface PadKeys<T> {
  /** A key went down: what it means on the pad now, or null when it means nothing (it still counts for bursts). */
  key(meaning: T | null): void;
  /** Forgets a key still waiting out its gap (the screen went away). */
  stop(): void;
}

export function padKeys<T>(fire: (meaning: T) => void, gapMs = PAD_GAP_MS, clock: () => number = () => performance.now()): PadKeys<T> {
  let last = -Infinity;
  let waiting: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(waiting);
    waiting = undefined;
  };
  return {
    key(meaning) {
      const now = clock();
      const burst = now - last < gapMs;
      last = now;
      // Another key within the gap: the one waiting was the start of a burst, not a press.
      stop();
      if (meaning === null || burst) return;
      waiting = setTimeout(() => {
        waiting = undefined;
        fire(meaning);
      }, gapMs);
    },
    stop,
  };
}

/** Elements whose keys are someone typing: a digit there is a digit, never a pad's press. */
const NOT_TEXT = new Set(["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"]);

/** What `typing` reads of a key's target (an element of the page; described here without the DOM's types). */
interface KeyTarget {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  closest?(selector: string): unknown;
}

/** The key went to a text box, a list or a dialog: it is not the pad's. */
export function typing(target: EventTarget | null): boolean {
  const el = target as KeyTarget | null;
  if (!el || typeof el.tagName !== "string") return false;
  const tag = el.tagName.toUpperCase();
  if (el.isContentEditable || tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT" && !NOT_TEXT.has(el.type ?? "text")) return true;
  return (el.closest?.("[role=dialog]") ?? null) !== null;
}
