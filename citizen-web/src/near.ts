import type { Coordinates, Lang } from "@motcua/protocol";

const EARTH_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** The distance in km between two places on the Earth, as the crow flies (haversine). */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The units with their distance from `here`, nearest first; those whose place is not known keep
 * their order (the server's, by wait) after the others. Without `here`, the order is unchanged.
 */
export function nearestFirst<U extends { coordinates: Coordinates | null }>(units: readonly U[], here: Coordinates | null): (U & { km: number | null })[] {
  const measured = units.map((u) => ({ ...u, km: here && u.coordinates ? distanceKm(here, u.coordinates) : null }));
  if (!here) return measured;
  // Array sort is stable: equal distances, and every unknown one, keep the order they came in.
  return measured.sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity));
}

/** "800 m", "3,2 km", "45 km": as precise as a straight line on a map deserves, in the reader's decimals. */
export function showKm(km: number, lang: Lang): string {
  if (km < 0.95) return `${Math.max(100, Math.round(km * 10) * 100)} m`;
  if (km < 10) return `${(Math.round(km * 10) / 10).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB")} km`;
  return `${Math.round(km).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB")} km`;
}
