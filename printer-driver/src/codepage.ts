import CodepageEncoder from "@point-of-sale/codepage-encoder";

/**
 * Vietnamese through a printer's own code page, for models that have one: a profile's choice
 * instead of raster text. A letter the page cannot hold is an error, never a '?'.
 */
export type VietnameseCodePage = "tcvn3" | "windows1258";

/** ESC t numbers on Epson TM printers (and most clones): TCVN-3 lower and capital pages, WPC1258. */
export const EPSON_CODE_PAGES = { tcvn3: 30, tcvn3capitals: 31, windows1258: 52 } as const;

/** Windows-1258 composes letters with ^, ˘, ˙ and horns (â ê ô ơ ư ă đ) but keeps the five tones apart. */
const TONES = new Set(["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]);

/** Punctuation a code page may lack, written the way a typewriter would; letters never change. */
const PLAIN: Record<string, string> = { "–": "-", "—": "-", "·": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "..." };

export class UnprintableText extends Error {
  override name = "UnprintableText";
}

const table = (page: number[]) => new Map(page.map((cp, byte) => [String.fromCodePoint(cp), byte] as const).filter(([, b]) => b >= 0x20));
// The library's TCVN-3 table puts the Icelandic Ð (U+00D0) where TCVN-3 has the Vietnamese Đ (U+0110).
const tcvn = (page: "tcvn3" | "tcvn3capitals") => (CodepageEncoder.getEncoding(page).codepoints as number[]).map((cp) => (cp === 0xd0 ? 0x110 : cp));
let pages: Record<"tcvn3" | "tcvn3capitals" | "windows1258", Map<string, number>> | null = null;
function tables() {
  pages ??= {
    tcvn3: table(tcvn("tcvn3")),
    tcvn3capitals: table(tcvn("tcvn3capitals")),
    windows1258: table([...new TextDecoder("windows-1258").decode(Uint8Array.from({ length: 256 }, (_, i) => i))].map((c) => c.codePointAt(0)!)),
  };
  return pages;
}

/** Letters as Windows-1258 holds them: base letter with its non-tone marks composed, then the tone. */
export function splitTones(text: string): string {
  let out = "";
  for (const cluster of text.normalize("NFD").match(/\P{M}\p{M}*|\p{M}+/gu) ?? []) {
    const marks = [...cluster].slice(1);
    out += (cluster[0]! + marks.filter((m) => !TONES.has(m)).join("")).normalize("NFC") + marks.filter((m) => TONES.has(m)).join("");
  }
  return out;
}

/**
 * The bytes for `text` in a Vietnamese code page, with the ESC t switches it needs (TCVN-3
 * keeps capitals with tones on a second page). Throws UnprintableText naming the letters
 * the page lacks, so a caller can fall back to raster text.
 */
export function encodeVietnamese(text: string, page: VietnameseCodePage): Uint8Array {
  const t = tables();
  const out: number[] = [];
  const missing = new Set<string>();
  text = text.replace(/[–—·“”‘’…]/g, (c) => (page === "windows1258" && t.windows1258.has(c) ? c : PLAIN[c]!));
  if (page === "windows1258") {
    out.push(0x1b, 0x74, EPSON_CODE_PAGES.windows1258);
    for (const ch of splitTones(text)) {
      const b = t.windows1258.get(ch);
      if (b === undefined) missing.add(ch);
      else out.push(b);
    }
  } else {
    let current = null as "tcvn3" | "tcvn3capitals" | null;
    for (const ch of text.normalize("NFC")) {
      const pick: "tcvn3" | "tcvn3capitals" | null = current && t[current].has(ch) ? current : t.tcvn3.has(ch) ? "tcvn3" : t.tcvn3capitals.has(ch) ? "tcvn3capitals" : null;
      if (pick === null) {
        missing.add(ch);
        continue;
      }
      if (pick !== current) out.push(0x1b, 0x74, EPSON_CODE_PAGES[pick]);
      current = pick;
      out.push(t[pick].get(ch)!);
    }
  }
  if (missing.size > 0) throw new UnprintableText(`code page ${page} cannot print ${[...missing].map((c) => JSON.stringify(c)).join(", ")}`);
  return Uint8Array.from(out);
}

/**
 * `text` as the receipt encoder should be given it for `page`, after checking that the page
 * holds every letter (throws UnprintableText otherwise): tones split off for Windows-1258,
 * and Đ written as the encoder's TCVN-3 table spells it (U+00D0, the same byte 0xA7).
 */
export function forCodePage(text: string, page: VietnameseCodePage): string {
  encodeVietnamese(text, page);
  const plain = text.replace(/[–—·“”‘’…]/g, (c) => (page === "windows1258" && tables().windows1258.has(c) ? c : PLAIN[c]!));
  return page === "windows1258" ? splitTones(plain) : plain.normalize("NFC").replace(/Đ/g, "\u00d0");
}

/** Bytes printed under ESC t `page` back to text, for the virtual printer. */
export function decodeCodePage(bytes: Uint8Array, page: number | null): string {
  const t = tables();
  const name = (Object.entries(EPSON_CODE_PAGES).find(([, n]) => n === page)?.[0] ?? null) as keyof typeof EPSON_CODE_PAGES | null;
  if (name === null) return new TextDecoder("latin1").decode(bytes);
  const reverse = new Map([...t[name]].map(([ch, b]) => [b, ch] as const));
  return [...bytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : (reverse.get(b) ?? "\ufffd"))).join("");
}
