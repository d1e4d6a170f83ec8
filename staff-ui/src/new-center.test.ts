import { describe, expect, it } from "vitest";
import { blankCenter, choose, problems, requestOf, typeInto, type NewCenter } from "./new-center.ts";

const typed = (patch: Partial<NewCenter>): NewCenter => ({ ...blankCenter(), ...patch });
const GOOD = typed({ id: "xa-da-huoai", name: "Bộ phận Một cửa xã Đạ Huoai", username: "quantri", displayName: "Nguyễn Văn An", password: "mat-khau-xa-1" });

describe("the province's form for a new center", () => {
  it("makes the id from the name until one is typed, and follows again once it is emptied", () => {
    let c = typeInto(blankCenter(), "name", "Bộ phận Một cửa xã Đạ Huoai");
    expect(c.id).toBe("bo-phan-mot-cua-xa-da-huoai");
    c = typeInto(c, "id", "xa-da-huoai");
    c = typeInto(c, "name", "Bộ phận Một cửa xã Đạ Huoai (mới)");
    expect(c.id).toBe("xa-da-huoai");
    c = typeInto(typeInto(c, "id", ""), "name", "Xã Đạ Tẻh");
    expect(c.id).toBe("xa-da-teh");
  });

  it("finds nothing to say of a form the server would take", () => {
    expect(problems(GOOD)).toEqual([]);
  });

  it("names every box of an empty form", () => {
    expect(problems(blankCenter())).toEqual(["id", "name", "username", "displayName", "password"]);
  });

  it.each([
    { patch: { id: "Xa-Da-Huoai" }, box: "id" },
    { patch: { id: "-xa" }, box: "id" },
    { patch: { id: "x".repeat(41) }, box: "id" },
    { patch: { id: "xã" }, box: "id" },
    { patch: { name: "   " }, box: "name" },
    { patch: { username: "Quản trị" }, box: "username" },
    { patch: { username: "a" }, box: "username" },
    { patch: { displayName: " " }, box: "displayName" },
    { patch: { password: "123456789" }, box: "password" },
    // Spaces do not count towards the ten.
    { patch: { password: "12345 6789 " }, box: "password" },
  ])("points at $box for $patch", ({ patch, box }) => {
    expect(problems({ ...GOOD, ...patch })).toEqual([box]);
  });

  it("takes an id of 40 characters and a password of ten with spaces between", () => {
    expect(problems({ ...GOOD, id: "x".repeat(40), password: "12345 67890" })).toEqual([]);
  });

  it("sends the boxes trimmed, and no English name, parent or address when none was given", () => {
    expect(requestOf({ ...GOOD, id: " xa-da-huoai ", name: " Xã Đạ Huoai ", nameEn: "  ", address: " " })).toEqual({
      id: "xa-da-huoai",
      name: "Xã Đạ Huoai",
      level: "commune",
      area: "rural",
      admin: { username: "quantri", displayName: "Nguyễn Văn An", password: "mat-khau-xa-1" },
    });
    expect(requestOf({ ...GOOD, nameEn: "Da Huoai Commune" }).nameEn).toBe("Da Huoai Commune");
  });

  it("starts a new unit as a rural commune's with no parent, as the protocol does", () => {
    expect(blankCenter()).toMatchObject({ level: "commune", area: "rural", parentId: "", address: "" });
  });

  it("sends the level, area class, parent unit and address chosen", () => {
    let c = choose(GOOD, "level", "district");
    c = choose(c, "area", "remote");
    c = choose(c, "parentId", "lam-dong");
    c = typeInto(c, "address", "  Xã Đạ Huoai, Lâm Đồng ");
    expect(requestOf(c)).toMatchObject({ level: "district", area: "remote", parentId: "lam-dong", address: "Xã Đạ Huoai, Lâm Đồng" });
    // Choosing "none" again leaves the parent out.
    expect(requestOf(choose(c, "parentId", ""))).not.toHaveProperty("parentId");
  });
});
