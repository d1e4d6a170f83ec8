import { z } from "./zod.ts";
import type { Ack } from "./errors.ts";
import { CounterState, PrinterStatus, Ticket } from "./domain.ts";
import {
  Call,
  CounterView,
  DisplaySnapshot,
  IssueTicketRequest,
  OpenCounterRequest,
  PauseRequest,
  KeyPress,
  PrintJob,
  PrintResult,
  PrinterStatusReport,
  RatingPress,
  Scan,
  RatingRequest,
  RatingResponse,
  ServicesResponse,
  StatsToday,
  StaffToday,
  DashboardSnapshot,
  TicketRef,
  TransferRequest,
} from "./bodies.ts";
import { HallCodeShown } from "./remote.ts";
import { ProvinceUnits, UnitFigures } from "./centers.ts";
import { BookingCode, DossierCode, DossierStatus, FollowToken, FollowView, KioskSnapshot, ProcedureCatalog, SpokenClip, SpokenText, TicketNumber } from "./kiosk.ts";

/** A command a client sends: its payload schema and the data its ack carries on success. */
interface CommandSpec<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
}
const cmd = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): CommandSpec<Req, Res> => ({
  request,
  response,
});
const Empty = z.object({}).strict();

export const kioskCommands = {
  /** The kiosk's whole picture (center, fields, services with waits, priority groups, printer): on every connect. */
  "kiosk:sync": cmd(Empty, KioskSnapshot),
  "services:list": cmd(Empty, ServicesResponse),
  "ticket:issue": cmd(IssueTicketRequest, Ticket),
  "ticket:get": cmd(TicketRef, Ticket),
  /** Today's ticket by the number a citizen types (to rate it, or to see where it stands). */
  "ticket:find": cmd(z.object({ number: TicketNumber }), Ticket),
  /** A dossier's progress from the province's one-stop system, by the code on its receipt. */
  "dossier:lookup": cmd(z.object({ code: DossierCode }), DossierStatus),
  /** The public listing of procedures (niêm yết thủ tục hành chính). */
  "procedures:list": cmd(Empty, ProcedureCatalog),
  /** A ticket by the token in its QR (the follow link), as scanned at the kiosk. */
  "ticket:follow": cmd(z.object({ token: FollowToken }), Ticket),
  /**
   * An appointment by the code printed under its QR, typed when the QR will not scan (scanning
   * the QR goes through `ticket:follow`): within its check-in window it becomes a ticket called
   * at the slot's time; after the window, an ordinary ticket.
   */
  "appointment:checkIn": cmd(z.object({ code: BookingCode }), Ticket),
  "rating:submit": cmd(RatingRequest, RatingResponse),
  /**
   * Words on the kiosk's screen as speech made on the server, for a PC with no Vietnamese voice
   * of its own. UNAVAILABLE when it cannot be made now: the kiosk stays silent, the screen still shows it.
   */
  "voice:say": cmd(SpokenText, SpokenClip),
};

export const displayCommands = {
  "display:sync": cmd(Empty, DisplaySnapshot),
};

const TicketResult = Ticket;
export const counterCommands = {
  "counter:open": cmd(OpenCounterRequest.extend({ counterId: z.string().min(1).max(40) }), CounterView),
  "counter:sync": cmd(Empty, CounterView),
  /** The officer's own figures today. */
  "staff:today": cmd(Empty, StaffToday),
  "counter:callNext": cmd(Empty, Ticket.nullable()),
  "counter:pause": cmd(PauseRequest, CounterState),
  "counter:resume": cmd(Empty, CounterState),
  "counter:close": cmd(Empty, CounterState),
  "ticket:recall": cmd(TicketRef, TicketResult),
  "ticket:start": cmd(TicketRef, TicketResult),
  "ticket:complete": cmd(TicketRef, TicketResult),
  "ticket:noShow": cmd(TicketRef, TicketResult),
  "ticket:requeue": cmd(TicketRef, TicketResult),
  "ticket:transfer": cmd(TransferRequest.and(TicketRef), TicketResult),
  "ticket:park": cmd(TicketRef, TicketResult),
  "ticket:unpark": cmd(TicketRef, TicketResult),
  "ticket:cancel": cmd(TicketRef, TicketResult),
};

export const supervisorCommands = {
  "stats:today": cmd(Empty, StatsToday),
  "display:sync": cmd(Empty, DisplaySnapshot),
  /** Everything the live dashboard draws, asked on every (re)connect. */
  "dashboard:sync": cmd(Empty, DashboardSnapshot),
};

/**
 * A citizen's phone following one ticket. It connects to FOLLOW_PATH with the ticket's follow
 * token as `auth.token` (not a role: the token is the only key, and it opens one ticket, today).
 */
export const FOLLOW_PATH = "/follow";
export const followCommands = {
  "follow:sync": cmd(Empty, FollowView),
};

/** The province's page: every unit's figures on connect, then `units:updated` as they change. */
export const provinceCommands = {
  "province:sync": cmd(Empty, ProvinceUnits),
};

/** A station: the PC beside a kiosk or counter that drives its printer and HID devices. */
export const stationCommands = {
  /** Jobs the server holds for this station's kiosks: asked on every connect, so nothing is lost. */
  "print:sync": cmd(Empty, z.object({ jobs: z.array(PrintJob) })),
  "print:report": cmd(PrintResult, z.object({ recorded: z.literal(true) })),
  /** The printer changed between tickets (asked while idle): kiosks and supervisors hear it as `printer:reported`, with no ticket. */
  "printer:status": cmd(PrinterStatusReport, z.object({ recorded: z.literal(true) })),
  /** A counter keypad's key, for a counter this station is set up for, while an officer has it open. */
  "counter:press": cmd(KeyPress, z.object({ ticket: Ticket.nullable() })),
  /** A rating pad's button: rates the ticket this counter finished last, if nobody rated it yet. */
  "rating:press": cmd(RatingPress, RatingResponse),
  /** A QR or barcode scanner's read, for the one kiosk beside it (one the station serves). */
  /** `delivered`: the kiosk's screens reached on the instance that took it (others hear it through the adapter). */
  "scan:forward": cmd(Scan, z.object({ delivered: z.number().int() })),
};

/** Facts the server pushes; names are past tense. */
export const facts = {
  "print:requested": z.object({ job: PrintJob }),
  /** A scan from the kiosk's own scanner, passed on by its station. */
  "scan:received": z.object({ text: z.string() }),
  /**
   * A station's printer after each job, or when it changed between jobs (no `ticketId` then);
   * ok false is trouble: kiosks tell citizens plainly, supervisors send someone.
   */
  "printer:reported": z.object({
    stationId: z.string(),
    kioskIds: z.array(z.string()),
    ok: z.boolean(),
    status: PrinterStatus.nullable(),
    message: z.string().optional(),
    /** The ticket whose paper this was, so its kiosk can tell that citizen. */
    ticketId: z.string().optional(),
  }),
  "ticket:issued": z.object({ ticket: Ticket }),
  "ticket:called": z.object({ call: Call }),
  "ticket:recalled": z.object({ call: Call }),
  /** A call shown on boards no longer stands (cancelled, transferred, no-show, parked): boards drop it. */
  "call:withdrawn": z.object({ ticketId: z.string(), counterId: z.string() }),
  "counter:updated": z.object({ counter: CounterState }),
  "services:updated": z.object({ services: ServicesResponse }),
  "queue:updated": z.object({ view: CounterView }),
  "stats:updated": z.object({ stats: StatsToday }),
  /** Tells a terminal its counter is no longer its own: taken over, closed elsewhere, or the day turned. */
  "counter:released": z.object({ counterId: z.string() }),
  /** Tells a counter that its citizen rated; never the rating itself. */
  "rating:received": z.object({ ticketId: z.string() }),
  "day:started": z.object({ day: z.string() }),
  /** The followed ticket moved (its place, its wait, its counter). */
  "follow:updated": z.object({ view: FollowView }),
  "config:changed": z.object({ at: z.string() }),
  /** Every ten minutes, the lobby boards' new hall code (null: no field takes numbers from phones). */
  "hallCode:changed": z.object({ hallCode: HallCodeShown.nullable() }),
  /** Units whose figures changed, at most once a second each. */
  "units:updated": z.object({ units: z.array(UnitFigures) }),
};

type Facts = typeof facts;
export type FactName = keyof Facts;
type FactListeners<K extends FactName> = { [E in K]: (payload: z.infer<Facts[E]>) => void };

type CommandListeners<M extends Record<string, CommandSpec<z.ZodType, z.ZodType>>> = {
  [E in keyof M]: (payload: z.input<M[E]["request"]>, ack: (res: Ack<z.infer<M[E]["response"]>>) => void) => void;
};

const heard = <const F extends readonly FactName[]>(...names: F): F => names;

/**
 * Each namespace: its path, the roles the server admits to it, the commands a client sends and
 * the facts it hears. A client calls its namespace's sync command on every connect and
 * reconnect: the server does not replay missed facts.
 */
export const NAMESPACES = {
  kiosk: {
    path: "/kiosk",
    roles: ["kiosk"],
    commands: kioskCommands,
    facts: heard("services:updated", "printer:reported", "scan:received", "day:started", "config:changed"),
  },
  display: {
    path: "/display",
    roles: ["display", "kiosk", "station", "staff", "supervisor", "admin"],
    commands: displayCommands,
    facts: heard("ticket:called", "ticket:recalled", "call:withdrawn", "counter:updated", "services:updated", "day:started", "config:changed", "hallCode:changed"),
  },
  counter: {
    path: "/counter",
    roles: ["staff", "supervisor", "admin"],
    commands: counterCommands,
    facts: heard("queue:updated", "counter:updated", "counter:released", "rating:received", "day:started", "config:changed"),
  },
  supervisor: {
    path: "/supervisor",
    /** A province administrator too, looking at one unit's dashboard it names (permissions.ts). */
    roles: ["supervisor", "admin", "province"],
    commands: supervisorCommands,
    facts: heard(
      "ticket:issued",
      "ticket:called",
      "ticket:recalled",
      "call:withdrawn",
      "counter:updated",
      "services:updated",
      "stats:updated",
      "printer:reported",
      "day:started",
      "config:changed",
    ),
  },
  station: { path: "/station", roles: ["station"], commands: stationCommands, facts: heard("print:requested") },
  /** The province's administrators: every unit's live figures; they belong to no center. */
  province: { path: "/province", roles: ["province"], commands: provinceCommands, facts: heard("units:updated") },
  /** A citizen's phone: no role, its follow token is the only key (one ticket, today). */
  follow: { path: FOLLOW_PATH, roles: [], commands: followCommands, facts: heard("follow:updated") },
} as const;
export type NamespaceName = keyof typeof NAMESPACES;

/** What a client of namespace N sends (commands with acks) and hears (facts). */
export type ClientEventsOf<N extends NamespaceName> = CommandListeners<(typeof NAMESPACES)[N]["commands"]>;
export type ServerEventsOf<N extends NamespaceName> = FactListeners<(typeof NAMESPACES)[N]["facts"][number]>;

export type KioskClientEvents = ClientEventsOf<"kiosk">;
export type KioskServerEvents = ServerEventsOf<"kiosk">;
export type StationClientEvents = ClientEventsOf<"station">;
export type StationServerEvents = ServerEventsOf<"station">;
export type DisplayClientEvents = ClientEventsOf<"display">;
export type DisplayServerEvents = ServerEventsOf<"display">;
export type CounterClientEvents = ClientEventsOf<"counter">;
export type CounterServerEvents = ServerEventsOf<"counter">;
export type FollowClientEvents = ClientEventsOf<"follow">;
export type FollowServerEvents = ServerEventsOf<"follow">;
export type SupervisorClientEvents = ClientEventsOf<"supervisor">;
export type SupervisorServerEvents = ServerEventsOf<"supervisor">;

/** Every command of every namespace, by name (a name means the same in each namespace that has it). */
export const allCommands = {
  ...kioskCommands,
  ...displayCommands,
  ...counterCommands,
  ...supervisorCommands,
  ...stationCommands,
  ...followCommands,
  ...provinceCommands,
};
export type CommandName = keyof typeof allCommands;

export type { CommandSpec };
