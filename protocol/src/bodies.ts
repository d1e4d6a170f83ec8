import { z } from "./zod.ts";
import { Id, PrinterStatus, RatingLevel, RatingReason, Role, Ticket, ServiceSummary, CounterState, WaitBand } from "./domain.ts";
import { HallCodeShown } from "./remote.ts";

const Note = z.string().trim().max(200).refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), "must not contain control characters");

export const SessionRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  /**
   * The center whose account this is, where a deployment holds several (a username is unique
   * within its center); "province" for the province's own accounts. Optional with one center.
   */
  center: z.string().max(64).optional(),
  /**
   * The device token this browser was given at its last login of this account (the answer's
   * `deviceToken`): its logins are then counted apart from others' wrong passwords for the account.
   */
  deviceToken: z.string().max(128).optional(),
});
export const SessionResponse = z.object({
  token: z.string(),
  role: Role,
  expiresAt: z.iso.datetime({ offset: true }),
  displayName: z.string(),
  /**
   * The server's clock when it answered: a counter PC whose own clock is off (a flat BIOS battery)
   * measures the session's twelve hours from its login, not from a time it cannot compare.
   */
  serverTime: z.iso.datetime({ offset: true }).optional(),
  /** Kept by the browser for this account and sent with its next login (SessionRequest.deviceToken). */
  deviceToken: z.string().optional(),
});

export const IssueTicketRequest = z.object({
  serviceId: Id,
  /** Id of a priority group (elderly, pregnant, …); omitted or null for the regular queue. */
  priority: Id.nullable().optional(),
  /**
   * The kiosk's name for this one tap. A tap retried after a lost answer (a dropped link, a
   * restart) carries the same key and gets the same ticket, never a second one.
   */
  requestKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "requestKey: 8–64 letters, digits, '-' or '_'").optional(),
});
export const OpenCounterRequest = z.object({ takeover: z.boolean().optional() });
export const CounterRef = z.object({ counterId: Id });
export const TicketRef = z.object({ ticketId: z.string().min(1).max(64) });
export const TransferRequest = z
  .object({ toServiceId: Id.optional(), toCounterId: Id.optional(), note: Note.optional() })
  .refine((t) => t.toServiceId !== undefined || t.toCounterId !== undefined, {
    message: "give toServiceId or toCounterId",
    path: ["toServiceId"],
  });
export const PauseRequest = z.object({ reason: Note.optional() });
export const RatingRequest = z.object({
  ticketId: z.string().min(1).max(64),
  level: RatingLevel,
  reasons: z.array(RatingReason).max(5).optional(),
});
export const RatingResponse = z.object({ ticketId: z.string(), level: RatingLevel });

export const ServicesResponse = z.array(ServiceSummary);

export const Call = z.object({
  ticketId: z.string(),
  number: z.string(),
  serviceId: Id,
  fieldId: Id,
  counterId: Id,
  counterNumber: z.number().int(),
  calledAt: z.iso.datetime({ offset: true }),
  recalls: z.number().int(),
});
export type Call = z.infer<typeof Call>;

/**
 * A ticket as the officers of the counter that may call it see it: with the note the sending
 * counter left at a transfer (null without one). Staff-only: boards, kiosks and phones get `Ticket`.
 */
export const CounterTicket = Ticket.extend({ note: z.string().max(200).nullable() });
export type CounterTicket = z.infer<typeof CounterTicket>;

export const CounterView = z.object({
  counter: CounterState,
  current: CounterTicket.nullable(),
  waiting: z.array(CounterTicket),
  parked: z.array(CounterTicket),
  /** The rules' recalls before a no-show (`rules.recallsBeforeNoShow`): the terminal offers "absent" from then on. */
  recallsBeforeNoShow: z.number().int().min(0),
});
export type CounterView = z.infer<typeof CounterView>;

export const BreakdownRow = z.object({
  id: Id,
  issued: z.number().int(),
  served: z.number().int(),
  waiting: z.number().int(),
  averageWaitMinutes: z.number().nullable(),
  averageServiceMinutes: z.number().nullable(),
  calledWithin15Share: z.number().nullable(),
  ratings: z.number().int(),
  satisfactionRate: z.number().nullable(),
  /** The longest wait of a ticket still waiting now, in minutes; null when none waits. */
  longestCurrentWaitMinutes: z.number().nullable(),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

/** One hour of the day (local time): who came, and how long those called in it had waited. */
export const HourRow = z.object({
  hour: z.number().int().min(0).max(23),
  arrivals: z.number().int(),
  called: z.number().int(),
  averageWaitMinutes: z.number().nullable(),
  calledWithin15Share: z.number().nullable(),
});
export type HourRow = z.infer<typeof HourRow>;

export const StatsToday = z.object({
  day: z.string(),
  issued: z.number().int(),
  served: z.number().int(),
  waiting: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  averageWaitMinutes: z.number().nullable(),
  longestCurrentWaitMinutes: z.number().nullable(),
  averageServiceMinutes: z.number().nullable(),
  /** Share of visits called within 15 minutes; still-waiting tickets past 15 minutes count as misses. */
  calledWithin15Share: z.number().nullable(),
  ratings: z.number().int(),
  /** (very satisfied + satisfied) / all ratings. */
  satisfactionRate: z.number().nullable(),
  perService: z.array(BreakdownRow),
  perField: z.array(BreakdownRow),
  perCounter: z.array(BreakdownRow),
  perHour: z.array(HourRow),
});
export type StatsToday = z.infer<typeof StatsToday>;

/** An officer's own day: what the counter terminal shows them (never their ratings' content). */
export const StaffToday = z.object({
  served: z.number().int(),
  averageServiceMinutes: z.number().nullable(),
  ratings: z.number().int(),
});
export type StaffToday = z.infer<typeof StaffToday>;

/** What a supervisor's dashboard needs besides the figures: who can serve what, and when to warn. */
export const DashboardSnapshot = z.object({
  day: z.string(),
  stats: StatsToday,
  fields: z.array(z.object({ id: Id, name: z.string(), nameEn: z.string() })),
  services: z.array(ServiceSummary),
  counters: z.array(CounterState),
  /** Each counter's services, most preferred first: the dashboard suggests counters for a field in trouble. */
  counterServices: z.array(z.object({ counterId: Id, serviceIds: z.array(Id) })),
  alerts: z.object({ waitMinutes: z.number(), waitingPerField: z.number().int() }),
  /** Each station's last word on its printer since the server started: someone must fetch paper. */
  printers: z.array(z.object({ stationId: z.string(), kioskIds: z.array(z.string()), ok: z.boolean(), status: PrinterStatus.nullable() })),
  /** Where a ticket's QR sends phones, and whether a phone outside the hall's network can open it. */
  followLinks: z.object({ url: z.string(), reachable: z.boolean() }).optional(),
});
export type DashboardSnapshot = z.infer<typeof DashboardSnapshot>;

export const DisplaySnapshot = z.object({
  day: z.string(),
  center: z.object({ name: z.string(), nameEn: z.string(), hotline: z.string(), notices: z.array(z.string()) }),
  fields: z.array(z.object({ id: Id, name: z.string(), nameEn: z.string() })),
  services: z.array(ServiceSummary),
  counters: z.array(CounterState),
  recentCalls: z.array(Call),
  /**
   * The hall code a phone types to check its remote number in (lobby boards show it, counter
   * displays do not); null when no field takes numbers from phones.
   */
  hallCode: HallCodeShown.nullable(),
});
export type DisplaySnapshot = z.infer<typeof DisplaySnapshot>;

/**
 * What a monitor reads: `ok` false (and HTTP 503) when the server cannot do its work (its store
 * refuses writes, its disk is nearly full); warnings say what an operator should look at.
 */
export const HealthCheck = z.object({
  name: z.enum(["store", "disk", "day", "printers", "publicUrl", "log"]),
  status: z.enum(["ok", "warn", "fail"]),
  detail: z.string(),
});
export const Health = z.object({ ok: z.boolean(), status: z.enum(["ok", "warn", "fail"]), checks: z.array(HealthCheck) });
export type Health = z.infer<typeof Health>;

/** A service day, YYYY-MM-DD. */
export const DayDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "day must be YYYY-MM-DD");

/**
 * The least a recorded day must hold before the staffing planner plans from it: tickets for
 * services still configured, and hours of the day's opening hours already past (today's are
 * counted up to now). Below it the planner answers BAD_REQUEST: too little data, not a plan.
 */
export const STAFFING_MIN_SAMPLE = { tickets: 20, hours: 2 } as const;

/**
 * Ask the staffing planner for counters per field per half hour, from a recorded day
 * (by default the latest finished day on record, else today so far).
 */
export const StaffingPlanRequest = z.object({
  day: DayDate.optional(),
  /** The day's mean wait at most this, and this share called within 15 minutes (default 15 and 0.8). */
  target: z
    .object({
      meanWaitMinutes: z.number().min(1).max(60),
      within15Share: z.number().min(0.5).max(0.99),
    })
    .optional(),
});
export type StaffingPlanRequest = z.infer<typeof StaffingPlanRequest>;

const PlanFigures = z.object({
  visits: z.number().int(),
  meanWaitMinutes: z.number(),
  p90WaitMinutes: z.number(),
  within15Share: z.number(),
});

export const StaffingPlan = z.object({
  /** The recorded day the plan was built from, and its tickets. */
  basedOn: z.object({ day: DayDate, tickets: z.number().int() }),
  target: z.object({ meanWaitMinutes: z.number(), within15Share: z.number() }),
  slots: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      /** Counters to open per field id. */
      counters: z.record(Id, z.number().int().min(0)),
    }),
  ),
  /** Officer-hours the plan needs, and what the configured counters working all opening hours give. */
  staffHours: z.number(),
  configuredStaffHours: z.number(),
  peakCounters: z.number().int(),
  desks: z.number().int(),
  /** Whether simulated days met the target with this plan; if not, the desks or the day's load do not allow it. */
  met: z.boolean(),
  /** Figures of the simulated check days, for the whole day and per field (waits counted while the hall is open). */
  check: z.object({
    days: z.number().int(),
    overall: PlanFigures,
    fields: z.array(PlanFigures.extend({ fieldId: Id })),
  }),
});
export type StaffingPlan = z.infer<typeof StaffingPlan>;

/** What a ticket shows on paper: no name, no ID number, ever. */
export const PrintTicket = z.object({
  number: z.string(),
  serviceName: z.string(),
  fieldName: z.string().optional(),
  issuedAt: z.iso.datetime({ offset: true }),
  ahead: z.number().int().min(0),
  estimatedWait: WaitBand.nullable(),
  counterNumbers: z.array(z.number().int()),
  /** The page that follows the ticket live; its QR. */
  followUrl: z.string(),
  /** For a booked citizen checked in within the window: the slot's start (ISO). */
  appointmentAt: z.iso.datetime({ offset: true }).optional(),
});
export type PrintTicket = z.infer<typeof PrintTicket>;

/** A ticket for a station to print, held by the server until the station says how it went. */
export const PrintJob = z.object({
  id: z.string(),
  kioskId: Id,
  ticketId: z.string(),
  ticket: PrintTicket,
  center: z.object({ name: z.string(), hotline: z.string() }),
});
export type PrintJob = z.infer<typeof PrintJob>;

export const PrintResult = z.object({
  jobId: z.string().max(100),
  printed: z.boolean(),
  /** The printer's own report after printing; null where it cannot tell (a one-way line). */
  status: PrinterStatus.nullable(),
  message: z.string().max(300).optional(),
});
export type PrintResult = z.infer<typeof PrintResult>;

/**
 * A station's printer changed while no ticket was printing (the station asks it every so
 * often): a printer that does not answer at all is reported offline, with why in `message`.
 */
export const PrinterStatusReport = z.object({
  status: PrinterStatus,
  message: z.string().max(300).optional(),
});
export type PrinterStatusReport = z.infer<typeof PrinterStatusReport>;

/** A key on a counter's keypad: the same as the officer's buttons. */
export const CounterKey = z.enum(["next", "recall", "start", "complete", "noShow"]);
export type CounterKey = z.infer<typeof CounterKey>;

export const KeyPress = z.object({ counterId: Id, key: CounterKey });
export const RatingPress = z.object({ counterId: Id, level: RatingLevel });
/**
 * What a scanner read, passed on as text to the one kiosk it stands beside (a chip ID card's QR
 * holds a name and ID number: no other screen may see it); the kiosk decides what it is.
 */
export const Scan = z.object({ kioskId: Id, text: z.string().min(1).max(4096) });
