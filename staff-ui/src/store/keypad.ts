import { signal } from "@preact/signals";
import { typing } from "@motcua/protocol/client";
import { dialog, type Action } from "./terminal.ts";

// A counter keypad that types like a keyboard, read by the page itself: on Windows the station
// agent cannot open a keyboard-class device, and a keypad needs no agent this way.

/** What a keypad's keys do: the station agent's mapping (station-agent KEYPAD_KEYS), top row or number block. */
export type KeypadAction = Extract<Action, "next" | "recall" | "start" | "complete" | "noShow">;
export const KEYPAD_ACTIONS: KeypadAction[] = ["next", "recall", "start", "complete", "noShow"];
/** By key position (KeyboardEvent.code): a number block with Num Lock off still says Numpad1. */
const KEYPAD: Record<string, KeypadAction> = Object.fromEntries(
  KEYPAD_ACTIONS.flatMap((a, i) => [
    [`Digit${i + 1}`, a],
    [`Numpad${i + 1}`, a],
  ]),
);
/** The key printed on the keypad for each action. */
export const KEYPAD_KEY_OF = Object.fromEntries(KEYPAD_ACTIONS.map((a, i) => [a, String(i + 1)])) as Record<KeypadAction, string>;

const STORED = "motcua.counterKeypad";
const remembered = (): boolean => {
  try {
    return localStorage.getItem(STORED) === "on";
  } catch {
    return false;
  }
};

/**
 * Off until someone turns it on at this PC: with it on, an officer's own number keys act too, and
 * a hall loudspeaker calling a number by a slip of the finger is worse than a setting to tick.
 */
export const keypadOn = signal(remembered());

export function setKeypad(on: boolean): void {
  keypadOn.value = on;
  try {
    if (on) localStorage.setItem(STORED, "on");
    else localStorage.removeItem(STORED);
  } catch {
    // A browser that keeps nothing: on for this page only.
  }
}

/** What a key does as the counter keypad's, or null: off, a modifier held, typed into a box, or a dialog open. */
export function keypadAction(e: Pick<KeyboardEvent, "code" | "repeat" | "ctrlKey" | "altKey" | "metaKey" | "shiftKey" | "target">): KeypadAction | null {
  if (!keypadOn.value || e.repeat || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return null;
  if (dialog.peek() || typing(e.target)) return null;
  return KEYPAD[e.code] ?? null;
}
