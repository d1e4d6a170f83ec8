import { fold } from "@motcua/protocol";

/**
 * Does every word typed begin a word of one of the names? Tones, vowel marks and đ do not count,
 * as on the kiosk: "khai sinh", "Khai Sinh" and "khai sinh" all find "Đăng ký khai sinh".
 */
export function matches(query: string, ...names: string[]): boolean {
  const words = fold(query).split(" ").filter(Boolean);
  const hay = names.map((n) => ` ${fold(n)}`).join(" ");
  return words.every((w) => hay.includes(` ${w}`));
}

/** The procedures a search finds, in the order given (all of them while nothing is typed). */
export function findProcedures<P extends { name: string; nameEn: string }>(procedures: readonly P[], query: string): P[] {
  return procedures.filter((p) => matches(query, p.name, p.nameEn));
}
