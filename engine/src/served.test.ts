import { CenterConfig } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { apply } from "./apply.ts";
import { bookSlot, emptyBook } from "./appointments.ts";
import { createDay } from "./day.ts";
import { isServed } from "./served.ts";
import { serviceSummaries } from "./views.ts";
import { fixtureInput, hanoi } from "../test/fixture.ts";

// A procedure saved before any counter takes it: kept in the configuration, offered nowhere.
const config = CenterConfig.parse({
  ...fixtureInput,
  services: [...fixtureInput.services, { id: "residence", code: "E", name: "Đăng ký thường trú", nameEn: "Residence", fieldId: "civil" }],
  fields: fixtureInput.fields.map((f) => (f.id === "civil" ? { ...f, appointments: { slotMinutes: 30, capacity: 2 } } : f)),
  rules: { ...fixtureInput.rules, issueOutsideHours: "always" },
});
const now = hanoi(2026, 11, 30, 9);

describe("a procedure no counter serves", () => {
  it("is not served, while the others are", () => {
    expect(isServed(config, "residence")).toBe(false);
    expect(isServed(config, "birth")).toBe(true);
  });

  it("is listed to no citizen", () => {
    const ids = serviceSummaries(config, createDay(config, "2026-11-30"), now).map((s) => s.id);
    expect(ids).not.toContain("residence");
    expect(ids).toContain("birth");
  });

  it("is refused in words for a ticket, a remote number, a transfer and an appointment", () => {
    const day = createDay(config, "2026-11-30");
    const issued = apply(config, day, { type: "issueTicket", serviceId: "residence" }, now);
    expect(issued).toMatchObject({ ok: false, error: { code: "UNKNOWN_SERVICE", message: "No counter serves service residence yet; it is not offered." } });
    expect(apply(config, day, { type: "reserve", serviceId: "residence", token: "tok-remote-00000001", phoneHash: "p1" }, now)).toMatchObject({ ok: false, error: { code: "UNKNOWN_SERVICE" } });
    let s = day;
    for (const cmd of [
      { type: "openCounter", counterId: "c1", staffId: "s1", staffName: "Lan" },
      { type: "issueTicket", serviceId: "birth" },
      { type: "callNext", counterId: "c1" },
    ] as const) {
      const r = apply(config, s, cmd, now);
      if (!r.ok) throw new Error(r.error.message);
      s = r.state;
    }
    const ticketId = s.order[0]!;
    expect(apply(config, s, { type: "transfer", ticketId, toServiceId: "residence" }, now)).toMatchObject({ ok: false, error: { code: "UNKNOWN_SERVICE" } });
    const booked = bookSlot(config, emptyBook(), { serviceId: "residence", date: "2026-12-02", time: "08:00", phoneHash: "p1", code: "ABC123", token: "tok-book-000000001" } as never, now);
    expect(booked).toMatchObject({ ok: false, error: { code: "UNKNOWN_SERVICE" } });
  });
});
