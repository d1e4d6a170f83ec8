/**
 * One sound context for the page. Browsers start it muted until someone touches the page, so
 * the first click or key after a reload turns it on (the alert shows either way).
 */
let audio: AudioContext | null = null;
const sound = (): AudioContext | null => {
  try {
    audio ??= new AudioContext();
    if (audio.state === "suspended") void audio.resume();
    return audio;
  } catch {
    return null;
  }
};
if (typeof window !== "undefined") {
  for (const ev of ["pointerdown", "keydown"]) window.addEventListener(ev, () => void sound(), { once: true, capture: true });
}

/** A short two-tone chime, made here: the dashboard needs no sound file to warn. */
export function chime(): void {
  try {
    const ctx = sound();
    if (!ctx) return;
    [880, 660].forEach((f, i) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.2, ctx.currentTime + i * 0.25);
      g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.25 + 0.22);
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + i * 0.25);
      o.stop(ctx.currentTime + i * 0.25 + 0.25);
    });
  } catch {
    // No sound device: the alert still shows.
  }
}
