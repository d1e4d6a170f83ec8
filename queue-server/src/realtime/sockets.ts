import type { IncomingMessage } from "node:http";
import type { Failure, NamespaceName, ClientEventsOf, ServerEventsOf } from "@motcua/protocol";
import type { Namespace, Server, Socket } from "socket.io";
import { bearerToken } from "../auth/authenticate.ts";
import type { Principal, ProvincePrincipal } from "../auth/principal.ts";
import type { App } from "../app/context.ts";

/** What the server keeps on a socket of a role's namespace: who it is, as of its latest command. */
export interface PrincipalData {
  principal: Principal;
  /** The center its credential belongs to; fixed for the socket's life. */
  center: string;
}
/** What it keeps on a phone's follow socket: the ticket found on connect, and the view last pushed. */
export interface FollowData {
  center: string;
  ticketId?: string;
  lastView?: string;
}

/** What it keeps on a province administrator's socket. */
export interface ProvinceData {
  principal: ProvincePrincipal;
}

/** A supervisor's socket; also a province administrator's, looking at one unit's dashboard (read-only). */
export interface SupervisorData {
  principal: Principal | ProvincePrincipal;
  center: string;
}

type DataOf<N extends NamespaceName> = N extends "follow" ? FollowData : N extends "province" ? ProvinceData : N extends "supervisor" ? SupervisorData : PrincipalData;

/** A namespace typed by the protocol's event maps: a renamed or misshapen fact fails the build. */
export type Nsp<N extends NamespaceName> = Namespace<ClientEventsOf<N>, ServerEventsOf<N>, Record<string, never>, DataOf<N>>;
export type SocketOf<N extends NamespaceName> = Socket<ClientEventsOf<N>, ServerEventsOf<N>, Record<string, never>, DataOf<N>>;

export type Namespaces = { [N in NamespaceName]: Nsp<N> };

type Middleware<N extends NamespaceName> = (socket: SocketOf<N>, next: (err?: Error) => void) => void;

/**
 * One center's part of a namespace. Every center shares the server's namespaces (a screen
 * connects to /kiosk whatever its center); a socket is given to its center's part on connect, by
 * its credential, and joins its center's room. Rooms are named per center, since the adapter
 * carries them to every instance.
 */
export class HallNamespace<N extends NamespaceName> {
  /** This center's sockets on this instance. */
  readonly sockets = new Map<string, SocketOf<N>>();
  readonly connections: ((socket: SocketOf<N>) => void)[] = [];
  readonly middlewares: Middleware<N>[] = [];

  constructor(
    readonly nsp: Nsp<N>,
    readonly center: string,
  ) {}

  /** A room of this center: counter rooms, the boards' rooms. */
  room(name: string): string {
    return `${this.center}|${name}`;
  }

  /** Every socket of this center in the namespace is in this room. */
  get everyone(): string {
    return this.room("*");
  }

  on(_event: "connection", fn: (socket: SocketOf<N>) => void): void {
    this.connections.push(fn);
  }

  /** A check a socket of this center passes before it connects. */
  use(fn: Middleware<N>): void {
    this.middlewares.push(fn);
  }

  /** To this center's sockets on this instance only (facts drawn from the journal: facts.ts). */
  get local() {
    return this.nsp.local.to(this.everyone);
  }

  /** To a room of this center, on this instance only. */
  localTo(room: string) {
    return this.nsp.local.to(this.room(room));
  }

  /** To this center's sockets on every instance. */
  emit = ((...args: unknown[]) => (this.nsp.to(this.everyone).emit as (...a: unknown[]) => boolean)(...args)) as Nsp<N>["emit"];

  /** The ids of this instance's sockets in a room of this center. */
  members(room: string): ReadonlySet<string> | undefined {
    return this.nsp.adapter.rooms.get(this.room(room));
  }
}

export type HallNamespaces = { [N in NamespaceName]: HallNamespace<N> };

/**
 * What every namespace module is given: the hall, its part of the sockets, and the one way to
 * check a socket's credential again (sessions end, keys are revoked, while a socket stays open).
 */
export interface Realtime {
  app: App;
  io: Server;
  nsp: HallNamespaces;
  /** May this socket be in its namespace now? Refreshes the principal it carries; a failure if not. */
  admit(socket: SocketOf<Exclude<NamespaceName, "follow" | "province">>): Failure | null;
}

/** The credential a socket came with: `auth.token`, or an Authorization header (station agents). */
export const tokenOf = (socket: { handshake: { auth: unknown; headers: IncomingMessage["headers"] } }): string | undefined => {
  const t = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof t === "string") return t;
  return bearerToken(socket.handshake.headers.authorization);
};
