import type { KioskSnapshot, Ticket } from "@motcua/protocol";
import { SpokenText } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { numberParts, speakable, ticketWords } from "./spoken-words.ts";

const snapshot = {
  services: [{ id: "khai-sinh", counterNumbers: [1, 2, 12] }],
  counters: [{ id: "quay-5", number: 5 }],
} as unknown as KioskSnapshot;
const ticket = (t: Partial<Ticket>): Ticket =>
  ({ id: "t1", number: "A023", serviceId: "khai-sinh", status: "waiting", counterId: null, appointmentAt: null, callsFrom: null, estimatedWait: { minMinutes: 10, maxMinutes: 25 }, ...t }) as unknown as Ticket;

describe("the kiosk's words for the ear", () => {
  it("reads a ticket number sign by sign, as a caller does", () => {
    expect(numberParts("vi", "A023")).toEqual(["a", "không", "hai", "ba"]);
    expect(numberParts("vi", "C105")).toEqual(["xê", "một", "không", "năm"]);
    expect(numberParts("en", "B7")).toEqual(["B", "seven"]);
  });

  it("says a waiting ticket's number, counters and wait, and a called one's counter", () => {
    expect(ticketWords("vi", snapshot, ticket({}))).toEqual([
      "Số của quý vị là", "a", "không", "hai", "ba",
      "Quý vị sẽ được phục vụ tại quầy 1, 2 hoặc 12",
      "Thời gian chờ khoảng 10 đến 25 phút",
      "Xin quý vị nhận phiếu và chú ý màn hình gọi số",
    ]);
    expect(ticketWords("en", snapshot, ticket({ status: "called", counterId: "quay-5" }))).toEqual(["Your number is", "A", "zero", "two", "three", "Please go to counter 5"]);
  });

  it("gives a booked citizen the slot, and a number taken before opening the hour calls start, in the hall's time", () => {
    const booked = ticketWords("vi", snapshot, ticket({ appointmentAt: "2026-12-08T02:30:00.000Z" }));
    expect(booked).toContain("Lịch hẹn của quý vị lúc 9 giờ 30");
    expect(booked.some((w) => w.startsWith("Thời gian chờ"))).toBe(false);
    const early = ticketWords("vi", snapshot, ticket({ callsFrom: "2026-12-08T00:00:00.000Z" }));
    expect(early).toContain("Các quầy bắt đầu gọi số lúc 7 giờ");
  });

  it("makes screen text fit to be spoken, and the server takes all of it", () => {
    expect(speakable("vi", "← Quay lại")).toBe("Quay lại");
    expect(speakable("vi", "khoảng 10–25 phút")).toBe("khoảng 10 đến 25 phút");
    expect(speakable("en", "about 10–25 min · counter 3")).toBe("about 10 to 25 min counter 3");
    for (const text of ["Xin chào Nguyễn Văn An! Mời quý vị chọn lĩnh vực.", "Hộ tịch (khai sinh, kết hôn)", speakable("vi", "★ Đánh giá → 100% ✓")]) {
      expect(SpokenText.safeParse({ lang: "vi", text }).success).toBe(true);
    }
    expect(SpokenText.safeParse({ lang: "vi", text: "<speak>x</speak>" }).success).toBe(false);
    expect(SpokenText.safeParse({ lang: "vi", text: "x".repeat(201) }).success).toBe(false);
  });
});
