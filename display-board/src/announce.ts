import type { Call } from "@motcua/protocol";

const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
const LETTERS: Record<string, string> = {
  a: "a", b: "bê", c: "xê", d: "dê", e: "e", f: "ép", g: "giê", h: "hát", i: "i", k: "ca", l: "e lờ", m: "em mờ",
  n: "en nờ", o: "o", p: "pê", q: "quy", r: "e rờ", s: "ét xì", t: "tê", u: "u", v: "vê", x: "ích xì", y: "i dài",
  j: "gi", w: "vê kép", z: "dét",
};
/** Counters up to this number have a clip of their own; the clips ship in public/voice. */
export const COUNTER_CLIPS = 60;

/**
 * A call as the hall hears it, in the short form Vietnamese centers use: "Mời số A không hai ba
 * đến quầy năm" (about 4.4 s, against 7.5 s for "Xin mời công dân có số thứ tự … đến quầy số …").
 * The ticket number is read character by character, always the same way, so people learn to
 * listen for their own; the counter as a number ("mười hai"). The chime comes first unless the
 * call follows another straight on (see createAnnouncer): the hall is listening already then.
 */
export function clipsOf(call: Pick<Call, "number" | "counterNumber">, chime = true): string[] {
  const chars = [...call.number.toLowerCase()].map((c) => (/[0-9]/.test(c) ? `digit-${c}` : LETTERS[c] ? `letter-${c}` : null)).filter((c) => c !== null);
  const counter = call.counterNumber >= 1 && call.counterNumber <= COUNTER_CLIPS ? [`counter-${call.counterNumber}`] : [...String(call.counterNumber)].map((d) => `digit-${d}`);
  return [...(chime ? ["chime"] : []), "moi-so", ...chars, "den-quay", ...counter];
}

/** The same short sentence for a speech synthesizer with a Vietnamese voice. */
export function sentenceOf(call: Pick<Call, "number" | "counterNumber">): string {
  const chars = [...call.number.toLowerCase()].map((c) => (/[0-9]/.test(c) ? DIGITS[Number(c)] : (LETTERS[c] ?? c)));
  return `Mời số ${chars.join(" ")} đến quầy ${call.counterNumber}`;
}

export interface Voice {
  /** Plays one announcement to its end; `chime` false when it follows another straight on. */
  say(call: Call, opts?: { chime: boolean }): Promise<void>;
}

/**
 * Calls waiting to be said at most; older ones are dropped: a call said a minute late helps no
 * one. With the short form (≈4.4 s a call, one chime a burst) the fifth of five simultaneous
 * calls starts about 18 s after the first, not 30; docs/benchmarks.md has the measured figures.
 */
export const MAX_WAITING_ANNOUNCEMENTS = 5;

/** What the board logs of each announcement (window.motcuaAnnounced). */
export interface Announced {
  number: string;
  counter: number;
  started: number;
  ended: number;
  chime: boolean;
}

/**
 * Calls that arrive together are said one after another, never over each other, with one chime
 * for the whole run. A recall or a call-back is a new announcement; a call already waiting to
 * be said is said once, not twice. When calls come faster than they can be said, the oldest
 * unsaid ones are dropped (they are on the wall anyway). Each announcement is logged for the
 * board's tests and its operator.
 */
export function createAnnouncer(voice: Voice, log: (entry: Announced) => void = () => {}) {
  let waiting: Call[] = [];
  let speaking = false;
  const next = async () => {
    speaking = true;
    let chime = true;
    for (let call = waiting.shift(); call; call = waiting.shift()) {
      const started = performance.now();
      try {
        await voice.say(call, { chime });
      } catch {
        // A clip that fails to play must not silence the calls after it.
      }
      log({ number: call.number, counter: call.counterNumber, started, ended: performance.now(), chime });
      chime = false;
    }
    speaking = false;
  };
  return (call: Call) => {
    waiting = [...waiting.filter((c) => c.ticketId !== call.ticketId), call];
    if (waiting.length > MAX_WAITING_ANNOUNCEMENTS) waiting.shift();
    if (!speaking) void next();
  };
}

/** Plays the board's own clips, one at a time; a browser Audio by default, a fake in tests. */
export interface ClipPlayer {
  play(name: string): Promise<void>;
}

type AudioLike = Pick<HTMLAudioElement, "volume" | "currentTime" | "preload" | "play" | "addEventListener" | "removeEventListener">;

/** Clips from the board's own files (`<base>voice/<name>.wav`), each loaded once and reused. */
export function clipPlayer(base: string, volume: number, audio: (src: string) => AudioLike = (src) => new Audio(src)): ClipPlayer {
  const cache = new Map<string, AudioLike>();
  const clip = (name: string) => {
    let a = cache.get(name);
    if (!a) {
      a = audio(`${base}voice/${name}.wav`);
      a.preload = "auto";
      cache.set(name, a);
    }
    return a;
  };
  return {
    play: (name) =>
      new Promise<void>((resolve, reject) => {
        const a = clip(name);
        a.volume = volume;
        a.currentTime = 0;
        const done = () => {
          a.removeEventListener("ended", done);
          a.removeEventListener("error", fail);
          resolve();
        };
        const fail = () => {
          a.removeEventListener("ended", done);
          a.removeEventListener("error", fail);
          reject(new Error(`clip ${name} did not play`));
        };
        a.addEventListener("ended", done);
        a.addEventListener("error", fail);
        a.play().catch(fail);
      }),
  };
}

/** Clips from the board's own files: works with no internet and no installed voice. */
export function clipVoice(clips: ClipPlayer): Voice {
  return {
    say: async (call, opts) => {
      for (const name of clipsOf(call, opts?.chime ?? true)) await clips.play(name);
    },
  };
}

/** What the board needs of the browser's speech synthesis (window.speechSynthesis, or a fake in tests). */
export interface Synth {
  getVoices(): SpeechSynthesisVoice[];
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
  addEventListener(type: "voiceschanged", listener: () => void): void;
}

/** Longer than any call takes to say; Chromium sometimes never ends an utterance, and the queue must go on. */
export const SPEECH_TIMEOUT_MS = 20_000;

/**
 * The browser's Vietnamese voice, looked up again whenever its list changes: Chromium fills
 * `getVoices()` asynchronously (usually empty at first), then fires `voiceschanged`.
 */
export function vietnameseVoice(synth: Synth): () => SpeechSynthesisVoice | undefined {
  const find = () => synth.getVoices().find((v) => v.lang.toLowerCase().replace("_", "-").startsWith("vi"));
  let vi = find();
  synth.addEventListener("voiceschanged", () => {
    vi = find();
  });
  // Asked again at each call as well: some browsers fill the list without the event.
  return () => (vi ??= find());
}

/**
 * What the board says a call with: the chime clip, then the sentence in the browser's
 * Vietnamese voice when it has one, else the shipped clips ("clips" never uses speech). The
 * voice is chosen per call, so a voice that turns up after the board started is used.
 */
export function boardVoice(opts: {
  kind: "auto" | "clips" | "speech";
  clips: ClipPlayer;
  volume: number;
  synth?: Synth | undefined;
  utterance?: (text: string) => SpeechSynthesisUtterance;
}): Voice {
  const { kind, clips, volume, synth } = opts;
  const byClips = clipVoice(clips);
  if (kind === "clips" || !synth) return byClips;
  const vi = vietnameseVoice(synth);
  const utterance = opts.utterance ?? ((text: string) => new SpeechSynthesisUtterance(text));
  /** True once said; false when the browser refused or failed (no user gesture, a broken voice). */
  const speak = (voice: SpeechSynthesisVoice, text: string) =>
    new Promise<boolean>((resolve) => {
      const u = utterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.volume = volume;
      const timer = setTimeout(() => {
        synth.cancel();
        resolve(true);
      }, SPEECH_TIMEOUT_MS);
      u.onend = () => {
        clearTimeout(timer);
        resolve(true);
      };
      u.onerror = () => {
        clearTimeout(timer);
        resolve(false);
      };
      synth.speak(u);
    });
  return {
    say: async (call, opts) => {
      const voice = vi();
      if (!voice) return byClips.say(call, opts);
      // The same chime as the clips, so the hall hears one kind of call whichever voice speaks.
      if (opts?.chime ?? true) {
        try {
          await clips.play("chime");
        } catch {
          // No chime is no reason to keep the number unsaid.
        }
      }
      // A voice that fails says nothing: the clips say the call then (after the chime already heard).
      if (!(await speak(voice, sentenceOf(call)))) for (const name of clipsOf(call, false)) await clips.play(name);
    },
  };
}
