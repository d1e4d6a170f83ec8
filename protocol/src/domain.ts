import { z } from "./zod.ts";

// Ids are short, URL-safe and stable: they appear in URLs, QR codes and logs.
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "id: lowercase letters, digits and '-', at most 40")
  // Ids key plain objects in stored state; a name Object.prototype already has would collide.
  .refine((s) => !(s in Object.prototype), "id: this word is reserved, choose another");
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time must be HH:mm (24 h)");
/** A calendar day, YYYY-MM-DD, that exists (no 31 April). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date must be YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, "no such date");
/** Text shown to people, up to `max` characters: one line, no control characters (they end up on printers and TVs). */
export const shownText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), "must not contain control characters");
export const Label = shownText(120);

/** A span of local time within one day, such as a working session. */
export const TimeSpan = z
  .object({ from: LocalTime, to: LocalTime })
  .refine((s) => s.from < s.to, "from must be before to");
export type TimeSpan = z.infer<typeof TimeSpan>;

/**
 * The plan's yardstick for a visit: called within 15 minutes (Kế hoạch 3563/KH-UBND). Statistics,
 * reports, the supervisor's alerts and the counter terminal all measure against this one value.
 */
export const TARGET_WAIT_MINUTES = 15;

/**
 * Vietnam's one time zone (UTC+7 all year, no daylight saving since 1975): every center's
 * configuration holds it, and the engine counts service days in it.
 */
export const CENTER_TIMEZONE = "Asia/Ho_Chi_Minh";

/** Where a unit stands in the province: the provincial center, a district's (where a province still has them), a commune's. */
export const UNIT_LEVELS = ["provincial", "district", "commune"] as const;
export const UnitLevel = z.enum(UNIT_LEVELS);
export type UnitLevel = z.infer<typeof UnitLevel>;

/** The plan's area classes: they set how many dossiers a year one officer is expected to receive. */
export const AREA_CLASSES = ["urban", "rural", "remote"] as const;
export const AreaClass = z.enum(AREA_CLASSES);
export type AreaClass = z.infer<typeof AreaClass>;

/** The plan's yardstick: dossiers received a year per one-stop officer, by area class (remote: especially difficult areas). */
export const AREA_YARDSTICK: Record<AreaClass, number> = { urban: 1600, rural: 1200, remote: 800 };

export const Coordinates = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
export type Coordinates = z.infer<typeof Coordinates>;

/** A day's working sessions, in order; the gaps are breaks (most centers keep lunch 11:30–13:30). */
export const Sessions = z
  .array(TimeSpan)
  .min(1)
  .max(6)
  .refine((spans) => spans.every((s, i) => i === 0 || spans[i - 1]!.to <= s.from), "opening hours must be in order and must not overlap");
export type Sessions = z.infer<typeof Sessions>;

/** One weekday's own sessions where they differ from the other working days' (Saturday morning only). */
export const WeekdayHours = z.object({
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: z.number().int().min(1).max(7),
  sessions: Sessions,
});
export type WeekdayHours = z.infer<typeof WeekdayHours>;

const weekdaysOnce = (list: { weekday: number }[]) => new Set(list.map((w) => w.weekday)).size === list.length;

/**
 * Hours of a part of the year (giờ mùa hè, giờ mùa đông), from one date to another inclusive. Dated
 * like holidays, not repeated by month and day: a province decides them, and may move them, each year.
 */
export const Season = z
  .object({
    name: Label,
    nameEn: Label.optional(),
    from: IsoDate,
    to: IsoDate,
    openingHours: Sessions,
    weekdayHours: z.array(WeekdayHours).max(7).refine(weekdaysOnce, "each weekday once").optional(),
  })
  .refine((s) => s.from <= s.to, { message: "a season must end on or after the day it starts", path: ["to"] });
export type Season = z.infer<typeof Season>;

export const Center = z.object({
  id: Id,
  name: Label,
  nameEn: Label,
  address: Label.optional(),
  hotline: z.string().regex(/^[0-9 .+]{3,20}$/).default("1022"),
  timezone: z.literal(CENTER_TIMEZONE).default(CENTER_TIMEZONE),
  /** Local time at which ticket numbers restart for a new service day. */
  dayResetTime: LocalTime.default("00:00"),
  notices: z.array(Label).max(20).default([]),
  /** The unit's place in the province, and its area class (its yardstick: AREA_YARDSTICK). */
  level: UnitLevel.default("provincial"),
  area: AreaClass.default("urban"),
  /** The unit above it (a commune's district or the provincial center); none for the provincial center. */
  parentId: Id.optional(),
  /** Where it is, for a citizen choosing the nearest unit. */
  coordinates: Coordinates.optional(),
  /**
   * The unit runs its own server in its hall (offline first) and sends its journal to the
   * province: the province records its day and takes no command for it itself.
   */
  linked: z.boolean().default(false),
  /**
   * Dossiers a year one officer is expected to handle, where the province sets another figure than
   * its area class's (AREA_YARDSTICK). Reports show each officer's pace against it (`yardstickOf`).
   */
  yearlyDossiersPerStaff: z.number().int().min(100).max(10_000).optional(),
  /** The service whose tickets collect finished results (Trả kết quả): the kiosk sends ready dossiers there. */
  returnsServiceId: Id.optional(),
  /**
   * When counters work, in order; the gaps are breaks (most centers keep lunch 11:30–13:30).
   * Wait estimates that reach a break add it, and the staffing planner plans inside these hours.
   */
  openingHours: Sessions.default([
    { from: "07:00", to: "11:30" },
    { from: "13:30", to: "17:00" },
  ]),
  /** Weekdays with sessions of their own (a Saturday morning); the others keep `openingHours`. */
  weekdayHours: z.array(WeekdayHours).max(7).refine(weekdaysOnce, "each weekday once").optional(),
  /** Parts of the year with other hours; a date in none keeps the hours above. They must not overlap. */
  seasons: z
    .array(Season)
    .max(24)
    .superRefine((list, ctx) => {
      // The later one is named, by its place, so the admin's screen marks that row.
      list.forEach((b, j) => {
        if (list.some((a, i) => i < j && !(a.to < b.from || b.to < a.from))) ctx.addIssue({ code: "custom", message: "seasons must not overlap", path: [j, "from"] });
      });
    })
    .optional(),
});
export type Center = z.infer<typeof Center>;

/** The dossiers a year one officer of this center is expected to receive. */
export const yardstickOf = (center: Pick<Center, "area" | "yearlyDossiersPerStaff">): number => center.yearlyDossiersPerStaff ?? AREA_YARDSTICK[center.area];

/** A field of procedures (lĩnh vực), e.g. Hộ tịch. */
export const Field = z.object({
  id: Id,
  name: Label,
  nameEn: Label,
  icon: z.string().max(40).optional(),
  /** Named by the province's catalog: its names are the province's, the rest the unit's. */
  province: z.boolean().optional(),
  /** Citizens may take a number for this field from their phone, which counts once they check in at the kiosk. */
  remoteTickets: z.boolean().default(false),
  /** Appointments (hẹn giờ) for this field: slots of this length, each taking this many citizens; null: not bookable. */
  appointments: z
    .object({
      slotMinutes: z.number().int().min(5).max(240).default(30),
      capacity: z.number().int().min(1).max(200).default(2),
    })
    .nullable()
    .default(null),
});
export type Field = z.infer<typeof Field>;

/** A day the center is closed although it is a working weekday: a public holiday or a compensating day off. */
export const Holiday = z.object({ date: IsoDate, name: Label, nameEn: Label });
export type Holiday = z.infer<typeof Holiday>;

/**
 * Which days the center works, for appointments and numbers taken from phones. Holidays are
 * data, not code: Tết and Giỗ Tổ follow the lunar calendar and the government sets the days off
 * (and the Saturdays worked in exchange) each year, so an administrator keeps this list.
 */
export const Calendar = z.object({
  /** ISO weekdays: 1 Monday … 7 Sunday. */
  workingDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
  holidays: z.array(Holiday).max(500).default([]),
  /** Days worked although not a working weekday (làm bù). */
  extraWorkingDays: z.array(IsoDate).max(100).default([]),
});
export type Calendar = z.infer<typeof Calendar>;

export const NumberRange = z
  .object({ from: z.number().int().min(0).max(9998), to: z.number().int().min(1).max(9999) })
  .refine((r) => r.from < r.to, "numberRange.from must be below numberRange.to");
export type NumberRange = z.infer<typeof NumberRange>;

export const Service = z.object({
  id: Id,
  /** Letter prefix of the ticket number: A in A023. */
  code: z.string().regex(/^[A-Z]{1,2}$/, "code: one or two capital letters"),
  name: Label,
  nameEn: Label,
  fieldId: Id,
  numberRange: NumberRange.default({ from: 1, to: 999 }),
  /** Expected minutes per citizen until enough of today's services are measured. */
  defaultServiceMinutes: z.number().positive().max(240).default(8),
  /** A procedure of the province's catalog this unit receives: its names and field are the province's. */
  province: z.boolean().optional(),
  /**
   * Other words citizens use for it, found by the kiosk's search ("sổ đỏ" for the land-use
   * certificate); kept as the admin typed them (a comma-separated box) and never shown. Capped:
   * the kiosk carries every service's list in its picture.
   */
  aliases: z.array(z.string().max(60)).max(20).optional(),
});
export type Service = z.infer<typeof Service>;

export const Counter = z.object({
  id: Id,
  number: z.number().int().min(1).max(999),
  name: Label,
  nameEn: Label,
  /** Services this counter serves, most preferred first. */
  serviceIds: z.array(Id).min(1, "a counter must serve at least one service"),
});
export type Counter = z.infer<typeof Counter>;

export const PriorityGroup = z.object({
  id: Id,
  name: Label,
  nameEn: Label,
  enabled: z.boolean().default(true),
});
export type PriorityGroup = z.infer<typeof PriorityGroup>;

export const QueueRules = z.object({
  /** After this many priority calls in a row, a counter calls a regular ticket if one waits. */
  fairnessCap: z.number().int().min(1).max(50).default(3),
  /**
   * No ticket waits past this while a counter that may serve it calls someone younger.
   * 15, the center's target wait: past it a citizen is called before anyone newer. On the
   * simulator's halls it cuts the p90 and the longest waits against 45; lower limits gain
   * nothing more (see docs/benchmarks.md, "The aging limit").
   */
  agingLimitMinutes: z.number().int().min(1).max(600).default(15),
  /** A called ticket may be marked no-show only after this many recalls. */
  recallsBeforeNoShow: z.number().int().min(0).max(10).default(2),
  /** How many recent services feed the service-time estimate. */
  serviceTimeSample: z.number().int().min(1).max(200).default(20),
  /**
   * A visit may be rated this long after it finished. Ticket numbers run in order: without a
   * window anyone at a kiosk could rate every visit of the day by typing numbers.
   */
  ratingWindowMinutes: z.number().int().min(1).max(24 * 60).default(60),
  /** The supervisor is alerted when this many wait in one field (and whenever anyone waits past TARGET_WAIT_MINUTES). */
  alertWaitingPerField: z.number().int().min(1).max(1000).default(15),
  /** Remote numbers one phone may take a day, and one network address (a family shares a line). */
  remotePerPhonePerDay: z.number().int().min(1).max(20).default(2),
  remotePerIpPerDay: z.number().int().min(1).max(1000).default(10),
  /** How far ahead a citizen may book an appointment, in days (today counts as day 0). */
  bookAheadDays: z.number().int().min(0).max(90).default(14),
  /** The kiosk checks an appointment in from this long before its slot … */
  checkInEarlyMinutes: z.number().int().min(0).max(180).default(30),
  /** … until this long after it starts; later, the citizen gets an ordinary ticket. */
  checkInLateMinutes: z.number().int().min(0).max(120).default(15),
  /** Appointments one phone may hold at a time, and bookings one network may make a day. */
  appointmentsPerPhone: z.number().int().min(1).max(10).default(2),
  appointmentsPerIpPerDay: z.number().int().min(1).max(1000).default(10),
  /**
   * Ordinary numbers outside the opening hours (before the day's first session, after its last,
   * on a day off): "never"; "beforeOpening", from `issueBeforeOpeningMinutes` before a working
   * day opens (citizens queue at the door); "always" (a hall that takes numbers all day and night).
   * A lunch break is inside the hours. An appointment's check-in keeps its own window.
   */
  issueOutsideHours: z.enum(["never", "beforeOpening", "always"]).default("beforeOpening"),
  issueBeforeOpeningMinutes: z.number().int().min(0).max(240).default(60),
});
export type QueueRules = z.infer<typeof QueueRules>;

export const STAFF_ROLES = ["staff", "supervisor", "admin"] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

export const DEVICE_KINDS = ["kiosk", "display", "station"] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

/**
 * Above the centers: the province's administrators, who create centers and their first admin.
 * Their accounts belong to the deployment, not to any center's configuration.
 */
export const PROVINCE_ROLE = "province" as const;

/**
 * A unit's own hall server, linked to the province deployment: it sends its journal up and takes
 * its configuration down, with the unit's link key (see link.ts).
 */
export const HALL_ROLE = "hall" as const;

export const ROLES = [...STAFF_ROLES, ...DEVICE_KINDS, PROVINCE_ROLE, HALL_ROLE] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Staff = z.object({
  id: Id,
  username: z.string().regex(/^[a-z0-9._-]{2,32}$/, "username: 2–32 lowercase letters, digits, '.', '_' or '-'"),
  displayName: Label,
  role: StaffRole,
  /** scrypt$N$r$p$salt$hash; never leaves the server. */
  passwordHash: z.string().min(20),
  active: z.boolean().default(true),
});
export type Staff = z.infer<typeof Staff>;

export const Device = z.object({
  id: Id,
  kind: DeviceKind,
  name: Label,
  /** sha256 of the device key, hex; the key itself is shown once when generated. */
  keyHash: z.string().regex(/^[0-9a-f]{64}$/),
  revoked: z.boolean().default(false),
  /** For a display: which fields and counters it shows (empty = all). */
  fieldIds: z.array(Id).default([]),
  counterIds: z.array(Id).default([]),
  /** For a station: the kiosks whose tickets its printer prints (empty = every kiosk). */
  kioskIds: z.array(Id).default([]),
});
export type Device = z.infer<typeof Device>;

/** What a receipt printer says of itself (ESC/POS DLE EOT). */
export const PrinterStatus = z.object({
  online: z.boolean(),
  coverOpen: z.boolean(),
  paperNearEnd: z.boolean(),
  paperOut: z.boolean(),
  error: z.boolean(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;

export const CenterConfig = z.object({
  /** Demo mode accepts the documented demo credentials; any other mode refuses them. */
  mode: z.enum(["demo", "production"]),
  center: Center,
  fields: z.array(Field).min(1),
  services: z.array(Service).min(1),
  counters: z.array(Counter).min(1),
  priorityGroups: z.array(PriorityGroup).default([]),
  rules: QueueRules.default(QueueRules.parse({})),
  staff: z.array(Staff).default([]),
  devices: z.array(Device).default([]),
  calendar: Calendar.default(Calendar.parse({})),
});
export type CenterConfig = z.infer<typeof CenterConfig>;
export type CenterConfigInput = z.input<typeof CenterConfig>;

export const TICKET_STATUSES = ["waiting", "called", "serving", "parked", "done", "no_show", "cancelled"] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const WaitBand = z.object({ minMinutes: z.number().int().min(0), maxMinutes: z.number().int().min(0) });
export type WaitBand = z.infer<typeof WaitBand>;

const IsoTime = z.iso.datetime({ offset: true });
const NullableTime = IsoTime.nullable();

/** A ticket as the wire shows it. It carries no personal data, ever. */
export const Ticket = z.object({
  id: z.string(),
  day: z.string(),
  /** Display form: service code + zero-padded sequence, e.g. A023. */
  number: z.string(),
  serviceId: Id,
  priorityGroupId: Id.nullable(),
  status: TicketStatus,
  issuedAt: IsoTime,
  calledAt: NullableTime,
  startedAt: NullableTime,
  finishedAt: NullableTime,
  counterId: Id.nullable(),
  targetCounterId: Id.nullable(),
  recalls: z.number().int(),
  transfers: z.number().int(),
  /** People who will be called before this ticket while it waits. */
  ahead: z.number().int().min(0),
  estimatedWait: WaitBand.nullable(),
  /** For a citizen who booked: the start of their slot; they are called then, ahead of walk-ins. */
  appointmentAt: IsoTime.optional(),
  /** Waiting before the counters start (early, a lunch break): they call from then; the band counts from then. */
  callsFrom: IsoTime.optional(),
  /** Only in the answer to the kiosk that issued it: the secret part of its follow link. */
  followToken: z.string().optional(),
});
export type Ticket = z.infer<typeof Ticket>;

export const RATING_LEVELS = ["very_satisfied", "satisfied", "unsatisfied"] as const;
export const RatingLevel = z.enum(RATING_LEVELS);
export type RatingLevel = z.infer<typeof RatingLevel>;
export const RATING_REASONS = ["long_wait", "unclear_guidance", "attitude", "missing_result", "other"] as const;
export const RatingReason = z.enum(RATING_REASONS);

export const Rating = z.object({
  ticketId: z.string(),
  level: RatingLevel,
  reasons: z.array(RatingReason),
  at: IsoTime,
  counterId: Id.nullable(),
  serviceId: Id,
});
export type Rating = z.infer<typeof Rating>;

export const COUNTER_STATUSES = ["closed", "open", "paused"] as const;
export const CounterStatus = z.enum(COUNTER_STATUSES);
export type CounterStatus = z.infer<typeof CounterStatus>;

export const CounterState = z.object({
  counterId: Id,
  number: z.number().int(),
  name: z.string(),
  status: CounterStatus,
  staffName: z.string().nullable(),
  currentTicketId: z.string().nullable(),
  currentNumber: z.string().nullable(),
  pauseReason: z.string().nullable(),
  servedToday: z.number().int(),
  /** When the current ticket was called; null with nobody at the counter. */
  currentSince: z.iso.datetime({ offset: true }).nullable(),
});
export type CounterState = z.infer<typeof CounterState>;

export const ServiceSummary = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  fieldId: Id,
  waiting: z.number().int().min(0),
  estimatedWait: WaitBand,
  counterNumbers: z.array(z.number().int()),
  /** Before the counters start: they call from then, and the band counts from then. */
  callsFrom: IsoTime.optional(),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;
