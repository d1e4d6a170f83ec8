import { describe, expect, it } from "vitest";
import { boardVoice, clipsOf, createAnnouncer, MAX_WAITING_ANNOUNCEMENTS, sentenceOf, type ClipPlayer, type Synth } from "./announce.ts";
import manifest from "../public/voice/manifest.json";

const call = (number: string, counterNumber: number) => ({
  ticketId: `t-${number}`,
  number,
  serviceId: "khai-sinh",
  fieldId: "ho-tich",
  counterId: `quay-${counterNumber}`,
  counterNumber,
  calledAt: "2026-11-27T01:00:00.000Z",
  recalls: 0,
});

describe("what the hall hears", () => {
  it("says the short form, the number character by character and the counter as a number, after a chime", () => {
    expect(clipsOf(call("A023", 5))).toEqual(["chime", "moi-so", "letter-a", "digit-0", "digit-2", "digit-3", "den-quay", "counter-5"]);
    expect(clipsOf(call("A023", 5), false)).toEqual(["moi-so", "letter-a", "digit-0", "digit-2", "digit-3", "den-quay", "counter-5"]);
    expect(sentenceOf(call("A023", 12))).toBe("Mời số a không hai ba đến quầy 12");
  });

  it("has a shipped clip for every digit, every letter a ticket code may use, and every counter", () => {
    const shipped = new Set(manifest.clips);
    // Ticket codes are one or two capital letters A–Z (protocol: Service.code).
    const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (const l of letters) for (const d of "0123456789") for (const clip of clipsOf(call(`${l}${d}`, 1))) expect(shipped.has(clip), clip).toBe(true);
    for (let counter = 1; counter <= 120; counter++) for (const clip of clipsOf(call("A1", counter))) expect(shipped.has(clip), clip).toBe(true);
  });

  it("says calls that arrive together one after another, never over each other", async () => {
    const said: string[] = [];
    let speaking = false;
    const announce = createAnnouncer({
      say: async (c) => {
        expect(speaking).toBe(false);
        speaking = true;
        said.push(c.number);
        await new Promise((r) => setTimeout(r, 5));
        speaking = false;
      },
    });
    const log: string[] = [];
    const announceLogged = createAnnouncer({ say: async () => {} }, (e) => log.push(e.number));
    announce(call("A001", 1));
    announce(call("B002", 2));
    announce(call("A001", 1)); // a recall is said again
    announceLogged(call("C003", 3));
    await new Promise((r) => setTimeout(r, 50));
    expect(said).toEqual(["A001", "B002", "A001"]);
    expect(log).toEqual(["C003"]);
  });

  it("chimes once for calls said straight after each other, and again after a quiet moment", async () => {
    const said: string[] = [];
    const announce = createAnnouncer({
      say: async (c, opts) => {
        said.push(`${opts?.chime ? "chime " : ""}${c.number}`);
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    for (const n of ["A001", "B002", "C003"]) announce(call(n, Number(n.slice(1))));
    await new Promise((r) => setTimeout(r, 50));
    announce(call("D004", 4));
    await new Promise((r) => setTimeout(r, 20));
    expect(said).toEqual(["chime A001", "B002", "C003", "chime D004"]);
  });

  it("says a call once when it is recalled before its turn came, in the place of its recall", async () => {
    const said: string[] = [];
    const announce = createAnnouncer({
      say: async (c) => {
        said.push(c.number);
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    announce(call("A001", 1));
    announce(call("B002", 2));
    announce(call("C003", 3));
    announce(call("B002", 2));
    await new Promise((r) => setTimeout(r, 60));
    expect(said).toEqual(["A001", "C003", "B002"]);
  });

  it("goes on with the next call when a clip fails", async () => {
    const done: string[] = [];
    const announce = createAnnouncer(
      {
        say: async (c) => {
          if (c.number === "A001") throw new Error("no sound card");
        },
      },
      (e) => done.push(e.number),
    );
    announce(call("A001", 1));
    announce(call("A002", 1));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toEqual(["A001", "A002"]);
  });

  it("drops the oldest unsaid calls when they come faster than they can be said", async () => {
    const said: string[] = [];
    const announce = createAnnouncer({
      say: async (c) => {
        said.push(c.number);
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    for (let i = 1; i <= 20; i++) announce(call(`A${String(i).padStart(3, "0")}`, 1));
    await new Promise((r) => setTimeout(r, 100));
    // The first was already being said; of the rest only the newest few remain.
    expect(said).toEqual(["A001", ...Array.from({ length: MAX_WAITING_ANNOUNCEMENTS }, (_, k) => `A${String(20 - MAX_WAITING_ANNOUNCEMENTS + 1 + k).padStart(3, "0")}`)]);
  });
});

/**
 * A browser's speech synthesis as Chromium behaves: no voices at first, the list filled a
 * moment later with a `voiceschanged` event. Everything heard goes into one log, in order.
 */
function fakeSpeech(heard: string[]) {
  let voices: SpeechSynthesisVoice[] = [];
  const listeners: (() => void)[] = [];
  const synth: Synth = {
    getVoices: () => voices,
    speak: (u) => {
      heard.push(`speech(${u.voice?.name}): ${u.text}`);
      setTimeout(() => u.onend?.call(u, {} as SpeechSynthesisEvent), 1);
    },
    cancel: () => {},
    addEventListener: (_type, l) => listeners.push(l),
  };
  const clips: ClipPlayer = {
    play: async (name) => {
      heard.push(name);
    },
  };
  const utterance = (text: string) => ({ text }) as SpeechSynthesisUtterance;
  const voice = (name: string, lang: string) => ({ name, lang }) as SpeechSynthesisVoice;
  return {
    synth,
    clips,
    utterance,
    voice,
    /** The browser's voices arrive (or change). */
    load(list: SpeechSynthesisVoice[]) {
      voices = list;
      for (const l of listeners) l();
    },
  };
}

describe("the browser's own voice", () => {
  it("uses the Vietnamese voice once the browser has loaded it, after the chime; the clips before", async () => {
    const heard: string[] = [];
    const f = fakeSpeech(heard);
    const voice = boardVoice({ kind: "auto", volume: 1, clips: f.clips, synth: f.synth, utterance: f.utterance });
    // At start-up Chromium has no voices yet: the shipped clips say the call.
    await voice.say(call("A023", 5));
    expect(heard).toEqual(clipsOf(call("A023", 5)));
    heard.length = 0;
    f.load([f.voice("English", "en-US"), f.voice("Tiếng Việt", "vi-VN")]);
    await voice.say(call("B007", 12));
    expect(heard).toEqual(["chime", `speech(Tiếng Việt): ${sentenceOf(call("B007", 12))}`]);
  });

  it("finds a Vietnamese voice that is there without the event, and never speaks in another language", async () => {
    const heard: string[] = [];
    const f = fakeSpeech(heard);
    const voice = boardVoice({ kind: "speech", volume: 1, clips: f.clips, synth: f.synth, utterance: f.utterance });
    f.load([f.voice("English", "en-US"), f.voice("Français", "fr-FR")]);
    await voice.say(call("A001", 1));
    expect(heard[0]).toBe("chime");
    expect(heard.some((h) => h.startsWith("speech"))).toBe(false);
    heard.length = 0;
    // Some builds name the language with an underscore ("vi_VN").
    f.synth.getVoices = () => [f.voice("eSpeak Vietnamese", "vi_VN")];
    await voice.say(call("A002", 1));
    expect(heard).toEqual(["chime", `speech(eSpeak Vietnamese): ${sentenceOf(call("A002", 1))}`]);
  });

  it("keeps to the clips when told to, even with a Vietnamese voice", async () => {
    const heard: string[] = [];
    const f = fakeSpeech(heard);
    f.load([f.voice("Tiếng Việt", "vi-VN")]);
    const voice = boardVoice({ kind: "clips", volume: 1, clips: f.clips, synth: f.synth, utterance: f.utterance });
    await voice.say(call("A023", 5));
    expect(heard).toEqual(clipsOf(call("A023", 5)));
  });

  it("says the call with the clips when the voice fails (Chromium refuses speech without a user gesture)", async () => {
    const heard: string[] = [];
    const f = fakeSpeech(heard);
    f.load([f.voice("Tiếng Việt", "vi-VN")]);
    f.synth.speak = (u) => {
      heard.push(`speech refused: ${u.text}`);
      setTimeout(() => u.onerror?.call(u, {} as SpeechSynthesisErrorEvent), 1);
    };
    const voice = boardVoice({ kind: "auto", volume: 1, clips: f.clips, synth: f.synth, utterance: f.utterance });
    await voice.say(call("A023", 5));
    expect(heard).toEqual(["chime", `speech refused: ${sentenceOf(call("A023", 5))}`, ...clipsOf(call("A023", 5)).slice(1)]);
  });

  it("says the number even when the chime cannot play", async () => {
    const heard: string[] = [];
    const f = fakeSpeech(heard);
    f.load([f.voice("Tiếng Việt", "vi-VN")]);
    const voice = boardVoice({
      kind: "auto",
      volume: 1,
      clips: { play: async () => Promise.reject(new Error("no chime")) },
      synth: f.synth,
      utterance: f.utterance,
    });
    await voice.say(call("A023", 5));
    expect(heard).toEqual([`speech(Tiếng Việt): ${sentenceOf(call("A023", 5))}`]);
  });
});
