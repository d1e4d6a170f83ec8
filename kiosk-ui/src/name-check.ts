/*
 * Did the scanner lose the card's letters? A chip ID card's QR (CCCD) is UTF-8 with every
 * diacritic. A scanner that types it as a keyboard drops (or mangles) each letter its layout
 * cannot type: as a US keyboard "Nguyễn Văn An" arrives as "Nguyn Vn An" and "Nữ" as "N"; with
 * Western (Latin-1) Alt codes "Lê Văn A" arrives as "Lê Vn A"; a wrong code page makes "LÃª".
 * Greeting such a name is worse than not greeting: the kiosk then greets nobody, and the rest of
 * the card (the age for the priority suggestion) still counts. See docs/OPERATIONS.md, "Scanners and the chip ID card's Vietnamese letters".
 *
 * Conservative on purpose; a real name the check doubts only loses its greeting:
 * - the name must be written in the Vietnamese alphabet (mangled text never is);
 * - a word with no vowel left ("Vn"), or "uy" closed by n, m or ng ("Nguyn"), lost letters, whatever
 *   else came through: a layout that types ă, ơ, đ may still drop the toned vowels;
 * - a card's text always has letters beyond Latin-1 (its address: Phường, Huyện, Tỉnh, Thành phố…;
 *   "Nữ"; most names): where some came through, nothing else was dropped;
 * - where only Latin-1 letters came, some may have been: every word of the name and address must
 *   then be a possible Vietnamese syllable, and the sex field "Nam";
 * - plain ASCII text lost them all, even where what is left reads as a name ("Le Van A").
 */

/** Letters, then the marks Vietnamese writes on them (tones, circumflex, breve, horn), decomposed. */
const ALPHABET = /^[A-Za-zĐđ\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323 '-]+$/;
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;
const BEYOND_ASCII = /[^\u0000-\u007f]/;

/** Lower case, without tone and vowel marks, đ as d: the letters a syllable is built from. */
const bare = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();

/**
 * A Vietnamese syllable, bare: an initial consonant (or none), one to three vowels, a final (or
 * none). "nguyen", "van", "a", "khuynh" are; "nguyn", "vn", "l", "trn" are not.
 */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?([aeiouy]{1,3})(ch|ng|nh|[cmnpt])?$/;

export function couldBeVietnamese(syllable: string): boolean {
  const m = SYLLABLE.exec(bare(syllable));
  if (!m) return false;
  const [, , vowels, final] = m;
  // "uy" closes only with ch, nh, t or p (huých, huỳnh, quýt, tuýp): "Nguyn" lost its "ễ".
  return !(final && vowels!.endsWith("y") && !["ch", "nh", "t", "p"].includes(final));
}

/**
 * Letters surely lost, in any name: a word with no vowel at all (but the "H" of the Ê Đê and Jrai
 * "H'Hen", "Ksor H'Bla"), or "uy" closed by n, m or ng, which no Vietnamese syllable has.
 */
function surelyDamaged(name: string): boolean {
  return name.split(/[\s-]+/).some((word) =>
    word.split("'").some((part, i, parts) => {
      const b = bare(part);
      if (!b) return false;
      if (!/[aeiouy]/.test(b)) return !(b === "h" && i < parts.length - 1);
      return /uy(n|m|ng)$/.test(b);
    }),
  );
}

/** The words of a text made of letters only (house numbers and "1" in "Phường 1" are not words). */
const words = (text: string) => text.split(/[\s'.,/-]+/).filter((w) => /^\p{L}+$/u.test(w));

/**
 * Whether the name read from a chip ID card can be shown. `fields` are the card's fields as read:
 * ID number, old ID number, name, birth, sex, address, …
 */
export function nameIntact(fields: readonly string[]): boolean {
  // Typographic apostrophes as the card's plain one: "H’Hen" is "H'Hen".
  const name = (fields[2] ?? "").replace(/[\u2019\u02bc]/g, "'").normalize("NFC");
  if (!ALPHABET.test(name.normalize("NFD"))) return false;
  if (surelyDamaged(name)) return false;
  const record = fields.join("|");
  if (BEYOND_LATIN1.test(record)) return true;
  if (!BEYOND_ASCII.test(record)) return false;
  return fields[4]?.trim() === "Nam" && [...words(name), ...words(fields[5] ?? "")].every(couldBeVietnamese);
}
