import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { padKeys, PAD_GAP_MS, typing } from "./pad-keys.ts";

describe("keys from a pad that types like a keyboard", () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 1000;
  });
  afterEach(() => vi.useRealTimers());

  const pad = () => {
    const fired: string[] = [];
    return { fired, keys: padKeys<string>((m) => fired.push(m), PAD_GAP_MS, () => now) };
  };
  const after = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };

  it("acts on a lone press once the gap has passed, and on each of two presses apart", () => {
    const { fired, keys } = pad();
    keys.key("next");
    after(PAD_GAP_MS - 1);
    expect(fired).toEqual([]);
    after(1);
    expect(fired).toEqual(["next"]);
    after(500);
    keys.key("complete");
    after(PAD_GAP_MS);
    expect(fired).toEqual(["next", "complete"]);
  });

  it("ignores a scanner's burst, its first key too, and takes the next lone press", () => {
    const { fired, keys } = pad();
    for (const m of ["recall", null, "recall", "complete", null]) {
      keys.key(m);
      after(8);
    }
    after(200);
    expect(fired).toEqual([]);
    keys.key("start");
    after(PAD_GAP_MS);
    expect(fired).toEqual(["start"]);
  });

  it("drops a press that another key follows within the gap, and one waiting when stopped", () => {
    const { fired, keys } = pad();
    keys.key("next");
    after(10);
    keys.key(null);
    after(500);
    keys.key("next");
    keys.stop();
    after(500);
    expect(fired).toEqual([]);
  });

  it("tells someone typing from a pad's key by where the key went", () => {
    const el = (tagName: string, more: Record<string, unknown> = {}) => ({ tagName, closest: () => null, ...more }) as unknown as EventTarget;
    expect(typing(el("INPUT", { type: "text" }))).toBe(true);
    expect(typing(el("INPUT", { type: "checkbox" }))).toBe(false);
    expect(typing(el("TEXTAREA"))).toBe(true);
    expect(typing(el("SELECT"))).toBe(true);
    expect(typing(el("DIV", { isContentEditable: true }))).toBe(true);
    expect(typing(el("BUTTON", { closest: (s: string) => (s === "[role=dialog]" ? {} : null) }))).toBe(true);
    expect(typing(el("BUTTON"))).toBe(false);
    expect(typing(null)).toBe(false);
  });
});
