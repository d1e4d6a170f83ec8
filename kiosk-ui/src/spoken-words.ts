import { localParts } from "@motcua/engine";
import type { KioskSnapshot, Lang, Ticket } from "@motcua/protocol";

/**
 * The kiosk's words written for the ear. A screen shows "A023 · Quầy 1, 2, 12 · khoảng 10–25
 * phút"; a listener needs sentences, and numbers read the way a caller reads them.
 */

/** Vietnamese names of the letters that start ticket numbers, as a caller reads them aloud. */
const LETTERS: Record<string, string> = {
  a: "a", b: "bê", c: "xê", d: "dê", e: "e", f: "ép", g: "giê", h: "hát", i: "i", j: "gi", k: "ca", l: "e lờ", m: "em mờ",
  n: "en nờ", o: "o", p: "pê", q: "quy", r: "e rờ", s: "ét xì", t: "tê", u: "u", v: "vê", w: "vê kép", x: "ích xì", y: "i dài", z: "dét",
};
const DIGITS: Record<Lang, string[]> = {
  vi: ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"],
  en: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
};

/**
 * A ticket number read out one sign at a time ("A023" → a · không · hai · ba): each part is a
 * sound the server makes once and every ticket reuses.
 */
export function numberParts(lang: Lang, number: string): string[] {
  return [...number.toLowerCase()].flatMap((ch) => {
    if (/[0-9]/.test(ch)) return [DIGITS[lang][Number(ch)]!];
    if (/[a-z]/.test(ch)) return [lang === "vi" ? LETTERS[ch]! : ch.toUpperCase()];
    return [];
  });
}

/** "1, 2 hoặc 12" / "1, 2 or 12". */
const list = (lang: Lang, ns: number[]): string => {
  const or = lang === "vi" ? "hoặc" : "or";
  return ns.length <= 1 ? ns.join("") : `${ns.slice(0, -1).join(", ")} ${or} ${ns.at(-1)}`;
};

/** 07:30 as said: "7 giờ 30" / "7 30". */
const clock = (lang: Lang, iso: string): string => {
  const [h, m] = localParts(Date.parse(iso)).time.split(":").map(Number);
  if (lang === "en") return m ? `${h}:${String(m).padStart(2, "0")}` : `${h} o'clock`;
  return m ? `${h} giờ ${m}` : `${h} giờ`;
};

/** What the kiosk says of a ticket on screen: the number, where to go or wait, and how long. */
export function ticketWords(lang: Lang, snapshot: KioskSnapshot, ticket: Ticket): string[] {
  const vi = lang === "vi";
  const service = snapshot.services.find((s) => s.id === ticket.serviceId);
  const counter = snapshot.counters.find((c) => c.id === ticket.counterId);
  const words = [vi ? "Số của quý vị là" : "Your number is", ...numberParts(lang, ticket.number)];
  if (ticket.status === "called" && counter) {
    words.push(vi ? `Mời quý vị đến quầy số ${counter.number}` : `Please go to counter ${counter.number}`);
    return words;
  }
  if (ticket.status !== "waiting") return words;
  if (ticket.appointmentAt) words.push(vi ? `Lịch hẹn của quý vị lúc ${clock(lang, ticket.appointmentAt)}` : `Your appointment is at ${clock(lang, ticket.appointmentAt)}`);
  const counters = service?.counterNumbers ?? [];
  if (counters.length > 0) words.push(vi ? `Quý vị sẽ được phục vụ tại quầy ${list(lang, counters)}` : `You will be served at counter ${list(lang, counters)}`);
  if (ticket.appointmentAt) return words;
  if (ticket.callsFrom) words.push(vi ? `Các quầy bắt đầu gọi số lúc ${clock(lang, ticket.callsFrom)}` : `The counters start calling at ${clock(lang, ticket.callsFrom)}`);
  const band = ticket.estimatedWait;
  if (band) {
    words.push(
      vi
        ? `Thời gian chờ khoảng ${band.minMinutes} đến ${band.maxMinutes} phút`
        : `The wait is about ${band.minMinutes} to ${band.maxMinutes} minutes`,
    );
  }
  words.push(vi ? "Xin quý vị nhận phiếu và chú ý màn hình gọi số" : "Please take your ticket and watch the screen for your number");
  return words;
}

/**
 * Text from the screen made fit to be spoken: signs a voice cannot say (arrows, dots, the
 * en dash of a range) become pauses or words, and it is cut to what the server will read.
 */
export function speakable(lang: Lang, text: string): string {
  return text
    .replace(/(\d)\s*[–-]\s*(\d)/g, `$1 ${lang === "vi" ? "đến" : "to"} $2`)
    .replace(/[^\p{L}\p{M}\p{N} .,;:!?'"()\-/%+]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
}
