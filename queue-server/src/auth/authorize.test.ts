import { createDay } from "@motcua/engine";
import { describe, expect, it } from "vitest";
import { demoConfig } from "../config/demo.ts";
import { authorize } from "./authorize.ts";
import { REMOTE } from "./principal.ts";

describe("the stand-in for citizens' phones", () => {
  it("may reserve, give up and check in a held number, and nothing else, whatever its role says", async () => {
    const config = await demoConfig();
    const state = createDay(config, "2026-11-27");
    expect(authorize(config, state, REMOTE, { type: "reserve", serviceId: "khai-sinh", token: "t".repeat(16), phoneHash: "h" })).toBeNull();
    // checkIn: only the "I have arrived" route runs it, after the hall code matched (hall-code.test.ts).
    expect(authorize(config, state, REMOTE, { type: "checkIn", token: "t".repeat(16) })).toBeNull();
    for (const cmd of [
      { type: "issueTicket", serviceId: "khai-sinh" },
      { type: "checkInAppointment", token: "t".repeat(16), serviceId: "khai-sinh", slotAt: 0, late: false },
      { type: "rate", ticketId: "x", level: "satisfied" },
      { type: "callNext", counterId: "quay-1" },
    ] as const) {
      expect(authorize(config, state, REMOTE, cmd)).toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
