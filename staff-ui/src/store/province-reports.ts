import { localParts } from "@motcua/engine";
import { provinceRoutes, type ProvinceReport } from "@motcua/protocol";
import { restClient, type Answer } from "@motcua/protocol/client";
import { batch, computed, signal } from "@preact/signals";
import { DICTIONARY } from "../i18n.ts";
import { periodHolding, spanOf, type Period } from "../province-period.ts";
import { PROVINCE_REPORTS_TEXT } from "../province-reports-i18n.ts";
import { saveFile } from "../save-file.ts";
import { lang } from "./lang.ts";
import { expire, serverNow, session } from "./session.ts";

// The province's reports: every unit over a month, a quarter or a year, against the plan, and the
// same as a file to send on.

/** The province's own routes, with the session's token (a province token may call no hall route). */
const api = restClient(provinceRoutes, { token: () => session.peek()?.token });

/** Today on the office's calendar, by the server's clock (a PC's own clock may be off). */
export const today = signal(localParts(serverNow()).date);
export const period = signal<Period>(periodHolding("month", today.peek()));
/** The days asked for: the period so far; null before it begins. */
export const span = computed(() => spanOf(period.value, today.value));
export const report = signal<ProvinceReport | null>(null);
export const busy = signal(false);
export const error = signal<string | null>(null);
/** Which file is on its way, if any. */
export const downloading = signal<"csv" | "xlsx" | null>(null);
/** Every officer, or the first twenty. */
export const allOfficers = signal(false);

/** Answers that come after the screen closed are dropped; a report's, after another period was chosen, too. */
let opened = 0;
let asked = 0;

function refusal(r: Answer<unknown>, failed: string): string | null {
  if (r.ok) return null;
  if (r.code === "UNAUTHENTICATED") {
    expire();
    return null;
  }
  return r.code === "OFFLINE" ? DICTIONARY[lang.peek()].offline : `${failed} ${r.message}`;
}

/** Asks for the period's report; a period not begun asks nothing. */
export async function load(): Promise<void> {
  const mine = ++asked;
  const s = span.peek();
  batch(() => {
    report.value = null;
    error.value = null;
    allOfficers.value = false;
    busy.value = s !== null;
  });
  if (!s) return;
  const r = await api("provinceReport", { body: s, timeoutMs: 60_000 });
  if (mine !== asked) return;
  batch(() => {
    busy.value = false;
    if (r.ok) report.value = r.data;
    else error.value = refusal(r, PROVINCE_REPORTS_TEXT[lang.peek()].failed);
  });
}

/** Another period chosen in the picker: its report at once. */
export function choose(next: Period): void {
  period.value = next;
  void load();
}

/** The period's report as a file, handed to the browser's download. */
export async function download(format: "csv" | "xlsx"): Promise<void> {
  const s = span.peek();
  if (!s || downloading.peek()) return;
  const mine = opened;
  batch(() => {
    downloading.value = format;
    error.value = null;
  });
  const r = await api("provinceExport", { body: { ...s, format }, timeoutMs: 60_000 });
  if (mine !== opened) return;
  downloading.value = null;
  if (r.ok) saveFile(r.data.name, r.data.blob);
  else error.value = refusal(r, PROVINCE_REPORTS_TEXT[lang.peek()].downloadFailed);
}

/** Opens on this month so far; returns how to close it. */
export function start(): () => void {
  opened++;
  const now = localParts(serverNow()).date;
  batch(() => {
    today.value = now;
    period.value = periodHolding("month", now);
    downloading.value = null;
  });
  void load();
  return () => {
    opened++;
    asked++;
    batch(() => {
      busy.value = false;
      downloading.value = null;
    });
  };
}
