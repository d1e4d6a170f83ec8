import type { Server as HttpServer } from "node:http";
import { fail, NAMESPACES, type Failure, type NamespaceName } from "@motcua/protocol";
import { Server, type Namespace, type ServerOptions } from "socket.io";
import { authenticate } from "../auth/authenticate.ts";
import type { App } from "../app/context.ts";
import type { Deployment } from "../app/deployment.ts";
import type { PrintNews } from "../app/print-jobs.ts";
import type { ProvincePrincipal } from "../auth/principal.ts";
import { allowCommands } from "./bind.ts";
import { boardNamespaces } from "./boards.ts";
import { counterNamespace } from "./counter.ts";
import { publishFacts } from "./facts.ts";
import { followNamespace } from "./follow.ts";
import { kioskNamespace } from "./kiosk.ts";
import { hostAllowed, originAllowed } from "../http/edge.ts";
import { HallNamespace, tokenOf, type HallNamespaces, type Namespaces, type Realtime, type SocketOf } from "./sockets.ts";
import { provinceNamespace } from "./province.ts";
import { stationNamespace } from "./station.ts";

export interface RealtimeOptions {
  /** Browser origins allowed besides the server's own host. */
  allowedOrigins: string[];
  /** Names the server answers to (edge.ts hostAllowed): a socket naming another Host is refused. */
  hostNames?: readonly string[];
  /**
   * Socket.IO's adapter where several instances serve one database (@socket.io/postgres-adapter):
   * what one instance sends a room reaches the room's sockets on every instance. Facts drawn from
   * the journal are not sent through it: each instance sends them its own sockets (facts.ts).
   */
  adapter?: ServerOptions["adapter"];
  /** Commands one socket may send a minute (default bind.ts COMMANDS_PER_MINUTE). */
  commandsPerMinute?: number | undefined;
}

/** Sockets whose key or session has ended are checked this often, besides on every change. */
const PRUNE_EVERY_MS = 15_000;

/** The namespaces of a center's hall; the province's belongs to none. */
type HallNamespaceName = Exclude<NamespaceName, "province">;
const HALL_NAMESPACES = (Object.keys(NAMESPACES) as NamespaceName[]).filter((n): n is HallNamespaceName => n !== "province");
type RoleNamespace = Exclude<HallNamespaceName, "follow">;
const ROLE_NAMESPACES = HALL_NAMESPACES.filter((n): n is RoleNamespace => n !== "follow");
const refused = (f: Failure) => Object.assign(new Error(f.message), { data: { code: f.code } });

/**
 * Socket.IO on the server: one namespace per kind of client, shared by every center. Each socket
 * is authenticated in its namespace's middleware (role and origin, also for recovered
 * connections), given to its center's part by its credential, and checked again before every command.
 */
export function attachRealtime(http: HttpServer, deployment: Deployment, opts: RealtimeOptions): { io: Server; stop: () => void; tick: () => void } {
  const io = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, cb) => {
      // The Origin is compared with the Host the client sent: a rebound name would match itself.
      if (!hostAllowed(req.headers.host, opts.hostNames ?? [])) return cb("host not allowed", false);
      const allowed = originAllowed(req, opts.allowedOrigins);
      cb(allowed ? null : "origin not allowed", allowed);
    },
    // No connection state recovery: it would keep every pushed view for minutes (memory that grows
    // with the square of the queue). Every client resynchronises with its *:sync command on each
    // (re)connect instead, which boards must do anyway to never show an undone call.
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
  });
  if (opts.commandsPerMinute !== undefined) allowCommands(io, opts.commandsPerMinute);
  const nsp = Object.fromEntries((Object.keys(NAMESPACES) as NamespaceName[]).map((n) => [n, io.of(NAMESPACES[n].path)])) as unknown as Namespaces;
  const halls = new Map<string, HallRealtime>();

  for (const n of HALL_NAMESPACES) {
    const namespace = nsp[n] as Namespace;
    namespace.use(async (socket, next) => {
      const token = tokenOf(socket);
      let center: string | undefined;
      if (n === "follow") {
        center = token ? deployment.byFollowToken(token)?.center : undefined;
        if (!center) return next(refused(fail("NOT_FOUND", "No such ticket today.")));
      } else {
        const who = await deployment.caller(token);
        if ("ok" in who) return next(refused(who));
        // A province administrator may look at a unit's dashboard, which it names; nothing more.
        const viewed = (socket.handshake.auth as { center?: unknown } | undefined)?.center;
        if ("province" in who && n === "supervisor" && typeof viewed === "string") {
          if (!deployment.hall(viewed)) return next(refused(fail("NOT_FOUND", `No unit ${viewed.slice(0, 64)} here.`)));
          center = viewed;
        } else if (!("hall" in who)) {
          return next(refused(fail("FORBIDDEN", `A ${"province" in who ? "province" : who.principal.role} may not connect to ${NAMESPACES[n].path}.`)));
        } else {
          center = who.hall.center;
        }
      }
      socket.data.center = center;
      const hall = halls.get(center);
      if (!hall) return next(refused(fail("UNAVAILABLE", "This center is starting; try again in a moment.")));
      if (n !== "follow") {
        const denied = hall.admit(socket as SocketOf<RoleNamespace>);
        if (denied) return next(refused(denied));
      }
      // Then the center's own checks (a follow token's screens), in order.
      const checks = (hall.nsp[n] as HallNamespace<typeof n>).middlewares as ((s: typeof socket, next: (err?: Error) => void) => void)[];
      const run = (i: number): void => {
        if (i === checks.length) return next();
        checks[i]!(socket, (err) => (err ? next(err) : run(i + 1)));
      };
      run(0);
    });
    namespace.on("connection", (socket) => {
      const part = halls.get(socket.data.center)?.nsp[n] as HallNamespace<typeof n> | undefined;
      if (!part) return socket.disconnect(true);
      void socket.join(part.everyone);
      part.sockets.set(socket.id, socket as never);
      socket.on("disconnect", () => part.sockets.delete(socket.id));
      for (const fn of part.connections) fn(socket as never);
    });
  }

  deployment.eachHall((app) => halls.set(app.center, hallRealtime(io, nsp, app, (token) => deployment.provinceNow(token))));
  const province = provinceNamespace(nsp.province, deployment, deployment.log);
  if (opts.adapter) sharePrintNews(nsp.station as Namespace, deployment, halls);
  const pruneTimer = setInterval(() => {
    for (const h of halls.values()) h.prune();
  }, PRUNE_EVERY_MS);
  pruneTimer.unref();

  return {
    io,
    tick: () => {
      for (const h of halls.values()) h.tick();
      province.tick();
    },
    stop: () => {
      clearInterval(pruneTimer);
      for (const h of halls.values()) h.stop();
      province.stop();
    },
  };
}

/**
 * Where instances share a database, a center's print jobs and printer reports cross to the other
 * instances over the adapter: the kiosk that issued a ticket and the station that prints it may
 * be connected to different ones.
 */
function sharePrintNews(channel: Namespace, deployment: Deployment, halls: Map<string, HallRealtime>): void {
  const receivers = new Map<string, (news: PrintNews) => void>();
  deployment.eachHall((app) => receivers.set(app.center, app.prints.share((news) => channel.serverSideEmit(PRINT_NEWS, { center: app.center, news }))));
  channel.on(PRINT_NEWS, (msg: { center: string; news: PrintNews }) => {
    if (halls.has(msg.center)) receivers.get(msg.center)?.(msg.news);
  });
}
const PRINT_NEWS = "print:news";

type HallRealtime = Realtime & { prune: () => void; tick: () => void; stop: () => void };

/** One center's part of the sockets: its namespaces' handlers and the facts it publishes. */
function hallRealtime(io: Server, namespaces: Namespaces, app: App, provinceViewer: (token: string | undefined) => ProvincePrincipal | null): HallRealtime {
  const { service } = app;
  const nsp = Object.fromEntries((Object.keys(NAMESPACES) as NamespaceName[]).map((n) => [n, new HallNamespace(namespaces[n] as never, app.center)])) as unknown as HallNamespaces;
  const admit = (socket: SocketOf<RoleNamespace>): Failure | null => {
    const spec = NAMESPACES[ROLE_NAMESPACES.find((n) => NAMESPACES[n].path === socket.nsp.name)!];
    // A province administrator's look at this unit's dashboard (admitted only there: see above).
    const viewer = spec.path === NAMESPACES.supervisor.path ? provinceViewer(tokenOf(socket)) : null;
    if (viewer) {
      socket.data.principal = viewer as never;
      return null;
    }
    const p = authenticate(service.config, service.sessions, tokenOf(socket));
    if ("ok" in p) return p;
    if (!(spec.roles as readonly string[]).includes(p.role)) return fail("FORBIDDEN", `A ${p.role} may not connect to ${spec.path}.`);
    socket.data.principal = p;
    return null;
  };
  /** Drops sockets whose key or session has ended, before anything more is pushed to them. */
  const prune = () => {
    for (const n of ROLE_NAMESPACES) {
      for (const s of (nsp[n] as HallNamespace<RoleNamespace>).sockets.values()) if (admit(s)) s.disconnect(true);
    }
  };
  service.onAuthChanged(prune);
  const rt: Realtime = { app, io, nsp, admit };
  kioskNamespace(rt);
  stationNamespace(rt);
  boardNamespaces(rt);
  counterNamespace(rt);
  const follow = followNamespace(rt);
  const facts = publishFacts(rt, follow.push, prune);
  return { ...rt, prune, tick: facts.tick, stop: facts.stop };
}
