import type { Server as HttpServer, IncomingMessage } from "node:http";
import {
  FOLLOW_PATH,
  FollowToken,
  NAMESPACES,
  counterCommands,
  followCommands,
  displayCommands,
  fail,
  kioskCommands,
  ok,
  stationCommands,
  supervisorCommands,
  type Ack,
  type Call,
  type Failure,
  type NamespaceName,
  type CounterClientEvents,
  type CounterServerEvents,
  type DisplayClientEvents,
  type DisplayServerEvents,
  type KioskClientEvents,
  type KioskServerEvents,
  type StationClientEvents,
  type StationServerEvents,
  type SupervisorClientEvents,
  type SupervisorServerEvents,
} from "@motcua/protocol";
import type { PrintJobs } from "../app/print-jobs.ts";
import { Server, type Namespace, type Socket } from "socket.io";
import { authenticate, bearerToken } from "../auth/authenticate.ts";
import { heldCounter } from "../auth/authorize.ts";
import type { DevicePrincipal, Principal } from "../auth/principal.ts";
import type { Limits } from "../http/app.ts";
import type { Change, Executed, QueueService } from "../app/queue-service.ts";
import { dashboardSnapshot, displaySnapshot, forPublic, hallCodeShown } from "../app/snapshots.ts";
import type { HallCode } from "../app/hall-code.ts";
import { followed as followedBy, followView, type Followed } from "../app/follow.ts";
import type { Appointments } from "../app/appointments.ts";
import {
  callOf,
  counterState,
  counterView,
  findCounter,
  findTicket,
  serviceSummaries,
  statsToday,
  staffToday,
  toTicket,
} from "@motcua/engine";
import type { Command, TicketRecord } from "@motcua/engine";
import type { Logger } from "../log.ts";
import { bindCommands } from "./bind.ts";
import { kioskHandlers, type Catalog } from "./kiosk.ts";

/** Each namespace typed by the protocol's event maps: a renamed or misshapen fact fails the build. */
interface Namespaces {
  kiosk: Namespace<KioskClientEvents, KioskServerEvents>;
  display: Namespace<DisplayClientEvents, DisplayServerEvents>;
  counter: Namespace<CounterClientEvents, CounterServerEvents>;
  supervisor: Namespace<SupervisorClientEvents, SupervisorServerEvents>;
  station: Namespace<StationClientEvents, StationServerEvents>;
}

/** A rating pad rates the last citizen served only within this time after they finished. */
const RATING_WINDOW_MS = 10 * 60_000;

export interface RealtimeOptions {
  /** Browser origins allowed besides the server's own host. */
  allowedOrigins: string[];
}

/** Same-host pages and listed origins may connect; non-browser clients (station agents) send no Origin. */
function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

const tokenOf = (socket: Socket): string | undefined => {
  const t = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof t === "string") return t;
  return bearerToken(socket.handshake.headers.authorization);
};

export function attachRealtime(
  http: HttpServer,
  service: QueueService,
  limits: Limits,
  log: Logger,
  opts: RealtimeOptions,
  prints: PrintJobs,
  catalog: Catalog,
  appointments: Appointments,
  hall: HallCode,
): { io: Server; stop: () => void; tick: () => void } {
  const io = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, cb) => {
      const allowed = originAllowed(req, opts.allowedOrigins);
      cb(allowed ? null : "origin not allowed", allowed);
    },
    // No connection state recovery: it would keep every pushed view for minutes (memory that grows
    // with the square of the queue). Every client resynchronises with its *:sync command on each
    // (re)connect instead, which boards must do anyway to never show an undone call.
  });

  /** The caller as of now: sessions can expire or be revoked while a socket stays open. */
  const who = (socket: Socket): Principal | Failure => authenticate(service.config, service.sessions, tokenOf(socket));

  /** May this socket be in its namespace now? Refreshes the principal it carries. */
  const admit = (socket: Socket): Failure | null => {
    const spec = Object.values(NAMESPACES).find((x) => x.path === socket.nsp.name)!;
    const p = who(socket);
    if ("ok" in p) return p;
    if (!(spec.roles as readonly string[]).includes(p.role)) return fail("FORBIDDEN", `A ${p.role} may not connect to ${spec.path}.`);
    socket.data.principal = p;
    return null;
  };

  const nsp = {} as Namespaces;
  for (const [name, spec] of Object.entries(NAMESPACES) as [NamespaceName, (typeof NAMESPACES)[NamespaceName]][]) {
    const n = io.of(spec.path);
    n.use((socket, next) => {
      const denied = admit(socket);
      if (denied) return next(Object.assign(new Error(denied.message), { data: { code: denied.code } }));
      next();
    });
    (nsp as Record<NamespaceName, Namespace>)[name] = n;
  }

  /** The principal `admit` refreshed for this very command (bindCommands runs it first). */
  const caller = (socket: Socket): Principal => socket.data.principal as Principal;
  const exec = (socket: Socket, cmd: Command): Promise<Executed> => service.execute(caller(socket), cmd);
  const ticketData = (id: string) => toTicket(service.config, service.state, service.state.tickets[id]!, service.now());
  const ticketCmd = (socket: Socket, cmd: Command & { ticketId: string }) =>
    exec(socket, cmd).then((r) => (r.ok ? ok(toTicket(service.config, r.state, r.state.tickets[cmd.ticketId]!, service.now())) : r));
  const ownCounter = (socket: Socket): string | null => {
    const p = who(socket);
    return "ok" in p ? null : heldCounter(service.state, p);
  };
  const withCounter = async <T>(socket: Socket, f: (counterId: string) => Promise<Ack<T>>): Promise<Ack<T>> => {
    const c = heldCounter(service.state, caller(socket));
    return c ? f(c) : fail("COUNTER_NOT_OPENED", "Open a counter first.");
  };

  const kiosk = kioskHandlers({ service, limits, prints, catalog, appointments, log, caller, exec });
  nsp.kiosk.on("connection", (socket) => {
    bindCommands(socket, kioskCommands, kiosk, log, admit);
  });

  nsp.station.on("connection", (socket) => {
    const station = (s: Socket) => caller(s) as DevicePrincipal;
    bindCommands(socket, stationCommands, {
      "print:sync": async (_b, s) => ok({ jobs: prints.pendingFor(station(s)) }),
      "print:report": async (body, s) =>
        prints.done(station(s), body) ? ok({ recorded: true as const }) : fail("NOT_FOUND", `No print job ${body.jobId} for this station.`),
      "printer:status": async (body, s) => {
        prints.statusChanged(station(s), body);
        return ok({ recorded: true as const });
      },
      "counter:press": async (body, s) => {
        const record = findCounter(service.state, body.counterId);
        if (!record) return fail("UNKNOWN_COUNTER", `No counter ${body.counterId}.`);
        if (body.key === "next") {
          const r = await exec(s, { type: "callNext", counterId: body.counterId });
          if (!r.ok) return r;
          const called = r.events.find((e) => e.type === "ticket.called");
          return ok({ ticket: called ? toTicket(service.config, r.state, r.state.tickets[called.ticketId]!, service.now()) : null });
        }
        if (!record.currentTicketId) return fail("INVALID_TRANSITION", `Nobody is at counter ${body.counterId} now: press Next first.`);
        const ticketId = record.currentTicketId;
        const r = await exec(s, { type: body.key, ticketId });
        return r.ok ? ok({ ticket: toTicket(service.config, r.state, r.state.tickets[record.currentTicketId]!, service.now()) }) : r;
      },
      "rating:press": async (body, s) => {
        const p = station(s);
        if (!p.counterIds.includes(body.counterId)) return fail("FORBIDDEN", `This station has no rating pad for counter ${body.counterId}.`);
        const record = findCounter(service.state, body.counterId);
        if (!record) return fail("UNKNOWN_COUNTER", `No counter ${body.counterId}.`);
        const now = service.now();
        // The citizen just served at this counter, if it was a few minutes ago and nobody rated yet.
        let last: TicketRecord | undefined;
        for (const id of service.state.order) {
          const t = service.state.tickets[id]!;
          if (t.servedBy === body.counterId && t.status === "done" && t.finishedAt !== null && (!last || t.finishedAt > last.finishedAt!)) last = t;
        }
        // Once the next citizen is called, the pad belongs to them: the one before has gone.
        if (record.currentTicketId !== null || !last || last.rated || now - last.finishedAt! > RATING_WINDOW_MS) {
          return fail("NOT_FOUND", `Nobody to rate at counter ${body.counterId} just now.`);
        }
        const r = await exec(s, { type: "rate", ticketId: last.id, level: body.level, reasons: [] });
        return r.ok ? ok({ ticketId: last.id, level: body.level }) : r;
      },
      "scan:forward": async (body, s) => {
        const p = station(s);
        // A chip ID card's text goes only where the station is set up to send it: a station with
        // no kiosks listed prints for all of them, but may not pour scans into every one.
        if (!p.kioskIds.includes(body.kioskId)) return fail("FORBIDDEN", `This station does not serve kiosk ${body.kioskId}; list it in the station's kioskIds.`);
        let delivered = 0;
        for (const k of nsp.kiosk.sockets.values()) {
          const kp = k.data.principal as Principal | undefined;
          if (kp?.kind === "device" && kp.id === body.kioskId) {
            k.emit("scan:received", { text: body.text });
            delivered++;
          }
        }
        return ok({ delivered });
      },
    }, log, admit);
  });
  // One socket prints a job, even if a station runs twice; the other copy sees it at its next sync only if it is still pending.
  prints.onJob((job) => {
    for (const s of nsp.station.sockets.values()) {
      const p = s.data.principal as DevicePrincipal | undefined;
      if (p && (p.kioskIds.length === 0 || p.kioskIds.includes(job.kioskId))) {
        s.emit("print:requested", { job });
        return;
      }
    }
  });
  prints.onReport((report) => {
    for (const s of nsp.kiosk.sockets.values()) {
      const p = s.data.principal as Principal | undefined;
      if (p?.kind === "device" && p.role === "kiosk" && (report.kioskIds.length === 0 || report.kioskIds.includes(p.id))) s.emit("printer:reported", report);
    }
    nsp.supervisor.emit("printer:reported", report);
  });

  // A citizen's phone following its ticket: the follow token is the whole key, for one ticket, today.
  const follow = io.of(FOLLOW_PATH);
  // The ticket is found by its token once, on connect; after that by its id (hundreds of phones
  // must not each scan the day on every change), still checking the token is today's.
  const followed = (s: Socket): Followed | undefined => {
    const token = tokenOf(s);
    const known = typeof s.data.ticketId === "string" ? findTicket(service.state, s.data.ticketId) : undefined;
    if (known) return known.followToken === token ? { ticket: known, booking: token ? appointments.byToken(token) : undefined } : undefined;
    const parsed = FollowToken.safeParse(token);
    const f = parsed.success ? followedBy(service.state, parsed.data, (t) => appointments.byToken(t)) : undefined;
    if (f && "ticket" in f) s.data.ticketId = f.ticket.id;
    return f;
  };
  /** A phone or two per ticket is plenty; a thousand sockets on one free token is an attack. */
  const FOLLOWERS_PER_TOKEN = 3;
  follow.use((socket, next) => {
    if (!followed(socket)) return next(Object.assign(new Error("No such ticket today."), { data: { code: "NOT_FOUND" } }));
    const token = tokenOf(socket);
    let same = 0;
    for (const s of follow.sockets.values()) if (tokenOf(s) === token) same++;
    if (same >= FOLLOWERS_PER_TOKEN) return next(Object.assign(new Error("This ticket is followed on enough screens already."), { data: { code: "RATE_LIMITED" } }));
    next();
  });
  follow.on("connection", (socket) => {
    bindCommands(socket, followCommands, {
      "follow:sync": async (_b, s) => {
        const t = followed(s);
        return t ? ok(followView(service.config, service.state, t, service.now())) : fail("NOT_FOUND", "No such ticket today.");
      },
    }, log, (s) => (followed(s) ? null : fail("NOT_FOUND", "No such ticket today.")));
  });
  /** Each phone hears its ticket's view when it changed; a ticket gone with the day ends the link. */
  const pushFollows = () => {
    if (follow.sockets.size === 0) return;
    const now = service.now();
    // Every held number shows its service's line: worked out once for all the phones.
    let summaries: ReturnType<typeof serviceSummaries> | null = null;
    const waits = () => (summaries ??= serviceSummaries(service.config, service.state, now));
    for (const s of follow.sockets.values()) {
      const t = followed(s);
      if (!t) {
        s.disconnect(true);
        continue;
      }
      const view = followView(service.config, service.state, t, now, waits);
      const shown = JSON.stringify(view);
      if (s.data.lastView === shown) continue;
      s.data.lastView = shown;
      s.emit("follow:updated", { view });
    }
  };

  nsp.display.on("connection", (socket) => {
    bindCommands(socket, displayCommands, {
      "display:sync": async (_b, s) => ok(displaySnapshot(service, caller(s), hall)),
    }, log, admit);
  });

  nsp.counter.on("connection", (socket) => {
    const c = ownCounter(socket);
    if (c) void socket.join(`counter:${c}`);
    const p = socket.data.principal as Principal;
    const counterReply = (id: string) => ok(counterState(service.config, service.state, id));
    bindCommands(socket, counterCommands, {
      "counter:open": async (body, s) => {
        const r = await exec(s, { type: "openCounter", counterId: body.counterId, staffId: p.id, staffName: p.kind === "staff" ? p.name : p.id, takeover: body.takeover });
        if (!r.ok) return r;
        for (const room of s.rooms) if (room.startsWith("counter:")) void s.leave(room);
        void s.join(`counter:${body.counterId}`);
        return ok(counterView(service.config, service.state, body.counterId, service.now()));
      },
      "counter:sync": (_b, s) => withCounter(s, async (id) => ok(counterView(service.config, service.state, id, service.now()))),
      "staff:today": async (_b, s) => ok(staffToday(service.state, caller(s).id)),
      "counter:callNext": (_b, s) =>
        withCounter(s, async (id) => {
          const r = await exec(s, { type: "callNext", counterId: id });
          if (!r.ok) return r;
          const e = r.events.find((x) => x.type === "ticket.called");
          return ok(e ? ticketData(e.ticketId) : null);
        }),
      "counter:pause": (b, s) => withCounter(s, async (id) => { const r = await exec(s, { type: "pauseCounter", counterId: id, reason: b.reason }); return !r.ok ? r : counterReply(id); }),
      "counter:resume": (_b, s) => withCounter(s, async (id) => { const r = await exec(s, { type: "resumeCounter", counterId: id }); return !r.ok ? r : counterReply(id); }),
      "counter:close": (_b, s) => withCounter(s, async (id) => { const r = await exec(s, { type: "closeCounter", counterId: id }); return !r.ok ? r : counterReply(id); }),
      "ticket:recall": (b, s) => ticketCmd(s, { type: "recall", ticketId: b.ticketId }),
      "ticket:start": (b, s) => ticketCmd(s, { type: "start", ticketId: b.ticketId }),
      "ticket:complete": (b, s) => ticketCmd(s, { type: "complete", ticketId: b.ticketId }),
      "ticket:noShow": (b, s) => ticketCmd(s, { type: "noShow", ticketId: b.ticketId }),
      "ticket:requeue": (b, s) => ticketCmd(s, { type: "requeue", ticketId: b.ticketId }),
      "ticket:park": (b, s) => ticketCmd(s, { type: "park", ticketId: b.ticketId }),
      "ticket:cancel": (b, s) => ticketCmd(s, { type: "cancel", ticketId: b.ticketId }),
      "ticket:transfer": (b, s) =>
        ticketCmd(s, { type: "transfer", ticketId: b.ticketId, toServiceId: b.toServiceId, toCounterId: b.toCounterId, note: b.note }),
      "ticket:unpark": (b, s) => withCounter(s, async (id) => ticketCmd(s, { type: "unpark", ticketId: b.ticketId, counterId: id })),
    }, log, admit);
  });

  nsp.supervisor.on("connection", (socket) => {
    bindCommands(socket, supervisorCommands, {
      "stats:today": async () => ok(statsToday(service.config, service.state, service.now())),
      "display:sync": async (_b, s) => ok(displaySnapshot(service, caller(s), hall)),
      "dashboard:sync": async () => ok(dashboardSnapshot(service, prints)),
    }, log, admit);
  });

  // ---- facts: what changed, pushed to whoever may see it ----
  /** A board configured for some fields or counters hears only about those. */
  const displayMay = (s: Socket, fieldId: string | null, counterId: string): boolean => {
    const p = s.data.principal as Principal | undefined;
    if (!p || p.kind !== "device") return true;
    const fieldOk = fieldId === null || p.fieldIds.length === 0 || p.fieldIds.includes(fieldId);
    return fieldOk && (p.counterIds.length === 0 || p.counterIds.includes(counterId));
  };
  const toEachDisplay = (fieldId: string | null, counterId: string, send: (s: Socket) => void) => {
    for (const s of nsp.display.sockets.values()) if (displayMay(s, fieldId, counterId)) send(s);
  };
  const toDisplays = (call: Call, event: "ticket:called" | "ticket:recalled") => {
    toEachDisplay(call.fieldId, call.counterId, (s) => s.emit(event, { call }));
    nsp.supervisor.emit(event, { call });
  };

  let statsTimer: NodeJS.Timeout | null = null;
  const pushStats = () => {
    if (statsTimer || nsp.supervisor.sockets.size === 0) return;
    statsTimer = setTimeout(() => {
      statsTimer = null;
      nsp.supervisor.emit("stats:updated", { stats: statsToday(service.config, service.state, service.now()) });
    }, 500);
    statsTimer.unref();
  };

  /** Keep each counter socket in the room of the counter its session holds now, and in no other. */
  const syncRooms = () => {
    for (const s of nsp.counter.sockets.values()) {
      const c = ownCounter(s);
      for (const room of s.rooms) {
        if (!room.startsWith("counter:") || room === `counter:${c}`) continue;
        void s.leave(room);
        s.emit("counter:released", { counterId: room.slice("counter:".length) });
      }
      if (c) void s.join(`counter:${c}`);
    }
  };
  const pushQueues = () => {
    // One clock reading for every view: the projected calls behind their wait bands are shared.
    const now = service.now();
    for (const c of service.config.counters) {
      const room = nsp.counter.adapter.rooms.get(`counter:${c.id}`);
      if (room && room.size > 0) nsp.counter.to(`counter:${c.id}`).emit("queue:updated", { view: counterView(service.config, service.state, c.id, now) });
    }
  };
  const refreshCounters = () => {
    syncRooms();
    pushQueues();
  };

  /** Drops sockets whose key or session has ended, before anything more is pushed to them. */
  const prune = () => {
    for (const n of [nsp.kiosk, nsp.display, nsp.counter, nsp.supervisor, nsp.station] as Namespace[]) {
      for (const s of n.sockets.values()) {
        if (admit(s)) s.disconnect(true);
      }
    }
  };
  const pruneTimer = setInterval(prune, 15_000);
  pruneTimer.unref();
  service.onAuthChanged(prune);

  // A batch of commands publishes several changes in one turn; checking sockets once is enough.
  let prunedThisTurn = false;
  const pruneOncePerTurn = () => {
    if (prunedThisTurn) return;
    prunedThisTurn = true;
    setImmediate(() => (prunedThisTurn = false));
    prune();
  };

  service.onChange((change: Change) => {
    pruneOncePerTurn();
    const { config, before, after, events } = change;
    const touchedCounters = new Set<string>();
    for (const e of events) {
      if ("counterId" in e && e.counterId) touchedCounters.add(e.counterId);
      if (e.type === "ticket.transferred") touchedCounters.add(e.fromCounterId);
      if (e.type === "ticket.called" || e.type === "ticket.recalled") {
        const call = callOf(config, after.tickets[e.ticketId]!);
        if (call) toDisplays(call, e.type === "ticket.called" ? "ticket:called" : "ticket:recalled");
      }
      if (e.type === "ticket.noShow" || e.type === "ticket.parked" || e.type === "ticket.transferred" || e.type === "ticket.cancelled") {
        const prev = before.tickets[e.ticketId];
        if (prev && prev.counterId && (prev.status === "called" || prev.status === "serving")) {
          const payload = { ticketId: e.ticketId, counterId: prev.counterId };
          const fieldId = config.services.find((x) => x.id === prev.serviceId)?.fieldId ?? null;
          toEachDisplay(fieldId, prev.counterId, (s) => s.emit("call:withdrawn", payload));
          nsp.supervisor.emit("call:withdrawn", payload);
        }
      }
      if (e.type === "ticket.issued") nsp.supervisor.emit("ticket:issued", { ticket: toTicket(config, after, after.tickets[e.ticketId]!, e.at) });
      if (e.type === "rating.recorded" && e.counterId) nsp.counter.to(`counter:${e.counterId}`).emit("rating:received", { ticketId: e.ticketId });
    }
    for (const id of touchedCounters) dirtyCounters.add(id);
    scheduleDerived();
  });

  // Views derived from the whole state (counters, services, each counter's queue) go out once
  // per turn of the event loop, not once per command: a group-committed batch of twenty
  // commands costs one round of views, and each view shows the latest state.
  const dirtyCounters = new Set<string>();
  let derivedScheduled = false;
  const scheduleDerived = () => {
    if (derivedScheduled) return;
    derivedScheduled = true;
    setImmediate(() => {
      derivedScheduled = false;
      const { config, state } = service;
      syncRooms();
      for (const id of dirtyCounters) {
        const counter = counterState(config, state, id);
        const shown = forPublic(counter);
        toEachDisplay(null, id, (s) => s.emit("counter:updated", { counter: shown }));
        nsp.counter.to(`counter:${id}`).emit("counter:updated", { counter });
        nsp.supervisor.emit("counter:updated", { counter });
      }
      dirtyCounters.clear();
      if (nsp.kiosk.sockets.size + nsp.display.sockets.size + nsp.supervisor.sockets.size > 0) {
        const services = serviceSummaries(config, state, service.now());
        nsp.kiosk.emit("services:updated", { services });
        for (const s of nsp.display.sockets.values()) {
          const p = s.data.principal as Principal | undefined;
          const fields = p?.kind === "device" ? p.fieldIds : [];
          s.emit("services:updated", { services: fields.length ? services.filter((x) => fields.includes(x.fieldId)) : services });
        }
        nsp.supervisor.emit("services:updated", { services });
      }
      pushQueues();
      pushStats();
      pushFollows();
    });
  };

  service.onDayStarted((day) => {
    pushFollows();
    nsp.kiosk.emit("day:started", { day });
    nsp.display.emit("day:started", { day });
    nsp.counter.emit("day:started", { day });
    nsp.supervisor.emit("day:started", { day });
    refreshCounters();
  });
  service.onConfigChanged(() => {
    prune();
    const at = new Date(service.now()).toISOString();
    nsp.kiosk.emit("config:changed", { at });
    nsp.display.emit("config:changed", { at });
    nsp.counter.emit("config:changed", { at });
    nsp.supervisor.emit("config:changed", { at });
    refreshCounters();
  });

  /** Every board hears the new hall code when its ten minutes begin (checked on each tick). */
  let lastHallCode = JSON.stringify(hallCodeShown(service, hall));
  const pushHallCode = () => {
    const hallCode = hallCodeShown(service, hall);
    const shown = JSON.stringify(hallCode);
    if (shown === lastHallCode) return;
    lastHallCode = shown;
    nsp.display.emit("hallCode:changed", { hallCode });
  };

  return {
    io,
    // Waits grow while nothing happens: the supervisor's figures are sent again on every tick.
    tick: () => {
      pushStats();
      pushFollows();
      pushHallCode();
    },
    stop: () => {
      clearInterval(pruneTimer);
      if (statsTimer) clearTimeout(statsTimer);
    },
  };
}
