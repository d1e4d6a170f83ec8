import {
  CounterState,
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
  Ticket,
  TransferRequest,
  ExportRequest,
  FollowToken,
  FollowView,
  RemoteOffer,
  RemoteRequest,
  RemoteTaken,
  ArriveRequest,
  Report,
  ReportRequest,
  AppointmentOffer,
  BookingMade,
  BookingRequest,
  SlotList,
  SlotsQuery,
  fail,
} from "@motcua/protocol";
import type { Role } from "@motcua/protocol";
import { z } from "zod";
import { login } from "../auth/authenticate.ts";
import { heldCounter } from "../auth/authorize.ts";
import type { Principal } from "../auth/principal.ts";
import type { QueueService } from "../app/queue-service.ts";
import { counterState, counterView, findTicket, serviceSummaries, statsToday, toTicket, type Command } from "@motcua/engine";
import { followed, followView } from "../app/follow.ts";
import { displaySnapshot } from "../app/snapshots.ts";
import type { PrintJobs } from "../app/print-jobs.ts";
import { StaffingPlanner } from "../app/staffing.ts";
import { issueTicket } from "../app/issue.ts";
import type { Reports } from "../app/reports.ts";
import { reportCsv, reportXlsx } from "../reports/export.ts";
import { configVersion, mergeSecrets, redactConfig, setSecrets } from "../config/secrets.ts";
import { RemoteNumbers, cancelRemote, type PhoneHasher } from "../app/remote.ts";
import type { HallCode } from "../app/hall-code.ts";
import type { Appointments } from "../app/appointments.ts";
import { route, type RouteResult, type RouteSpec } from "./route.ts";

const STAFF: readonly Role[] = ["staff", "supervisor", "admin"];
const LEADERS: readonly Role[] = ["supervisor", "admin"];
const ANYONE: readonly Role[] = ["kiosk", "display", "station", "staff", "supervisor", "admin"];

export function apiRoutes(service: QueueService, prints: PrintJobs, reports: Reports, appointments: Appointments, hall: HallCode, phones: PhoneHasher): RouteSpec[] {
  /** validate → engine → store → emit happen in the service; a route only shapes the answer. */
  async function run(p: Principal | null, cmd: Command, answer: () => RouteResult): Promise<RouteResult> {
    const r = await service.execute(p!, cmd);
    return r.ok ? answer() : r;
  }
  const planner = new StaffingPlanner(service);
  const remote = new RemoteNumbers(service, prints, hall, phones);
  /** What a follow token opens, today or (a booking) any day; a malformed token opens nothing. */
  const followedBy = (raw: string) => {
    const token = FollowToken.safeParse(raw);
    return token.success ? followed(service.state, token.data, (t) => appointments.byToken(t)) : undefined;
  };
  /** The phone's page after its own action: what the token opens now. */
  const viewNow = (token: string): RouteResult => ({ status: 200, data: followView(service.config, service.state, followedBy(token)!, service.now()) });
  const ticketOut = (id: string) => toTicket(service.config, service.state, service.state.tickets[id]!, service.now());

  const ticketAction = (
    path: string,
    summary: string,
    type: "recall" | "start" | "complete" | "noShow" | "requeue" | "park" | "cancel",
  ) =>
    route({
      method: "post",
      path: `/tickets/:id/${path}`,
      summary,
      roles: STAFF,
      response: Ticket,
      status: 200,
      handler: ({ principal, params }) =>
        run(principal, { type, ticketId: params.id! }, () => ({ status: 200, data: ticketOut(params.id!) })),
    });

  const counterAction = (path: string, summary: string, type: "resumeCounter" | "closeCounter") =>
    route({
      method: "post",
      path: `/counters/:counterId/${path}`,
      summary,
      roles: STAFF,
      response: CounterState,
      status: 200,
      handler: ({ principal, params }) =>
        run(principal, { type, counterId: params.counterId! }, () => ({
          status: 200,
          data: counterState(service.config, service.state, params.counterId!),
        })),
    });

  return [
    route({ method: "get", path: "/health", summary: "Liveness", roles: "public", response: Health, status: 200, handler: async () => ({ status: 200, data: { ok: true } }) }),
    route({
      method: "post",
      path: "/session",
      summary: "Log in as staff; returns a bearer token",
      roles: "public",
      body: SessionRequest,
      response: SessionResponse,
      status: 200,
      limit: "login",
      handler: async ({ body }) => {
        const r = await login(service.config, service.sessions, body.username, body.password);
        if ("ok" in r) return r;
        return { status: 200, data: { ...r, expiresAt: new Date(r.expiresAt).toISOString(), serverTime: new Date(service.now()).toISOString() } };
      },
    }),
    route({
      method: "delete",
      path: "/session",
      summary: "Log out",
      roles: STAFF,
      status: 204,
      handler: async ({ principal }) => {
        if (principal?.kind === "staff") await service.sessions.revoke(principal.session);
        service.authChanged();
        return { status: 204 };
      },
    }),
    route({
      method: "get",
      path: "/services",
      summary: "Services with waiting count and estimated wait band",
      roles: "public",
      response: ServicesResponse,
      status: 200,
      handler: async () => ({ status: 200, data: serviceSummaries(service.config, service.state, service.now()) }),
    }),
    route({
      method: "post",
      path: "/tickets",
      summary: "Issue a ticket (kiosk device key or staff); stored before it is answered",
      roles: ["kiosk", ...STAFF],
      body: IssueTicketRequest,
      response: Ticket,
      status: 201,
      limit: "issue",
      // The rate limit was taken when the request came in (route limit "issue"), retry or not.
      handler: async ({ principal, body }) => {
        const r = await issueTicket(service, prints, principal!, body, () => true);
        return r.ok ? { status: 201, data: r.data } : r;
      },
    }),
    route({
      method: "get",
      path: "/tickets/:id",
      summary: "A ticket's live status, position and wait band (ids are guessable: kiosks and staff only; citizens follow by token)",
      roles: ["kiosk", ...STAFF],
      response: Ticket,
      status: 200,
      handler: async ({ params }) => {
        const t = findTicket(service.state, params.id!);
        return t ? { status: 200, data: ticketOut(t.id) } : fail("UNKNOWN_TICKET", `No ticket ${params.id} today.`);
      },
    }),
    route({
      method: "get",
      path: "/follow/:token",
      summary: "A ticket's place and where to go, by the unguessable token in its QR (today only)",
      roles: "public",
      response: FollowView,
      status: 200,
      handler: async ({ params }) => {
        const f = followedBy(params.token!);
        // A forged, mistyped or yesterday's link says nothing about anyone.
        return f ? { status: 200, data: followView(service.config, service.state, f, service.now()) } : fail("NOT_FOUND", "No such ticket today.");
      },
    }),
    route({
      method: "post",
      path: "/follow/:token/cancel",
      summary: "Give up, from the phone, an appointment or a remote number not yet checked in",
      roles: "public",
      response: FollowView,
      status: 200,
      handler: async ({ params }) => {
        const f = followedBy(params.token!);
        if (!f) return fail("NOT_FOUND", "No such ticket today.");
        if ("ticket" in f) return fail("INVALID_TRANSITION", "This number is in the queue already; ask at the counter to give it up.");
        const r = "booking" in f ? await appointments.cancel(f.booking.token) : await cancelRemote(service, f.token);
        return r.ok ? viewNow(params.token!) : r;
      },
    }),
    route({
      method: "post",
      path: "/follow/:token/arrive",
      summary: "I have arrived: a remote number joins the queue with the four-digit hall code shown on the lobby boards (now or ten minutes ago)",
      roles: "public",
      body: ArriveRequest,
      response: FollowView,
      status: 200,
      handler: async ({ params, body, ip }) => {
        const f = followedBy(params.token!);
        if (!f) return fail("NOT_FOUND", "No such ticket today.");
        const r = await remote.arrive(params.token!, body.code, ip);
        // Now a ticket, waiting: the page follows it as after a kiosk's scan (nothing is printed).
        return r.ok ? viewNow(params.token!) : r;
      },
    }),
    route({
      method: "get",
      path: "/appointments",
      summary: "What a phone may book (fields taking appointments, their procedures) and the days one may book",
      roles: "public",
      response: AppointmentOffer,
      status: 200,
      handler: async () => ({ status: 200, data: appointments.offer() }),
    }),
    route({
      method: "get",
      path: "/appointments/slots",
      summary: "A field's appointment slots on a day, with the places left (?fieldId=…&date=YYYY-MM-DD)",
      roles: "public",
      body: SlotsQuery,
      response: SlotList,
      status: 200,
      handler: async ({ body }) => ({ status: 200, data: appointments.slots(body) }),
    }),
    route({
      method: "post",
      path: "/appointments",
      summary: "Book an appointment with a mobile number only: answers its link (QR) and a code to type at the kiosk",
      roles: "public",
      body: BookingRequest,
      response: BookingMade,
      status: 201,
      handler: async ({ body, ip }) => {
        const r = await appointments.bookSlot(body, ip);
        return r.ok ? { status: 201, data: r.data } : r;
      },
    }),
    route({
      method: "get",
      path: "/remote",
      summary: "What a phone may take a number for from home (fields with remote numbers on), and whether the center is open",
      roles: "public",
      response: RemoteOffer,
      status: 200,
      handler: async () => ({ status: 200, data: remote.offer() }),
    }),
    route({
      method: "post",
      path: "/remote",
      summary: "Take a number from a phone: it joins the queue when the citizen checks in at the kiosk (scan the link's QR)",
      roles: "public",
      body: RemoteRequest,
      response: RemoteTaken,
      status: 201,
      handler: async ({ body, ip }) => {
        const r = await remote.take(body, ip);
        return r.ok ? { status: 201, data: r.data } : r;
      },
    }),
    ticketAction("recall", "Call the ticket again", "recall"),
    ticketAction("start", "Start serving the called ticket", "start"),
    ticketAction("complete", "Finish serving; the rating pad unlocks", "complete"),
    ticketAction("no-show", "Mark a called ticket as not present (after the configured recalls)", "noShow"),
    ticketAction("requeue", "Put a no-show citizen who came back in line again", "requeue"),
    ticketAction("park", "Hold the ticket aside (citizen fetches a document); frees the counter", "park"),
    ticketAction("cancel", "Cancel the ticket", "cancel"),
    route({
      method: "post",
      path: "/tickets/:id/unpark",
      summary: "Take a parked ticket back at the counter that parked it",
      roles: STAFF,
      response: Ticket,
      status: 200,
      handler: async ({ principal, params }) => {
        const counterId = principal ? heldCounter(service.state, principal) : null;
        if (!counterId) return fail("COUNTER_NOT_OPENED", "Open a counter first.");
        return run(principal, { type: "unpark", ticketId: params.id!, counterId }, () => ({ status: 200, data: ticketOut(params.id!) }));
      },
    }),
    route({
      method: "post",
      path: "/tickets/:id/transfer",
      summary: "Send the ticket to another service or counter; it keeps its original place",
      roles: STAFF,
      body: TransferRequest,
      response: Ticket,
      status: 200,
      handler: ({ principal, params, body }) =>
        run(principal, { type: "transfer", ticketId: params.id!, toServiceId: body.toServiceId, toCounterId: body.toCounterId, note: body.note }, () => ({
          status: 200,
          data: ticketOut(params.id!),
        })),
    }),
    route({
      method: "get",
      path: "/counters/:counterId",
      summary: "A counter's state, current ticket, waiting list and parked tickets",
      roles: STAFF,
      response: CounterView,
      status: 200,
      handler: async ({ principal, params }) => {
        const id = params.counterId!;
        if (!service.config.counters.some((c) => c.id === id)) return fail("UNKNOWN_COUNTER", `No counter ${id}.`);
        const own = principal ? heldCounter(service.state, principal) : null;
        if (principal?.role === "staff" && own !== id) return fail("NOT_YOUR_COUNTER", `Open counter ${id} to see its queue.`);
        return { status: 200, data: counterView(service.config, service.state, id, service.now()) };
      },
    }),
    route({
      method: "post",
      path: "/counters/:counterId/open",
      summary: "Open a counter for this staff session (takeover: true to take it from another officer)",
      roles: STAFF,
      body: OpenCounterRequest,
      response: CounterView,
      status: 200,
      handler: ({ principal, params, body }) =>
        run(
          principal,
          {
            type: "openCounter",
            counterId: params.counterId!,
            staffId: principal!.id,
            staffName: principal!.name,
            takeover: body.takeover,
          },
          () => ({ status: 200, data: counterView(service.config, service.state, params.counterId!, service.now()) }),
        ),
    }),
    route({
      method: "post",
      path: "/counters/:counterId/next",
      summary: "Call the next ticket for this counter; 204 when nobody waits for it",
      roles: STAFF,
      response: Ticket,
      status: 200,
      mayBeEmpty: true,
      handler: async ({ principal, params }) => {
        const r = await service.execute(principal!, { type: "callNext", counterId: params.counterId! });
        if (!r.ok) return r;
        const called = r.events.find((e) => e.type === "ticket.called");
        return called ? { status: 200, data: toTicket(service.config, r.state, r.state.tickets[called.ticketId]!, called.at) } : { status: 204 };
      },
    }),
    route({
      method: "post",
      path: "/counters/:counterId/pause",
      summary: "Pause the counter for a break, with a reason",
      roles: STAFF,
      body: PauseRequest,
      response: CounterState,
      status: 200,
      handler: ({ principal, params, body }) =>
        run(principal, { type: "pauseCounter", counterId: params.counterId!, reason: body.reason }, () => ({
          status: 200,
          data: counterState(service.config, service.state, params.counterId!),
        })),
    }),
    counterAction("resume", "Resume after a break", "resumeCounter"),
    counterAction("close", "Close the counter", "closeCounter"),
    route({
      method: "post",
      path: "/ratings",
      summary: "Record the citizen's rating of a finished ticket (kiosk or rating pad)",
      roles: ["kiosk"],
      body: RatingRequest,
      response: RatingResponse,
      status: 201,
      limit: "rating",
      handler: ({ principal, body }) =>
        run(principal, { type: "rate", ticketId: body.ticketId, level: body.level, reasons: body.reasons }, () => ({
          status: 201,
          data: { ticketId: body.ticketId, level: body.level },
        })),
    }),
    route({
      method: "get",
      path: "/stats/today",
      summary: "Today's figures: issued, served, waits, 15-minute service level, satisfaction; per service and counter",
      roles: LEADERS,
      response: StatsToday,
      status: 200,
      handler: async () => ({ status: 200, data: statsToday(service.config, service.state, service.now()) }),
    }),
    route({
      method: "post",
      path: "/staffing/plan",
      summary: "Counters per field per half hour that keep waits within target, from a recorded day; checked on simulated days",
      roles: LEADERS,
      body: StaffingPlanRequest,
      response: StaffingPlan,
      status: 200,
      handler: async ({ body }) => {
        const r = await planner.plan(body);
        return "ok" in r ? r : { status: 200, data: r };
      },
    }),
    route({
      method: "get",
      path: "/display/snapshot",
      summary: "Everything a board shows, filtered by the display's fields and counters",
      roles: ANYONE,
      response: DisplaySnapshot,
      status: 200,
      handler: async ({ principal }) => ({ status: 200, data: displaySnapshot(service, principal!, hall) }),
    }),
    route({
      method: "get",
      path: "/admin/config",
      summary: "The center's configuration, without password hashes or device key hashes",
      roles: ["admin"],
      status: 200,
      handler: async () => ({ status: 200, data: { ...(redactConfig(service.config) as object), version: configVersion(service.config) } }),
    }),
    route({
      method: "put",
      path: "/admin/config",
      summary: "Replace the configuration; applies live. Staff and devices without a hash keep their current one",
      roles: ["admin"],
      body: z.record(z.string(), z.unknown()),
      response: z.object({ config: z.record(z.string(), z.unknown()), newKeys: z.record(z.string(), z.string()) }),
      status: 200,
      handler: async ({ body }) => {
        // Sent back with what GET gave: a save over someone else's newer one is refused, not lost.
        if (typeof body.version === "string" && body.version !== configVersion(service.config)) {
          return fail("CONFIG_CHANGED", "The configuration changed since it was loaded; reload it and edit again.");
        }
        const prepared = await setSecrets(body);
        if ("ok" in prepared) return prepared;
        const merged = mergeSecrets(prepared.config, service.config);
        if (!merged.ok) return merged;
        const r = await service.updateConfig(merged.config);
        // A new device key is shown this once; the server keeps only its hash.
        return r.ok ? { status: 200, data: { config: { ...(redactConfig(r.config) as object), version: configVersion(r.config) }, newKeys: prepared.newKeys } } : r;
      },
    }),
    route({
      method: "post",
      path: "/reports",
      summary: "Figures for a span of days (at most 366): overall, by field, counter, officer, hour and day, and officers' yearly pace",
      roles: LEADERS,
      body: ReportRequest,
      response: Report,
      status: 200,
      handler: async ({ body }) => ({ status: 200, data: await reports.report(body.from, body.to) }),
    }),
    route({
      method: "post",
      path: "/reports/export",
      summary: "The same report as a CSV (UTF-8) or XLSX file with Vietnamese headers",
      roles: LEADERS,
      body: ExportRequest.refine((r) => ReportRequest.safeParse(r).success, { message: "from must not be after to, and the span at most 366 days", path: ["from"] }),
      status: 200,
      handler: async ({ body }) => {
        const r = await reports.report(body.from, body.to);
        const name = `bao-cao-${body.from}-${body.to}.${body.format}`;
        return body.format === "csv"
          ? { status: 200, file: { name, type: "text/csv; charset=utf-8", bytes: reportCsv(r) } }
          : { status: 200, file: { name, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: await reportXlsx(r) } };
      },
    }),
  ];
}
