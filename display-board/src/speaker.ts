import type { Call } from "@motcua/protocol";
import { boardVoice, clipPlayer, createAnnouncer, type Announced } from "./announce.ts";
import type { BoardSettings } from "./settings.ts";

/** What the board has said, newest last; tests and the installer read it (window.motcuaAnnounced). */
declare global {
  interface Window {
    motcuaAnnounced?: Announced[];
  }
}

/**
 * How this board says a call aloud. A counter's own display stays quiet: the lobby speaks for
 * the hall. A bare kiosk PC has no Vietnamese voice: the clips are what it says then (the
 * voice is looked for at each call).
 */
export function hallSpeaker({ muted, counter, volume, voice }: Pick<BoardSettings, "muted" | "counter" | "volume" | "voice">): (call: Call) => void {
  if (muted || counter) return () => {};
  const level = Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : 1;
  const synth = "speechSynthesis" in window ? window.speechSynthesis : undefined;
  return createAnnouncer(boardVoice({ kind: voice, volume: level, clips: clipPlayer(import.meta.env.BASE_URL, level), synth }), (e) => {
    // The last hundred are enough to check what was said; a week of calls must not pile up.
    const log = (window.motcuaAnnounced ??= []);
    log.push(e);
    if (log.length > 100) log.shift();
  });
}
