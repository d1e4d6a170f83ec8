import { describe, expect, it } from "vitest";
import { centerIn, pageLink } from "./links.ts";

describe("the center a phone page is for", () => {
  it.each([
    { search: "?center=xa-da-huoai", center: "xa-da-huoai" },
    { search: "?lang=en&center=lam-dong", center: "lam-dong" },
    { search: "", center: null },
    { search: "?center=", center: null },
    // Nothing a center's id could be: the page asks as if no center were named.
    { search: "?center=X%C3%A3%0Ahost", center: null },
    { search: `?center=${"a".repeat(41)}`, center: null },
  ])("reads $center from '$search'", ({ search, center }) => {
    expect(centerIn(search)).toBe(center);
  });

  it("keeps the center in the links between the pages", () => {
    expect(pageLink("/c/hen", "xa-da-huoai")).toBe("/c/hen?center=xa-da-huoai");
    expect(pageLink("/c/", "lam-dong")).toBe("/c/?center=lam-dong");
  });

  it("links as before where the page names no center (one center)", () => {
    expect(pageLink("/c/hen", null)).toBe("/c/hen");
    expect(pageLink("/c/", undefined)).toBe("/c/");
  });
});
