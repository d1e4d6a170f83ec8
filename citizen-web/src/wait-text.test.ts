import { describe, expect, it } from "vitest";
import { waitText } from "./wait-text.ts";

describe("a unit's wait as the page says it", () => {
  it.each([
    { min: 0, max: 0, vi: "Hiện không phải chờ", en: "No wait now" },
    { min: 0, max: 10, vi: "Chờ khoảng 0–10 phút", en: "About 0–10 min wait" },
    { min: 5, max: 15, vi: "Chờ khoảng 5–15 phút", en: "About 5–15 min wait" },
    { min: 20, max: 20, vi: "Chờ khoảng 20 phút", en: "About 20 min wait" },
    { min: 40, max: 70, vi: "Chờ khoảng 40 phút – 1 giờ 10 phút", en: "About 40 min – 1 h 10 min wait" },
    { min: 62, max: 93, vi: "Chờ khoảng 1 giờ – 1 giờ 35 phút", en: "About 1 h – 1 h 35 min wait" },
    { min: 118, max: 122, vi: "Chờ khoảng 2 giờ", en: "About 2 h wait" },
  ])("says '$vi' for $min–$max minutes", ({ min, max, vi, en }) => {
    expect(waitText({ minMinutes: min, maxMinutes: max }, "vi")).toBe(vi);
    expect(waitText({ minMinutes: min, maxMinutes: max }, "en")).toBe(en);
  });
});
