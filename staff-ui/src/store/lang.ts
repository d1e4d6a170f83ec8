import type { Lang } from "@motcua/protocol";
import { signal } from "@preact/signals";

/** The language every staff screen speaks now: Vietnamese until someone presses the button. */
export const lang = signal<Lang>("vi");

export function toggleLang(): void {
  lang.value = lang.value === "vi" ? "en" : "vi";
}
