import type { Lang } from "@motcua/protocol";
import { DICTIONARY } from "./i18n.ts";
import { clockText } from "./unit-figures.ts";

/**
 * Why a login was held back, and until when. The server holds a stranger's guesses back from
 * 15 s up to 10 min: "wait a minute" told again and again for ten is not true, so a hold of more
 * than a minute and a half says the time it ends (the server's, in Vietnam time).
 */
export function heldText(at: string | undefined, now: number, lang: Lang): string {
  const t = DICTIONARY[lang];
  if (!at || Date.parse(at) - now <= 90_000) return t.tooMany;
  return t.tooManyUntil(clockText(at, now));
}
