import { isServed } from "@motcua/engine";
import type { CenterConfig, ProvinceCatalog } from "@motcua/protocol";
import { batch, computed, signal } from "@preact/signals";
import { fromDraft, toDraft, type AdminConfig, type Draft } from "../admin-draft.ts";
import type { AdminDict } from "../admin-i18n.ts";
import { checkDraft, serverProblems, type Problem, type Said } from "../admin-problems.ts";
import { refusalOf, type Refusal } from "../admin-refusal.ts";
import { lang } from "./lang.ts";
import { api, expire } from "./session.ts";
import { warnBeforeLeaving } from "./leave-warning.ts";

// The administration screen: the whole center configuration, edited here and sent back in one
// PUT. Nothing typed is lost to a refusal: the draft stays until saved or discarded.

export type Section = keyof AdminDict["sections"];
/**
 * A save's outcome. Saved, it names the procedures no counter takes yet (saved, but not offered);
 * refused, the problems are at their boxes (`problems`) and `rest` holds what names no box.
 */
export type Status = { kind: "saved"; unserved: { name: string; nameEn: string }[] } | ({ kind: "error"; rest: Said[] } & Refusal);

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
/** A save was tried since the draft loaded: from then on the draft's problems show as they are typed away. */
const tried = signal(false);
/** What the server's last refusal placed on the screen; it stands until the next save. */
const refused = signal<Problem[]>([]);
/** Bumped at each refused save: the screen then takes the admin to the first problem. */
export const showFirst = signal(0);
export const body = computed(() => (draft.value ? fromDraft(draft.value) : null));
export const dirty = computed(() => body.value !== null && JSON.stringify(body.value) !== baseline.value);
/** Edits not saved, or a key not yet noted: leaving the screen would lose them. */
export const unsaved = computed(() => dirty.value || keys.value.length > 0);
/** Every problem to show now: the schema's, checked as the admin types, and the server's last. */
export const problems = computed<Problem[]>(() => (tried.value && draft.value ? [...checkDraft(draft.value), ...refused.value] : []));

/** The procedures of a body no counter takes: saved, and shown to no citizen until one does (the engine's isServed). */
const unservedOf = (config: Pick<CenterConfig, "services" | "counters">) => config.services.filter((s) => s.id && !isServed(config, s.id)).map(({ name, nameEn }) => ({ name, nameEn }));

/** Answers that come after the screen closed are dropped. */
let generation = 0;

function adopt(config: AdminConfig): void {
  const d = toDraft(config);
  batch(() => {
    draft.value = d;
    baseline.value = JSON.stringify(fromDraft(d));
    tried.value = false;
    refused.value = [];
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
  const d = draft.peek();
  if (!sent || !d || busy.peek()) return false;
  const mine = generation;
  // What the schema refuses is said at its box at once; nothing is sent that would come back refused.
  const own = checkDraft(d);
  if (own.length) {
    batch(() => {
      tried.value = true;
      refused.value = [];
      status.value = { kind: "error", text: "", details: [], rest: [] };
      showFirst.value++;
    });
    return true;
  }
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
      status.value = { kind: "saved", unserved: unservedOf(r.data.config as unknown as CenterConfig) };
    });
    return true;
  }
  if (r.code === "UNAUTHENTICATED") {
    expire();
    return false;
  }
  const said = refusalOf(r, lang.peek(), sent);
  if (r.code !== "INVALID_CONFIG") {
    status.value = { kind: "error", ...said, rest: [] };
    return true;
  }
  const placed = serverProblems(d, r.message, sent);
  batch(() => {
    tried.value = true;
    refused.value = placed.problems;
    status.value = { kind: "error", ...said, details: [], rest: placed.rest };
    showFirst.value++;
  });
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
  // adopt() forgets the problems: the configuration as saved has none.
}

export function keysNoted(): void {
  keys.value = [];
}

export function added(key: string): void {
  focusKey.value = key;
}
