/**
 * Vietnamese folded to plain letters: no tone or vowel marks, đ as d, lower case, words
 * separated by single spaces. "Đăng ký khai sinh" and "dang ky khai sinh" fold alike, which
 * is how the kiosk searches and how the admin screen makes an id from a name.
 */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The languages every screen speaks: Vietnamese first, English second. */
export type Lang = "vi" | "en";

/** A record's name in the chosen language (fields, services, counters, holidays all carry both). */
export const nameIn = (lang: Lang, named: { name: string; nameEn: string }): string => (lang === "en" ? named.nameEn : named.name);
