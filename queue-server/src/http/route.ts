import type { Ack, PathParams, RouteData, RouteSpec } from "@motcua/protocol";
import type { z } from "zod";
import type { Principal } from "../auth/principal.ts";

/** What a route's handler gets: the caller, and its input already checked against the protocol. */
export interface RouteContext<S extends RouteSpec, P = Principal> {
  /** Who is calling; null only on a public route. */
  principal: S["roles"] extends "public" ? null : P;
  params: PathParams<S["path"]>;
  body: S["body"] extends z.ZodType ? z.infer<S["body"]> : undefined;
  query: S["query"] extends z.ZodType ? z.infer<S["query"]> : undefined;
  /** The caller's network address, as the trusted proxies tell it. */
  ip: string;
}

/** A file to download, for a route declared `file: true`. */
export interface FileAnswer {
  name: string;
  type: string;
  bytes: Buffer;
}

type Answer<S extends RouteSpec> = S["file"] extends true ? FileAnswer : RouteData<S>;

/** One handler per route of the protocol's table, typed by its spec. */
export type RouteHandlers<R extends Record<string, RouteSpec>, P = Principal> = {
  [K in keyof R]: (ctx: RouteContext<R[K], P>) => Promise<Ack<Answer<R[K]>>>;
};
