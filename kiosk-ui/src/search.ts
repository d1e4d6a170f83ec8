import { fold, type Procedure, type ServiceSummary } from "@motcua/protocol";

/*
 * The kiosk's search, written for what citizens actually type on a keyboard of plain letters:
 * words run together ("khaisinh"), everyday names instead of the official ones ("sổ đỏ" for the
 * land-use certificate), and the slips of spoken Vietnamese (tr/ch, s/x, d/gi/r, l/n, a final
 * ng/n or c/t, one letter wrong). It loads with the rarer screens, off the start screen's budget.
 */

/**
 * Everyday words (folded) and the words of the official names they mean. Small on purpose: a
 * center adds its own words to each procedure (`Service.aliases`, in the admin screen).
 */
const EVERYDAY: readonly (readonly [readonly string[], readonly string[]])[] = [
  [["so do", "so hong", "bia do", "giay do", "red book", "pink book", "land title"], ["giay chung nhan quyen su dung dat", "dat dai"]],
  [["sang ten", "mua ban dat", "ban dat", "thua ke dat", "cho dat"], ["chuyen nhuong", "thua ke"]],
  [["chia dat", "tach so", "gop so", "tach dat"], ["tach thua", "hop thua"]],
  [["can cuoc", "lam can cuoc", "the can cuoc", "cccd", "cmnd", "chung minh nhan dan", "chung minh thu", "id card", "identity card"], ["can cuoc"]],
  [["ho khau", "so ho khau", "nhap khau", "tach khau", "chuyen khau", "household registration"], ["cu tru", "thuong tru", "tam tru"]],
  [["giay khai sinh", "lam khai sinh", "giay sinh", "birth certificate"], ["khai sinh"]],
  [["giay bao tu", "qua doi", "death certificate"], ["khai tu"]],
  [["lam giay ket hon", "giay ket hon", "dam cuoi", "marriage certificate"], ["ket hon"]],
  [["doc than", "xac nhan doc than", "giay doc than"], ["tinh trang hon nhan"]],
  [["cong chung", "sao y", "photo cong chung", "ban sao cong chung"], ["chung thuc"]],
  [["bang lai", "bang lai xe", "doi bang lai", "gplx", "driver license", "driving license", "drivers license"], ["giay phep lai xe"]],
  [["giay phep kinh doanh", "mo cua hang", "mo quan", "mo tiem", "business license"], ["ho kinh doanh", "dang ky doanh nghiep"]],
  [["mo cong ty", "lap cong ty"], ["thanh lap cong ty", "doanh nghiep"]],
  [["xay nha", "phep xay nha", "giay phep xay nha", "phep xay dung"], ["giay phep xay dung"]],
  [["ly lich", "giay ly lich", "lltp", "criminal record"], ["ly lich tu phap"]],
  [["mat viec", "nghi viec", "bao hiem that nghiep"], ["that nghiep"]],
  [["luong huu", "huu tri", "tro cap nguoi gia", "tien nguoi gia"], ["huu tri xa hoi", "tro cap xa hoi"]],
  [["thuong binh", "liet si", "gia dinh chinh sach"], ["nguoi co cong"]],
  [["lay ket qua", "lay ho so", "tra ho so"], ["nhan ket qua", "tra ket qua"]],
];

/** Words as the search sees them: folded, split, with nothing empty. */
const wordsOf = (s: string): string[] => fold(s).split(" ").filter(Boolean);

/** Does `hay` have, from the start of one of its words, the letters of `w` (spaces between its words ignored)? */
function startsAWord(hay: readonly string[], w: string): boolean {
  for (let i = 0; i < hay.length; i++) {
    let run = "";
    for (let j = i; j < hay.length && run.length < w.length; j++) run += hay[j];
    if (run.startsWith(w)) return true;
  }
  return false;
}

/** Does the query, with or without its spaces, hold the phrase as whole words? */
function says(query: readonly string[], phrase: string): boolean {
  const want = phrase.replace(/ /g, "");
  for (let i = 0; i < query.length; i++) {
    let run = "";
    for (let j = i; j < query.length && run.length < want.length; j++) {
      run += query[j];
      if (run === want) return true;
    }
  }
  return false;
}

/**
 * A word as it sounds across the regions, so the usual slips meet: tr/ch, s/x, gi/r/d, l/n at
 * the start, a final ng/n and c/t, i/y; and what Telex typing leaves on a keyboard that makes no
 * marks (dd, aa, aw, ow…, and a tone letter at the end, where no Vietnamese word ends in s, f, r, x or j).
 */
export function sound(w: string): string {
  return w
    .replace(/(.)[sfrxj]$/, "$1")
    .replace(/aa|aw/g, "a")
    .replace(/ee/g, "e")
    .replace(/oo|ow/g, "o")
    .replace(/uw/g, "u")
    .replace(/^tr/, "ch")
    .replace(/^s/, "x")
    .replace(/^(gi|r)/, "d")
    .replace(/^n(?![gh])/, "l")
    .replace(/^dd/, "d") // Telex: "dd" types đ
    .replace(/ng$/, "n")
    .replace(/c$/, "t")
    .replace(/y/g, "i");
}

/** Letters to change, add, drop or swap to turn one word into the other, stopping past 1. */
function oneSlip(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const tail = (x: string, n: number) => x.slice(i + n);
  return (
    tail(a, 1) === tail(b, 1) || // one changed
    tail(a, 1) === tail(b, 0) || // one added
    tail(a, 0) === tail(b, 1) || // one dropped
    (a[i] === b[i + 1] && a[i + 1] === b[i] && tail(a, 2) === tail(b, 2)) // two swapped
  );
}

/** A typed word near enough to a word of the name: the same sound, or one slip in a word of four letters or more. */
function near(hay: readonly string[], w: string): boolean {
  const s = sound(w);
  return hay.some((h) => {
    const t = sound(h);
    if (t.startsWith(s)) return true;
    if (s.length < 4) return false;
    // The word may still be being typed: compare with the name's word cut to about its length.
    return [s.length - 1, s.length, s.length + 1].some((n) => n <= t.length && oneSlip(s, t.slice(0, n)));
  });
}

/**
 * How well a query finds a thing with these names: 4 through everyday words the query says, 3
 * directly (every typed word starts a word of a name), 1 nearly, 0 not.
 */
export type Scorer = (names: readonly string[]) => number;

export function scorer(query: string): Scorer {
  const q = wordsOf(query);
  if (q.length === 0) return () => 0;
  const meant = EVERYDAY.filter(([everyday]) => everyday.some((e) => says(q, e))).flatMap(([, official]) => official);
  return (names) => {
    const hay = names.flatMap(wordsOf);
    const line = ` ${hay.join(" ")} `;
    if (meant.some((m) => line.includes(` ${m}`))) return 4;
    if (q.every((w) => startsAWord(hay, w))) return 3;
    // Two-letter words ("so", "ky") are too short to guess at: they must be right.
    if (q.every((w) => (w.length < 3 ? startsAWord(hay, w) : near(hay, w)))) return 1;
    return 0;
  };
}

/** Does every word the citizen typed begin a word of the name (in either language), spaces or not? */
export const matches = (query: string, ...names: string[]): boolean => {
  const q = wordsOf(query);
  const hay = names.flatMap(wordsOf);
  return q.length > 0 && q.every((w) => startsAWord(hay, w));
};

/**
 * The services and listed procedures a query finds. Near misses are offered only when nothing is
 * found directly or through everyday words: otherwise they would crowd the list.
 */
export function search(
  query: string,
  services: readonly ServiceSummary[],
  procedures: readonly Procedure[],
  aliases: Readonly<Record<string, readonly string[]>> = {},
): { services: ServiceSummary[]; procedures: Procedure[] } {
  const score = scorer(query);
  const own = (id: string) => aliases[id] ?? [];
  const s = services.map((x) => [x, score([x.name, x.nameEn, ...own(x.id)])] as const);
  const p = procedures.map((x) => [x, score([x.name, x.nameEn, ...own(x.serviceId)])] as const);
  // The best way anything was found is the only one shown: "sổ đỏ" means the land-use
  // certificate, not every name with "sở" and "do…" in it ("trụ sở doanh nghiệp").
  const least = Math.max(1, ...s.map(([, n]) => n), ...p.map(([, n]) => n));
  const ranked = <T>(xs: readonly (readonly [T, number])[]): T[] =>
    xs
      .filter(([, n]) => n >= least)
      .map(([x]) => x);
  return { services: ranked(s), procedures: ranked(p) };
}
