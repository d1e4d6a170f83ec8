import { describe, expect, it } from "vitest";
import { recentUnitsOffering } from "./units-offer.ts";

describe("the public list of units for a procedure", () => {
  it("is worked out at most every two seconds per question, and keeps no answer for a procedure nobody receives", () => {
    let now = 0;
    let asked = 0;
    const offering = recentUnitsOffering(() => (asked++, []), () => now);
    const first = offering(undefined);
    expect(offering(undefined)).toBe(first);
    expect(asked).toBe(1);
    now += 2000;
    offering(undefined);
    expect(asked).toBe(2);
    // An id no unit receives is answered each time, never kept: a flood of made-up ids fills nothing.
    offering("khong-co");
    offering("khong-co");
    expect(asked).toBe(4);
  });
});
