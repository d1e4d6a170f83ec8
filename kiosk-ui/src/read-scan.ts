import { BOOKING_CODE_ALPHABET } from "@motcua/protocol";
import { nameIntact } from "./name-check.ts";

/**
 * What a scanned or typed code is. The text comes from a camera, a scanner or a keyboard and
 * may be anything: this only recognises, it never shows the raw text back.
 */
export type ScanMeaning =
  /**
   * A chip ID card (CCCD): only what greeting the citizen needs; the ID number is dropped here.
   * No name where the scanner lost its letters ("Nguyn Vn An"): no greeting beats a wrong one.
   */
  | { kind: "citizenId"; name: string | null; elderly: boolean }
  | { kind: "dossier"; code: string }
  | { kind: "ticket"; ticketId: string }
  /** A ticket's own QR: its follow link, with the token that opens it. */
  | { kind: "follow"; token: string }
  | { kind: "ticketNumber"; number: string }
  /** An appointment's booking code (mã lịch hẹn), typed when its QR will not scan: 7KM3PQ. */
  | { kind: "bookingCode"; code: string }
  | { kind: "unknown" };

const MAX_SCAN = 2048;
const DOSSIER = /[0-9A-Z]{1,6}(?:\.[0-9A-Z]{1,6}){1,5}-\d{6}-\d{4}/i;
const TICKET_ID = /^\d{4}-\d{2}-\d{2}-[A-Z]{1,2}\d{1,4}$/;
const TICKET_URL = /\/t\/(\d{4}-\d{2}-\d{2}-[A-Z]{1,2}\d{1,4})(?:[/?#]|$)/;
const TICKET_NUMBER = /^[A-Z]{1,2}\d{1,4}$/;
const FOLLOW_URL = /\/f\/([A-Za-z0-9_-]{16,64})(?:[/?#]|$)/;
/** Six of the booking alphabet (no I, L, O, 0 or 1); people may group it "7KM 3PQ" or "7KM-3PQ". */
const BOOKING_CODE = new RegExp(`^[${BOOKING_CODE_ALPHABET}]{6}$`);
/** Elderly under the Law on the Elderly (Luật Người cao tuổi 2009): sixty and over. */
const ELDERLY_AGE = 60;

/**
 * A chip ID card's QR: "ID number|old ID number|full name|ddMMyyyy birth|sex|address|ddMMyyyy issued"
 * (newer cards may add fields after these).
 */
function citizenId(parts: string[], today: Date): ScanMeaning | null {
  if (parts.length < 6 || !/^\d{12}$/.test(parts[0]!) || !/^(\d{9})?$/.test(parts[1]!)) return null;
  const name = parts[2]!.normalize("NFC").replace(/\s+/g, " ").trim();
  const birth = /^(\d{2})(\d{2})(\d{4})$/.exec(parts[3]!);
  // Markup is mischief, not a card; mangled letters (a scanner's wrong code page) are a card.
  if (!birth || /[<>&"=;{}]/.test(name)) return null;
  const shown = name && name.length <= 80 && nameIntact([...parts.slice(0, 2), name, ...parts.slice(3)]) ? name : null;
  const [, d, m, y] = birth.map(Number) as [number, number, number, number];
  // A day the calendar has (no 31 February), not after today, and a holder younger than 130:
  // anything else is a misread or a forgery, and an age read from it would pick the wrong queue.
  const born = new Date(y, m - 1, d);
  if (born.getFullYear() !== y || born.getMonth() !== m - 1 || born.getDate() !== d || born > today || today.getFullYear() - y > 130) return null;
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return { kind: "citizenId", name: shown, elderly: age >= ELDERLY_AGE };
}

export function readScan(raw: string, today: Date = new Date()): ScanMeaning {
  const text = raw.replace(/[\r\n]+$/, "").trim();
  // Control characters mean a misread or mischief; a real code never has them.
  if (text.length === 0 || text.length > MAX_SCAN || /[\u0000-\u001f\u007f-\u009f]/.test(text)) return { kind: "unknown" };
  if (text.includes("|")) return citizenId(text.split("|"), today) ?? { kind: "unknown" };
  const upper = text.toUpperCase();
  // Ticket numbers first: the server never makes a booking code that looks like one (one or two
  // letters, then digits), so A023 typed at the kiosk stays a ticket number.
  if (TICKET_NUMBER.test(upper)) return { kind: "ticketNumber", number: upper };
  const code = upper.replace(/[\s-]/g, "");
  if (BOOKING_CODE.test(code)) return { kind: "bookingCode", code };
  if (TICKET_ID.test(upper)) return { kind: "ticket", ticketId: upper };
  const follow = FOLLOW_URL.exec(text);
  if (follow) return { kind: "follow", token: follow[1]! };
  const url = TICKET_URL.exec(text);
  if (url) return { kind: "ticket", ticketId: url[1]!.toUpperCase() };
  const dossier = DOSSIER.exec(text);
  if (dossier && text.length <= 512) return { kind: "dossier", code: dossier[0].toUpperCase() };
  return { kind: "unknown" };
}
