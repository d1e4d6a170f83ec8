import { describe, expect, it } from "vitest";
import { HALL_CODE_WINDOW_MS, HallCode, hallCodeAccepts, hallCodeAt, hallCodeOf, hallWindow } from "./hall-code.ts";

const SECRET = new Uint8Array(32).fill(7);
/** 09:00 in Hanoi, the start of a window. */
const NINE = Date.parse("2026-11-27T02:00:00Z");
const MIN = 60_000;

describe("the hall code", () => {
  it("is four digits that stand for ten minutes, on the clock's tens", () => {
    const shown = hallCodeAt(SECRET, NINE + 4 * MIN);
    expect(shown.code).toMatch(/^\d{4}$/);
    expect(shown.changesAt).toBe("2026-11-27T02:10:00.000Z");
    expect(hallCodeAt(SECRET, NINE).code).toBe(shown.code);
    expect(hallCodeAt(SECRET, NINE + 10 * MIN - 1).code).toBe(shown.code);
    expect(hallWindow(NINE + 10 * MIN)).toBe(hallWindow(NINE) + 1);
  });

  it("changes from window to window, spread over all four digits, and depends on the secret", () => {
    const w = hallWindow(NINE);
    const day = Array.from({ length: 144 }, (_, i) => hallCodeOf(SECRET, w + i));
    // A day's 144 codes: nearly all different, and no next code guessable from the last.
    expect(new Set(day).size).toBeGreaterThan(140);
    let same = 0;
    for (let i = 1; i < day.length; i++) if (day[i] === day[i - 1]) same++;
    expect(same).toBeLessThanOrEqual(1);
    // Leading zeros are kept: "0042" is a code, not "42".
    const many = Array.from({ length: 20_000 }, (_, i) => hallCodeOf(SECRET, i));
    expect(many.every((c) => /^\d{4}$/.test(c))).toBe(true);
    expect(many.some((c) => c.startsWith("0"))).toBe(true);
    const firstDigits = new Set(many.map((c) => c[0]));
    expect(firstDigits.size).toBe(10);
    const other = new Uint8Array(32).fill(8);
    const theirs = Array.from({ length: 144 }, (_, i) => hallCodeOf(other, w + i));
    expect(theirs.filter((c, i) => c === day[i]).length).toBeLessThanOrEqual(2);
  });

  it("accepts this window's code and the one before, not one older, nor anything but four digits", () => {
    const now = NINE + 25 * MIN;
    const w = hallWindow(now);
    const [older, before, current] = [hallCodeOf(SECRET, w - 2), hallCodeOf(SECRET, w - 1), hallCodeOf(SECRET, w)];
    expect(hallCodeAccepts(SECRET, current, now)).toBe(true);
    expect(hallCodeAccepts(SECRET, before, now)).toBe(true);
    if (older !== before && older !== current) expect(hallCodeAccepts(SECRET, older, now)).toBe(false);
    // The next window's code is not good yet: the boards show it only when it comes.
    const next = hallCodeOf(SECRET, w + 1);
    if (next !== before && next !== current) expect(hallCodeAccepts(SECRET, next, now)).toBe(false);
    for (const bad of ["", "123", "12345", "abcd", ` ${current}`, "٣٤٥٦"]) expect(hallCodeAccepts(SECRET, bad, now)).toBe(false);
  });

  it("follows the server's clock, with a secret of its own per server", () => {
    let now = NINE;
    const a = new HallCode(() => now);
    const first = a.shown();
    expect(a.accepts(first.code)).toBe(true);
    now += HALL_CODE_WINDOW_MS;
    const second = a.shown();
    expect(second.changesAt).toBe(new Date(NINE + 2 * HALL_CODE_WINDOW_MS).toISOString());
    expect(a.accepts(first.code)).toBe(true);
    now += HALL_CODE_WINDOW_MS;
    if (first.code !== second.code && first.code !== a.shown().code) expect(a.accepts(first.code)).toBe(false);
    // Two servers started at once show different series (a restart makes a new secret).
    const b = new HallCode(() => now);
    const codes = (h: HallCode) => Array.from({ length: 12 }, (_, i) => ((now = NINE + i * HALL_CODE_WINDOW_MS), h.shown().code));
    expect(codes(a)).not.toEqual(codes(b));
  });
});
