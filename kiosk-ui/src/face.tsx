import type { RatingLevel } from "@motcua/protocol";

/** Faces for the three rating levels, drawn (a kiosk PC may have no colour emoji font). */
export function Face({ level }: { level: RatingLevel }) {
  const mouth = level === "very_satisfied" ? "M7 13.5c1.5 3 8.5 3 10 0z" : level === "satisfied" ? "M8 14.5c1.5 1.6 6.5 1.6 8 0" : "M8 16.5c1.5-1.8 6.5-1.8 8 0";
  return (
    <svg class="face" width="120" height="120" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" aria-hidden="true">
      <circle cx="12" cy="12" r="10" />
      <circle cx="8.5" cy="9.5" r="1" fill="currentColor" />
      <circle cx="15.5" cy="9.5" r="1" fill="currentColor" />
      <path d={mouth} fill={level === "very_satisfied" ? "currentColor" : "none"} />
    </svg>
  );
}
