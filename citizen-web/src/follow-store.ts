import type { FollowView } from "@motcua/protocol";
import { Link, type LinkState } from "@motcua/protocol/client";
import { batch, effect, signal } from "@preact/signals";
import { soundAlarm } from "./alarm.ts";
import { api, lang } from "./store.ts";
import { WORDS } from "./words.ts";

// The follow page (/f/<token>): one ticket, booking or number held from home, as the server
// last told it, and what the phone does on that token (give it up, "I have arrived").

/** How close the turn must be for the "come back" notice. */
const SOON = 3;

/** The follow token from the page's address: the page's only key to the server. */
let token = "";

export const view = signal<FollowView | null>(null);
/** A forged, mistyped or yesterday's link: the server knows no such ticket. */
export const missing = signal(false);
export const link = signal<LinkState>("connecting");
export const permission = signal<NotificationPermission>("Notification" in window ? Notification.permission : "denied");
/** This page's own address as a QR (SVG), drawn once the QR code's module has arrived. */
export const qr = signal<string | null>(null);

/** "I have arrived": the hall code typed so far, whether it is being sent, and why it was refused. */
export const hallCode = signal("");
export const arriving = signal(false);
export const arriveError = signal<string | null>(null);

/** Giving up, after a second tap: not asked yet, asked, or being sent. */
export const cancelStage = signal<"idle" | "asking" | "busy">("idle");
export const cancelError = signal<string | null>(null);

/**
 * The first picture over plain HTTP (fast on a slow line), then live over Socket.IO. A phone
 * on a weak line asks again until one of the two has answered.
 */
export function startFollowing(followToken: string): void {
  token = followToken;
  let got = false;
  const load = async () => {
    const r = await api("follow", { params: { token } });
    if (r.ok) {
      got = true;
      view.value = r.data;
    } else if (r.code === "NOT_FOUND") missing.value = true;
    else if (!got) setTimeout(() => void load(), 5000);
  };
  void load();

  // Some carriers' proxies refuse WebSockets: long polling then carries the same events.
  const live = new Link("follow", { token, polling: true });
  live.onState((state) => {
    link.value = state;
    if (state === "refused" && live.refusal === "NOT_FOUND") {
      missing.value = true;
      live.close();
    }
  });
  // The server does not replay what changed while the link was down: the page asks for all of it.
  live.onLive(
    () =>
      void live.resync("follow:sync", {}, (v) => {
        got = true;
        view.value = v;
      }),
  );
  live.on("follow:updated", (p) => (view.value = p.view));

  // Tell once when the turn is near, and once when it comes (in the language of that moment).
  const told = { soon: false, called: false };
  effect(() => {
    const v = view.value;
    if (!v) return;
    const t = WORDS[lang.peek()];
    if (v.status === "called" && !told.called) {
      told.called = true;
      soundAlarm(t.called, `${t.notice(v.number)} · ${v.counterNumber ? t.goTo(v.counterNumber) : ""}`);
    } else if (v.status === "waiting" && v.ahead > 0 && v.ahead <= SOON && !told.soon) {
      told.soon = true;
      soundAlarm(t.soon(v.ahead), t.notice(v.number));
    }
  });
}

export async function askPermission(): Promise<void> {
  if (!("Notification" in window)) return;
  permission.value = await Notification.requestPermission();
}

/** The kiosk's scanner checks the citizen in by reading this page's address off the screen. */
export async function drawQr(): Promise<void> {
  if (qr.value) return;
  const { renderSVG } = await import("uqr");
  qr.value = renderSVG(location.href, { border: 2, ecc: "M" });
}

export function typeHallCode(typed: string): void {
  batch(() => {
    hallCode.value = typed.replace(/\D/g, "").slice(0, 4);
    arriveError.value = null;
  });
}

/**
 * The four-digit hall code from the lobby's big screen checks a held number in without the
 * kiosk; the server answers the ticket it became, which the page then follows.
 */
export async function arrive(): Promise<void> {
  const w = WORDS[lang.value];
  const code = hallCode.value;
  if (!/^\d{4}$/.test(code)) {
    arriveError.value = w.arriveErrors.BAD_REQUEST!;
    return;
  }
  batch(() => {
    arriving.value = true;
    arriveError.value = null;
  });
  const r = await api("arrive", { params: { token }, body: { code } });
  batch(() => {
    arriving.value = false;
    if (r.ok) view.value = r.data;
    else arriveError.value = w.arriveErrors[r.code] ?? w.arriveErrors.other!;
  });
}

export function askToCancel(asking: boolean): void {
  cancelStage.value = asking ? "asking" : "idle";
}

/** Give up a booking or a held number: the server answers the page's new view. */
export async function cancel(): Promise<void> {
  const w = WORDS[lang.value];
  batch(() => {
    cancelStage.value = "busy";
    cancelError.value = null;
  });
  const r = await api("giveUp", { params: { token } });
  batch(() => {
    if (r.ok) {
      view.value = r.data;
      cancelStage.value = "idle";
    } else {
      cancelError.value = w.cancelErrors[r.code] ?? w.cancelErrors.other!;
      cancelStage.value = "asking";
    }
  });
}
