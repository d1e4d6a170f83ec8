import { describe, expect, it } from "vitest";
import { distanceKm, nearestFirst, showKm } from "./near.ts";

const DA_LAT = { lat: 11.9404, lon: 108.4383 };
const BAO_LOC = { lat: 11.5479, lon: 107.8077 };
const HA_NOI = { lat: 21.0285, lon: 105.8542 };
const HCM = { lat: 10.7769, lon: 106.7009 };

describe("the distance between two places", () => {
  it("is nothing from a place to itself", () => {
    expect(distanceKm(DA_LAT, DA_LAT)).toBe(0);
  });

  it.each([
    { from: "Đà Lạt", to: "Bảo Lộc", a: DA_LAT, b: BAO_LOC, km: 81 },
    { from: "Hà Nội", to: "Hồ Chí Minh City", a: HA_NOI, b: HCM, km: 1144 },
  ])("is about $km km from $from to $to as the crow flies", ({ a, b, km }) => {
    expect(distanceKm(a, b)).toBeCloseTo(km, -1);
    expect(distanceKm(b, a)).toBeCloseTo(distanceKm(a, b), 9);
  });

  it("is about 111 km for a degree of latitude", () => {
    expect(distanceKm({ lat: 11, lon: 108 }, { lat: 12, lon: 108 })).toBeCloseTo(111.2, 1);
  });
});

describe("units nearest first", () => {
  const units = [
    { id: "short-wait-far", coordinates: HA_NOI },
    { id: "nowhere", coordinates: null },
    { id: "near", coordinates: BAO_LOC },
    { id: "here", coordinates: DA_LAT },
    { id: "also-nowhere", coordinates: null },
  ];

  it("puts the nearest first and those with no known place last, in the order they came", () => {
    const sorted = nearestFirst(units, DA_LAT);
    expect(sorted.map((u) => u.id)).toEqual(["here", "near", "short-wait-far", "nowhere", "also-nowhere"]);
    expect(sorted[0]!.km).toBe(0);
    expect(sorted[3]!.km).toBeNull();
  });

  it("keeps the order by wait where the phone's place is not known", () => {
    const kept = nearestFirst(units, null);
    expect(kept.map((u) => u.id)).toEqual(units.map((u) => u.id));
    expect(kept.every((u) => u.km === null)).toBe(true);
  });

  it("does not reorder the list it was given", () => {
    const given = [...units];
    nearestFirst(given, DA_LAT);
    expect(given).toEqual(units);
  });
});

describe("a distance as the page says it", () => {
  it.each([
    { km: 0.04, vi: "100 m", en: "100 m" },
    { km: 0.83, vi: "800 m", en: "800 m" },
    { km: 0.97, vi: "1 km", en: "1 km" },
    { km: 1, vi: "1 km", en: "1 km" },
    { km: 3.24, vi: "3,2 km", en: "3.2 km" },
    { km: 9.96, vi: "10 km", en: "10 km" },
    { km: 45.4, vi: "45 km", en: "45 km" },
    { km: 1137.2, vi: "1.137 km", en: "1,137 km" },
  ])("says $vi for $km km", ({ km, vi, en }) => {
    expect(showKm(km, "vi")).toBe(vi);
    expect(showKm(km, "en")).toBe(en);
  });
});
