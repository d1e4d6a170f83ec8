/**
 * A small one-stop shop for the engine tests: three fields, four services, four counters,
 * the four priority groups, and helpers that keep each test a few readable lines.
 */
import { CenterConfig, type CenterConfigInput, type ErrorCode } from "@motcua/protocol";
import { apply } from "../src/apply.ts";
import { createDay } from "../src/day.ts";
import type { Command, DayState, EngineConfig, EngineEvent, Millis, TicketRecord } from "../src/types.ts";

export const MINUTE = 60_000;

/** 2026-11-27 08:00 in Hanoi (UTC+7): the shop opens. */
export const T0: Millis = Date.UTC(2026, 10, 27, 1, 0);
export const DAY = "2026-11-27";

/** The moment `minutes` after opening time. */
export const at = (minutes: number): Millis => T0 + minutes * MINUTE;

/** Epoch ms of a wall-clock moment in Hanoi (month is 1-based, unlike Date.UTC). */
export const hanoi = (year: number, month: number, day: number, hour: number, minute = 0): Millis =>
  Date.UTC(year, month - 1, day, hour - 7, minute);

export const fixtureInput = {
  mode: "demo",
  center: {
    id: "phuong-ben-nghe",
    name: "Bộ phận Một cửa phường Bến Nghé",
    nameEn: "Ben Nghe Ward One-Stop Shop",
    dayResetTime: "05:00",
  },
  fields: [
    { id: "civil", name: "Hộ tịch", nameEn: "Civil status" },
    { id: "land", name: "Đất đai", nameEn: "Land" },
    { id: "business", name: "Kinh doanh", nameEn: "Business" },
  ],
  services: [
    { id: "birth", code: "A", name: "Đăng ký khai sinh", nameEn: "Birth registration", fieldId: "civil", defaultServiceMinutes: 10 },
    { id: "marriage", code: "B", name: "Đăng ký kết hôn", nameEn: "Marriage registration", fieldId: "civil", defaultServiceMinutes: 6 },
    { id: "land", code: "C", name: "Chứng thực đất đai", nameEn: "Land certification", fieldId: "land", defaultServiceMinutes: 15 },
    {
      id: "permit",
      code: "D",
      name: "Giấy phép kinh doanh",
      nameEn: "Business permit",
      fieldId: "business",
      numberRange: { from: 1, to: 3 },
    },
  ],
  counters: [
    // Counters 1 and 2 both do civil status, in opposite preference order.
    { id: "c1", number: 1, name: "Quầy 1", nameEn: "Counter 1", serviceIds: ["birth", "marriage"] },
    { id: "c2", number: 2, name: "Quầy 2", nameEn: "Counter 2", serviceIds: ["marriage", "birth"] },
    { id: "c3", number: 3, name: "Quầy 3", nameEn: "Counter 3", serviceIds: ["land"] },
    { id: "c4", number: 4, name: "Quầy 4", nameEn: "Counter 4", serviceIds: ["permit", "land"] },
  ],
  priorityGroups: [
    { id: "elderly", name: "Người cao tuổi", nameEn: "Elderly" },
    { id: "pregnant", name: "Phụ nữ mang thai", nameEn: "Pregnant women" },
    { id: "disability", name: "Người khuyết tật", nameEn: "People with disabilities" },
    { id: "merit", name: "Người có công", nameEn: "People with meritorious services" },
  ],
  rules: { fairnessCap: 2, agingLimitMinutes: 30, recallsBeforeNoShow: 2 },
} satisfies CenterConfigInput;

/** Parses a center configuration (filling defaults) and keeps what the engine reads. */
export function buildConfig(input: CenterConfigInput): EngineConfig {
  const c = CenterConfig.parse(input);
  return { center: c.center, services: c.services, counters: c.counters, priorityGroups: c.priorityGroups, rules: c.rules };
}

export const config: EngineConfig = buildConfig(fixtureInput);

/** The fixture with some rules changed. */
export const configWithRules = (rules: Partial<EngineConfig["rules"]>): EngineConfig =>
  buildConfig({ ...fixtureInput, rules: { ...fixtureInput.rules, ...rules } });

export const freshDay = (cfg: EngineConfig = config, day = DAY): DayState => createDay(cfg, day);

/** Applies a command that must succeed; returns the new state. */
export function run(state: DayState, cmd: Command, now: Millis, cfg: EngineConfig = config): DayState {
  return step(state, cmd, now, cfg).state;
}

/** Applies a command that must succeed; returns the new state and its events. */
export function step(state: DayState, cmd: Command, now: Millis, cfg: EngineConfig = config): { state: DayState; events: EngineEvent[] } {
  const r = apply(cfg, state, cmd, now);
  if (!r.ok) throw new Error(`${cmd.type} was refused: ${r.error.code} ${r.error.message}`);
  return { state: r.state, events: r.events };
}

/** Applies a command that must fail; returns its error code. */
export function refusal(state: DayState, cmd: Command, now: Millis, cfg: EngineConfig = config): ErrorCode {
  const r = apply(cfg, state, cmd, now);
  if (r.ok) throw new Error(`${cmd.type} was accepted, expected a refusal`);
  return r.error.code;
}

export const idOf = (number: string, day = DAY): string => `${day}-${number}`;

/**
 * A service day told as a story: a clock (tests move it forward) and a state that every
 * successful command replaces. Failing commands throw, so a test reads as the steps it takes.
 */
export class Desk {
  state: DayState;
  now: Millis = T0;
  events: EngineEvent[] = [];

  constructor(
    readonly cfg: EngineConfig = config,
    day = DAY,
  ) {
    this.state = createDay(cfg, day);
  }

  /** Moves the clock to `minutes` after opening. */
  at(minutes: number): this {
    this.now = at(minutes);
    return this;
  }

  /** Moves the clock forward. */
  later(minutes: number): this {
    this.now += minutes * MINUTE;
    return this;
  }

  do(cmd: Command): EngineEvent[] {
    const r = step(this.state, cmd, this.now, this.cfg);
    this.state = r.state;
    this.events = r.events;
    return r.events;
  }

  refused(cmd: Command): ErrorCode {
    return refusal(this.state, cmd, this.now, this.cfg);
  }

  /** Issues a ticket and returns its number, e.g. "A001". */
  issue(serviceId: string, priorityGroupId: string | null = null): string {
    this.do({ type: "issueTicket", serviceId, priorityGroupId });
    return this.ticketById(this.state.order[this.state.order.length - 1]!).number;
  }

  open(counterId: string, staffId = `staff-${counterId}`): this {
    this.do({ type: "openCounter", counterId, staffId, staffName: `Officer ${staffId}` });
    return this;
  }

  /** Calls the next ticket at a counter; returns its number, or null when nobody waits for it. */
  call(counterId: string): string | null {
    const events = this.do({ type: "callNext", counterId });
    const called = events.find((e) => e.type === "ticket.called");
    return called ? this.ticketById(called.ticketId).number : null;
  }

  /** Why the last call picked its ticket. */
  get lastReason(): string | undefined {
    const e = this.events.find((x) => x.type === "ticket.called");
    return e?.type === "ticket.called" ? e.reason : undefined;
  }

  /** Calls, starts and completes the next ticket at a counter; returns its number. */
  serve(counterId: string, minutes: number): string {
    const n = this.call(counterId);
    if (n === null) throw new Error(`nobody to serve at ${counterId}`);
    this.do({ type: "start", ticketId: idOf(n, this.state.day) });
    this.later(minutes);
    this.do({ type: "complete", ticketId: idOf(n, this.state.day) });
    return n;
  }

  ticket(number: string): TicketRecord {
    return this.ticketById(idOf(number, this.state.day));
  }

  ticketById(id: string): TicketRecord {
    const t = this.state.tickets[id];
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  counter(counterId: string) {
    const c = this.state.counters[counterId];
    if (!c) throw new Error(`no counter ${counterId}`);
    return c;
  }
}
