import type { ProvinceCatalog } from "@motcua/protocol";
import { batch, computed, signal } from "@preact/signals";
import { fromDraft, toDraft, type AdminConfig, type Draft } from "../admin-draft.ts";
import type { AdminDict } from "../admin-i18n.ts";
import { refusalOf, type Refusal } from "../admin-refusal.ts";
import { lang } from "./lang.ts";
import { api, expire } from "./session.ts";
import { warnBeforeLeaving } from "./leave-warning.ts";

// The administration screen: the whole center configuration, edited here and sent back in one
// PUT. Nothing typed is lost to a refusal: the draft stays until saved or discarded.

export type Section = keyof AdminDict["sections"];
export type Status = { kind: "saved" } | ({ kind: "error" } & Refusal);

/** The working copy; null until the configuration has loaded. */
export const draft = signal<Draft | null>(null);
/** The body the loaded (or last saved) configuration makes: what "unsaved" is measured against. */
const baseline = signal("");
export const loadError = signal<string | null>(null);
export const status = signal<Status | null>(null);
export const busy = signal(false);
/** Device keys the server made at a save: shown once, until the admin says they are noted. */
export const keys = signal<[id: string, key: string][]>([]);
export const section = signal<Section>("center");
/** The province's catalog, to take procedures from; null until it has loaded. */
export const catalog = signal<ProvinceCatalog | null>(null);
export const catalogError = signal<string | null>(null);
/** A row just added: the screen brings it into view with the cursor in it. */
export const focusKey = signal<string | null>(null);
export const body = computed(() => (draft.value ? fromDraft(draft.value) : null));
export const dirty = computed(() => body.value !== null && JSON.stringify(body.value) !== baseline.value);
/** Edits not saved, or a key not yet noted: leaving the screen would lose them. */
export const unsaved = computed(() => dirty.value || keys.value.length > 0);

/** Answers that come after the screen closed are dropped. */
let generation = 0;

function adopt(config: AdminConfig): void {
  const d = toDraft(config);
  batch(() => {
    draft.value = d;
    baseline.value = JSON.stringify(fromDraft(d));
  });
}

export async function load(): Promise<void> {
  const mine = generation;
  loadError.value = null;
  const r = await api("adminConfig");
  if (mine !== generation) return;
  if (r.ok) return adopt(r.data as AdminConfig);
  if (r.code === "UNAUTHENTICATED") return expire();
  const f = refusalOf(r, lang.peek());
  loadError.value = [f.text, ...f.details.map((x) => x.text)].join(" ");
}

/** The province's catalog: a unit that cannot have it still edits everything else. */
export async function loadCatalog(): Promise<void> {
  const mine = generation;
  catalogError.value = null;
  const r = await api("adminCatalog");
  if (mine !== generation) return;
  if (r.ok) return void (catalog.value = r.data);
  if (r.code === "UNAUTHENTICATED") return expire();
  catalogError.value = refusalOf(r, lang.peek()).text;
}

/** A fresh screen on the first section, loading the configuration; returns how to close it. */
export function start(): () => void {
  generation++;
  batch(() => {
    draft.value = null;
    baseline.value = "";
    status.value = null;
    busy.value = false;
    keys.value = [];
    section.value = "center";
    focusKey.value = null;
    catalog.value = null;
    catalogError.value = null;
  });
  void load();
  void loadCatalog();
  const stopWarning = warnBeforeLeaving(dirty);
  return () => {
    generation++;
    stopWarning();
  };
}

export function edit(fn: (d: Draft) => Draft): void {
  const d = draft.peek();
  batch(() => {
    if (d) draft.value = fn(d);
    if (status.peek()?.kind === "saved") status.value = null;
  });
}

/** Sends the draft; true once the server has answered, whatever it said (the screen shows it). */
export async function save(): Promise<boolean> {
  const sent = body.peek();
  if (!sent || busy.peek()) return false;
  const mine = generation;
  batch(() => {
    busy.value = true;
    status.value = null;
  });
  const r = await api("saveConfig", { body: sent });
  if (mine !== generation) return false;
  busy.value = false;
  if (r.ok) {
    batch(() => {
      adopt(r.data.config as AdminConfig);
      const fresh = Object.entries(r.data.newKeys);
      keys.value = [...keys.peek().filter(([id]) => !fresh.some(([f]) => f === id)), ...fresh];
      status.value = { kind: "saved" };
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

/** Throws the edits away: back to the configuration as last loaded or saved. */
export function revert(): void {
  const d = draft.peek();
  if (!d) return;
  batch(() => {
    adopt(d.base);
    status.value = null;
  });
}

export function keysNoted(): void {
  keys.value = [];
}

export function added(key: string): void {
  focusKey.value = key;
}
