// How the phone gets the citizen's attention when the turn is near: the citizen may be outside the hall.

/** Two short beeps, made here: no sound file to download on a slow line. */
function beep(): void {
  try {
    const ctx = new AudioContext();
    [0, 0.35].forEach((at) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = 988;
      g.gain.setValueAtTime(0.25, ctx.currentTime + at);
      g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + at + 0.25);
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + at);
      o.stop(ctx.currentTime + at + 0.3);
    });
  } catch {
    // No sound: the vibration and the page still tell.
  }
}

/** Vibrate, sound and (where the browser allows) notify. */
export function soundAlarm(title: string, body: string): void {
  navigator.vibrate?.([300, 120, 300, 120, 300]);
  beep();
  if ("Notification" in window && Notification.permission === "granted") {
    try {
      new Notification(title, { body, tag: "motcua-ticket", requireInteraction: true });
    } catch {
      // Some mobile browsers allow notifications only from a service worker; the page still vibrates.
    }
  }
}
