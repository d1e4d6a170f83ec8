import { ERROR_TEXT, type ErrorCode, type Lang } from "@motcua/protocol";
import { errorText } from "./error-text.ts";

/** What a refused load or save says: the plain sentence for its code, then the server's own words, one problem a line. */
export interface Refusal {
  text: string;
  /** Each problem, and the record or date it points at when the body sent names one by its place. */
  details: { text: string; which: string | null }[];
}

/** The lists a server message may point into ("counters.0.serviceIds: …"), by their key in the body. */
const LISTS = ["fields", "services", "counters", "priorityGroups", "staff", "devices"] as const;

export function refusalOf(r: { code: ErrorCode | "OFFLINE"; message: string }, lang: Lang, sent?: Record<string, unknown>): Refusal {
  if (r.code === "OFFLINE") return { text: errorText(r, lang), details: [] };
  const which = (line: string): string | null => {
    // "calendar.holidays.3.date: …" names a day by its place: say which date that is.
    const day = /^calendar\.(holidays|extraWorkingDays)\.(\d+)\b/.exec(line);
    if (day && sent) {
      const cal = sent.calendar as { holidays?: { date?: unknown }[]; extraWorkingDays?: unknown[] } | undefined;
      const v = day[1] === "holidays" ? cal?.holidays?.[Number(day[2])]?.date : cal?.extraWorkingDays?.[Number(day[2])];
      return typeof v === "string" && v ? v : null;
    }
    // "counters.0.serviceIds: …" names a record by its place; say which one that is.
    const m = /^(\w+)\.(\d+)\b/.exec(line);
    if (!m || !sent || !(LISTS as readonly string[]).includes(m[1]!)) return null;
    const rec = (sent[m[1]!] as { id?: unknown }[] | undefined)?.[Number(m[2])];
    return typeof rec?.id === "string" && rec.id ? rec.id : null;
  };
  return {
    text: ERROR_TEXT[r.code][lang],
    details: r.message
      .split("; ")
      .filter(Boolean)
      .map((line) => ({ text: line, which: which(line) })),
  };
}
