import { nameIn, type DashboardSnapshot, type Lang } from "@motcua/protocol";
import { DICTIONARY } from "./i18n.ts";

export interface Alert {
  key: string;
  fieldId: string;
  text: string;
  suggestion: string;
  /** A warning before trouble (a printer's paper running low): shown in amber, no chime. */
  mild?: boolean;
}

/**
 * What needs a leader's attention now: a field where someone has waited past the limit, or
 * where too many wait; with the counters that could help (closed ones configured for the field,
 * ones on a break, and open ones standing idle).
 */
export function alertsOf(d: DashboardSnapshot, lang: Lang): Alert[] {
  const t = DICTIONARY[lang];
  const out: Alert[] = [];
  for (const row of d.stats.perField) {
    const field = d.fields.find((f) => f.id === row.id);
    if (!field) continue;
    const late = row.longestCurrentWaitMinutes !== null && row.longestCurrentWaitMinutes > d.alerts.waitMinutes;
    const crowded = row.waiting >= d.alerts.waitingPerField;
    if (!late && !crowded) continue;
    const services = new Set(d.services.filter((s) => s.fieldId === row.id).map((s) => s.id));
    const able = d.counterServices.filter((c) => c.serviceIds.some((s) => services.has(s))).map((c) => c.counterId);
    const state = (id: string) => d.counters.find((c) => c.counterId === id);
    const numbers = (ids: string[]) => ids.map((id) => state(id)?.number ?? 0);
    const closed = able.filter((id) => state(id)?.status === "closed");
    const paused = able.filter((id) => state(id)?.status === "paused");
    const idle = d.counters.filter((c) => c.status === "open" && c.currentTicketId === null && !able.includes(c.counterId)).map((c) => c.counterId);
    const parts = [closed.length ? t.openMore(numbers(closed)) : "", paused.length ? t.resumePaused(numbers(paused)) : "", idle.length ? t.idleCounters(numbers(idle)) : ""].filter(Boolean);
    // Nothing left to suggest: every counter that can take the field is open already; say how many serve it.
    const serving = able.filter((id) => state(id)?.status === "open");
    const suggestion = parts.length ? parts.join("; ") : t.noSuggestion(numbers(serving));
    if (late) out.push({ key: `wait:${row.id}`, fieldId: row.id, text: t.alertWait(nameIn(lang, field), row.longestCurrentWaitMinutes!), suggestion });
    if (crowded) out.push({ key: `queue:${row.id}`, fieldId: row.id, text: t.alertQueue(nameIn(lang, field), row.waiting), suggestion });
  }
  // A kiosk's printer in trouble: citizens still get their number on screen, but someone must go.
  for (const p of d.printers) {
    const s = p.status;
    // Still printing, but the roll is nearly used up: a milder word, so the paper is fetched in time.
    if (p.ok && s?.paperNearEnd) out.push({ key: `printer:${p.stationId}`, fieldId: "", text: t.alertPrinter(p.stationId, p.kioskIds, t.printerPaperNearEnd), suggestion: t.bringPaper, mild: true });
    if (p.ok) continue;
    const what = !s ? t.printerFailed : s.paperOut ? t.printerPaperOut : s.coverOpen ? t.printerCoverOpen : !s.online ? t.printerOffline : t.printerFailed;
    out.push({ key: `printer:${p.stationId}`, fieldId: "", text: t.alertPrinter(p.stationId, p.kioskIds, what), suggestion: t.sendSomeone });
  }
  return out;
}
