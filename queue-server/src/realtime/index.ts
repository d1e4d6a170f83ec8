import type { Server as HttpServer } from "node:http";
import { fail, NAMESPACES, type Failure, type NamespaceName } from "@motcua/protocol";
import { Server, type Namespace, type ServerOptions } from "socket.io";
import { authenticate } from "../auth/authenticate.ts";
import type { App } from "../app/context.ts";
import { boardNamespaces } from "./boards.ts";
import { counterNamespace } from "./counter.ts";
import { publishFacts } from "./facts.ts";
import { followNamespace } from "./follow.ts";
import { kioskNamespace } from "./kiosk.ts";
import { originAllowed, tokenOf, type Namespaces, type Realtime, type SocketOf } from "./sockets.ts";
import { stationNamespace } from "./station.ts";

export interface RealtimeOptions {
  /** Browser origins allowed besides the server's own host. */
  allowedOrigins: string[];
  /**
   * Socket.IO's adapter where several instances serve one database (@socket.io/postgres-adapter):
   * what one instance sends a room reaches the room's sockets on every instance. Facts drawn from
   * the journal are not sent through it: each instance sends them its own sockets (facts.ts).
   */
  adapter?: ServerOptions["adapter"];
}

/** Sockets whose key or session has ended are checked this often, besides on every change. */
const PRUNE_EVERY_MS = 15_000;

type RoleNamespace = Exclude<NamespaceName, "follow">;

/**
 * Socket.IO on the server: one namespace per kind of client, each authenticated in its middleware
 * (role and origin, also for recovered connections) and again before every command.
 */
export function attachRealtime(http: HttpServer, app: App, opts: RealtimeOptions): { io: Server; stop: () => void; tick: () => void } {
  const { service } = app;
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
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
  });

  const roleNamespaces = (Object.keys(NAMESPACES) as NamespaceName[]).filter((n): n is RoleNamespace => n !== "follow");
  const admit = (socket: SocketOf<RoleNamespace>): Failure | null => {
    const spec = NAMESPACES[roleNamespaces.find((n) => NAMESPACES[n].path === socket.nsp.name)!];
    const p = authenticate(service.config, service.sessions, tokenOf(socket));
    if ("ok" in p) return p;
    if (!(spec.roles as readonly string[]).includes(p.role)) return fail("FORBIDDEN", `A ${p.role} may not connect to ${spec.path}.`);
    socket.data.principal = p;
    return null;
  };

  const nsp = Object.fromEntries((Object.keys(NAMESPACES) as NamespaceName[]).map((n) => [n, io.of(NAMESPACES[n].path)])) as unknown as Namespaces;
  for (const n of roleNamespaces) {
    (nsp[n] as Namespace).use(async (socket, next) => {
      let denied = admit(socket as SocketOf<RoleNamespace>);
      const token = tokenOf(socket);
      if (denied && service.shared && token) {
        // Another instance may have opened this session (a counter reconnecting after its instance died).
        await service.sessions.learn(token).catch(() => undefined);
        denied = admit(socket as SocketOf<RoleNamespace>);
      }
      if (denied) return next(Object.assign(new Error(denied.message), { data: { code: denied.code } }));
      next();
    });
  }
  const rt: Realtime = { app, io, nsp, admit };

  /** Drops sockets whose key or session has ended, before anything more is pushed to them. */
  const prune = () => {
    for (const n of roleNamespaces) {
      for (const s of (nsp[n] as Namespace).sockets.values()) if (admit(s as SocketOf<RoleNamespace>)) s.disconnect(true);
    }
  };
  const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
  pruneTimer.unref();
  service.onAuthChanged(prune);

  kioskNamespace(rt);
  stationNamespace(rt);
  boardNamespaces(rt);
  counterNamespace(rt);
  const follow = followNamespace(rt);
  const facts = publishFacts(rt, follow.push, prune);

  return {
    io,
    tick: facts.tick,
    stop: () => {
      clearInterval(pruneTimer);
      facts.stop();
    },
  };
}
