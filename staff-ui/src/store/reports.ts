import { addDays, localParts } from "@motcua/engine";
import type { Report } from "@motcua/protocol";
import type { Answer } from "@motcua/protocol/client";
import { batch, signal } from "@preact/signals";
import { DICTIONARY } from "../i18n.ts";
import { saveFile } from "../save-file.ts";
import { lang } from "./lang.ts";
import { api, expire } from "./session.ts";

// Reports for any span: the figures the plan evaluates units and staff by, and files to send on.

export const from = signal("");
export const to = signal("");
export const report = signal<Report | null>(null);
export const busy = signal(false);
export const error = signal<string | null>(null);

/** Answers that come after the screen closed are dropped. */
let generation = 0;

/** The last thirty days up to today, on the office's calendar whatever the PC's time zone. */
export function start(): () => void {
  generation++;
  const today = localParts(Date.now()).date;
  batch(() => {
    from.value = addDays(today, -29);
    to.value = today;
    report.value = null;
    busy.value = false;
    error.value = null;
  });
  return () => void generation++;
}

function failed(r: Answer<unknown>): void {
  if (r.ok) return;
  if (r.code === "UNAUTHENTICATED") return expire();
  const t = DICTIONARY[lang.peek()];
  error.value = r.code === "OFFLINE" ? t.offline : `${t.reportFailed} ${r.message}`;
}

export async function load(): Promise<void> {
  const mine = generation;
  batch(() => {
    busy.value = true;
    error.value = null;
  });
  const r = await api("report", { body: { from: from.peek(), to: to.peek() } });
  if (mine !== generation) return;
  busy.value = false;
  if (r.ok) report.value = r.data;
  else failed(r);
}

export async function download(format: "csv" | "xlsx"): Promise<void> {
  const mine = generation;
  error.value = null;
  const r = await api("exportReport", { body: { from: from.peek(), to: to.peek(), format } });
  if (mine !== generation) return;
  if (r.ok) saveFile(r.data.name, r.data.blob);
  else failed(r);
}
