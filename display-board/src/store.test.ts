import type { Call, CounterState, DisplaySnapshot } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { createBoardStore } from "./store.ts";

const call = (number: string, counter: number, fieldId = "ho-tich"): Call => ({
  ticketId: `t-${number}`,
  number,
  serviceId: "khai-sinh",
  fieldId,
  counterId: `quay-${counter}`,
  counterNumber: counter,
  calledAt: "2026-11-27T01:00:00.000Z",
  recalls: 0,
});
const counter = (n: number, status: CounterState["status"] = "open"): CounterState => ({
  counterId: `quay-${n}`,
  number: n,
  name: `Quầy ${n}`,
  status,
  staffName: null,
  currentTicketId: null,
  currentNumber: null,
  pauseReason: null,
  servedToday: 0,
  currentSince: null,
});
const snapshot = (change: Partial<DisplaySnapshot> = {}): DisplaySnapshot => ({
  day: "2026-11-27",
  center: { name: "Trung tâm", nameEn: "Center", hotline: "", notices: [] },
  fields: [
    { id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status" },
    { id: "dat-dai", name: "Đất đai", nameEn: "Land" },
  ],
  services: [],
  counters: [counter(1), counter(2)],
  recentCalls: [],
  hallCode: { code: "4821", changesAt: "2026-11-27T01:10:00.000Z" },
  ...change,
});
const all = { fields: [], counters: [], counter: null };

describe("the board's store", () => {
  it("puts every call on the wall but says aloud, and shows, only those of its own fields", () => {
    const said: string[] = [];
    const board = createBoardStore({ ...all, fields: ["ho-tich"] }, (c) => said.push(c.number));
    board.synced(snapshot());
    board.called(call("A001", 1));
    board.called(call("D001", 2, "dat-dai"));
    expect(said).toEqual(["A001"]);
    expect(board.calls.value.map((c) => c.number)).toEqual(["D001", "A001"]);
    expect(board.newest.value?.number).toBe("A001");
    expect(board.fields.value.map((f) => f.id)).toEqual(["ho-tich"]);
  });

  it("keeps one call per counter, newest on top, and drops a call taken back", () => {
    const board = createBoardStore(all);
    board.synced(snapshot());
    for (const c of [call("A001", 1), call("A002", 2), call("A003", 1)]) board.called(c);
    expect(board.newest.value?.number).toBe("A003");
    expect(board.listed.value.map((c) => c.number)).toEqual(["A002"]);
    board.withdrawn("t-A003");
    expect(board.newest.value?.number).toBe("A002");
  });

  it("counts as live once the picture has come again, not when the socket connects", () => {
    const board = createBoardStore(all);
    board.synced(snapshot());
    board.linkChanged("offline", null);
    expect(board.hallCode.value).toBeNull();
    board.linkChanged("live", null);
    expect(board.link.value).toBe("offline");
    board.synced(snapshot());
    expect(board.link.value).toBe("live");
    expect(board.hallCode.value?.code).toBe("4821");
  });

  it("keeps why the server refused the board until it takes the board again", () => {
    const board = createBoardStore(all);
    board.linkChanged("refused", "UNAUTHENTICATED");
    expect(board.link.value).toBe("refused");
    expect(board.message.value).toBeTruthy();
    board.synced(snapshot());
    expect(board.message.value).toBeNull();
  });

  it("changes nothing before the first picture, and afterwards only the counter a fact names", () => {
    const board = createBoardStore({ ...all, counter: "quay-2" });
    board.counterUpdated(counter(2, "paused"));
    board.hallCodeChanged(null);
    expect(board.snapshot.value).toBeNull();
    board.synced(snapshot());
    board.counterUpdated(counter(2, "paused"));
    expect(board.ownCounter.value?.status).toBe("paused");
    expect(board.snapshot.value?.counters[0]?.status).toBe("open");
  });
});
