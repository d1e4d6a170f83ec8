import type { RatingLevel, RATING_REASONS, Ticket } from "@motcua/protocol";
import { effect, signal } from "@preact/signals";
import { failure, type Dict } from "./i18n.ts";
import type { MoreDict } from "./i18n-more.ts";
import { padKeys } from "@motcua/protocol/client";
import type { KioskModel } from "./store.ts";

export type RatingReason = (typeof RATING_REASONS)[number];

/** The thank-you (or the refusal) after a rating stays this long, then the next citizen's start screen. */
const RATED_MS = 8000;

/**
 * A rating pad that types like a keyboard: buttons 1–3 are Rất hài lòng, Hài lòng, Không hài lòng,
 * as the station agent reads them (station-agent RATING_KEYS), top row or number block, by key
 * position (a number block with Num Lock off still says Numpad1).
 */
const PAD: Record<string, RatingLevel> = Object.fromEntries(
  (["very_satisfied", "satisfied", "unsatisfied"] as const).flatMap((l, i) => [
    [`Digit${i + 1}`, l],
    [`Numpad${i + 1}`, l],
  ]),
);

/**
 * One citizen rating one served ticket: made for each visit to the rating screen and disposed
 * with it, so an answer that comes after the citizen left is shown to nobody.
 */
export function createRating(kiosk: KioskModel, ticket: Ticket | null) {
  const level = signal<RatingLevel | null>(null);
  const reasons = signal<RatingReason[]>([]);
  /** Sent and not yet answered. */
  const sending = signal(false);
  const result = signal<((t: Dict & MoreDict) => string) | null>(null);

  const send = async (l: RatingLevel, why: RatingReason[]) => {
    // One rating per tap, however fast the second finger is.
    if (!ticket || sending.value) return;
    sending.value = true;
    const r = await kiosk.rate({ ticketId: ticket.id, level: l, reasons: why });
    result.value = (t) => (r.ok ? t.thanks : (t.ratingErrors[r.code] ?? failure(r)(t)));
    sending.value = false;
  };

  // After the thank-you, back to the start by itself: the next citizen may not tap "Xong".
  const dispose = effect(() => {
    if (!result.value) return;
    const timer = setTimeout(kiosk.home, RATED_MS);
    return () => clearTimeout(timer);
  });

  /** A level tapped: sent at once, or (unsatisfied) first asks why. */
  const choose = (l: RatingLevel) => {
    if (l === "unsatisfied") level.value = l;
    else void send(l, []);
  };

  return {
    level,
    reasons,
    sending,
    result,
    choose,
    /**
     * Listens to a rating pad's keys while the levels are on screen; returns how to stop. A key
     * chooses as its button does; Không hài lòng pressed again sends it with the reasons tapped
     * so far (a pad alone cannot tap them). A scanner's burst of keys is no press (padKeys in @motcua/protocol/client).
     */
    listenToPad(): () => void {
      const pad = padKeys<RatingLevel>((l) => {
        if (result.value || sending.value) return;
        if (l === "unsatisfied" && level.value === "unsatisfied") void send(l, reasons.value);
        else choose(l);
      });
      const onKey = (e: KeyboardEvent) => pad.key(e.repeat || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey ? null : (PAD[e.code] ?? null));
      window.addEventListener("keydown", onKey);
      return () => {
        window.removeEventListener("keydown", onKey);
        pad.stop();
      };
    },
    toggle(reason: RatingReason) {
      reasons.value = reasons.value.includes(reason) ? reasons.value.filter((x) => x !== reason) : [...reasons.value, reason];
    },
    sendUnsatisfied() {
      void send("unsatisfied", reasons.value);
    },
    dispose,
  };
}
