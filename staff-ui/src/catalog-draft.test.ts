import { ProvinceCatalog } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import {
  addRow,
  appliedIn,
  blankCatalogField,
  blankCatalogHoliday,
  blankCatalogService,
  catalogProblems,
  freeId,
  fromCatalogDraft,
  nameField,
  nameService,
  patchRow,
  removeRow,
  toCatalogDraft,
  type CatalogDraft,
} from "./catalog-draft.ts";

const CATALOG: ProvinceCatalog = ProvinceCatalog.parse({
  fields: [
    { id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status", icon: "family" },
    { id: "dat-dai", name: "Đất đai", nameEn: "Land" },
  ],
  services: [
    { id: "khai-sinh", name: "Đăng ký khai sinh", nameEn: "Birth registration", fieldId: "ho-tich", defaultServiceMinutes: 7 },
    { id: "dang-ky-dat-dai", name: "Đăng ký đất đai", nameEn: "Land registration", fieldId: "dat-dai", defaultServiceMinutes: 15 },
  ],
  holidays: [
    { date: "2027-09-02", name: "Quốc khánh", nameEn: "National Day" },
    { date: "2027-01-01", name: "Tết Dương lịch", nameEn: "New Year's Day" },
  ],
});

const keyOf = (d: CatalogDraft, list: "fields" | "services", id: string) => d[list].find((r) => r.id === id)!._key;

describe("the province's catalog as its screen edits it", () => {
  it("gives back the catalog it was made from, its holidays in date order", () => {
    const back = fromCatalogDraft(toCatalogDraft(CATALOG));
    expect(back).toEqual({ ...CATALOG, holidays: [CATALOG.holidays[1], CATALOG.holidays[0]] });
    expect(ProvinceCatalog.safeParse(back).success).toBe(true);
    expect(catalogProblems(toCatalogDraft(CATALOG))).toEqual([]);
  });

  it("sends back the listing and rule defaults it does not edit, less a dropped procedure's listing", () => {
    const entry = (id: string, serviceId: string) => ({
      id,
      name: id,
      nameEn: id,
      serviceId,
      documents: ["Tờ khai"],
      documentsEn: ["Form"],
      fee: "Miễn phí",
      feeEn: "Free",
      processingTime: "Trong ngày",
      processingTimeEn: "Same day",
      submitAt: "Quầy 1",
      submitAtEn: "Counter 1",
    });
    const withListing = ProvinceCatalog.parse({ ...CATALOG, listing: [entry("tt-khai-sinh", "khai-sinh"), entry("tt-dat-dai", "dang-ky-dat-dai")], rules: {} });
    const d = toCatalogDraft(withListing);
    const back = fromCatalogDraft(removeRow(d, "services", keyOf(d, "services", "dang-ky-dat-dai")));
    expect(back.listing.map((p) => p.id)).toEqual(["tt-khai-sinh"]);
    expect(back.rules).toEqual(withListing.rules);
  });

  it("makes a new field's id from its name without diacritics, and its procedures follow the id", () => {
    let d = addRow(toCatalogDraft(CATALOG), "fields", blankCatalogField());
    const key = d.fields.at(-1)!._key;
    d = nameField(d, key, "Tư");
    d = addRow(d, "services", blankCatalogService("tu"));
    d = nameField(d, key, "Tư pháp");
    expect(d.fields.at(-1)).toMatchObject({ id: "tu-phap", name: "Tư pháp" });
    expect(d.services.at(-1)!.fieldId).toBe("tu-phap");
    // A saved field keeps its id whatever its name becomes: the units know it by that id.
    d = nameField(d, keyOf(d, "fields", "ho-tich"), "Hộ tịch – Chứng thực");
    expect(d.fields[0]).toMatchObject({ id: "ho-tich", name: "Hộ tịch – Chứng thực" });
    expect(d.services[0]!.fieldId).toBe("ho-tich");
  });

  it("gives a new procedure an id no other procedure has", () => {
    let d = addRow(toCatalogDraft(CATALOG), "services", blankCatalogService("ho-tich"));
    const key = d.services.at(-1)!._key;
    d = nameService(d, key, "Khai sinh");
    expect(d.services.at(-1)!.id).toBe("khai-sinh-2");
    d = nameService(d, key, "Đăng ký kết hôn");
    expect(d.services.at(-1)!.id).toBe("dang-ky-ket-hon");
    // A saved one is renamed, its id stays.
    d = nameService(d, keyOf(d, "services", "khai-sinh"), "Đăng ký khai sinh (cấp bản chính)");
    expect(d.services[0]).toMatchObject({ id: "khai-sinh", name: "Đăng ký khai sinh (cấp bản chính)" });
  });

  it.each([
    { name: "Đăng ký thường trú", taken: [], id: "dang-ky-thuong-tru" },
    { name: "Hộ tịch", taken: ["ho-tich", "ho-tich-2"], id: "ho-tich-3" },
    { name: "!!!", taken: [], id: "" },
    { name: "Thủ tục có một cái tên rất dài vượt quá bốn mươi ký tự", taken: [], id: "thu-tuc-co-mot-cai-ten-rat-dai-vuot" },
  ])("makes «$name» the id «$id»", ({ name, taken, id }) => {
    expect(freeId(name, taken)).toBe(id);
    if (id) expect(id.length).toBeLessThanOrEqual(40);
  });

  it("keeps a field that still holds procedures, and lets an empty one, a procedure or a holiday go", () => {
    const d = toCatalogDraft(CATALOG);
    expect(removeRow(d, "fields", keyOf(d, "fields", "ho-tich"))).toBe(d);
    const without = removeRow(d, "services", keyOf(d, "services", "khai-sinh"));
    expect(removeRow(without, "fields", keyOf(d, "fields", "ho-tich")).fields.map((f) => f.id)).toEqual(["dat-dai"]);
    expect(removeRow(d, "holidays", d.holidays[0]!._key).holidays.map((h) => h.date)).toEqual(["2027-09-02"]);
  });

  it("moves a procedure to another field", () => {
    const d = toCatalogDraft(CATALOG);
    const moved = patchRow(d, "services", keyOf(d, "services", "khai-sinh"), { fieldId: "dat-dai" });
    expect(fromCatalogDraft(moved).services[0]!.fieldId).toBe("dat-dai");
  });

  it("marks what the server would refuse: names missing, minutes out of range, a date that is none or listed twice", () => {
    let d = toCatalogDraft(CATALOG);
    d = addRow(d, "fields", blankCatalogField());
    const field = d.fields.at(-1)!._key;
    d = addRow(d, "services", { ...blankCatalogService("ho-tich"), defaultServiceMinutes: "0" });
    const service = d.services.at(-1)!._key;
    d = nameService(d, service, "Chứng thực bản sao");
    d = addRow(d, "holidays", { ...blankCatalogHoliday(), date: "1/1/2027", name: "Trùng", nameEn: "Twice" });
    const twice = d.holidays.at(-1)!._key;
    d = addRow(d, "holidays", { ...blankCatalogHoliday(), date: "31/4/2027" });
    const none = d.holidays.at(-1)!._key;
    expect(catalogProblems(d)).toEqual([
      { key: field, box: "name" },
      { key: field, box: "nameEn" },
      { key: service, box: "nameEn" },
      { key: service, box: "minutes" },
      { key: twice, box: "date" },
      { key: none, box: "date" },
      { key: none, box: "name" },
      { key: none, box: "nameEn" },
    ]);
  });

  it("sends a date written the Vietnamese way as the server wants it, names trimmed, minutes as a number", () => {
    let d = addRow(toCatalogDraft(CATALOG), "holidays", { ...blankCatalogHoliday(), date: "30/4/2027", name: " Ngày Giải phóng miền Nam ", nameEn: "Reunification Day" });
    d = patchRow(d, "services", keyOf(d, "services", "khai-sinh"), { defaultServiceMinutes: "7,5" });
    const sent = fromCatalogDraft(d);
    expect(sent.holidays.map((h) => h.date)).toEqual(["2027-01-01", "2027-04-30", "2027-09-02"]);
    expect(sent.holidays[1]!.name).toBe("Ngày Giải phóng miền Nam");
    expect(sent.services[0]!.defaultServiceMinutes).toBe(7.5);
    expect(ProvinceCatalog.safeParse(sent).success).toBe(true);
  });

  it("counts the units that took the catalog, and names those that could not yet", () => {
    expect(appliedIn([{ id: "lam-dong", ok: true }, { id: "xa-lac-duong", ok: false, message: "tickets of khai-sinh are still waiting" }, { id: "xa-da-huoai", ok: true }])).toEqual({
      updated: 2,
      refused: [{ id: "xa-lac-duong", message: "tickets of khai-sinh are still waiting" }],
    });
  });
});
