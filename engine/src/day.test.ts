import { describe, expect, it } from "vitest";
import { createDay, localParts, minutesOf, rollover, serviceDayOf, withCountersOf } from "./day.ts";
import { DAY, T0, buildConfig, config, fixtureInput, hanoi, run } from "../test/fixture.ts";

describe("the service day", () => {
  it.each<[string, string, number, string]>([
    ["08:00 on the 27th, reset at midnight", "2026-11-27", hanoi(2026, 11, 27, 8, 0), "00:00"],
    ["midnight exactly, reset at midnight", "2026-11-27", hanoi(2026, 11, 27, 0, 0), "00:00"],
    ["23:59 on the 26th, reset at midnight", "2026-11-26", hanoi(2026, 11, 26, 23, 59), "00:00"],
    // Before 07:00 in Hanoi the UTC date is still the day before: the local date must win.
    ["06:30 on the 27th (23:30 UTC on the 26th)", "2026-11-27", hanoi(2026, 11, 27, 6, 30), "00:00"],
    ["04:59 on the 27th, reset at 05:00: still the 26th", "2026-11-26", hanoi(2026, 11, 27, 4, 59), "05:00"],
    ["05:00 on the 27th, reset at 05:00", "2026-11-27", hanoi(2026, 11, 27, 5, 0), "05:00"],
    ["23:59 on the 27th, reset at 05:00", "2026-11-27", hanoi(2026, 11, 27, 23, 59), "05:00"],
    ["01:00 on the 28th, reset at 05:00", "2026-11-27", hanoi(2026, 11, 28, 1, 0), "05:00"],
    ["02:29 on the 27th, reset at 02:30", "2026-11-26", hanoi(2026, 11, 27, 2, 29), "02:30"],
    ["02:30 on the 27th, reset at 02:30", "2026-11-27", hanoi(2026, 11, 27, 2, 30), "02:30"],
    ["new year's eve 23:30", "2026-12-31", hanoi(2026, 12, 31, 23, 30), "00:00"],
    ["new year's day 00:00", "2027-01-01", hanoi(2027, 1, 1, 0, 0), "00:00"],
    ["new year's day 04:00, reset at 05:00", "2026-12-31", hanoi(2027, 1, 1, 4, 0), "05:00"],
    ["29 February 2028", "2028-02-29", hanoi(2028, 2, 29, 12, 0), "00:00"],
  ])("%s belongs to %s", (_label, day, now, reset) => {
    expect(serviceDayOf(now, reset)).toBe(day);
  });

  it("turns exactly at the reset minute, not a millisecond earlier", () => {
    const reset = hanoi(2026, 11, 28, 5, 0);
    expect(serviceDayOf(reset - 1, "05:00")).toBe("2026-11-27");
    expect(serviceDayOf(reset, "05:00")).toBe("2026-11-28");
  });

  it("puts the fixture's opening time on the fixture's day", () => {
    expect(serviceDayOf(T0, config.center.dayResetTime)).toBe(DAY);
  });

  it.each([
    ["00:00", 0],
    ["05:00", 300],
    ["07:45", 465],
    ["23:59", 1439],
  ])("reads %s as %i minutes after midnight", (hhmm, minutes) => {
    expect(minutesOf(hhmm)).toBe(minutes);
  });
});

describe("local time in Hanoi", () => {
  it("shows wall-clock date, time and hour at UTC+7", () => {
    expect(localParts(T0)).toEqual({ date: "2026-11-27", time: "08:00", hour: 8 });
    expect(localParts(Date.UTC(2026, 10, 27, 18, 30))).toEqual({ date: "2026-11-28", time: "01:30", hour: 1 });
  });
});

describe("a new day", () => {
  it("has no tickets, no ratings, version 0, and every configured counter closed", () => {
    const state = createDay(config, DAY);
    expect(state).toMatchObject({ day: DAY, seq: {}, tickets: {}, order: [], ratings: [], version: 0 });
    expect(Object.keys(state.counters)).toEqual(["c1", "c2", "c3", "c4"]);
    for (const c of Object.values(state.counters)) {
      expect(c).toEqual({
        status: "closed",
        staffId: null,
        staffName: null,
        currentTicketId: null,
        pauseReason: null,
        priorityStreak: 0,
        served: 0,
      });
    }
  });
});

describe("rolling over", () => {
  it("makes a fresh day when there is no state yet", () => {
    const r = rollover(config, null, T0);
    expect(r.turned).toBe(true);
    expect(r.state).toEqual(createDay(config, DAY));
  });

  it("keeps the very same state while the day has not turned", () => {
    let state = rollover(config, null, T0).state;
    state = run(state, { type: "openCounter", counterId: "c1", staffId: "lan", staffName: "Lan" }, T0);
    state = run(state, { type: "issueTicket", serviceId: "birth" }, T0);
    const r = rollover(config, state, hanoi(2026, 11, 28, 4, 59));
    expect(r.turned).toBe(false);
    expect(r.state).toBe(state);
  });

  it("starts over at the reset time: no tickets, numbers from 001, every counter closed", () => {
    let state = rollover(config, null, T0).state;
    state = run(state, { type: "openCounter", counterId: "c1", staffId: "lan", staffName: "Lan" }, T0);
    state = run(state, { type: "issueTicket", serviceId: "birth" }, T0);
    state = run(state, { type: "issueTicket", serviceId: "birth" }, T0);
    state = run(state, { type: "callNext", counterId: "c1" }, T0);

    const morning = hanoi(2026, 11, 28, 5, 0);
    const r = rollover(config, state, morning);
    expect(r.turned).toBe(true);
    expect(r.state).toEqual(createDay(config, "2026-11-28"));
    const next = run(r.state, { type: "issueTicket", serviceId: "birth" }, morning);
    expect(next.tickets["2026-11-28-A001"]?.number).toBe("A001");
  });

  it("follows the configured reset time", () => {
    const midnightConfig = { ...config, center: { ...config.center, dayResetTime: "00:00" } };
    const state = rollover(midnightConfig, null, T0).state;
    expect(rollover(midnightConfig, state, hanoi(2026, 11, 28, 0, 1)).turned).toBe(true);
    expect(rollover(config, state, hanoi(2026, 11, 28, 0, 1)).turned).toBe(false);
  });
});

describe("a configuration change during the day", () => {
  const withCounter5 = buildConfig({
    ...fixtureInput,
    counters: [...fixtureInput.counters, { id: "c5", number: 5, name: "Quầy 5", nameEn: "Counter 5", serviceIds: ["birth"] }],
  });

  it("gives a new counter a closed day record and leaves the others as they were", () => {
    let state = createDay(config, DAY);
    state = run(state, { type: "openCounter", counterId: "c1", staffId: "lan", staffName: "Lan" }, T0);
    state = run(state, { type: "issueTicket", serviceId: "birth" }, T0);
    state = run(state, { type: "callNext", counterId: "c1" }, T0);
    const next = withCountersOf(withCounter5, state);
    expect(next.counters.c5).toEqual(createDay(withCounter5, DAY).counters.c5);
    for (const id of ["c1", "c2", "c3", "c4"]) expect(next.counters[id]).toBe(state.counters[id]);
    expect(next.tickets).toBe(state.tickets);
    expect(next.version).toBe(state.version);
    const opened = run(next, { type: "openCounter", counterId: "c5", staffId: "minh", staffName: "Minh" }, T0, withCounter5);
    expect(opened.counters.c5?.status).toBe("open");
  });

  it("returns the very same state when every counter already has a record", () => {
    const state = createDay(config, DAY);
    expect(withCountersOf(config, state)).toBe(state);
  });
});

describe("a later reset time set during the morning", () => {
  it("never takes the service day back, so no number is given twice", () => {
    const cfg = config;
    const early = { ...cfg, center: { ...cfg.center, dayResetTime: "00:00" } };
    const late = { ...cfg, center: { ...cfg.center, dayResetTime: "05:00" } };
    const now = hanoi(2026, 11, 28, 4, 0);
    const today = rollover(early, createDay(early, "2026-11-27"), now).state;
    expect(today.day).toBe("2026-11-28");
    expect(rollover(late, today, now)).toEqual({ state: today, turned: false });
  });
});
