import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../log.ts";
import { createVoice } from "./voice.ts";

/** Seconds of sound in a 16-bit mono WAV, and how loud its loudest sample is. */
function heard(wav: Buffer): { seconds: number; peak: number } {
  expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
  expect(wav.toString("ascii", 8, 12)).toBe("WAVE");
  const rate = wav.readUInt32LE(24);
  const samples = (wav.length - 44) / 2;
  let peak = 0;
  for (let i = 0; i < samples; i++) peak = Math.max(peak, Math.abs(wav.readInt16LE(44 + 2 * i)));
  return { seconds: samples / rate, peak };
}

describe("the kiosk's voice", () => {
  let now = 0;
  const voice = createVoice({ log: createLogger({ level: "silent" }), newPerMinute: 3, clock: () => now });
  afterAll(() => voice.close());

  it("says a Vietnamese sentence with no internet, and says it again from memory", async () => {
    const wav = await voice.say("vi", "Số của quý vị là", "kiosk-1");
    expect(wav).not.toBeNull();
    const { seconds, peak } = heard(wav!);
    // Five syllables at a slow pace: about a second of speech, not silence.
    expect(seconds).toBeGreaterThan(0.5);
    expect(seconds).toBeLessThan(4);
    expect(peak).toBeGreaterThan(3000);
    // The same words again: the very same sound, not made a second time (nor counted against the kiosk).
    expect(await voice.say("vi", "Số của quý vị là", "kiosk-1")).toBe(wav);
  });

  it("says English in English, and a longer sentence takes longer", async () => {
    const short = heard((await voice.say("en", "Your number", "kiosk-1"))!);
    const long = heard((await voice.say("en", "Please go to counter five when your number is called", "kiosk-2"))!);
    expect(long.seconds).toBeGreaterThan(short.seconds * 1.5);
  });

  it("makes only so many new sentences a minute for one kiosk, and a text is never read as an option", async () => {
    // kiosk-1 has had two made; one more is allowed this minute, then no more.
    const option = await voice.say("vi", "-w /etc/passwd --help", "kiosk-1");
    expect(option).not.toBeNull();
    expect(heard(option!).seconds).toBeGreaterThan(0.5);
    expect(await voice.say("vi", "một câu nữa", "kiosk-1")).toBeNull();
    // Another kiosk is not held back, and a minute later this one may again.
    expect(await voice.say("vi", "một câu nữa", "kiosk-3")).not.toBeNull();
    now += 61_000;
    expect(await voice.say("vi", "câu khác", "kiosk-1")).not.toBeNull();
  });
});
