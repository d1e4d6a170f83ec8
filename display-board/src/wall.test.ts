import type { Call, CounterState } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { KEEP_COUNTERS, MIN_NUMBER_VH, numberEm, tickerOf, wallCalls, wallLayout, withCall } from "./wall.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 1, minute)).toISOString();
const call = (number: string, counter: number, minute = 0): Call => ({
  ticketId: `t-${number}`,
  number,
  serviceId: "khai-sinh",
  fieldId: "ho-tich",
  counterId: `quay-${counter}`,
  counterNumber: counter,
  calledAt: at(minute),
  recalls: 0,
});
const counter = (n: number, current: string | null, minute = 0): CounterState => ({
  counterId: `quay-${n}`,
  number: n,
  name: `Quầy ${n}`,
  status: "open",
  staffName: null,
  currentTicketId: current ? `t-${current}` : null,
  currentNumber: current,
  pauseReason: null,
  servedToday: 0,
  currentSince: current ? at(minute) : null,
});

describe("the calls on the wall", () => {
  it("keeps each counter's latest call, however many calls the others make", () => {
    let calls: Call[] = [];
    // Counter 1 calls once; then fourteen other counters call three times each.
    calls = withCall(calls, call("A001", 1));
    for (let round = 0; round < 3; round++) for (let k = 2; k <= 15; k++) calls = withCall(calls, call(`B${round}${String(k).padStart(2, "0")}`, k));
    expect(calls).toHaveLength(15);
    expect(calls.map((c) => c.counterNumber).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(calls.find((c) => c.counterNumber === 1)?.number).toBe("A001");
    // Newest first; each counter with the number it called last.
    expect(calls[0]!.number).toBe("B215");
    expect(calls.find((c) => c.counterNumber === 7)?.number).toBe("B207");
    // A recall goes back on top, once.
    calls = withCall(calls, { ...call("A001", 1), recalls: 1 });
    expect(calls[0]).toMatchObject({ number: "A001", recalls: 1 });
    expect(calls.filter((c) => c.counterNumber === 1)).toHaveLength(1);
  });

  it("stays small over a week of calls", () => {
    let calls: Call[] = [];
    for (let i = 0; i < 10_000; i++) calls = withCall(calls, call(`A${i}`, (i % 200) + 1));
    expect(calls).toHaveLength(KEEP_COUNTERS);
  });

  it("after a reconnect, takes each counter's latest call, and a counter still serving an old call from its state", () => {
    const recentCalls = [call("C009", 3, 50), call("A005", 1, 40), call("C008", 3, 30), call("A004", 1, 20)];
    const calls = wallCalls({
      recentCalls,
      counters: [counter(1, "A005", 40), counter(3, "C009", 50), counter(4, "D002", 5), counter(5, null)],
      services: [
        { id: "chung-thuc-ban-sao", code: "C", name: "", nameEn: "", fieldId: "chung-thuc", waiting: 0, estimatedWait: { minMinutes: 0, maxMinutes: 0 }, counterNumbers: [3] },
        { id: "dang-ky-dat-dai", code: "D", name: "", nameEn: "", fieldId: "dat-dai", waiting: 0, estimatedWait: { minMinutes: 0, maxMinutes: 0 }, counterNumbers: [4] },
      ] as never,
    });
    expect(calls.map((c) => `${c.number}@${c.counterNumber}`)).toEqual(["C009@3", "A005@1", "D002@4"]);
    // Rebuilt from counter 4's state, with its field, so a board for "Đất đai" shows it.
    expect(calls[2]).toMatchObject({ ticketId: "t-D002", fieldId: "dat-dai", serviceId: "dang-ky-dat-dai", calledAt: at(5) });
  });

  it("keeps every number of twelve calling counters at the 10 m size on a 16:9 screen, whatever the fields", () => {
    // The space between the header and the ticker of a 1920×1080 board (board.css), and of a 4K one.
    for (const [width, height, vh] of [[1882, 929, 10.8], [3763, 1858, 21.6]] as const) {
      const twelve = Array.from({ length: 12 }, (_, i) => ({ number: `${"ABCDEFGHKLNR"[i]}0${String(i + 10)}`, counterNumber: i + 1 }));
      const wall = wallLayout(twelve, 13, { width, height }, vh);
      expect(wall.columns * wall.rows).toBeGreaterThanOrEqual(12);
      expect(wall.numberVh).toBeGreaterThanOrEqual(MIN_NUMBER_VH);
      // Thirteen fields do not fit beside twelve calls: one row of them, page by page.
      expect(wall.fieldRows).toBe(1);
      // Fewer calls: larger numbers, and more rows of fields while the numbers stay large.
      const four = wallLayout(twelve.slice(0, 4), 13, { width, height }, vh);
      expect(four.numberVh).toBeGreaterThan(wall.numberVh);
      expect(four.fieldRows).toBeGreaterThan(1);
    }
  });

  it("never leaves a call out: more calls than fit at the 10 m size get smaller cells, not fewer", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ number: `A${String(i).padStart(3, "0")}`, counterNumber: i + 1 }));
    const wall = wallLayout(many, 13, { width: 1882, height: 929 }, 10.8);
    expect(wall.columns * wall.rows).toBeGreaterThanOrEqual(30);
    expect(wall.numberVh).toBeGreaterThan(5);
    expect(wall.numberVh).toBeLessThan(MIN_NUMBER_VH);
  });

  it("sizes the cells by the widest number on the wall", () => {
    expect(numberEm("W888")).toBeGreaterThan(numberEm("A001"));
    const narrow = wallLayout([{ number: "A001", counterNumber: 1 }, { number: "B002", counterNumber: 2 }], 1, { width: 1882, height: 929 }, 10.8);
    const wide = wallLayout([{ number: "A001", counterNumber: 1 }, { number: "WM1023", counterNumber: 2 }], 1, { width: 1882, height: 929 }, 10.8);
    expect(wide.numberEm).toBeGreaterThan(narrow.numberEm);
    expect(wide.numberVh).toBeLessThanOrEqual(narrow.numberVh);
  });
});

describe("the scrolling line", () => {
  it("names the hotline once: added only when no notice gives its number", () => {
    expect(tickerOf({ hotline: "1022", notices: ["Đường dây nóng 1022: phản ánh, kiến nghị", "Vui lòng chuẩn bị đủ giấy tờ"] })).toBe(
      "Đường dây nóng 1022: phản ánh, kiến nghị   •   Vui lòng chuẩn bị đủ giấy tờ",
    );
    expect(tickerOf({ hotline: "1022", notices: ["Vui lòng chuẩn bị đủ giấy tờ"] })).toBe("Vui lòng chuẩn bị đủ giấy tờ   •   Đường dây nóng phản ánh, kiến nghị: 1022");
    expect(tickerOf({ hotline: "0263 3822 022", notices: ["Gọi 0263.3822.022 để phản ánh"] })).toBe("Gọi 0263.3822.022 để phản ánh");
    expect(tickerOf({ hotline: "1022", notices: [] })).toBe("Đường dây nóng phản ánh, kiến nghị: 1022");
  });
});
