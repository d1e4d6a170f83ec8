import type { Lang } from "@motcua/protocol";

/** What the kiosk said, newest last: the tests, and a person timing the kiosk, read window.motcuaSpoken. */
export interface Spoken {
  text: string;
  via: "browser" | "server";
  /** performance.now() of the touch that asked for it; null when nothing was touched (a scan). */
  tapAt: number | null;
  /** performance.now() when the first sound of it left for the speakers. */
  startedAt: number;
}
declare global {
  interface Window {
    motcuaSpoken?: Spoken[];
  }
}

/** The sentence's sound as the server makes it; null when it cannot now. */
export type FetchClip = (lang: Lang, text: string) => Promise<ArrayBuffer | null>;

/** Pause between the parts of one sentence ("Số của quý vị là" · "a" · "không" …). */
const GAP_S = 0.09;
/** Decoded sounds kept: a day's screens, choices and numbers, a few megabytes at most. */
const KEPT = 300;

export interface Speech {
  /** Says the parts in order, cutting off whatever was being said. */
  say(lang: Lang, parts: string[], tapAt: number | null): void;
  /** Asks for the sounds of words likely to come next, so a touch is answered at once. */
  prepare(lang: Lang, parts: string[]): void;
  stop(): void;
}

/**
 * Speech for the kiosk. The browser's own voice in that language when the PC has one (Windows
 * has a Vietnamese voice once its language pack is installed); otherwise sentences made on the
 * hall's server, joined and played with Web Audio so their parts follow without gaps.
 */
export function createSpeech(fetchClip: FetchClip): Speech {
  const synth = "speechSynthesis" in window ? window.speechSynthesis : undefined;
  let audio: AudioContext | null = null;
  const sounds = new Map<string, Promise<AudioBuffer | null>>();
  let playing: AudioBufferSourceNode[] = [];
  let turn = 0;

  const note = (e: Spoken) => {
    const log = (window.motcuaSpoken ??= []);
    log.push(e);
    if (log.length > 100) log.shift();
  };

  const context = (): AudioContext => {
    audio ??= new AudioContext();
    if (audio.state === "suspended") void audio.resume();
    return audio;
  };

  const sound = (lang: Lang, text: string): Promise<AudioBuffer | null> => {
    const key = `${lang}\n${text}`;
    const had = sounds.get(key);
    if (had) {
      sounds.delete(key);
      sounds.set(key, had);
      return had;
    }
    const made = fetchClip(lang, text)
      .then((wav) => (wav ? context().decodeAudioData(wav) : null))
      .catch(() => null)
      .then((b) => {
        // Not made now (the server was busy): asked again next time rather than silent all day.
        if (!b) sounds.delete(key);
        return b;
      });
    sounds.set(key, made);
    if (sounds.size > KEPT) sounds.delete(sounds.keys().next().value!);
    return made;
  };

  const voiceFor = (lang: Lang) => synth?.getVoices().find((v) => v.lang.toLowerCase().replace("_", "-").startsWith(lang));

  const stop = () => {
    turn++;
    synth?.cancel();
    for (const s of playing) s.stop();
    playing = [];
  };

  return {
    say(lang, parts, tapAt) {
      stop();
      const mine = turn;
      const text = parts.join(" ");
      if (parts.length === 0) return;
      const voice = voiceFor(lang);
      if (voice && synth) {
        const u = new SpeechSynthesisUtterance(parts.join(", "));
        u.voice = voice;
        u.lang = voice.lang;
        u.rate = 0.9;
        u.onstart = () => note({ text, via: "browser", tapAt, startedAt: performance.now() });
        synth.speak(u);
        return;
      }
      void (async () => {
        const ctx = context();
        let at = 0;
        let first = true;
        for (const part of parts) {
          const b = await sound(lang, part);
          if (turn !== mine) return;
          if (!b) continue;
          const src = ctx.createBufferSource();
          src.buffer = b;
          src.connect(ctx.destination);
          at = Math.max(at, ctx.currentTime + 0.01);
          src.start(at);
          playing.push(src);
          if (first) {
            first = false;
            note({ text, via: "server", tapAt, startedAt: performance.now() + (at - ctx.currentTime) * 1000 });
          }
          at += b.duration + GAP_S;
        }
      })();
    },
    prepare(lang, parts) {
      if (voiceFor(lang)) return;
      for (const p of parts) void sound(lang, p);
    },
    stop,
  };
}
