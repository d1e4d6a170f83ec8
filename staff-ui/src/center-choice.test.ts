import { describe, expect, it } from "vitest";
import { asksCenter, loginScope } from "./center-choice.ts";

const LAM_DONG = { id: "lam-dong", name: "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng" };
const DA_HUOAI = { id: "xa-da-huoai", name: "Bộ phận Một cửa xã Đạ Huoai" };

describe("which center a login names", () => {
  it("asks nothing where the deployment serves one center and has no province accounts", () => {
    const one = { centers: [LAM_DONG], province: false };
    expect(asksCenter(one)).toBe(false);
    expect(loginScope(one, "lam-dong")).toBeUndefined();
  });

  it("asks nothing until the list of centers has come (the login still goes, naming none)", () => {
    expect(asksCenter(null)).toBe(false);
    expect(loginScope(null, "xa-da-huoai")).toBeUndefined();
  });

  it.each([
    { what: "several centers", listing: { centers: [DA_HUOAI, LAM_DONG], province: false } },
    { what: "one center and the province", listing: { centers: [LAM_DONG], province: true } },
  ])("asks where the deployment has $what", ({ listing }) => {
    expect(asksCenter(listing)).toBe(true);
  });

  it.each([
    { chosen: "lam-dong", named: "lam-dong" },
    { chosen: "province", named: "province" },
    // Chosen on this browser once, gone since (or a deployment without it): the first center.
    { chosen: "xa-cu", named: "xa-da-huoai" },
    { chosen: null, named: "xa-da-huoai" },
  ])("names $named when $chosen was chosen", ({ chosen, named }) => {
    expect(loginScope({ centers: [DA_HUOAI, LAM_DONG], province: true }, chosen)).toBe(named);
  });

  it("does not name the province where it has no accounts", () => {
    expect(loginScope({ centers: [DA_HUOAI, LAM_DONG], province: false }, "province")).toBe("xa-da-huoai");
  });

  it("names the province where it is all there is", () => {
    expect(loginScope({ centers: [], province: true }, null)).toBe("province");
  });
});
