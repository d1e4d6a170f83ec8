import type { Role } from "./domain.ts";
import { NAMESPACES, type NamespaceName } from "./events.ts";
import { restRoutes, type RestRoutes, type RouteName } from "./routes.ts";

/**
 * Who may do what: the one table. The role a route or namespace admits is said in routes.ts
 * (`roles`) and events.ts (`NAMESPACES[n].roles`); this file adds, once, the rules the server
 * applies beyond the role (auth/authorize.ts and a few handlers). README's table of roles is
 * generated from these three (scripts/role-table.ts), and test/integration/role-matrix.test.ts
 * calls every route and command as each kind of caller and expects what they say.
 *
 * A caller a route admits is never refused for its role (401 UNAUTHENTICATED, 403 FORBIDDEN);
 * a rule below refuses with a code of its own (COUNTER_NOT_OPENED, NOT_YOUR_COUNTER, NOT_FOUND),
 * except a station's, which says FORBIDDEN for a counter or kiosk it is not set up for.
 */

/** Every kind of caller: one with no credential at all ("anyone"), or a role. */
export const CALLERS = ["anyone", "kiosk", "display", "station", "staff", "supervisor", "admin", "province", "hall"] as const satisfies readonly (Role | "anyone")[];
export type Caller = (typeof CALLERS)[number];

/** The rules beyond the role, each said once. */
export const RULES = {
  ownCounter: "only for the counter they have open",
  ticketAtOwnCounter: "only for a ticket at the counter they have open (or still waiting)",
  requeueAtOwnCounter: "only a no-show their open counter called, or one of a service it serves",
  cancelAtOwnCounter: "only a ticket at their open counter, or one it may call",
  keypad: "only for a counter it is set up for (`counterIds`), while an officer has it open",
  ratingPad: "only for a counter it is set up for (`counterIds`)",
  ownKiosks: "only to a kiosk it is set up for (`kioskIds`)",
  ownJobs: "only the print jobs of the kiosks it is set up for",
  lookOnly: "naming the unit it looks at (`auth.center`); dashboard reads only",
  followToken: "with the ticket's follow token as its key (today only)",
} as const;
export type RuleName = keyof typeof RULES;

type CallersOf<R> = R extends "public" ? Caller : R extends readonly [] ? "anyone" : R extends readonly (infer X)[] ? X : never;
type RouteCaller<N extends RouteName> = CallersOf<RestRoutes[N]["roles"]>;
type Namespaces = typeof NAMESPACES;
type NamespaceCaller<N extends NamespaceName> = CallersOf<Namespaces[N]["roles"]>;
type CommandOf<N extends NamespaceName> = keyof Namespaces[N]["commands"] & string;
type Rules<C extends string> = { readonly [K in C]?: RuleName };

const officers = <R extends RuleName>(rule: R) => ({ staff: rule, supervisor: rule, admin: rule }) as const;

/** Rules on REST routes, by route and caller: only for callers the route's roles admit. */
export const ROUTE_RULES = {
  counter: { staff: "ownCounter" },
  callNext: officers("ownCounter"),
  pause: officers("ownCounter"),
  resume: officers("ownCounter"),
  close: officers("ownCounter"),
  unpark: officers("ownCounter"),
  recall: officers("ticketAtOwnCounter"),
  start: officers("ticketAtOwnCounter"),
  complete: officers("ticketAtOwnCounter"),
  noShow: officers("ticketAtOwnCounter"),
  park: officers("ticketAtOwnCounter"),
  transfer: officers("ticketAtOwnCounter"),
  // A supervisor or admin may cancel or requeue any ticket, with no counter open: a duplicate
  // number voided, a citizen marked no-show who came back put in line again, at the desk.
  requeue: { staff: "requeueAtOwnCounter" },
  cancel: { staff: "cancelAtOwnCounter" },
} as const satisfies { readonly [N in RouteName]?: Rules<RouteCaller<N>> };

/** Rules on connecting to a namespace: they hold for each of its commands. */
export const NAMESPACE_RULES = {
  supervisor: { province: "lookOnly" },
  follow: { anyone: "followToken" },
} as const satisfies { readonly [N in NamespaceName]?: Rules<NamespaceCaller<N>> };

/** Rules on socket commands, by namespace, command and caller. */
export const COMMAND_RULES = {
  counter: {
    "counter:sync": officers("ownCounter"),
    "counter:callNext": officers("ownCounter"),
    "counter:pause": officers("ownCounter"),
    "counter:resume": officers("ownCounter"),
    "counter:close": officers("ownCounter"),
    "ticket:unpark": officers("ownCounter"),
    "ticket:recall": officers("ticketAtOwnCounter"),
    "ticket:start": officers("ticketAtOwnCounter"),
    "ticket:complete": officers("ticketAtOwnCounter"),
    "ticket:noShow": officers("ticketAtOwnCounter"),
    "ticket:park": officers("ticketAtOwnCounter"),
    "ticket:transfer": officers("ticketAtOwnCounter"),
    "ticket:requeue": { staff: "requeueAtOwnCounter" },
    "ticket:cancel": { staff: "cancelAtOwnCounter" },
  },
  station: {
    "print:sync": { station: "ownJobs" },
    "print:report": { station: "ownJobs" },
    "counter:press": { station: "keypad" },
    "rating:press": { station: "ratingPad" },
    "scan:forward": { station: "ownKiosks" },
  },
} as const satisfies { readonly [N in NamespaceName]?: { readonly [C in CommandOf<N>]?: Rules<NamespaceCaller<N>> } };

/** One caller a route, namespace or command admits, and the rule it is held to, if any. */
export interface Grant {
  caller: Caller;
  rule: RuleName | null;
}

const lookup = (table: object, ...keys: string[]): Partial<Record<Caller, RuleName>> => {
  let at: unknown = table;
  for (const k of keys) at = at && typeof at === "object" ? (at as Record<string, unknown>)[k] : undefined;
  return (at ?? {}) as Partial<Record<Caller, RuleName>>;
};

/**
 * The callers a route's roles admit: a public route needs no credential, so every caller may
 * call it (a credential sent along is not looked at).
 */
export function routeGrants(name: RouteName): Grant[] {
  const roles = restRoutes[name].roles as readonly Role[] | "public";
  const rules = lookup(ROUTE_RULES, name);
  const callers = roles === "public" ? CALLERS : CALLERS.filter((c) => (roles as readonly string[]).includes(c));
  return callers.map((caller) => ({ caller, rule: rules[caller] ?? null }));
}

/** The callers a namespace admits: its roles, or, with none, anyone holding its key. */
export function namespaceGrants(namespace: NamespaceName): Grant[] {
  const roles = NAMESPACES[namespace].roles as readonly Role[];
  const rules = lookup(NAMESPACE_RULES, namespace);
  const callers = roles.length === 0 ? (["anyone"] as const) : CALLERS.filter((c) => (roles as readonly string[]).includes(c));
  return callers.map((caller) => ({ caller, rule: rules[caller] ?? null }));
}

/** The callers that may send a command: those its namespace admits, held to its rules and the namespace's. */
export function commandGrants(namespace: NamespaceName, command: string): Grant[] {
  if (!(command in NAMESPACES[namespace].commands)) throw new Error(`${NAMESPACES[namespace].path} has no command ${command}`);
  const rules = lookup(COMMAND_RULES, namespace, command);
  return namespaceGrants(namespace).map((g) => ({ caller: g.caller, rule: rules[g.caller] ?? g.rule }));
}
