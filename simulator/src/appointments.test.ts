import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appointmentFiguresOf, figuresOf, waitFromSlot } from "./report.ts";
import { Scenario, takesAppointments, withoutAppointments } from "./scenario.ts";
import { simulate, type Visit } from "./simulate.ts";

const shipped = (name: string) => Scenario.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "scenarios", `${name}.json`), "utf8")));
const MIDNIGHT = Date.UTC(2026, 10, 26, 17, 0);
const minuteOf = (ms: number) => (ms - MIDNIGHT) / 60_000;

describe("a day with appointments", () => {
  it("is the same day for the same seed, and another day for another seed", () => {
    const s = shipped("district");
    expect(takesAppointments(s)).toBe(true);
    const a = simulate(s, { seed: 7 });
    const b = simulate(s, { seed: 7 });
    expect(a.visits.filter((v) => v.booking?.onTime).length).toBeGreaterThan(10);
    expect(b.visits).toEqual(a.visits);
    expect(b.state).toEqual(a.state);
    expect(b.appointments).toEqual(a.appointments);
    const c = simulate(s, { seed: 8 });
    expect(c.visits.map((v) => v.booking?.slotMinute)).not.toEqual(a.visits.map((v) => v.booking?.slotMinute));
  });

  it("books slots as the center offers them and checks citizens in through the engine's appointment commands", () => {
    const s = shipped("provincial");
    const r = simulate(s, { seed: 3, bands: false });
    const booked = r.visits.filter((v) => v.booking !== undefined);
    expect(booked.length).toBe(r.appointments.booked);
    const byField = new Map(s.fields.map((f) => [f.id, f] as const));
    const taken = new Map<string, number>();
    for (const v of booked) {
      const f = byField.get(v.fieldId)!;
      const slot = v.booking!.slotMinute;
      // Whole slots of the field's length inside the opening hours, at most `capacity` each.
      expect(f.appointments!.share).toBeGreaterThan(0);
      expect((slot - 7 * 60) % f.appointments!.slotMinutes === 0 || (slot - (13 * 60 + 30)) % f.appointments!.slotMinutes === 0).toBe(true);
      const key = `${v.fieldId}@${slot}`;
      taken.set(key, (taken.get(key) ?? 0) + 1);
      expect(taken.get(key)).toBeLessThanOrEqual(f.appointments!.capacity);
      // Up to 20 minutes early, or late; past the 15-minute window, a walk-in.
      expect(v.issuedMinute).toBeGreaterThanOrEqual(slot - 20 - 1e-9);
      expect(v.issuedMinute).toBeLessThanOrEqual(slot + 30);
      expect(v.booking!.onTime).toBe(v.issuedMinute <= slot + 15 + 1e-9);
      const t = r.state.tickets[v.ticketId]!;
      expect(t.followToken).toMatch(/^hen-/);
      if (v.booking!.onTime) expect(minuteOf(t.appointmentAt!)).toBeCloseTo(slot, 6);
      else expect(t.appointmentAt).toBeUndefined();
    }
    expect(booked.some((v) => !v.booking!.onTime)).toBe(true);
    // Every booking was handed to the queue in the morning and taken off it at check-in.
    expect(r.state.expected).toEqual({});
    // Only the fields that take appointments have them.
    for (const v of r.visits) if (!byField.get(v.fieldId)!.appointments) expect(v.booking).toBeUndefined();
  });

  it("calls appointment holders close to their slot, and the walk-ins pay for it", () => {
    const s = shipped("district");
    const days = [1, 2, 3, 4].map((seed) => simulate(s, { seed, bands: false }));
    const visits = days.flatMap((d) => d.visits);
    const a = appointmentFiguresOf(visits, days.reduce((n, d) => n + d.appointments.noSlot, 0))!;
    expect(a.onTime).toBeGreaterThan(50);
    expect(a.meanFromSlot).toBeLessThan(5);
    // 0.9 with the aging limit at 45 minutes; at 15 a walk-in past the target goes first (aging
    // comes before a slot that has begun), and 89 % of holders are called within 15 minutes of it.
    expect(a.within15).toBeGreaterThanOrEqual(0.85);
    expect(a.walkIns.visits + a.onTime).toBe(visits.length);
    // The same citizens with nobody booking: the walk-ins wait no less with appointments ahead of them.
    const plain = figuresOf("all", [1, 2, 3, 4].flatMap((seed) => simulate(withoutAppointments(s), { seed, bands: false }).visits));
    expect(a.walkIns.meanWait).toBeGreaterThan(a.meanFromSlot);
    expect(a.walkIns.meanWait).toBeGreaterThanOrEqual(plain.meanWait * 0.95);
  });
});

describe("a day without appointments", () => {
  it("is the day it was before appointments existed (same seed, same figures)", () => {
    // Figures of these days from the simulator before appointments were added; a change to the
    // engine's call order would move them too, and then they should be taken again. Taken again
    // when the default aging limit went from 45 to 15 minutes (before: commune 2.558062 / 8.9451,
    // district 18.54864 / 46.948667; the same visits and commands).
    for (const [name, seed, visits, mean, p90, version] of [
      ["commune", 1, 80, 2.574658, 8.9451, 329],
      ["district", 7, 305, 18.712154, 43.141017, 1275],
    ] as const) {
      const s = withoutAppointments(shipped(name));
      expect(takesAppointments(s)).toBe(false);
      const r = simulate(s, { seed });
      const f = figuresOf("all", r.visits);
      expect([r.visits.length, r.state.version]).toEqual([visits, version]);
      expect(f.meanWait).toBeCloseTo(mean, 5);
      expect(f.p90Wait).toBeCloseTo(p90, 5);
      expect(r.appointments).toEqual({ booked: 0, noSlot: 0 });
      expect(r.visits.some((v) => "booking" in v)).toBe(false);
    }
  });

  it("with every share at 0 is the day with no appointments at all", () => {
    const s = shipped("district");
    const zero: Scenario = { ...s, fields: s.fields.map((f) => (f.appointments ? { ...f, appointments: { ...f.appointments, share: 0 } } : f)) };
    expect(takesAppointments(zero)).toBe(false);
    const a = simulate(zero, { seed: 5 });
    const b = simulate(withoutAppointments(s), { seed: 5 });
    expect(a.visits).toEqual(b.visits);
    expect(a.state).toEqual(b.state);
  });
});

describe("appointment figures", () => {
  const visit = (issuedMinute: number, waitMinutes: number, booking?: Visit["booking"]): Visit => ({
    ticketId: `t${issuedMinute}-${waitMinutes}`,
    fieldId: "f",
    priority: false,
    issuedMinute,
    waitMinutes,
    served: true,
    called: true,
    band: null,
    ...(booking ? { booking } : {}),
  });

  it("count a holder's wait from the slot, or from check-in when later, and none when called before the slot", () => {
    expect(waitFromSlot(visit(590, 20, { slotMinute: 600, onTime: true }))).toBeCloseTo(10);
    expect(waitFromSlot(visit(590, 5, { slotMinute: 600, onTime: true }))).toBe(0);
    expect(waitFromSlot(visit(610, 3, { slotMinute: 600, onTime: true }))).toBeCloseTo(3);
  });

  it("tell holders, late bookers and walk-ins apart", () => {
    const a = appointmentFiguresOf(
      [
        visit(590, 12, { slotMinute: 600, onTime: true }),
        visit(595, 17, { slotMinute: 600, onTime: true }),
        visit(620, 30, { slotMinute: 600, onTime: false }),
        visit(500, 40),
      ],
      2,
    )!;
    expect(a).toMatchObject({ onTime: 2, late: 1, noSlot: 2, within5: 0.5, within15: 1 });
    expect(a.meanFromSlot).toBeCloseTo((2 + 12) / 2);
    expect(a.walkIns).toMatchObject({ visits: 2, meanWait: 35 });
    expect(appointmentFiguresOf([visit(500, 40)])).toBeNull();
  });

  it.each([
    ["a share above 1", { share: 1.5 }, /share/],
    ["slots shorter than the center allows", { share: 0.2, slotMinutes: 3 }, /slotMinutes/],
  ])("refuse %s in a scenario file", (_what, appointments, message) => {
    const s = JSON.parse(readFileSync(join(import.meta.dirname, "..", "scenarios", "commune.json"), "utf8"));
    s.fields[0].appointments = appointments;
    const r = Scenario.safeParse(s);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(message);
  });
});
