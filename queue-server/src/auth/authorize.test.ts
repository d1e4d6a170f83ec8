import { apply, createDay } from "@motcua/engine";
import { describe, expect, it } from "vitest";
import { demoConfig } from "../config/demo.ts";
import { authorize } from "./authorize.ts";
import { REMOTE, type Principal } from "./principal.ts";

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

describe("the cells issue 18's audit found the README and the code disagreed on", () => {
  const device = (role: "kiosk" | "station", counterIds: string[] = []): Principal => ({ kind: "device", role, id: `${role}-1`, name: role, fieldIds: [], counterIds, kioskIds: [] });
  const officer = (role: "staff" | "supervisor" | "admin"): Principal => ({ kind: "staff", role, id: `${role}-1`, username: role, name: role, session: "s", counterId: null });
  const dayWithTicket = async () => {
    const config = await demoConfig();
    const at = Date.parse("2026-12-01T09:00:00+07:00");
    const r = apply(config, createDay(config, "2026-12-01"), { type: "issueTicket", serviceId: "khai-sinh" }, at);
    if (!r.ok) throw new Error(r.error.message);
    return { config, state: r.state, ticketId: Object.keys(r.state.tickets)[0]! };
  };

  it("lets a supervisor or admin cancel or requeue any ticket with no counter open; an officer needs theirs", async () => {
    const { config, state, ticketId } = await dayWithTicket();
    for (const role of ["supervisor", "admin"] as const) {
      expect(authorize(config, state, officer(role), { type: "cancel", ticketId })).toBeNull();
      expect(authorize(config, state, officer(role), { type: "requeue", ticketId })).toBeNull();
    }
    expect(authorize(config, state, officer("staff"), { type: "cancel", ticketId })).toMatchObject({ code: "COUNTER_NOT_OPENED" });
    expect(authorize(config, state, officer("staff"), { type: "requeue", ticketId })).toMatchObject({ code: "COUNTER_NOT_OPENED" });
  });

  it("takes a ticket's rating from a kiosk only: a station rates through its rating pad, for its counters", async () => {
    const { config, state, ticketId } = await dayWithTicket();
    expect(authorize(config, state, device("kiosk"), { type: "rate", ticketId, level: "satisfied" })).toBeNull();
    expect(authorize(config, state, device("station", ["quay-1"]), { type: "rate", ticketId, level: "satisfied" })).toMatchObject({ code: "FORBIDDEN" });
    expect(authorize(config, state, device("station", ["quay-1"]), { type: "rateAtCounter", counterId: "quay-1", level: "satisfied" })).toBeNull();
    expect(authorize(config, state, officer("supervisor"), { type: "rate", ticketId, level: "satisfied" })).toMatchObject({ code: "FORBIDDEN" });
  });
});
