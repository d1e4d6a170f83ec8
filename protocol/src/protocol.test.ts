import { describe, expect, expectTypeOf, it } from "vitest";
import type { Socket } from "socket.io-client";
import {
  CenterConfig,
  ERROR_CODES,
  ERROR_TEXT,
  HTTP_STATUS,
  IssueTicketRequest,
  Label,
  TransferRequest,
  ackSchema,
  counterCommands,
  facts,
  kioskCommands,
  stationCommands,
  Ticket,
  type Ack,
  type CounterClientEvents,
  type DisplayServerEvents,
  type KioskClientEvents,
} from "./index.ts";

describe("the contract's schemas", () => {
  it("refuses control characters in text that reaches printers and boards", () => {
    expect(Label.safeParse("Đăng ký khai sinh").success).toBe(true);
    expect(Label.safeParse("Khai sinh\u001b@").success).toBe(false);
    expect(Label.safeParse("\u009bquầy").success).toBe(false);
  });

  it("needs a target service or counter for a transfer", () => {
    expect(TransferRequest.safeParse({}).success).toBe(false);
    expect(TransferRequest.safeParse({ toCounterId: "quay-2" }).success).toBe(true);
  });

  it("treats a missing priority as the regular queue", () => {
    expect(IssueTicketRequest.parse({ serviceId: "khai-sinh" })).toEqual({ serviceId: "khai-sinh" });
    expect(IssueTicketRequest.safeParse({ serviceId: "khai-sinh", priority: null }).success).toBe(true);
  });

  it("fills rule defaults in a configuration", () => {
    const c = CenterConfig.parse({
      mode: "demo",
      center: { id: "x", name: "Trung tâm", nameEn: "Center" },
      fields: [{ id: "f", name: "Lĩnh vực", nameEn: "Field" }],
      services: [{ id: "s", code: "A", name: "Dịch vụ", nameEn: "Service", fieldId: "f" }],
      counters: [{ id: "c", number: 1, name: "Quầy 1", nameEn: "Counter 1", serviceIds: ["s"] }],
    });
    expect(c.rules).toEqual({ fairnessCap: 3, agingLimitMinutes: 15, recallsBeforeNoShow: 2, serviceTimeSample: 20, ratingWindowMinutes: 60, alertWaitingPerField: 15, remotePerPhonePerDay: 2, remotePerIpPerDay: 10,
      bookAheadDays: 14, checkInEarlyMinutes: 30, checkInLateMinutes: 15, appointmentsPerPhone: 2, appointmentsPerIpPerDay: 10,
      issueOutsideHours: "beforeOpening", issueBeforeOpeningMinutes: 60 });
    // No field takes appointments until an admin says so; weekdays are working days.
    expect(c.fields[0]!.appointments).toBeNull();
    expect(c.calendar).toEqual({ workingDays: [1, 2, 3, 4, 5], holidays: [], extraWorkingDays: [] });
    expect(c.center).toMatchObject({ hotline: "1022", timezone: "Asia/Ho_Chi_Minh", dayResetTime: "00:00" });
    expect(c.services[0]!.numberRange).toEqual({ from: 1, to: 999 });
  });

  it("has one ack envelope whose failure code is from the closed union", () => {
    const schema = ackSchema(Ticket);
    expect(schema.safeParse({ ok: false, code: "COUNTER_BUSY", message: "bận" }).success).toBe(true);
    expect(schema.safeParse({ ok: false, code: "SOMETHING_ELSE", message: "?" }).success).toBe(false);
    for (const code of ERROR_CODES) expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
  });

  it("has a Vietnamese and an English text for every error code, with Vietnamese diacritics", () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_TEXT[code].vi.length).toBeGreaterThan(5);
      expect(ERROR_TEXT[code].en.length).toBeGreaterThan(5);
    }
    expect(Object.values(ERROR_TEXT).every((t) => /[àáảãạăâđèéêìíòóôơùúưỳýạ-ỹ]/i.test(t.vi))).toBe(true);
  });

  it("names commands imperatively and facts in the past tense", () => {
    for (const name of [...Object.keys(kioskCommands), ...Object.keys(counterCommands), ...Object.keys(stationCommands)]) expect(name).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
    for (const name of Object.keys(facts)) expect(name).toMatch(/:(issued|called|recalled|withdrawn|updated|received|started|changed|requested|reported|released)$/);
  });
});

describe("typed event maps", () => {
  it("type the ack of each command from its response schema", () => {
    type IssueAck = Parameters<Parameters<KioskClientEvents["ticket:issue"]>[1]>[0];
    expectTypeOf<IssueAck>().toEqualTypeOf<Ack<Ticket>>();
    type Called = Parameters<DisplayServerEvents["ticket:called"]>[0];
    expectTypeOf<Called["call"]["counterNumber"]>().toEqualTypeOf<number>();
  });

  it("make a misuse a compile error", () => {
    // Never run: the compiler (npm test runs tsc first) is the assertion.
    const misuse = (kiosk: Socket<{}, KioskClientEvents>, counter: Socket<{}, CounterClientEvents>) => {
      // @ts-expect-error a kiosk namespace has no call command
      kiosk.emit("counter:callNext", {}, () => {});
      // @ts-expect-error serviceId must be a string
      kiosk.emit("ticket:issue", { serviceId: 5 }, () => {});
      // @ts-expect-error a transfer needs a ticket id
      counter.emit("ticket:transfer", { toServiceId: "a" }, () => {});
      kiosk.emit("ticket:issue", { serviceId: "khai-sinh" }, (res) => {
        // @ts-expect-error data exists only once ok is checked
        void res.data;
        if (res.ok) void res.data.number;
      });
    };
    expect(typeof misuse).toBe("function");
  });
});
