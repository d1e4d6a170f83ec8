import { citizenRoutes, type CenterListing, type Lang } from "@motcua/protocol";
import { restClient } from "@motcua/protocol/client";
import { signal, type Signal } from "@preact/signals";
import type { ComponentType } from "preact";
import { centerIn, opensWhere } from "./links.ts";

// What every phone page shares: the language, which page the address opens, and the way to the
// server. Each page's own state is in its store (follow-store, remote-store, book-store).

/** The center the address names, where one deployment serves several; the follow page's token names its own. */
export const center = centerIn(location.search);

/** The phone's REST calls: the citizen's routes only, so the staff's schemas stay off a slow line. */
export const api = restClient(citizenRoutes, { center: () => center });

/** The server could not tell which center the page is for: it serves several, and the address names none it knows. */
export const centerUnknown = signal(false);

/** The centers to choose from where the address names none; null until asked. */
export const centerChoices = signal<CenterListing[] | null>(null);
let askedForCenters = false;

export async function loadCenterChoices(): Promise<void> {
  if (askedForCenters) return;
  askedForCenters = true;
  const r = await api("centers");
  centerChoices.value = r.ok ? r.data.centers : [];
}

/** Whether a page's first load failed for want of a center (the only refusals those loads have); noted for the page to say so. */
export function missesCenter(code: string): boolean {
  const missing = code === "BAD_REQUEST" || code === "NOT_FOUND";
  if (missing) centerUnknown.value = true;
  return missing;
}

export const lang = signal<Lang>("vi");

export function flipLang(): void {
  const next = lang.value === "vi" ? "en" : "vi";
  document.documentElement.lang = next;
  lang.value = next;
}

export type Page = { name: "follow"; token: string } | { name: "book" } | { name: "where" } | { name: "remote" };
/** The pages whose code comes only when someone opens them. */
export type LaterPage = "book" | "where";

/**
 * A ticket's QR opens /f/<token>, the booking link /c/hen, /c/?chon=don-vi the units that receive
 * a procedure; anything else is taking a number from home.
 */
export function pageAt(path: string, search = ""): Page {
  const follow = /^\/f\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  if (follow) return { name: "follow", token: follow[1]! };
  if (/^\/c\/hen\/?$/.test(path)) return { name: "book" };
  if (/^\/c\/?$/.test(path) && opensWhere(search)) return { name: "where" };
  return { name: "remote" };
}

/**
 * The booking page or the units page once its code has arrived: each is fetched only when someone
 * opens it, so the follow page and the number from home stay small.
 */
export const laterPage: Signal<ComponentType | null> = signal(null);
export const laterFailed = signal(false);

export async function openLater(page: LaterPage): Promise<void> {
  laterFailed.value = false;
  try {
    const { Page, start } =
      page === "book"
        ? await import("./booking.ts").then((m) => ({ Page: m.Book, start: m.startBooking }))
        : await import("./where-page.ts").then((m) => ({ Page: m.Where, start: m.startWhere }));
    start();
    laterPage.value = Page;
  } catch {
    laterFailed.value = true;
  }
}
