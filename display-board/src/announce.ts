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
 * A call as the hall hears it: "Xin mời công dân có số thứ tự A không hai ba đến quầy số năm".
 * The ticket number is read character by character ("A không hai ba"), always the same way,
 * so people learn to listen for their own; the counter as a number ("mười hai").
 */
export function clipsOf(call: Pick<Call, "number" | "counterNumber">): string[] {
  const chars = [...call.number.toLowerCase()].map((c) => (/[0-9]/.test(c) ? `digit-${c}` : LETTERS[c] ? `letter-${c}` : null)).filter((c) => c !== null);
  const counter = call.counterNumber >= 1 && call.counterNumber <= COUNTER_CLIPS ? [`counter-${call.counterNumber}`] : [...String(call.counterNumber)].map((d) => `digit-${d}`);
  return ["chime", "phrase", ...chars, "to-counter", ...counter];
}

/** The same sentence for a speech synthesizer with a Vietnamese voice. */
export function sentenceOf(call: Pick<Call, "number" | "counterNumber">): string {
  const chars = [...call.number.toLowerCase()].map((c) => (/[0-9]/.test(c) ? DIGITS[Number(c)] : (LETTERS[c] ?? c)));
  return `Xin mời công dân có số thứ tự ${chars.join(" ")} đến quầy số ${call.counterNumber}`;
}

export interface Voice {
  /** Plays one announcement to its end. */
  say(call: Call): Promise<void>;
}

/** Calls waiting to be said at most; older ones are dropped: a call said ten minutes late helps no one. */
export const MAX_WAITING_ANNOUNCEMENTS = 5;

/**
 * Calls that arrive together are said one after another, never over each other. A recall is
 * a new announcement. When calls come faster than they can be said, the oldest unsaid ones
 * are dropped (they are on the wall anyway). Each announcement is logged for the board's
 * tests and its operator.
 */
export function createAnnouncer(voice: Voice, log: (entry: { number: string; counter: number; started: number; ended: number }) => void = () => {}) {
  const waiting: Call[] = [];
  let speaking = false;
  const next = async () => {
    speaking = true;
    for (let call = waiting.shift(); call; call = waiting.shift()) {
      const started = performance.now();
      try {
        await voice.say(call);
      } catch {
        // A clip that fails to play must not silence the calls after it.
      }
      log({ number: call.number, counter: call.counterNumber, started, ended: performance.now() });
    }
    speaking = false;
  };
  return (call: Call) => {
    waiting.push(call);
    if (waiting.length > MAX_WAITING_ANNOUNCEMENTS) waiting.shift();
    if (!speaking) void next();
  };
}

/** Clips from the board's own files: works with no internet and no installed voice. */
export function clipVoice(base: string, volume: number): Voice {
  const cache = new Map<string, HTMLAudioElement>();
  const clip = (name: string) => {
    let a = cache.get(name);
    if (!a) {
      a = new Audio(`${base}voice/${name}.wav`);
      a.preload = "auto";
      cache.set(name, a);
    }
    return a;
  };
  const play = (name: string) =>
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
    });
  return {
    say: async (call) => {
      for (const name of clipsOf(call)) await play(name);
    },
  };
}

/** The browser's own speech, when it has a Vietnamese voice (most PCs do not: clips are the default). */
export function speechVoice(voice: SpeechSynthesisVoice, volume: number): Voice {
  return {
    say: (call) =>
      new Promise<void>((resolve) => {
        const u = new SpeechSynthesisUtterance(sentenceOf(call));
        u.voice = voice;
        u.lang = voice.lang;
        u.volume = volume;
        u.onend = () => resolve();
        u.onerror = () => resolve();
        speechSynthesis.speak(u);
      }),
  };
}
