import { describe, expect, it } from "vitest";
import { findProcedures, matches } from "./find.ts";

const PROCEDURES = [
  { id: "chung-thuc-ban-sao", name: "Chứng thực bản sao từ bản chính", nameEn: "Certified copies" },
  { id: "khai-sinh", name: "Đăng ký khai sinh", nameEn: "Birth registration" },
  { id: "ket-hon", name: "Đăng ký kết hôn", nameEn: "Marriage registration" },
  { id: "dang-ky-dat-dai", name: "Đăng ký đất đai", nameEn: "Land registration" },
];
const found = (query: string) => findProcedures(PROCEDURES, query).map((p) => p.id);

describe("finding a procedure by what the citizen types", () => {
  it.each([
    { query: "khai sinh", ids: ["khai-sinh"] },
    { query: "khai sinh", ids: ["khai-sinh"] },
    { query: "KHAI SINH", ids: ["khai-sinh"] },
    { query: "  khai   sinh ", ids: ["khai-sinh"] },
    { query: "dang ky", ids: ["khai-sinh", "ket-hon", "dang-ky-dat-dai"] },
    // đ typed as d, and a tone-less word that only begins a word.
    { query: "dat dai", ids: ["dang-ky-dat-dai"] },
    { query: "ket", ids: ["ket-hon"] },
    { query: "chứng thực", ids: ["chung-thuc-ban-sao"] },
    // English names find them too.
    { query: "birth", ids: ["khai-sinh"] },
    { query: "registration", ids: ["khai-sinh", "ket-hon", "dang-ky-dat-dai"] },
  ])("finds $ids for '$query'", ({ query, ids }) => {
    expect(found(query)).toEqual(ids);
  });

  it("lists every procedure while nothing is typed", () => {
    expect(found("")).toEqual(PROCEDURES.map((p) => p.id));
    expect(found("   ")).toEqual(PROCEDURES.map((p) => p.id));
  });

  it("finds nothing for a word no name begins with", () => {
    expect(found("sinh khai hon")).toEqual([]);
    expect(found("inh")).toEqual([]);
    expect(matches("xe", "Đổi giấy phép lái xe")).toBe(true);
  });
});
