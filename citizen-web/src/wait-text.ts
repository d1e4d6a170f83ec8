import type { Lang, WaitBand } from "@motcua/protocol";

/** "45 phút", "1 giờ 15 phút", "2 giờ": minutes past the hour rounded to five. */
function duration(minutes: number, lang: Lang): string {
  if (minutes < 60) return lang === "vi" ? `${minutes} phút` : `${minutes} min`;
  const rounded = Math.round(minutes / 5) * 5;
  const h = Math.floor(rounded / 60);
  const m = rounded % 60;
  if (lang === "vi") return m ? `${h} giờ ${m} phút` : `${h} giờ`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** How long a citizen arriving now would wait at a unit, as a band: "Chờ khoảng 5–15 phút". */
export function waitText(band: WaitBand, lang: Lang): string {
  const { minMinutes: a, maxMinutes: b } = band;
  const vi = lang === "vi";
  if (b <= 0) return vi ? "Hiện không phải chờ" : "No wait now";
  const about = vi ? "Chờ khoảng" : "About";
  const tail = vi ? "" : " wait";
  if (a === b || (a >= 60 && duration(a, lang) === duration(b, lang))) return `${about} ${duration(b, lang)}${tail}`;
  if (b < 60) return `${about} ${a}–${duration(b, lang)}${tail}`;
  return `${about} ${duration(a, lang)} – ${duration(b, lang)}${tail}`;
}
