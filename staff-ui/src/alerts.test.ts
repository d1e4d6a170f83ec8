import { TARGET_WAIT_MINUTES, type BreakdownRow, type CounterState, type DashboardSnapshot } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { alertsOf } from "./alerts.ts";

const row = (id: string, waiting: number, longest: number | null): BreakdownRow => ({
  id,
  issued: 0,
  served: 0,
  waiting,
  averageWaitMinutes: null,
  averageServiceMinutes: null,
  calledWithin15Share: null,
  ratings: 0,
  satisfactionRate: null,
  longestCurrentWaitMinutes: longest,
});

const counter = (number: number, status: CounterState["status"], currentTicketId: string | null = null): CounterState => ({
  counterId: `quay-${number}`,
  number,
  name: `Quầy ${number}`,
  status,
  staffName: status === "closed" ? null : "Cán bộ",
  currentTicketId,
  currentNumber: null,
  pauseReason: null,
  servedToday: 0,
  currentSince: null,
});

/**
 * Two fields. Land is served by counters 2 (closed), 3 (on a break) and 4 (open, idle); civil
 * status by 1 (open, idle) and 5 (open, busy). Ten waiting in one field is too many.
 */
function snapshot(perField: BreakdownRow[], over: Partial<DashboardSnapshot> = {}): DashboardSnapshot {
  return {
    day: "2026-11-27",
    stats: {
      day: "2026-11-27",
      issued: 0,
      served: 0,
      waiting: 0,
      noShows: 0,
      cancelled: 0,
      averageWaitMinutes: null,
      longestCurrentWaitMinutes: null,
      averageServiceMinutes: null,
      calledWithin15Share: null,
      ratings: 0,
      satisfactionRate: null,
      perService: [],
      perField,
      perCounter: [],
      perHour: [],
    },
    fields: [
      { id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status" },
      { id: "dat-dai", name: "Đất đai", nameEn: "Land" },
    ],
    services: [
      { id: "khai-sinh", code: "A", name: "Đăng ký khai sinh", nameEn: "Birth registration", fieldId: "ho-tich", waiting: 0, estimatedWait: { minMinutes: 0, maxMinutes: 15 }, counterNumbers: [1, 5] },
      { id: "dat", code: "C", name: "Đăng ký đất đai", nameEn: "Land registration", fieldId: "dat-dai", waiting: 0, estimatedWait: { minMinutes: 0, maxMinutes: 15 }, counterNumbers: [2, 3, 4] },
    ],
    counters: [counter(1, "open"), counter(2, "closed"), counter(3, "paused"), counter(4, "open"), counter(5, "open", "t-1")],
    counterServices: [
      { counterId: "quay-1", serviceIds: ["khai-sinh"] },
      { counterId: "quay-2", serviceIds: ["dat"] },
      { counterId: "quay-3", serviceIds: ["dat"] },
      { counterId: "quay-4", serviceIds: ["dat"] },
      { counterId: "quay-5", serviceIds: ["khai-sinh"] },
    ],
    alerts: { waitMinutes: TARGET_WAIT_MINUTES, waitingPerField: 10 },
    printers: [],
    ...over,
  };
}

const keys = (d: DashboardSnapshot) => alertsOf(d, "vi").map((a) => a.key);

describe("the dashboard's alerts", () => {
  it.each([
    { when: "nobody waits", waiting: 0, longest: null, raised: [] },
    { when: "someone has waited exactly the target wait", waiting: 1, longest: TARGET_WAIT_MINUTES, raised: [] },
    { when: "someone has waited past the target wait", waiting: 1, longest: TARGET_WAIT_MINUTES + 0.5, raised: ["wait:dat-dai"] },
    { when: "one fewer than the threshold wait", waiting: 9, longest: 3, raised: [] },
    { when: "as many as the threshold wait", waiting: 10, longest: 3, raised: ["queue:dat-dai"] },
    { when: "too many wait, one of them too long", waiting: 12, longest: 40, raised: ["wait:dat-dai", "queue:dat-dai"] },
  ])("raises $raised for a field when $when", ({ waiting, longest, raised }) => {
    expect(keys(snapshot([row("ho-tich", 0, null), row("dat-dai", waiting, longest)]))).toEqual(raised);
  });

  it("takes its limits from the snapshot, as the server sets them", () => {
    const d = snapshot([row("dat-dai", 3, 3)], { alerts: { waitMinutes: 2, waitingPerField: 3 } });
    expect(keys(d)).toEqual(["wait:dat-dai", "queue:dat-dai"]);
  });

  it("says nothing of a field the configuration no longer names", () => {
    expect(keys(snapshot([row("xay-dung", 50, 90)]))).toEqual([]);
  });

  it("names the field and the longest wait in whole minutes, in the screen's language", () => {
    const d = snapshot([row("dat-dai", 1, 16.4)]);
    expect(alertsOf(d, "vi")[0]).toMatchObject({ fieldId: "dat-dai", text: "Đất đai: có công dân đã chờ 16 phút" });
    expect(alertsOf(d, "en")[0]!.text).toBe("Land: a citizen has waited 16 min");
    expect(alertsOf(snapshot([row("ho-tich", 11, 2)]), "vi")[0]!.text).toBe("Hộ tịch: 11 người đang chờ");
  });

  it("suggests opening the field's closed counters, those on a break, and open counters standing idle elsewhere", () => {
    // Counter 4 serves land already and counter 5 is busy: neither is a suggestion.
    const [alert] = alertsOf(snapshot([row("dat-dai", 1, 20)]), "vi");
    expect(alert!.suggestion).toBe("mở thêm quầy 2; quầy 3 đang tạm nghỉ; quầy 1 đang rảnh");
  });

  it("gives one suggestion to every alert of a field", () => {
    const alerts = alertsOf(snapshot([row("dat-dai", 10, 20)]), "en");
    expect(alerts.map((a) => a.suggestion)).toEqual(["open counter 2; counter 3 is on a break; counter 1 is idle", "open counter 2; counter 3 is on a break; counter 1 is idle"]);
  });

  it("says, when no other counter can help, that the field's counters are all open and how many serve it", () => {
    // Civil status's own counters (1, 5) are busy, and so is the one other open counter (4).
    const busy = snapshot([row("ho-tich", 1, 20)], { counters: [counter(1, "open", "t-2"), counter(2, "closed"), counter(3, "paused"), counter(4, "open", "t-3"), counter(5, "open", "t-1")] });
    expect(alertsOf(busy, "vi")[0]!.suggestion).toBe(
      "đã mở hết các quầy có thể phục vụ lĩnh vực này (2 quầy đang phục vụ: quầy 1, 5) và không có quầy nào khác đang rảnh",
    );
    expect(alertsOf(busy, "en")[0]!.suggestion).toBe("every counter that can serve this field is already open (2 serving it: counter 1, 5), and no other counter is idle");
    // Never the old words, which read as if nobody served the field while two counters did.
    expect(alertsOf(busy, "vi")[0]!.suggestion).not.toContain("không còn quầy nào phục vụ được");
  });

  it("never marks a field's alert as mild: it chimes", () => {
    expect(alertsOf(snapshot([row("dat-dai", 10, 20)]), "vi").every((a) => !a.mild)).toBe(true);
  });

  describe("of a kiosk's printer", () => {
    const fine = { online: true, coverOpen: false, paperNearEnd: false, paperOut: false, error: false };
    const printer = (ok: boolean, status: typeof fine | null) => snapshot([], { printers: [{ stationId: "tram-sanh", kioskIds: ["kiosk-sanh"], ok, status }] });

    it.each([
      { what: "out of paper", ok: false, status: { ...fine, paperOut: true }, says: "hết giấy" },
      { what: "with its cover open", ok: false, status: { ...fine, coverOpen: true }, says: "nắp đang mở" },
      { what: "offline", ok: false, status: { ...fine, online: false }, says: "mất kết nối" },
      { what: "failing with no status", ok: false, status: null, says: "không in được" },
      { what: "failing for another reason", ok: false, status: { ...fine, error: true }, says: "không in được" },
    ])("sends someone to a printer $what", ({ ok, status, says }) => {
      expect(alertsOf(printer(ok, status), "vi")).toEqual([
        {
          key: "printer:tram-sanh",
          fieldId: "",
          text: `Máy in trạm tram-sanh (kiosk kiosk-sanh): ${says}`,
          suggestion: "cử người kiểm tra máy in; công dân vẫn nhận số trên màn hình kiosk",
        },
      ]);
    });

    it("warns mildly of a roll running low while it still prints", () => {
      expect(alertsOf(printer(true, { ...fine, paperNearEnd: true }), "vi")).toEqual([
        { key: "printer:tram-sanh", fieldId: "", text: "Máy in trạm tram-sanh (kiosk kiosk-sanh): sắp hết giấy", suggestion: "mang cuộn giấy mới đến máy in trước khi hết", mild: true },
      ]);
    });

    it("says nothing of a printer that prints", () => {
      expect(alertsOf(printer(true, fine), "vi")).toEqual([]);
    });
  });
});
