import type { IncomingMessage } from "node:http";
import type { Failure, NamespaceName, ClientEventsOf, ServerEventsOf } from "@motcua/protocol";
import type { Namespace, Server, Socket } from "socket.io";
import { bearerToken } from "../auth/authenticate.ts";
import type { Principal } from "../auth/principal.ts";
import type { App } from "../app/context.ts";

/** What the server keeps on a socket of a role's namespace: who it is, as of its latest command. */
export interface PrincipalData {
  principal: Principal;
}
/** What it keeps on a phone's follow socket: the ticket found on connect, and the view last pushed. */
export interface FollowData {
  ticketId?: string;
  lastView?: string;
}

type DataOf<N extends NamespaceName> = N extends "follow" ? FollowData : PrincipalData;

/** A namespace typed by the protocol's event maps: a renamed or misshapen fact fails the build. */
export type Nsp<N extends NamespaceName> = Namespace<ClientEventsOf<N>, ServerEventsOf<N>, Record<string, never>, DataOf<N>>;
export type SocketOf<N extends NamespaceName> = Socket<ClientEventsOf<N>, ServerEventsOf<N>, Record<string, never>, DataOf<N>>;

export type Namespaces = { [N in NamespaceName]: Nsp<N> };

/**
 * What every namespace module is given: the hall, the sockets, and the one way to check a
 * socket's credential again (sessions end, keys are revoked, while a socket stays open).
 */
export interface Realtime {
  app: App;
  io: Server;
  nsp: Namespaces;
  /** May this socket be in its namespace now? Refreshes the principal it carries; a failure if not. */
  admit(socket: SocketOf<Exclude<NamespaceName, "follow">>): Failure | null;
}

/** Same-host pages and listed origins may connect; non-browser clients (station agents) send no Origin. */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The credential a socket came with: `auth.token`, or an Authorization header (station agents). */
export const tokenOf = (socket: { handshake: { auth: unknown; headers: IncomingMessage["headers"] } }): string | undefined => {
  const t = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof t === "string") return t;
  return bearerToken(socket.handshake.headers.authorization);
};
