import { provinceRoutes, type ProvinceCatalog } from "@motcua/protocol";
import { restClient } from "@motcua/protocol/client";
import { batch, computed, signal } from "@preact/signals";
import { refusalOf, type Refusal } from "../admin-refusal.ts";
import { appliedIn, catalogProblems, fromCatalogDraft, toCatalogDraft, type CatalogDraft } from "../catalog-draft.ts";
import { lang } from "./lang.ts";
import { expire, session } from "./session.ts";
import { warnBeforeLeaving } from "./leave-warning.ts";

// The province's one catalog of fields, procedures and holidays: edited here, sent back in one
// PUT, which brings every unit's entries of it up to date. Nothing typed is lost to a refusal.

/** The province's own routes, with the session's token. */
const api = restClient(provinceRoutes, { token: () => session.peek()?.token });

/** The working copy; null until the catalog has loaded. */
export const draft = signal<CatalogDraft | null>(null);
/** The body the loaded (or last saved) catalog makes: what "unsaved" is measured against. */
const baseline = signal("");
export const loadError = signal<string | null>(null);
export const busy = signal(false);
/** The units' names, to say which could not take a change (their ids until they come). */
export const unitNames = signal<Record<string, string>>({});
/** What the last save came to: how many units took it and which could not yet, or the refusal. */
export type Status = { kind: "saved"; updated: number; refused: { id: string; message: string }[] } | ({ kind: "error" } & Refusal);
export const status = signal<Status | null>(null);
/** A row just added: the screen brings it into view with the cursor in it. */
export const focusKey = signal<string | null>(null);

export const body = computed(() => (draft.value ? fromCatalogDraft(draft.value) : null));
export const dirty = computed(() => body.value !== null && JSON.stringify(body.value) !== baseline.value);
export const problems = computed(() => (draft.value ? catalogProblems(draft.value) : []));

/** Answers that come after the screen closed are dropped. */
let generation = 0;

function adopt(catalog: ProvinceCatalog): void {
  const d = toCatalogDraft(catalog);
  batch(() => {
    draft.value = d;
    baseline.value = JSON.stringify(fromCatalogDraft(d));
  });
}

export async function load(): Promise<void> {
  const mine = generation;
  loadError.value = null;
  const r = await api("provinceCatalog");
  if (mine !== generation) return;
  if (r.ok) return adopt(r.data);
  if (r.code === "UNAUTHENTICATED") return expire();
  const f = refusalOf(r, lang.peek());
  loadError.value = [f.text, ...f.details.map((x) => x.text)].join(" ");
}

async function loadNames(): Promise<void> {
  const mine = generation;
  const r = await api("provinceCenters");
  if (mine === generation && r.ok) unitNames.value = Object.fromEntries(r.data.centers.map((c) => [c.id, c.name]));
}

/** A fresh screen, loading the catalog; returns how to close it. */
export function start(): () => void {
  generation++;
  batch(() => {
    draft.value = null;
    baseline.value = "";
    status.value = null;
    busy.value = false;
    focusKey.value = null;
  });
  void load();
  void loadNames();
  const stopWarning = warnBeforeLeaving(dirty);
  return () => {
    generation++;
    stopWarning();
  };
}

export function edit(fn: (d: CatalogDraft) => CatalogDraft): void {
  const d = draft.peek();
  batch(() => {
    if (d) draft.value = fn(d);
    if (status.peek()?.kind === "saved") status.value = null;
  });
}

/** Sends the catalog; true once the server has answered, whatever it said (the screen shows it). */
export async function save(): Promise<boolean> {
  const sent = body.peek();
  if (!sent || busy.peek() || problems.peek().length > 0) return false;
  const mine = generation;
  batch(() => {
    busy.value = true;
    status.value = null;
  });
  const r = await api("saveProvinceCatalog", { body: sent });
  if (mine !== generation) return false;
  busy.value = false;
  if (r.ok) {
    batch(() => {
      adopt(r.data.catalog);
      status.value = { kind: "saved", ...appliedIn(r.data.units) };
    });
    return true;
  }
  if (r.code === "UNAUTHENTICATED") {
    expire();
    return false;
  }
  status.value = { kind: "error", ...refusalOf(r, lang.peek(), sent) };
  return true;
}

/** Throws the edits away: back to the catalog as last loaded or saved. */
export function revert(): void {
  if (!draft.peek()) return;
  batch(() => {
    adopt(JSON.parse(baseline.peek()) as ProvinceCatalog);
    status.value = null;
  });
}

export function added(key: string): void {
  focusKey.value = key;
}
