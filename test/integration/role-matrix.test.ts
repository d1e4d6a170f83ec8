import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CALLERS,
  CENTER_HEADER,
  NAMESPACES,
  commandGrants,
  pathOf,
  restRoutes,
  routeGrants,
  type Caller,
  type Grant,
  type NamespaceName,
  type RouteName,
  type RouteSpec,
} from "@motcua/protocol";
import type { z } from "zod";
import type { Socket } from "socket.io-client";
import { DISPLAY, KIOSK, STATION, client, connect, startTestServer, type TestServer } from "../helpers/harness.ts";
import { hallClock } from "../helpers/clock.ts";

/**
 * Every cell of the table of who may call what (README, generated from protocol/src/routes.ts,
 * events.ts and permissions.ts), called against one real server: every REST route and every
 * socket command, as each kind of caller, with a payload made from its schema. A caller the table
 * admits must never be refused for its role; any other always is. Whatever else a call answers
 * (200, 404, 409…) is not this test's business. A caller held to a rule (permissions.ts) is
 * given what the rule asks: the officer has counter 1 open, the station is set up for counter 1
 * and the lobby kiosk, the province names the unit it looks at.
 */
const CENTER = "lam-dong";
const COUNTER = "quay-1";
const UNIT = "xa-ma-tran";
const NEW_UNIT = { id: UNIT, name: "Xã Ma Trận", linked: true, admin: { username: "quantri", displayName: "Quản trị xã", password: "mat-khau-ma-tran" } };

type Def = { type: string; [k: string]: any };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const optional = (s: z.ZodType) => (s as unknown as { _zod: { optin?: string } })._zod.optin !== undefined;
const valid = (s: z.ZodType, v: unknown) => v !== undefined && s.safeParse(v).success;

let today = "";
let ticketId = "";
/** Values a field of this name takes here, tried before the general ones. */
const byName = (): Record<string, unknown[]> => ({
  serviceId: ["khai-sinh"],
  toServiceId: ["ket-hon"],
  counterId: [COUNTER],
  toCounterId: ["quay-2"],
  kioskId: ["kiosk-sanh"],
  ticketId: [ticketId],
  username: ["canbo2"],
  password: ["demo"],
  phone: ["0912345678"],
  code: ["0000", "ABCDEF", "000.00.12.H36-210601-0001"],
  number: ["A999"],
  lang: ["vi"],
});
const anyString = () => ["x", "x-1", today, "08:00", "0000", "A001", "x".repeat(16), "ABCDEF", "0912345678"];

/** A payload of schema `s`: its required fields, each given the first value its schema takes. */
function sample(s: z.ZodType, name = ""): unknown {
  const def = defOf(s);
  const first = (candidates: unknown[]) => candidates.find((v) => valid(s, v));
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      const fill = (all: boolean) => Object.fromEntries(Object.entries(shape).flatMap(([k, f]) => (!all && optional(f) ? [] : [[k, sample(f, k)]])));
      // A refinement over the object (a transfer needs a service or a counter): fill in the optional fields too.
      return first([fill(false), fill(true)]) ?? fill(false);
    }
    case "optional":
    case "default":
    case "nullable":
    case "readonly":
    case "catch":
      return sample(def.innerType as z.ZodType, name);
    case "pipe":
      return first([sample(def.in as z.ZodType, name), ...anyString()]);
    case "intersection": {
      const [a, b] = [sample(def.left as z.ZodType, name), sample(def.right as z.ZodType, name)];
      return { ...(a as object), ...(b as object) };
    }
    case "union":
      return first((def.options as z.ZodType[]).map((o) => sample(o, name)));
    case "string":
      return first([...(byName()[name] ?? []), ...anyString()]);
    case "number":
      return first([1, 0, 0.8, 15]);
    case "boolean":
      return false;
    case "enum":
      return first([...(byName()[name] ?? []), ...Object.values(def.entries as object)]);
    case "literal":
      return (def.values as unknown[])[0];
    case "array":
      return first([[], [sample(def.element as z.ZodType)]]);
    case "record":
      return {};
    default:
      return first([{}, "x", 1]);
  }
}

type Answer = { status: number; code: string | undefined };

describe("who may call what: every cell of the table, against a real server", () => {
  let server: TestServer;
  const tokens = {} as Record<Caller, string | undefined>;
  let followToken = "";
  let catalog: unknown;
  /** Bodies that would be valid but do harm: one that changes nothing instead, still schema-valid. */
  const bodies: Partial<Record<RouteName, () => unknown>> = {
    // An empty catalog would empty every unit's procedures: the one there is, kept as it is.
    saveProvinceCatalog: () => catalog,
    // Saved against a version nobody has: refused as changed since, nothing written.
    saveConfig: () => ({ version: "stale" }),
    // The unit the setup made, again: refused as one that exists.
    createCenter: () => NEW_UNIT,
  };

  beforeAll(async () => {
    server = await startTestServer();
    const c = client(server.url);
    today = new Date(hallClock() + 7 * 3600_000).toISOString().slice(0, 10);
    tokens.anyone = undefined;
    tokens.kiosk = KIOSK;
    tokens.display = DISPLAY;
    tokens.station = STATION;
    [tokens.staff, tokens.supervisor, tokens.admin] = await Promise.all([c.openCounter("canbo1", COUNTER), c.login("giamsat"), c.login("admin", "admin")]);
    const province = await c.api("POST", "/api/session", { body: { username: "tinh", password: "demo", center: "province" } });
    tokens.province = province.body.token;
    catalog = (await c.api("GET", "/api/province/catalog", { token: tokens.province })).body;
    // A unit with its own hall server: its link key is the hall's credential.
    const made = await c.api("POST", "/api/province/centers", { token: tokens.province, body: NEW_UNIT });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    tokens.hall = made.body.linkKey;
    // A ticket the calls act on (throwaway), and one whose follow token opens /follow.
    const issue = async () => (await c.api("POST", "/api/tickets", { token: KIOSK, body: { serviceId: "khai-sinh" }, headers: { [CENTER_HEADER]: CENTER } })).body;
    ticketId = (await issue()).id;
    followToken = (await issue()).followToken;
    expect(followToken).toEqual(expect.any(String));
  });
  afterAll(() => server?.destroy());

  /** A REST call as `caller`; the answer's status and error code. */
  async function callRoute(name: RouteName, caller: Caller): Promise<Answer> {
    const r: RouteSpec = restRoutes[name];
    const params = { id: ticketId, counterId: COUNTER, token: "x".repeat(16) };
    const query = r.query ? `?${new URLSearchParams(sample(r.query) as Record<string, string>)}` : "";
    const body = bodies[name]?.() ?? (r.body ? sample(r.body) : undefined);
    if (r.body && !bodies[name]) expect(r.body.safeParse(body).success, `${name}: the sample ${JSON.stringify(body)} does not fit its schema`).toBe(true);
    const token = tokens[caller];
    const res = await fetch(`${server.url}/api${pathOf(r, params)}${query}`, {
      method: r.method.toUpperCase(),
      headers: { [CENTER_HEADER]: CENTER, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const json = (res.headers.get("content-type") ?? "").includes("json") && text ? JSON.parse(text) : undefined;
    return { status: res.status, code: json?.ok === false ? json.code : undefined };
  }

  /** A socket of `caller` on a namespace, or the code it was refused with. */
  function open(ns: NamespaceName, caller: Caller): Promise<{ socket: Socket } | { refused: string }> {
    const key = ns === "follow" && caller === "anyone" ? followToken : tokens[caller];
    const s = connect(server.url, NAMESPACES[ns].path);
    // The province names the unit whose dashboard it looks at (its rule); others' sockets ignore it.
    s.auth = { ...(key ? { token: key } : {}), center: CENTER };
    return new Promise((resolve) => {
      s.once("connect", () => resolve({ socket: s }));
      s.once("connect_error", (e: Error & { data?: { code?: string } }) => {
        s.close();
        resolve({ refused: e.data?.code ?? e.message });
      });
    });
  }

  const roleRefusal = (a: Answer) => (a.status === 401 && a.code === "UNAUTHENTICATED") || (a.status === 403 && a.code === "FORBIDDEN");
  const grantOf = (grants: Grant[], caller: Caller) => grants.find((g) => g.caller === caller);

  it("admits exactly the callers the table says to every route and command", { timeout: 90_000 }, async () => {
    const wrong: string[] = [];
    let cells = 0;
    let admitted = 0;
    let succeeded = 0;
    const t0 = Date.now();

    const checkRoute = async (name: RouteName) => {
      const grants = routeGrants(name);
      for (const caller of CALLERS) {
        const a = await callRoute(name, caller);
        cells++;
        const r = restRoutes[name];
        const where = `${caller} ${r.method.toUpperCase()} /api${r.path}`;
        if (grantOf(grants, caller)) {
          admitted++;
          if (a.status < 300) succeeded++;
          if (roleRefusal(a)) wrong.push(`${where}: the table admits it, the server refused ${a.status} ${a.code}`);
        } else {
          const expected = caller === "anyone" ? "UNAUTHENTICATED" : "FORBIDDEN";
          if (!roleRefusal(a) || a.code !== expected) wrong.push(`${where}: the table refuses it, the server answered ${a.status} ${a.code ?? ""}, not ${expected}`);
        }
      }
    };

    const checkNamespace = async (ns: NamespaceName, only?: (command: string) => boolean) => {
      const commands = Object.entries(NAMESPACES[ns].commands as Record<string, { request: z.ZodType }>).filter(([c]) => !only || only(c));
      for (const caller of CALLERS) {
        const opened = await open(ns, caller);
        try {
          for (const [command, spec] of commands) {
            cells++;
            const where = `${caller} ${NAMESPACES[ns].path} ${command}`;
            const allowed = grantOf(commandGrants(ns, command), caller) !== undefined;
            if ("refused" in opened) {
              if (allowed) wrong.push(`${where}: the table admits it, the socket was refused (${opened.refused})`);
              continue;
            }
            const payload = sample(spec.request);
            expect(spec.request.safeParse(payload).success, `${command}: the sample ${JSON.stringify(payload)} does not fit its schema`).toBe(true);
            const ack = (await opened.socket.timeout(5000).emitWithAck(command, payload)) as { ok: boolean; code?: string };
            const refusedForRole = ack.ok === false && (ack.code === "FORBIDDEN" || ack.code === "UNAUTHENTICATED");
            if (allowed) {
              admitted++;
              if (ack.ok) succeeded++;
              if (refusedForRole) wrong.push(`${where}: the table admits it, the server answered ${ack.code}`);
            } else if (!refusedForRole) {
              wrong.push(`${where}: the table refuses it, the socket connected and the command answered ${ack.ok ? "ok" : ack.code}`);
            }
          }
        } finally {
          if ("socket" in opened) opened.socket.close();
        }
      }
    };

    // What would end the callers' sessions or close the officer's counter goes last.
    const LAST_ROUTES: RouteName[] = ["close", "logOut"];
    const LAST_COMMANDS = new Set(["counter:close"]);
    const stillOpen = () => callRoute("resume", "staff");

    for (const name of Object.keys(restRoutes) as RouteName[]) if (!LAST_ROUTES.includes(name)) await checkRoute(name);
    for (const ns of Object.keys(NAMESPACES) as NamespaceName[]) {
      // A station's keypad presses for counter 1 while an officer has it open (its rule): not paused.
      await stillOpen();
      await checkNamespace(ns, (c) => !LAST_COMMANDS.has(c));
    }
    await checkNamespace("counter", (c) => LAST_COMMANDS.has(c));
    for (const name of LAST_ROUTES) await checkRoute(name);

    const commands = (Object.keys(NAMESPACES) as NamespaceName[]).reduce((n, ns) => n + Object.keys(NAMESPACES[ns].commands).length, 0);
    expect(cells).toBe((Object.keys(restRoutes).length + commands) * CALLERS.length);
    console.log(
      `role matrix: ${cells} cells, ${Object.keys(restRoutes).length} routes and ${commands} socket commands × ${CALLERS.length} callers; ` +
        `${admitted} admitted (${succeeded} of them succeeded), ${cells - admitted} refused for their role, ${wrong.length} wrong, in ${Date.now() - t0} ms`,
    );
    expect(wrong).toEqual([]);
  });
});
