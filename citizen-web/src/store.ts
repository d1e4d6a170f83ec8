import { citizenRoutes, type Lang } from "@motcua/protocol";
import { restClient } from "@motcua/protocol/client";
import { signal, type Signal } from "@preact/signals";
import type { ComponentType } from "preact";

// What every phone page shares: the language, which page the address opens, and the way to the
// server. Each page's own state is in its store (follow-store, remote-store, book-store).

/** The phone's REST calls: the citizen's routes only, so the staff's schemas stay off a slow line. */
export const api = restClient(citizenRoutes);

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
