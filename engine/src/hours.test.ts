import { CenterConfig, type CenterConfigInput } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { createDay } from "./day.ts";
import { callsFromOn, hallHours, hoursOn, issueRefusal, nextOpening } from "./hours.ts";
import { slotTimes, isOpenAt } from "./appointments.ts";
import { serviceSummaries, toTicket } from "./views.ts";
import { apply } from "./apply.ts";
import { fixtureInput, hanoi } from "../test/fixture.ts";

// The fixture shop open 07:30–11:30 and 13:30–17:00 on weekdays, with a (test) holiday on Tuesday
// 1 December 2026 and Saturday 28 November worked in exchange. Every moment is set by the test.
const input = (rules: Partial<CenterConfig["rules"]> = {}, center: Partial<CenterConfig["center"]> = {}) =>
  ({
    ...fixtureInput,
    center: { ...fixtureInput.center, openingHours: [{ from: "07:30", to: "11:30" }, { from: "13:30", to: "17:00" }], ...center },
    rules: { ...fixtureInput.rules, ...rules },
    calendar: { holidays: [{ date: "2026-12-01", name: "Ngày nghỉ thử", nameEn: "Test holiday" }], extraWorkingDays: ["2026-11-28"] },
  }) satisfies CenterConfigInput;
const cfg = (rules: Partial<CenterConfig["rules"]> = {}, center: Partial<CenterConfig["center"]> = {}) => CenterConfig.parse(input(rules, center));

describe("the hall's hours", () => {
  it("are a rule every existing configuration gets by default: numbers from an hour before opening", () => {
    const c = CenterConfig.parse({ ...fixtureInput });
    expect(c.rules.issueOutsideHours).toBe("beforeOpening");
    expect(c.rules.issueBeforeOpeningMinutes).toBe(60);
  });

  it("at 03:05 on a Monday: closed, opens at 07:30, numbers from 06:30 — and the kiosk refuses until then", () => {
    const c = cfg();
    const now = hanoi(2026, 11, 30, 3, 5);
    expect(hallHours(c, now)).toEqual({
      open: false,
      opensAt: hanoi(2026, 11, 30, 7, 30),
      issuing: false,
      issueFrom: hanoi(2026, 11, 30, 6, 30),
      changesAt: hanoi(2026, 11, 30, 6, 30),
    });
    expect(issueRefusal(c, now)).toMatchObject({ code: "CENTER_CLOSED", at: hanoi(2026, 11, 30, 6, 30) });
  });

  it("issues before opening within the rule's minutes, and says when the hall opens", () => {
    const h = hallHours(cfg(), hanoi(2026, 11, 30, 6, 45));
    expect(h).toMatchObject({ open: false, issuing: true, issueFrom: null, opensAt: hanoi(2026, 11, 30, 7, 30), changesAt: hanoi(2026, 11, 30, 7, 30) });
    expect(issueRefusal(cfg(), hanoi(2026, 11, 30, 6, 45))).toBeNull();
    expect(hallHours(cfg({ issueBeforeOpeningMinutes: 10 }), hanoi(2026, 11, 30, 6, 45))).toMatchObject({ issuing: false, issueFrom: hanoi(2026, 11, 30, 7, 20) });
  });

  it("is open from the first session to the last, the lunch break included, and closes at 17:00", () => {
    expect(hallHours(cfg(), hanoi(2026, 11, 30, 9))).toEqual({ open: true, opensAt: null, issuing: true, issueFrom: null, changesAt: hanoi(2026, 11, 30, 17) });
    expect(hallHours(cfg({ issueOutsideHours: "never" }), hanoi(2026, 11, 30, 12, 15))).toMatchObject({ open: true, issuing: true });
  });

  it("after closing, skips the holiday to the next working day", () => {
    const h = hallHours(cfg(), hanoi(2026, 11, 30, 17, 0));
    // Tuesday 1 December is the holiday: Wednesday 07:30 is next.
    expect(h).toMatchObject({ open: false, issuing: false, opensAt: hanoi(2026, 12, 2, 7, 30), issueFrom: hanoi(2026, 12, 2, 6, 30) });
    expect(hallHours(cfg(), hanoi(2026, 12, 1, 9)).opensAt).toBe(hanoi(2026, 12, 2, 7, 30));
  });

  it("knows the weekend and the Saturday worked in exchange", () => {
    // Friday evening: the Saturday worked in exchange opens next.
    expect(nextOpening(cfg(), hanoi(2026, 11, 27, 18))).toBe(hanoi(2026, 11, 28, 7, 30));
    expect(hallHours(cfg(), hanoi(2026, 11, 28, 9)).open).toBe(true);
    // An ordinary Saturday: Monday 7 December, 07:30.
    expect(hallHours(cfg(), hanoi(2026, 12, 5, 10))).toMatchObject({ open: false, issuing: false, opensAt: hanoi(2026, 12, 7, 7, 30) });
  });

  it("'never' waits for the opening; 'always' issues at any hour", () => {
    expect(hallHours(cfg({ issueOutsideHours: "never" }), hanoi(2026, 11, 30, 7, 15))).toMatchObject({ issuing: false, issueFrom: hanoi(2026, 11, 30, 7, 30) });
    expect(hallHours(cfg({ issueOutsideHours: "always" }), hanoi(2026, 11, 29, 3, 5))).toMatchObject({ open: false, issuing: true, issueFrom: null, opensAt: hanoi(2026, 11, 30, 7, 30) });
  });

  it("never issues before the opening day's service day has begun (its reset time)", () => {
    // The day turns at 07:00: a number at 06:30 would belong to the day before and vanish.
    expect(hallHours(cfg({}, { dayResetTime: "07:00" }), hanoi(2026, 11, 30, 6, 40))).toMatchObject({ issuing: false, issueFrom: hanoi(2026, 11, 30, 7) });
  });

  it("has no next opening for a calendar that never works again within a year", () => {
    const c = CenterConfig.parse({ ...input(), calendar: { workingDays: [7], holidays: [], extraWorkingDays: [] } });
    const noSundays = { ...c, calendar: { ...c.calendar, workingDays: [] as number[] } };
    expect(hallHours(noSundays, hanoi(2026, 11, 30, 9))).toMatchObject({ open: false, opensAt: null, issuing: false, issueFrom: null });
  });

  it("tells when today's counters start: before the first session and in a break, not inside one or after the last", () => {
    const c = cfg();
    expect(callsFromOn(c, hanoi(2026, 11, 30, 5, 30))).toBe(hanoi(2026, 11, 30, 7, 30));
    expect(callsFromOn(c, hanoi(2026, 11, 30, 12))).toBe(hanoi(2026, 11, 30, 13, 30));
    expect(callsFromOn(c, hanoi(2026, 11, 30, 9))).toBeNull();
    expect(callsFromOn(c, hanoi(2026, 11, 30, 17, 30))).toBeNull();
  });

  it("promises no start on a day off, nor one after the ticket's service day has ended", () => {
    // Saturday 5 December 2026: no counter opens, whatever the hours say.
    expect(callsFromOn(cfg(), hanoi(2026, 12, 5, 3, 5))).toBeNull();
    // With the day turning at 05:00, a ticket taken at 03:00 belongs to the day before: it is gone by 07:30.
    expect(callsFromOn(cfg({}, { dayResetTime: "05:00" }), hanoi(2026, 11, 30, 3))).toBeNull();
    expect(callsFromOn(cfg({}, { dayResetTime: "05:00" }), hanoi(2026, 11, 30, 6))).toBe(hanoi(2026, 11, 30, 7, 30));
  });
});

describe("a wait band before opening", () => {
  const c = cfg({ issueOutsideHours: "always" });
  // After the fixture's day turns (05:00), before its counters start (07:30).
  const early = hanoi(2026, 11, 30, 5, 30);
  const issue = (state: ReturnType<typeof createDay>, now: number) => {
    const r = apply(c, state, { type: "issueTicket", serviceId: "birth" }, now);
    if (!r.ok) throw new Error(r.error.message);
    return r.state;
  };

  it("counts from the opening, not from the moment of the tap, and says when calling starts", () => {
    let state = createDay(c, "2026-11-30");
    const before = serviceSummaries(c, state, early).find((s) => s.id === "birth")!;
    // Not "khoảng 120–… phút": the first citizen is called as the counters open.
    expect(before.estimatedWait).toEqual({ minMinutes: 0, maxMinutes: 5 });
    expect(before.callsFrom).toBe(new Date(hanoi(2026, 11, 30, 7, 30)).toISOString());
    for (let i = 0; i < 4; i++) state = issue(state, early);
    const last = toTicket(c, state, state.tickets[state.order[3]!]!, early);
    expect(last.callsFrom).toBe(new Date(hanoi(2026, 11, 30, 7, 30)).toISOString());
    expect(last.estimatedWait!.maxMinutes).toBeLessThan(60);
  });

  it("inside the opening hours carries no start", () => {
    const state = issue(createDay(c, "2026-11-30"), hanoi(2026, 11, 30, 9));
    const t = toTicket(c, state, state.tickets[state.order[0]!]!, hanoi(2026, 11, 30, 9));
    expect(t.callsFrom).toBeUndefined();
  });

  it("keeps counting from now when a counter staffed through the lunch break calls sooner", () => {
    const noon = hanoi(2026, 11, 30, 12);
    let state = createDay(c, "2026-11-30");
    const r = apply(c, state, { type: "openCounter", counterId: "c1", staffId: "s1", staffName: "Lan" }, noon);
    if (!r.ok) throw new Error(r.error.message);
    state = issue(r.state, noon);
    const t = toTicket(c, state, state.tickets[state.order[0]!]!, noon);
    expect(t.callsFrom).toBeUndefined();
    expect(t.estimatedWait).toEqual({ minMinutes: 0, maxMinutes: 5 });
  });
});

describe("hours by weekday and by season", () => {
  // Saturdays worked in the morning; summer (1 May – 30 September 2027) opens at 07:00 and closes
  // at 16:30, its Saturday 07:00–11:00. Friday 27 November 2026's Saturday is worked in exchange.
  const MORNING = [{ from: "07:30", to: "11:30" }];
  const SUMMER = [{ from: "07:00", to: "11:30" }, { from: "13:00", to: "16:30" }];
  const seasonal = () =>
    CenterConfig.parse({
      ...input(),
      center: {
        ...input().center,
        weekdayHours: [{ weekday: 6, sessions: MORNING }],
        seasons: [{ name: "Giờ mùa hè", nameEn: "Summer hours", from: "2027-05-01", to: "2027-09-30", openingHours: SUMMER, weekdayHours: [{ weekday: 6, sessions: [{ from: "07:00", to: "11:00" }] }] }],
      },
      calendar: { ...input().calendar, workingDays: [1, 2, 3, 4, 5, 6] },
    });

  it("keeps every configuration without them valid, with one set of hours for every day", () => {
    const c = cfg();
    expect(c.center.seasons).toBeUndefined();
    expect(hoursOn(c, "2026-12-05")).toEqual(c.center.openingHours);
    expect(hoursOn(c, "2027-06-01")).toEqual(c.center.openingHours);
  });

  it("gives a weekday its own sessions, except on a day worked in exchange, which stands for a full day", () => {
    const c = seasonal();
    expect(hoursOn(c, "2026-12-05")).toEqual(MORNING);
    expect(hoursOn(c, "2026-12-07")).toEqual(c.center.openingHours);
    // Saturday 28 November 2026 is worked in exchange.
    expect(hoursOn(c, "2026-11-28")).toEqual(c.center.openingHours);
    // Saturday 5 December: open at 10:00, closed at 12:00; opens again Monday.
    expect(hallHours(c, hanoi(2026, 12, 5, 10))).toMatchObject({ open: true, changesAt: hanoi(2026, 12, 5, 11, 30) });
    expect(hallHours(c, hanoi(2026, 12, 5, 12))).toMatchObject({ open: false, opensAt: hanoi(2026, 12, 7, 7, 30) });
    expect(isOpenAt(c, hanoi(2026, 12, 5, 13, 45))).toBe(false);
    expect(isOpenAt(c, hanoi(2026, 12, 7, 13, 45))).toBe(true);
  });

  it("takes a season's hours from its first day to its last, both included", () => {
    const c = seasonal();
    expect(hoursOn(c, "2027-04-30")).toEqual(c.center.openingHours);
    expect(hoursOn(c, "2027-05-01")).toEqual([{ from: "07:00", to: "11:00" }]); // a Saturday of summer
    expect(hoursOn(c, "2027-05-03")).toEqual(SUMMER);
    expect(hoursOn(c, "2027-09-30")).toEqual(SUMMER);
    expect(hoursOn(c, "2027-10-01")).toEqual(c.center.openingHours);
    // Monday 3 May 2027: the doors open at 07:00, numbers from 06:00; the lunch break ends at 13:00.
    expect(hallHours(c, hanoi(2027, 5, 3, 5))).toMatchObject({ opensAt: hanoi(2027, 5, 3, 7), issueFrom: hanoi(2027, 5, 3, 6) });
    expect(callsFromOn(c, hanoi(2027, 5, 3, 12))).toBe(hanoi(2027, 5, 3, 13));
    expect(hallHours(c, hanoi(2027, 5, 3, 16, 45)).open).toBe(false);
    // Appointments are slots inside the day's own sessions.
    const field = { id: "civil", name: "Hộ tịch", nameEn: "Civil status", remoteTickets: false, appointments: { slotMinutes: 30, capacity: 1 } };
    expect(slotTimes(c, field, "2027-05-03").map((s) => s.time).slice(0, 2)).toEqual(["07:00", "07:30"]);
    expect(slotTimes(c, field, "2027-05-03")).toHaveLength(9 + 7);
    expect(slotTimes(c, field, "2027-05-01").map((s) => s.time)).toEqual(["07:00", "07:30", "08:00", "08:30", "09:00", "09:30", "10:00", "10:30"]);
  });

  it("refuses seasons that overlap, one ending before it starts, and a weekday given twice", () => {
    const base = input();
    const season = (from: string, to: string) => ({ name: "Mùa", from, to, openingHours: SUMMER });
    const parse = (center: object) => CenterConfig.safeParse({ ...base, center: { ...base.center, ...center } });
    const overlap = parse({ seasons: [season("2027-05-01", "2027-09-30"), season("2027-09-30", "2027-12-31")] });
    expect(overlap.success).toBe(false);
    expect(overlap.error!.issues[0]).toMatchObject({ path: ["center", "seasons", 1, "from"], message: "seasons must not overlap" });
    expect(parse({ seasons: [season("2027-05-01", "2027-09-30"), season("2027-10-01", "2028-04-30")] }).success).toBe(true);
    expect(parse({ seasons: [season("2027-09-30", "2027-05-01")] }).error!.issues[0]!.path).toEqual(["center", "seasons", 0, "to"]);
    expect(parse({ weekdayHours: [{ weekday: 6, sessions: MORNING }, { weekday: 6, sessions: SUMMER }] }).success).toBe(false);
  });
});
