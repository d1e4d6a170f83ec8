import { z } from "./zod.ts";
import {
  ArriveRequest,
  RemoteOffer,
  RemoteRequest,
  RemoteTaken,
} from "./remote.ts";
import { AppointmentOffer, BookingMade, BookingRequest, SlotList, SlotsQuery } from "./appointments.ts";
import {
  CounterView,
  DisplaySnapshot,
  Health,
  IssueTicketRequest,
  OpenCounterRequest,
  PauseRequest,
  RatingRequest,
  RatingResponse,
  ServicesResponse,
  SessionRequest,
  SessionResponse,
  StaffingPlan,
  StaffingPlanRequest,
  StatsToday,
  TransferRequest,
} from "./bodies.ts";
import { CentersResponse, CreatedCenter, NewCenterRequest, ProvinceCentersResponse, ProvinceUnits, UnitsOffer } from "./centers.ts";
import { CounterState, Id, Ticket, type Role } from "./domain.ts";
import { FollowView } from "./kiosk.ts";
import { ExportRequest, ProvinceReport, Report, ReportRequest } from "./reports.ts";
import { LinkJournal, LinkPosition } from "./link.ts";
import { CatalogApplied, ProvinceCatalog } from "./catalog.ts";
import { DayDate } from "./bodies.ts";

/**
 * One REST route: where it is, who may call it, what it takes and what it answers. The server
 * mounts these and generates its OpenAPI document from them; the screens call them through
 * `restClient`, so a renamed path or a changed schema fails to compile on both sides.
 */
export interface RouteSpec {
  method: "get" | "post" | "put" | "delete";
  /** Express path under /api, e.g. /tickets/:id/recall. */
  path: string;
  summary: string;
  /** Who may call it; "public" needs no credentials. */
  roles: readonly Role[] | "public";
  /** The JSON body of a POST or PUT. */
  body?: z.ZodType;
  /** The query string of a GET (a flat object of strings). */
  query?: z.ZodType;
  /** The success body; none for a route that answers with no content. */
  response?: z.ZodType;
  status: number;
  /** Also answers 204 when there is nothing to return (nobody waiting): the client sees null. */
  mayBeEmpty?: true;
  /** Answers a file to download (the report export), not JSON. */
  file?: true;
  /** The rate limit taken before anything else, per caller and address. */
  limit?: "issue" | "login" | "rating";
}

const route = <const S extends RouteSpec>(spec: S): S => spec;

const STAFF = ["staff", "supervisor", "admin"] as const satisfies readonly Role[];
const LEADERS = ["supervisor", "admin"] as const satisfies readonly Role[];
const ANYONE = ["kiosk", "display", "station", "staff", "supervisor", "admin"] as const satisfies readonly Role[];

const ticketVerb = <const P extends string>(path: P, summary: string) =>
  route({ method: "post", path: `/tickets/:id/${path}`, summary, roles: STAFF, response: Ticket, status: 200 });
const counterVerb = <const P extends string>(path: P, summary: string) =>
  route({ method: "post", path: `/counters/:counterId/${path}`, summary, roles: STAFF, response: CounterState, status: 200 });

/** The configuration as the admin screen edits it: hashes left out, and its version to save against. */
export const AdminConfig = z.record(z.string(), z.unknown());
export const AdminConfigSaved = z.object({ config: AdminConfig, newKeys: z.record(z.string(), z.string()) });

/** What a citizen's phone calls: all public, each guarded by its own limits on the server. */
export const citizenRoutes = {
  unitsOffering: route({
    method: "get",
    path: "/units",
    summary: "The procedures the province's units receive; with serviceId, the units that receive it and their waits now",
    roles: "public",
    query: z.object({ serviceId: Id.optional() }),
    response: UnitsOffer,
    status: 200,
  }),
  centers: route({
    method: "get",
    path: "/centers",
    summary: "The centers this deployment serves (a phone page's or the login page's choice where there are several)",
    roles: "public",
    response: CentersResponse,
    status: 200,
  }),
  follow: route({
    method: "get",
    path: "/follow/:token",
    summary: "A ticket's place and where to go, by the unguessable token in its QR (today only)",
    roles: "public",
    response: FollowView,
    status: 200,
  }),
  giveUp: route({
    method: "post",
    path: "/follow/:token/cancel",
    summary: "Give up, from the phone, an appointment or a remote number not yet checked in",
    roles: "public",
    response: FollowView,
    status: 200,
  }),
  arrive: route({
    method: "post",
    path: "/follow/:token/arrive",
    summary: "I have arrived: a remote number joins the queue with the four-digit hall code shown on the lobby boards (now or ten minutes ago)",
    roles: "public",
    body: ArriveRequest,
    response: FollowView,
    status: 200,
  }),
  appointmentOffer: route({
    method: "get",
    path: "/appointments",
    summary: "What a phone may book (fields taking appointments, their procedures) and the days one may book",
    roles: "public",
    response: AppointmentOffer,
    status: 200,
  }),
  appointmentSlots: route({
    method: "get",
    path: "/appointments/slots",
    summary: "A field's appointment slots on a day, with the places left (?fieldId=…&date=YYYY-MM-DD)",
    roles: "public",
    query: SlotsQuery,
    response: SlotList,
    status: 200,
  }),
  book: route({
    method: "post",
    path: "/appointments",
    summary: "Book an appointment with a mobile number only: answers its link (QR) and a code to type at the kiosk",
    roles: "public",
    body: BookingRequest,
    response: BookingMade,
    status: 201,
  }),
  remoteOffer: route({
    method: "get",
    path: "/remote",
    summary: "What a phone may take a number for from home (fields with remote numbers on), and whether the center is open",
    roles: "public",
    response: RemoteOffer,
    status: 200,
  }),
  takeRemote: route({
    method: "post",
    path: "/remote",
    summary: "Take a number from a phone: it joins the queue when the citizen checks in at the kiosk (scan the link's QR)",
    roles: "public",
    body: RemoteRequest,
    response: RemoteTaken,
    status: 201,
  }),
};

/** What the hall's screens, devices and integrators call. */
export const hallRoutes = {
  health: route({ method: "get", path: "/health", summary: "Liveness", roles: "public", response: Health, status: 200 }),
  logIn: route({
    method: "post",
    path: "/session",
    summary: "Log in as staff; returns a bearer token",
    roles: "public",
    body: SessionRequest,
    response: SessionResponse,
    status: 200,
    limit: "login",
  }),
  logOut: route({ method: "delete", path: "/session", summary: "Log out", roles: [...STAFF, "province"], status: 204 }),
  services: route({
    method: "get",
    path: "/services",
    summary: "Services with waiting count and estimated wait band",
    roles: "public",
    response: ServicesResponse,
    status: 200,
  }),
  issue: route({
    method: "post",
    path: "/tickets",
    summary: "Issue a ticket (kiosk device key or staff); stored before it is answered",
    roles: ["kiosk", ...STAFF],
    body: IssueTicketRequest,
    response: Ticket,
    status: 201,
    limit: "issue",
  }),
  ticket: route({
    method: "get",
    path: "/tickets/:id",
    summary: "A ticket's live status, position and wait band (ids are guessable: kiosks and staff only; citizens follow by token)",
    roles: ["kiosk", ...STAFF],
    response: Ticket,
    status: 200,
  }),
  recall: ticketVerb("recall", "Call the ticket again"),
  start: ticketVerb("start", "Start serving the called ticket"),
  complete: ticketVerb("complete", "Finish serving; the rating pad unlocks"),
  noShow: ticketVerb("no-show", "Mark a called ticket as not present (after the configured recalls)"),
  requeue: ticketVerb("requeue", "Put a no-show citizen who came back in line again"),
  park: ticketVerb("park", "Hold the ticket aside (citizen fetches a document); frees the counter"),
  cancel: ticketVerb("cancel", "Cancel the ticket"),
  unpark: ticketVerb("unpark", "Take a parked ticket back at the counter that parked it"),
  transfer: route({
    method: "post",
    path: "/tickets/:id/transfer",
    summary: "Send the ticket to another service or counter; it keeps its original place",
    roles: STAFF,
    body: TransferRequest,
    response: Ticket,
    status: 200,
  }),
  counter: route({
    method: "get",
    path: "/counters/:counterId",
    summary: "A counter's state, current ticket, waiting list and parked tickets",
    roles: STAFF,
    response: CounterView,
    status: 200,
  }),
  openCounter: route({
    method: "post",
    path: "/counters/:counterId/open",
    summary: "Open a counter for this staff session (takeover: true to take it from another officer)",
    roles: STAFF,
    body: OpenCounterRequest,
    response: CounterView,
    status: 200,
  }),
  callNext: route({
    method: "post",
    path: "/counters/:counterId/next",
    summary: "Call the next ticket for this counter; 204 when nobody waits for it",
    roles: STAFF,
    response: Ticket,
    status: 200,
    mayBeEmpty: true,
  }),
  pause: route({
    method: "post",
    path: "/counters/:counterId/pause",
    summary: "Pause the counter for a break, with a reason",
    roles: STAFF,
    body: PauseRequest,
    response: CounterState,
    status: 200,
  }),
  resume: counterVerb("resume", "Resume after a break"),
  close: counterVerb("close", "Close the counter"),
  rate: route({
    method: "post",
    path: "/ratings",
    summary: "Record the citizen's rating of a finished ticket (kiosk)",
    roles: ["kiosk"],
    body: RatingRequest,
    response: RatingResponse,
    status: 201,
    limit: "rating",
  }),
  statsToday: route({
    method: "get",
    path: "/stats/today",
    summary: "Today's figures: issued, served, waits, 15-minute service level, satisfaction; per service and counter",
    roles: LEADERS,
    response: StatsToday,
    status: 200,
  }),
  staffingPlan: route({
    method: "post",
    path: "/staffing/plan",
    summary: "Counters per field per half hour that keep waits within target, from a recorded day; checked on simulated days",
    roles: LEADERS,
    body: StaffingPlanRequest,
    response: StaffingPlan,
    status: 200,
  }),
  displaySnapshot: route({
    method: "get",
    path: "/display/snapshot",
    summary: "Everything a board shows, filtered by the display's fields and counters",
    roles: ANYONE,
    response: DisplaySnapshot,
    status: 200,
  }),
  adminCatalog: route({
    method: "get",
    path: "/admin/catalog",
    summary: "The province's catalog, to choose the procedures this unit receives",
    roles: ["admin"],
    response: ProvinceCatalog,
    status: 200,
  }),
  adminConfig: route({
    method: "get",
    path: "/admin/config",
    summary: "The center's configuration, without password hashes or device key hashes",
    roles: ["admin"],
    response: AdminConfig,
    status: 200,
  }),
  saveConfig: route({
    method: "put",
    path: "/admin/config",
    summary: "Replace the configuration; applies live. Staff and devices without a hash keep their current one",
    roles: ["admin"],
    body: AdminConfig,
    response: AdminConfigSaved,
    status: 200,
  }),
  report: route({
    method: "post",
    path: "/reports",
    summary: "Figures for a span of days (at most 366): overall, by field, counter, officer, hour and day, and officers' yearly pace",
    roles: LEADERS,
    body: ReportRequest,
    response: Report,
    status: 200,
  }),
  exportReport: route({
    method: "post",
    path: "/reports/export",
    summary: "The same report as a CSV (UTF-8) or XLSX file with Vietnamese headers",
    roles: LEADERS,
    body: ExportRequest,
    status: 200,
    file: true,
  }),
};

/** The province's administrators: above the centers, creating them and their first admin. */
export const provinceRoutes = {
  provinceCenters: route({
    method: "get",
    path: "/province/centers",
    summary: "Every center of the deployment, with its admins and counters",
    roles: ["province"],
    response: ProvinceCentersResponse,
    status: 200,
  }),
  provinceUnits: route({
    method: "get",
    path: "/province/units",
    summary: "Every unit of the province with its live figures today (waits, shares, satisfaction, counters, printers)",
    roles: ["province"],
    response: ProvinceUnits,
    status: 200,
  }),
  provinceReport: route({
    method: "post",
    path: "/province/reports",
    summary: "Every unit over a span (a month, a quarter, a year) against the plan, by level and area class, units and officers ranked",
    roles: ["province"],
    body: ReportRequest,
    response: ProvinceReport,
    status: 200,
  }),
  provinceExport: route({
    method: "post",
    path: "/province/reports/export",
    summary: "The province report as a CSV (UTF-8) or XLSX file with Vietnamese headers in the plan's terms",
    roles: ["province"],
    body: ExportRequest,
    status: 200,
    file: true,
  }),
  provinceCatalog: route({
    method: "get",
    path: "/province/catalog",
    summary: "The province's one catalog of fields, procedures and holidays",
    roles: ["province"],
    response: ProvinceCatalog,
    status: 200,
  }),
  saveProvinceCatalog: route({
    method: "put",
    path: "/province/catalog",
    summary: "Keep the catalog and bring every unit's entries of it up to date (their kiosks hear it at once)",
    roles: ["province"],
    body: ProvinceCatalog,
    response: CatalogApplied,
    status: 200,
  }),
  createCenter: route({
    method: "post",
    path: "/province/centers",
    summary: "Create a center with its first admin, who then configures it",
    roles: ["province"],
    body: NewCenterRequest,
    response: CreatedCenter,
    status: 201,
  }),
};

/** A linked hall's server and the province (link.ts). */
export const linkRoutes = {
  linkPosition: route({
    method: "get",
    path: "/link/position",
    summary: "The last entry of a day of the unit's journal the province holds (a linked hall resumes after it)",
    roles: ["hall"],
    query: z.object({ day: DayDate }),
    response: LinkPosition,
    status: 200,
  }),
  linkJournal: route({
    method: "post",
    path: "/link/journal",
    summary: "A linked hall's journal entries after the province's position, applied once each in order",
    roles: ["hall"],
    body: LinkJournal,
    response: LinkPosition,
    status: 200,
  }),
  linkConfig: route({
    method: "get",
    path: "/link/config",
    summary: "The unit's configuration as the province keeps it (with its hashes), and the province's catalog, for its hall's server",
    roles: ["hall"],
    response: z.object({ config: z.unknown(), catalog: ProvinceCatalog }),
    status: 200,
  }),
};

/** Every route the server mounts. */
export const restRoutes = { ...hallRoutes, ...citizenRoutes, ...provinceRoutes, ...linkRoutes };
export type RestRoutes = typeof restRoutes;
export type RouteName = keyof RestRoutes;

/** `/tickets/:id/recall` → `{ id: string }`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : {};

/** What a call of route `S` sends: its path's parameters, its body, its query. */
export type RouteInput<S extends RouteSpec> = (keyof PathParams<S["path"]> extends never ? {} : { params: PathParams<S["path"]> }) &
  (S["body"] extends z.ZodType ? { body: z.input<S["body"]> } : {}) &
  (S["query"] extends z.ZodType ? { query: z.input<S["query"]> } : {});

/** What route `S` answers on success, as JSON; null where it answers no content. */
export type RouteData<S extends RouteSpec> = S["response"] extends z.ZodType
  ? z.infer<S["response"]> | (S["mayBeEmpty"] extends true ? null : never)
  : null;

/** The path of route `S` with its parameters filled in (each one URL-encoded). */
export function pathOf(spec: RouteSpec, params: Record<string, string> = {}): string {
  return spec.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`${spec.path}: missing parameter ${name}`);
    return encodeURIComponent(v);
  });
}
