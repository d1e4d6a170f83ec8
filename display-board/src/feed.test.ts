import type { DisplaySnapshot } from "@motcua/protocol";
import type { Link, LinkState } from "@motcua/protocol/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { feedBoard } from "./feed.ts";
import { createBoardStore } from "./store.ts";

const picture: DisplaySnapshot = {
  day: "2026-11-27",
  center: { name: "Trung tâm", nameEn: "Center", hotline: "", notices: [] },
  fields: [],
  services: [],
  counters: [],
  recentCalls: [],
  hallCode: null,
};

/** The little of a Link the feed uses, driven by the test: its state, its facts and its answers. */
function fakeLink(answers: ({ ok: true; data: DisplaySnapshot } | { ok: false; code: "OFFLINE"; message: string })[]) {
  const states = new Set<(s: LinkState) => void>();
  const facts = new Map<string, (p: unknown) => void>();
  const link = {
    state: "connecting" as LinkState,
    refusal: null as string | null,
    asked: 0,
    onState: (fn: (s: LinkState) => void) => (states.add(fn), () => void states.delete(fn)),
    onLive: (fn: () => void) => link.onState((s) => s === "live" && fn()),
    on: (name: string, fn: (p: unknown) => void) => (facts.set(name, fn), () => void facts.delete(name)),
    call: () => Promise.resolve(answers[link.asked++] ?? answers.at(-1)!),
    resync: (_name: string, _payload: unknown, apply: (d: DisplaySnapshot) => void) =>
      link.call().then((r) => {
        if (r.ok) apply(r.data);
        return r;
      }),
    become(state: LinkState, refusal: string | null = null) {
      link.state = state;
      link.refusal = refusal;
      for (const fn of states) fn(state);
    },
    hear: (name: string, payload: unknown) => facts.get(name)?.(payload),
    listening: () => facts.size + states.size,
  };
  return link;
}
const asLink = (l: ReturnType<typeof fakeLink>) => l as unknown as Link<"display">;

describe("the board's feed", () => {
  afterEach(() => void vi.useRealTimers());

  it("takes the whole picture on every connect, and asks again when the server does not answer in time", async () => {
    vi.useFakeTimers();
    const board = createBoardStore({ fields: [], counters: [], counter: null });
    const link = fakeLink([{ ok: false, code: "OFFLINE", message: "" }, { ok: true, data: picture }]);
    feedBoard(board, asLink(link));
    link.become("live");
    await vi.advanceTimersByTimeAsync(0);
    expect(link.asked).toBe(1);
    expect(board.link.value).toBe("connecting");
    await vi.advanceTimersByTimeAsync(3000);
    expect(link.asked).toBe(2);
    expect(board.link.value).toBe("live");
    expect(board.snapshot.value).toEqual(picture);
    link.become("offline");
    expect(board.link.value).toBe("offline");
  });

  it("hands each fact to the store, and the refusal's code with the refused state", async () => {
    const board = createBoardStore({ fields: [], counters: [], counter: null });
    const link = fakeLink([{ ok: true, data: picture }]);
    const stop = feedBoard(board, asLink(link));
    link.become("live");
    await Promise.resolve();
    link.hear("ticket:called", { call: { ticketId: "t1", number: "A001", serviceId: "s", fieldId: "f", counterId: "quay-1", counterNumber: 1, calledAt: "2026-11-27T01:00:00.000Z", recalls: 0 } });
    expect(board.newest.value?.number).toBe("A001");
    link.hear("call:withdrawn", { ticketId: "t1", counterId: "quay-1" });
    expect(board.newest.value).toBeUndefined();
    link.become("refused", "FORBIDDEN");
    expect(board.link.value).toBe("refused");
    expect(board.message.value).toBeTruthy();
    stop();
    expect(link.listening()).toBe(0);
  });
});
