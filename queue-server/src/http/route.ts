import type { Failure, Role } from "@motcua/protocol";
import type { z } from "zod";
import type { Principal } from "../auth/principal.ts";

export interface RouteContext<B> {
  principal: Principal | null;
  body: B;
  params: Record<string, string>;
  ip: string;
}

export type RouteResult = { status: number; data?: unknown } | { status: number; file: { name: string; type: string; bytes: Buffer } } | Failure;

export interface RouteSpec<B = unknown> {
  method: "get" | "post" | "put" | "delete";
  /** Express path under /api, e.g. /tickets/:id/recall. */
  path: string;
  summary: string;
  /** Who may call it; "public" needs no credentials. */
  roles: readonly Role[] | "public";
  /** The request body; for a GET, the query string (a flat object of strings). */
  body?: z.ZodType<B>;
  /** Success body, for the OpenAPI document. */
  response?: z.ZodType;
  status: number;
  /** Also answers 204 when there is nothing to return (e.g. nobody waiting). */
  mayBeEmpty?: boolean;
  limit?: "issue" | "login" | "rating";
  handler: (ctx: RouteContext<B>) => Promise<RouteResult>;
}

export const route = <B>(spec: RouteSpec<B>): RouteSpec<unknown> => spec as RouteSpec<unknown>;
