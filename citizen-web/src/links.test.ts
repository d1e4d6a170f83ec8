import { describe, expect, it } from "vitest";
import { centerIn, opensWhere, pageLink, serviceIn, wherePage } from "./links.ts";

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

describe("a procedure chosen on one page, for the next", () => {
  it("names the procedure after the center", () => {
    expect(pageLink("/c/", "lam-dong", "khai-sinh")).toBe("/c/?center=lam-dong&service=khai-sinh");
    expect(pageLink("/c/hen", "xa-da-huoai", "khai-sinh")).toBe("/c/hen?center=xa-da-huoai&service=khai-sinh");
    expect(pageLink("/c/hen", "lam-dong", null)).toBe("/c/hen?center=lam-dong");
  });

  it.each([
    { search: "?center=lam-dong&service=khai-sinh", service: "khai-sinh" },
    { search: "?center=lam-dong", service: null },
    { search: "?service=%3Cscript%3E", service: null },
  ])("reads $service from '$search'", ({ search, service }) => {
    expect(serviceIn(search)).toBe(service);
  });
});

describe("the page of units that receive a procedure", () => {
  it("lives on /c/, as the server serves it", () => {
    expect(wherePage(null)).toBe("/c/?chon=don-vi");
    expect(wherePage("khai-sinh")).toBe("/c/?chon=don-vi&service=khai-sinh");
    expect(opensWhere(new URL(wherePage("khai-sinh"), "http://x").search)).toBe(true);
    expect(opensWhere("?center=lam-dong")).toBe(false);
    expect(opensWhere("")).toBe(false);
  });
});
