import { citizenRoutes, type CentersResponse } from "@motcua/protocol";
import { restClient } from "@motcua/protocol/client";
import { computed, signal } from "@preact/signals";
import { loginScope } from "../center-choice.ts";

// The login's choice of center, where one deployment serves several (and the province's own
// accounts): the list the server offers, and what was chosen on this browser.

const KEY = "motcua.center";

/** The centers the deployment serves; null until the server has answered. */
export const listing = signal<CentersResponse | null>(null);

/** Chosen on the form, or last time on this browser: a counter PC logs in to the same center every day. */
const chosen = signal<string | null>(localStorage.getItem(KEY));

/** The center (or "province") the login names; undefined where the form asks for none. */
export const scope = computed(() => loginScope(listing.value, chosen.value));

export function choose(id: string): void {
  chosen.value = id;
}

/** A login that worked: the next one on this browser starts on the same center. */
export function remember(id: string | undefined): void {
  if (id) localStorage.setItem(KEY, id);
}

/** A public route: no token, so its own client (and no import of the session's). */
const open = restClient({ centers: citizenRoutes.centers });

/** A server out of reach is asked again this often, while the login shows. */
const RETRY_MS = 5000;

/**
 * Asks for the list of centers while the login shows, again each time it shows (a center the
 * province just created is then there), and again after a failure; returns how to stop.
 */
export function watchCenters(): () => void {
  let alive = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ask = async () => {
    const r = await open("centers");
    if (!alive) return;
    if (r.ok) listing.value = r.data;
    else timer = setTimeout(() => void ask(), RETRY_MS);
  };
  void ask();
  return () => {
    alive = false;
    clearTimeout(timer);
  };
}
