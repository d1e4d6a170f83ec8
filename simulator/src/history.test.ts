import { CenterConfig, STAFFING_MIN_SAMPLE } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { Desk, fixtureInput, idOf } from "@motcua/engine/fixture";
import { enoughToPlan, planSample, scenarioFromDay } from "./history.ts";
import { expectedVisits } from "./scenario.ts";
import { simulate } from "./simulate.ts";

// The engine fixture's ward office, open 07:00–11:30 and 13:30–17:00 (the default hours).
const center = CenterConfig.parse(fixtureInput);

/** A recorded morning: six civil-status visits served in 4, 6 and 8 minutes, two land visits, one no-show. */
function recordedMorning(): Desk {
  const d = new Desk(center);
  d.at(-55).open("c1").open("c3"); // 07:05
  for (const m of [-55, -50, -40]) d.at(m).issue("birth", m === -50 ? "elderly" : null); // 07:05–07:20: first half hour
  for (const m of [5, 10, 20]) d.at(m).issue("marriage"); // 08:05–08:20
  for (const m of [15, 25]) d.at(m).issue("land"); // 08:15, 08:25
  d.at(-54);
  for (const minutes of [4, 6, 8]) d.serve("c1", minutes);
  d.at(21);
  for (const minutes of [4, 6, 8]) d.serve("c1", minutes);
  d.at(26).serve("c3", 12);
  const n = d.call("c3")!;
  d.do({ type: "recall", ticketId: idOf(n) });
  d.do({ type: "recall", ticketId: idOf(n) });
  d.do({ type: "noShow", ticketId: idOf(n) });
  return d;
}

describe("a recorded day as a scenario", () => {
  const s = scenarioFromDay(center, recordedMorning().state);

  it("has each field's arrivals per half hour as they happened, per hour", () => {
    const civil = s.fields.find((f) => f.id === "civil")!;
    expect(civil.arrivalsPerHour["07:00"]).toBe(6); // three in half an hour
    expect(civil.arrivalsPerHour["07:30"]).toBe(0);
    expect(civil.arrivalsPerHour["08:00"]).toBe(6);
    expect(civil.arrivalsPerHour["17:00"]).toBe(0);
    expect(expectedVisits(civil)).toBeCloseTo(6, 9);
    expect(expectedVisits(s.fields.find((f) => f.id === "land")!)).toBeCloseTo(2, 9);
    expect(expectedVisits(s.fields.find((f) => f.id === "business")!)).toBe(0);
  });

  it("measures service times where there are enough, and takes the configured ones where not", () => {
    const civil = s.fields.find((f) => f.id === "civil")!;
    expect(civil.serviceMinutes.mean).toBeCloseTo(6, 9);
    expect(civil.serviceMinutes.cv).toBeCloseTo(Math.sqrt(16 / 5) / 6, 9);
    // One land service only: the configured 15 minutes.
    expect(s.fields.find((f) => f.id === "land")!.serviceMinutes.mean).toBe(15);
  });

  it("keeps the counters' skills by field in preference order, working the opening hours", () => {
    expect(s.counters.map((c) => [c.id, c.fieldIds])).toEqual([
      ["c1", ["civil"]],
      ["c2", ["civil"]],
      ["c3", ["land"]],
      ["c4", ["business", "land"]],
    ]);
    for (const c of s.counters) expect(c.shifts).toEqual([{ from: "07:00", to: "11:30" }, { from: "13:30", to: "17:00" }]);
    expect(s.desks).toBe(4);
  });

  it("carries the day's share of priority citizens and of no-shows", () => {
    expect(s.priorityShare).toBeCloseTo(1 / 8, 9);
    expect(s.noShowRate).toBeCloseTo(1 / 8, 9);
  });

  it("can be simulated", () => {
    const r = simulate(s, { seed: 3 });
    expect(r.visits.length).toBeGreaterThan(0);
    expect(r.visits.every((v) => v.fieldId !== "business")).toBe(true);
  });
});

describe("the least a day must hold to plan from", () => {
  const day = recordedMorning();
  const HOUR = 3_600_000;
  // The fixture's morning: 07:00 is an hour before the test's 08:00 (`Desk.at(0)`).
  const opening = day.at(-60).now;

  it("counts the day's tickets and the opening hours gone by, up to now", () => {
    expect(planSample(center, day.state, opening - 4 * HOUR)).toEqual({ tickets: 8, hoursObserved: 0, hoursOpen: 8 }); // 03:00
    expect(planSample(center, day.state, opening + 1.5 * HOUR).hoursObserved).toBe(1.5); // 08:30
    expect(planSample(center, day.state, opening + 6 * HOUR).hoursObserved).toBe(4.5); // 13:00, at lunch: the morning
    expect(planSample(center, day.state, opening + 20 * HOUR).hoursObserved).toBe(8); // the night after
  });

  it("refuses a day seen at 3 a.m., or for under two hours, or with under twenty tickets", () => {
    expect(STAFFING_MIN_SAMPLE).toEqual({ tickets: 20, hours: 2 });
    const enough = { tickets: 20, hoursObserved: 2, hoursOpen: 8 };
    expect(enoughToPlan(enough)).toBe(true);
    expect(enoughToPlan({ ...enough, hoursObserved: 0 })).toBe(false); // 3 a.m.: nothing of the day yet
    expect(enoughToPlan({ ...enough, hoursObserved: 1.9 })).toBe(false);
    expect(enoughToPlan({ ...enough, tickets: 19, hoursObserved: 8 })).toBe(false);
    // A day whose hours are shorter than the minimum is judged on all of them.
    expect(enoughToPlan({ tickets: 30, hoursObserved: 1.5, hoursOpen: 1.5 })).toBe(true);
    // The recorded morning has eight tickets: too few whatever the hour.
    expect(enoughToPlan(planSample(center, day.state, opening + 20 * HOUR))).toBe(false);
  });
});
