import { describe, expect, it } from "vitest";
import { isLate } from "./late.ts";

describe("a late dossier", () => {
  it("is one still being handled after the day its results were promised", () => {
    expect(isLate({ status: "processing", dueOn: "2026-12-02" }, "2026-12-03")).toBe(true);
    expect(isLate({ status: "received", dueOn: "2026-12-02" }, "2027-01-01")).toBe(true);
  });

  it("is not late on the day promised, nor without a promised day", () => {
    expect(isLate({ status: "processing", dueOn: "2026-12-02" }, "2026-12-02")).toBe(false);
    expect(isLate({ status: "processing", dueOn: "2026-12-02" }, "2026-11-30")).toBe(false);
    expect(isLate({ status: "processing", dueOn: null }, "2027-01-01")).toBe(false);
  });

  it("is not late once ready, returned or refused, nor while the citizen's papers are awaited", () => {
    for (const status of ["ready", "returned", "rejected", "supplement_needed"] as const) {
      expect(isLate({ status, dueOn: "2026-12-02" }, "2027-01-01"), status).toBe(false);
    }
  });
});
