import { fold } from "@motcua/protocol";

/** Does every word the citizen typed begin a word of the name (in either language)? */
export function matches(query: string, ...names: string[]): boolean {
  const words = fold(query).split(" ").filter(Boolean);
  if (words.length === 0) return false;
  const hay = names.map((n) => ` ${fold(n)}`).join(" ");
  return words.every((w) => hay.includes(` ${w}`));
}

/** The elderly queue, found by its name (the ID card only says the holder is sixty or over). */
export const isElderlyGroup = (g: { name: string }): boolean => fold(g.name).includes("cao tuoi");
