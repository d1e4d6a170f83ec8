import { z } from "zod";
import type { Ack } from "./errors.ts";
import { CounterState, PrinterStatus, ServiceSummary, Ticket } from "./domain.ts";
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
} from "./rest.ts";
import { HallCodeShown } from "./remote.ts";
import { BookingCode, DossierCode, DossierStatus, FollowToken, FollowView, KioskSnapshot, ProcedureCatalog, TicketNumber } from "./kiosk.ts";

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

/** Facts the server pushes; names are past tense. */
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
  "scan:forward": cmd(Scan, z.object({ delivered: z.number().int() })),
};

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
  "ticket:updated": z.object({ ticket: Ticket }),
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
};

type Facts = typeof facts;
type FactListeners<K extends keyof Facts> = { [E in K]: (payload: z.infer<Facts[E]>) => void };

type CommandListeners<M extends Record<string, CommandSpec<z.ZodType, z.ZodType>>> = {
  [E in keyof M]: (payload: z.input<M[E]["request"]>, ack: (res: Ack<z.infer<M[E]["response"]>>) => void) => void;
};

export type KioskClientEvents = CommandListeners<typeof kioskCommands>;
export type KioskServerEvents = FactListeners<
  "services:updated" | "ticket:updated" | "printer:reported" | "scan:received" | "day:started" | "config:changed"
>;
export type StationClientEvents = CommandListeners<typeof stationCommands>;
export type StationServerEvents = FactListeners<"print:requested">;
export type DisplayClientEvents = CommandListeners<typeof displayCommands>;
export type DisplayServerEvents = FactListeners<
  | "ticket:called"
  | "ticket:recalled"
  | "call:withdrawn"
  | "counter:updated"
  | "services:updated"
  | "day:started"
  | "config:changed"
  | "hallCode:changed"
>;
export type CounterClientEvents = CommandListeners<typeof counterCommands>;
export type CounterServerEvents = FactListeners<
  "queue:updated" | "counter:updated" | "counter:released" | "rating:received" | "day:started" | "config:changed"
>;
export type FollowClientEvents = CommandListeners<typeof followCommands>;
export type FollowServerEvents = FactListeners<"follow:updated">;
export type SupervisorClientEvents = CommandListeners<typeof supervisorCommands>;
export type SupervisorServerEvents = FactListeners<keyof Facts>;

/**
 * Namespaces and the roles the server admits to each. A client calls its namespace's sync
 * command on every connect and reconnect: the server does not replay missed facts.
 */
export const NAMESPACES = {
  kiosk: { path: "/kiosk", roles: ["kiosk"] },
  display: { path: "/display", roles: ["display", "kiosk", "station", "staff", "supervisor", "admin"] },
  counter: { path: "/counter", roles: ["staff", "supervisor", "admin"] },
  supervisor: { path: "/supervisor", roles: ["supervisor", "admin"] },
  station: { path: "/station", roles: ["station"] },
} as const;
export type NamespaceName = keyof typeof NAMESPACES;

export type { CommandSpec };
