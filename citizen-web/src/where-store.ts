import type { Coordinates, UnitOffer, UnitsOffer } from "@motcua/protocol";
import { batch, computed, effect, signal } from "@preact/signals";
import { findProcedures } from "./find.ts";
import { serviceIn, wherePage } from "./links.ts";
import { nearestFirst } from "./near.ts";
import { api, lang } from "./store.ts";
import { WHERE_WORDS } from "./where-words.ts";

// "Làm thủ tục ở đâu?" (/c/?chon=don-vi): the procedures the province's units receive, then, for
// the one chosen, each unit that receives it, by wait or, once the phone says where it is, by
// distance. Loaded only when someone opens the page.

type Procedure = UnitsOffer["procedures"][number];

export const procedures = signal<Procedure[] | null>(null);
export const query = signal("");
/** The procedure chosen: the address carries it, so Back and a reload keep the step. */
export const chosen = signal<string | null>(null);
export const units = signal<UnitOffer[] | null>(null);
/** The last request did not come back: the page offers to try again. */
export const failed = signal(false);

export type Locating = "idle" | "asking" | "here" | "refused" | "failed";
export const locating = signal<Locating>("idle");
/** Where the phone is, once it has said; never sent to the server. */
export const here = signal<Coordinates | null>(null);
/** Geolocation needs a secure page (https, or the phone's own address): on plain http the button would only fail. */
export const canLocate = typeof navigator !== "undefined" && "geolocation" in navigator && globalThis.isSecureContext === true;

export const procedure = computed(() => procedures.value?.find((p) => p.id === chosen.value));
export const found = computed(() => findProcedures(procedures.value ?? [], query.value));
export const shown = computed(() => (units.value ? nearestFirst(units.value, here.value) : null));

let asked = 0;

/** The procedures, and the units for the one chosen; the answer to an older question is dropped. */
export async function load(): Promise<void> {
  const serviceId = chosen.value;
  const mine = ++asked;
  batch(() => {
    failed.value = false;
    units.value = null;
  });
  const r = await api("unitsOffering", { query: serviceId ? { serviceId } : {} });
  if (mine !== asked) return;
  batch(() => {
    if (!r.ok) return void (failed.value = true);
    procedures.value = r.data.procedures;
    if (serviceId) units.value = r.data.units;
  });
}

export function startWhere(): void {
  effect(() => {
    document.title = `${WHERE_WORDS[lang.value].title} – motcua`;
  });
  chosen.value = serviceIn(location.search);
  // Each step is a page in the phone's history: its Back button returns to the procedures.
  history.replaceState({ picked: false }, "");
  addEventListener("popstate", () => {
    chosen.value = serviceIn(location.search);
  });
  effect(() => {
    // The units are asked each time a procedure is chosen (the waits change); the list once.
    if (chosen.value || !procedures.peek()) void load();
  });
}

export function pick(id: string): void {
  history.pushState({ picked: true }, "", wherePage(id));
  chosen.value = id;
  scrollTo(0, 0);
}

/** Back to the procedures: the phone's own Back where the list came first, else the list in place of this page. */
export function back(): void {
  if ((history.state as { picked?: boolean } | null)?.picked) return history.back();
  history.replaceState({ picked: false }, "", wherePage(null));
  chosen.value = null;
}

export const typeQuery = (typed: string): void => void (query.value = typed);

export function locate(): void {
  if (!canLocate) return void (locating.value = "failed");
  locating.value = "asking";
  navigator.geolocation.getCurrentPosition(
    (p) =>
      batch(() => {
        here.value = { lat: p.coords.latitude, lon: p.coords.longitude };
        locating.value = "here";
      }),
    (e) => void (locating.value = e.code === e.PERMISSION_DENIED ? "refused" : "failed"),
    { enableHighAccuracy: false, timeout: 20_000, maximumAge: 300_000 },
  );
}
