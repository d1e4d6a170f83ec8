import { localParts } from "@motcua/engine";
import type { DossierStatus, Ticket } from "@motcua/protocol";
import type { Answer, Link } from "@motcua/protocol/client";
import { DICTIONARY, failure, type Say } from "./i18n.ts";
import type { ScanMeaning } from "./read-scan.ts";

export { readScan } from "./read-scan.ts";

/*
 * What a scanned or typed code leads to. Fetched after the start screen, with the rarer screens:
 * taking a ticket by touch never waits for it.
 */

/** A code the server is asked about. */
export type Question = Exclude<ScanMeaning, { kind: "citizenId" | "unknown" }>;

/** The server's word on a code: a dossier, a ticket (checked in by this very scan or not), or why not. */
export type Found = { dossier: DossierStatus } | { ticket: Ticket; checkedIn: boolean } | { failed: Say };

/**
 * The sentence for a failed check-in (a booking's QR or code, a number taken from home): the
 * codes that mean something else elsewhere (a rating refused, a dossier not found) say so here.
 */
const checkInFailure =
  (r: Answer<unknown>): Say =>
  (t) =>
    r.ok ? "" : r.code === "NOT_FOUND" ? t.bookingNotFound : r.code === "INVALID_TRANSITION" ? t.appointmentGone : r.code === "APPOINTMENT_NOT_NOW" && r.at ? early(r.at)(t) : failure(r)(t);

/**
 * Too early: from when the kiosk takes it, with the day when that is not today (the kiosk's own
 * date). Its words live here, with the one screen that says them, off the start screen's load.
 */
const early =
  (at: string): Say =>
  (t) => {
    const { date, time } = localParts(Date.parse(at));
    const day = date === localParts(Date.now()).date ? "" : date.split("-").reverse().join("/");
    return t === DICTIONARY.vi
      ? `Chưa đến giờ nhận lịch hẹn này. Kiosk nhận lịch hẹn từ ${time}${day && ` ngày ${day}`}. Xin quý vị quay lại lúc đó, hoặc lấy số thường.`
      : `It is not yet time to check in for this appointment. The kiosk takes it from ${time}${day && ` on ${day}`}. Please come back then, or take an ordinary number.`;
  };

export async function askAbout(m: Question, link: Link<"kiosk">): Promise<Found> {
  if (m.kind === "dossier") {
    const r = await link.call("dossier:lookup", { code: m.code });
    return r.ok ? { dossier: r.data } : { failed: r.code === "NOT_FOUND" ? (d) => d.dossierNotFound : failure(r) };
  }
  // A booking's QR is a follow link; its code, typed, checks it in the same way.
  const checkIn = m.kind === "follow" || m.kind === "bookingCode";
  const r =
    m.kind === "bookingCode" ? await link.call("appointment:checkIn", { code: m.code })
    : m.kind === "follow" ? await link.call("ticket:follow", { token: m.token })
    : m.kind === "ticket" ? await link.call("ticket:get", { ticketId: m.ticketId })
    : await link.call("ticket:find", { number: m.number });
  if (!r.ok) return { failed: checkIn ? checkInFailure(r) : failure(r) };
  // A booking checked in by this very scan or code is a new ticket, printed like any other. The
  // server says so by answering with the follow token, as it does only to the kiosk that issued
  // a ticket; a ticket already held (its QR scanned again) comes without it.
  return { ticket: r.data, checkedIn: checkIn && r.data.followToken !== undefined };
}
