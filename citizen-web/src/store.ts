import { citizenRoutes, type CenterListing, type Lang } from "@motcua/protocol";
import { restClient } from "@motcua/protocol/client";
import { signal, type Signal } from "@preact/signals";
import type { ComponentType } from "preact";
import { centerIn } from "./links.ts";

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

export type Page = { name: "follow"; token: string } | { name: "book" } | { name: "remote" };

/** A ticket's QR opens /f/<token>, the booking link /c/hen; anything else is taking a number from home. */
export function pageAt(path: string): Page {
  const follow = /^\/f\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  if (follow) return { name: "follow", token: follow[1]! };
  if (/^\/c\/hen\/?$/.test(path)) return { name: "book" };
  return { name: "remote" };
}

/** The booking page once its code has arrived: it is fetched only when someone opens it, so the follow page stays small. */
export const bookPage: Signal<ComponentType | null> = signal(null);
export const bookFailed = signal(false);

export async function openBooking(): Promise<void> {
  bookFailed.value = false;
  try {
    const { Book, startBooking } = await import("./booking.ts");
    startBooking();
    bookPage.value = Book;
  } catch {
    bookFailed.value = true;
  }
}
