import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { readdir } from "node:fs/promises";
import express, { type NextFunction, type Request, type Response } from "express";
import { CENTER_HEADER, HTTP_STATUS, PROVINCE_SCOPE, describeZodError, fail, ok, restRoutes, type Failure, type RouteName, type RouteSpec } from "@motcua/protocol";
import { bearerToken } from "../auth/authenticate.ts";
import type { LinkPrincipal, Principal, ProvincePrincipal } from "../auth/principal.ts";
import { linkHandlers } from "./link-routes.ts";
import { tooManyTickets } from "../app/commands.ts";
import type { App } from "../app/context.ts";
import type { Deployment } from "../app/deployment.ts";
import { logStatus, type Logger } from "../log.ts";
import { RateLimiter, type Limiter } from "../auth/rate-limit.ts";
import { provinceHandlers } from "./province-routes.ts";
import { loggable, originGuard, securityHeaders, hostGuard } from "./edge.ts";
import { checkHealth } from "../app/health.ts";
import type { Registry } from "prom-client";
import { sha256 } from "../auth/passwords.ts";
import { recentUnitsOffering } from "../app/units-offer.ts";
import { openApiDocument } from "./openapi.ts";
import { citizenHandlers } from "./citizen-routes.ts";
import { hallHandlers } from "./hall-routes.ts";
import type { FileAnswer } from "./route.ts";
import { landingPage, notBuiltPage, printedPage } from "./landing.ts";
import { shellWorkerSource } from "./shell-worker.ts";

/** This machine: a monitor beside the server, which alone may read the metrics without a key. */
const isLoopback = (ip: string) => ip === "127.0.0.1" || ip === "::1" || ip === "::ffff:127.0.0.1";

const sendFailure = (res: Response, f: Failure) => res.status(HTTP_STATUS[f.code]).json(f);

/** A screen's Vite build, found through its package wherever it is installed. */
const distOf = (pkg: string) => join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), "dist");
const BOARD_DIST = distOf("@motcua/display-board");
const KIOSK_DIST = distOf("@motcua/kiosk-ui");
const STAFF_DIST = distOf("@motcua/staff-ui");
const CITIZEN_DIST = distOf("@motcua/citizen-web");

/** Names the demo printer gives its pictures; nothing else in the folder is served. */
const PRINTED_FILE = /^ticket-[0-9TZ-]+\.png$/;

export function createHttpApp(
  deployment: Deployment,
  opts: {
    /** Where the demo's virtual printer leaves its paper (PNG files), shown at /demo/printed. */
    printedDir?: string | undefined;
    /** See ServerOptions.trustProxy. */
    trustProxy?: boolean | number | string | undefined;
    /** Browser origins besides the server's own that may call the API (as they may open sockets). */
    allowedOrigins?: string[] | undefined;
    /** Names the server answers to besides its public address's, any IP address and localhost (edge.ts hostAllowed). */
    hostNames: readonly string[];
    /** GETs of the public routes one address may make a minute (default PUBLIC_READS_PER_MINUTE). */
    readsPerMinute?: number | undefined;
    /**
     * The Prometheus figures (`GET /metrics`), for an operator only: with a key, to whoever sends
     * it as a bearer token; without one, to this machine alone (a monitor beside the server).
     */
    metrics?: { registry: () => Registry | null; key?: string | undefined };
    /** Where the data folder is (its disk), and where phones are sent (follow links): the health check looks at both. */
    dataDir: string;
    publicUrl: () => string;
    log: Logger;
  },
): express.Express {
  const { printedDir, trustProxy, log } = opts;
  const web = express();
  web.disable("x-powered-by");
  web.set("trust proxy", trustProxy ?? false);
  web.use(securityHeaders());
  // Before anything is served: a page of another site rebound to this server's address gets nothing.
  web.use(hostGuard(opts.hostNames));
  web.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // A follow token or a device key opens someone's ticket or a screen: neither goes into a log.
      log.debug({ method: req.method, url: loggable(req.originalUrl), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "http");
    });
    next();
  });
  web.use("/api", originGuard(opts.allowedOrigins ?? []));
  web.use("/api", express.json({ limit: "64kb" }));

  const openapi = openApiDocument(restRoutes);
  web.get("/api/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  web.get("/metrics", async (req, res) => {
    const registry = opts.metrics?.registry();
    if (!registry) return res.status(404).end();
    const key = opts.metrics?.key;
    // Hashes compared, not the key: the comparison's time says nothing about the key.
    const allowed = key ? sha256(bearerToken(req.get("authorization")) ?? "") === sha256(key) : isLoopback(req.ip ?? req.socket.remoteAddress ?? "");
    if (!allowed) return res.status(403).type("text/plain").send(key ? "Send the metrics key as 'Authorization: Bearer …'.\n" : "Metrics are for this machine only; start the server with --metrics-key to read them from elsewhere.\n");
    res.type(registry.contentType).send(await registry.metrics());
  });
  // Health answers 503 when the server cannot do its work, so a monitor alerts on the status alone.
  web.get("/api/health", async (_req, res) => {
    const health = await checkHealth(deployment, { dataDir: opts.dataDir, publicUrl: opts.publicUrl(), log: logStatus(log) });
    res.status(health.ok ? 200 : 503).json(health);
  });
  const routes = new RouteTable(deployment, new RateLimiter(opts.readsPerMinute ?? PUBLIC_READS_PER_MINUTE, Date.now));
  for (const [name, spec] of Object.entries(restRoutes) as [RouteName, RouteSpec][]) if (name !== "health") mount(web, name, spec, routes);

  // A demo's pages: any center of the deployment in demo mode.
  const demo = () => deployment.demo;
  web.get("/", (_req, res) => {
    res.type("html").send(landingPage(deployment.all().map((h) => h.service.config)));
  });
  // A screen's service worker, written from its build (shell-worker.ts), is asked for anew at every
  // check (no-cache): a stale copy would keep a kiosk on an old build.
  for (const [base, dist] of [["/board", BOARD_DIST], ["/kiosk", KIOSK_DIST], ["/staff", STAFF_DIST]] as const) {
    web.get(`${base}/sw.js`, async (_req, res) => {
      const source = await shellWorkerSource(dist);
      if (!source) return res.status(404).end();
      res.type("text/javascript").set("Cache-Control", "no-cache").send(source);
    });
  }
  // The screens, built by Vite into their dist folders (npm start and npm test build them).
  web.use("/board", express.static(BOARD_DIST, { index: "index.html", fallthrough: true }));
  web.get("/board", (_req, res) => res.status(503).type("html").send(notBuiltPage("display-board")));
  web.use("/kiosk", express.static(KIOSK_DIST, { index: "index.html", fallthrough: true }));
  web.get("/kiosk", (_req, res) => res.status(503).type("html").send(notBuiltPage("kiosk-ui")));
  web.use("/staff", express.static(STAFF_DIST, { index: "index.html", fallthrough: true }));
  web.get("/staff", (_req, res) => res.status(503).type("html").send(notBuiltPage("staff-ui")));

  // The demo's printer has no paper: its tickets are pictures, shown here (demo mode only).
  web.get("/demo/printed", async (_req, res) => {
    if (!demo() || !printedDir) return res.status(404).type("html").send(printedPage([]));
    const files = (await readdir(printedDir).catch(() => [] as string[])).filter((f) => PRINTED_FILE.test(f)).sort().reverse().slice(0, 12);
    res.type("html").send(printedPage(files));
  });
  web.get("/demo/printed/:file", (req, res) => {
    if (!demo() || !printedDir || !PRINTED_FILE.test(req.params.file)) return res.status(404).end();
    res.sendFile(req.params.file, { root: printedDir }, (err) => err && !res.headersSent && res.status(404).end());
  });
  // The citizen's phone pages: /f/<token> is where a ticket's QR leads; the page asks the API
  // for the ticket, so a forged link gets the same page and learns nothing.
  web.use("/c", express.static(CITIZEN_DIST, { index: "index.html", fallthrough: true }));
  // /c/hen: the booking pages (đặt lịch hẹn), an address to print on a poster.
  web.get(["/c", "/c/hen", "/f/:token"], (_req, res) => {
    res.sendFile("index.html", { root: CITIZEN_DIST }, (err) => err && !res.headersSent && res.status(503).type("html").send(notBuiltPage("citizen-web")));
  });
  web.use("/api", (req, res) => sendFailure(res, fail("NOT_FOUND", `No API route ${req.method} ${req.path}. See /api/openapi.json.`)));
  web.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (e.type === "entity.parse.failed") return sendFailure(res, fail("BAD_REQUEST", "body: the request body is not valid JSON"));
    if (e.type === "entity.too.large") return res.status(413).json(fail("BAD_REQUEST", "body: larger than 64 kB"));
    if (e.status && e.status >= 400 && e.status < 500) return res.status(e.status).json(fail("BAD_REQUEST", "The request could not be read."));
    log.error({ err, url: loggable(req.originalUrl) }, "unhandled error");
    return sendFailure(res, fail("INTERNAL", "Something went wrong on the server; nothing was changed."));
  });
  return web;
}

type Handler = (ctx: { principal: unknown; body: unknown; query: unknown; params: Record<string, string>; ip: string }) => Promise<{ ok: true; data: unknown } | Failure>;
type Table = Record<string, Handler>;

/** Public routes a follow token keys: the token names the center. */
const FOLLOW_ROUTES = new Set<RouteName>(["follow", "giveUp", "arrive"]);

/**
 * Public GETs one address may make a minute: a phone following its ticket reads a few a minute,
 * a family's phones behind one carrier address a few dozen; a script reading in a loop, thousands.
 */
export const PUBLIC_READS_PER_MINUTE = 300;

/**
 * Which handler answers a request: the deployment's own routes, the province's, or those of the
 * hall the caller belongs to (its handlers made once per hall).
 */
class RouteTable {
  private readonly halls = new WeakMap<App, Table>();
  readonly own: Table;
  readonly province: Table;

  constructor(
    readonly deployment: Deployment,
    /** Public GETs per address, counted by this instance alone: a read changes nothing to count in the store. */
    readonly reads: Limiter,
  ) {
    const offering = recentUnitsOffering(() => deployment.all(), () => deployment.now());
    this.own = {
      centers: async () => ok(deployment.listing()),
      unitsOffering: async ({ query }) => ok(offering((query as { serviceId?: string }).serviceId)),
    };
    this.province = provinceHandlers(deployment) as unknown as Table;
  }

  /** A linked hall's routes, for its unit. */
  linkOf(hall: App): Table {
    let t = this.links.get(hall);
    if (!t) this.links.set(hall, (t = linkHandlers(hall) as unknown as Table));
    return t;
  }
  private readonly links = new WeakMap<App, Table>();

  of(hall: App): Table {
    let t = this.halls.get(hall);
    if (!t) this.halls.set(hall, (t = { ...hallHandlers(hall), ...citizenHandlers(hall) } as unknown as Table));
    return t;
  }
}

/** One route of the protocol's table: authenticate → role → rate limit → validate (400 naming the field) → handler. */
function mount(web: express.Express, name: RouteName, r: RouteSpec, routes: RouteTable): void {
  const { deployment } = routes;
  web[r.method](`/api${r.path}`, async (req: Request, res: Response) => {
    // The caller's address as the trusted proxies tell it ("trust proxy"); with none trusted, the socket's own.
    const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
    // Anyone may read the public routes (a phone's ticket, the services, the slots): not without end.
    if (r.roles === "public" && r.method === "get" && !(await routes.reads.take(ip))) {
      return sendFailure(res, fail("RATE_LIMITED", "Too many requests from this address just now; please wait a moment and try again."));
    }
    let principal: Principal | ProvincePrincipal | LinkPrincipal | null = null;
    let hall: App | null = null;
    if (r.roles !== "public") {
      const who = await deployment.caller(bearerToken(req.get("authorization")));
      if ("ok" in who) return sendFailure(res, who);
      principal = "province" in who ? who.province : who.principal;
      if ("hall" in who) hall = who.hall;
      if ("link" in who) hall = who.link;
      if (!r.roles.includes(principal.role)) {
        return sendFailure(res, fail("FORBIDDEN", `A ${principal.role} may not ${r.method.toUpperCase()} /api${r.path}.`));
      }
    } else if (FOLLOW_ROUTES.has(name)) {
      // An unknown token gets the hall-less answer every forged link gets: "no such ticket today".
      hall = deployment.byFollowToken(String(req.params.token)) ?? deployment.single ?? deployment.all()[0]!;
    } else if (!(name in routes.own)) {
      const asked = req.get(CENTER_HEADER) ?? (name === "logIn" && typeof req.body?.center === "string" ? req.body.center : undefined);
      if (name !== "logIn" || asked !== PROVINCE_SCOPE) {
        const named = deployment.named(asked);
        if ("ok" in named) return sendFailure(res, named);
        hall = named;
      }
    }
    const limits = hall?.limits ?? deployment.all()[0]!.limits;
    if (r.limit === "issue") {
      const byDevice = principal ? await limits.issuePerDevice.take(`${principal.kind}:${principal.id}`) : true;
      if (!byDevice || !(await limits.issuePerIp.take(ip))) {
        return sendFailure(res, tooManyTickets());
      }
    }
    if (r.limit === "rating" && principal && !(await limits.ratingPerDevice.take(`${principal.kind}:${principal.id}`))) {
      return sendFailure(res, fail("RATE_LIMITED", "Too many ratings from this kiosk just now; please wait a moment."));
    }
    // r.limit "login": the login itself takes its limits (auth/login-guard.ts), once it knows
    // whether the browser holds the account's device token.
    const input = (schema: RouteSpec["body"], raw: unknown): { ok: true; data: unknown } | Failure => {
      if (!schema) return { ok: true, data: undefined };
      const parsed = schema.safeParse(raw);
      return parsed.success ? { ok: true, data: parsed.data } : fail("BAD_REQUEST", describeZodError(parsed.error));
    };
    const body = input(r.body, req.body === undefined && r.method !== "put" ? {} : req.body);
    if (!body.ok) return sendFailure(res, body);
    const query = input(r.query, { ...req.query });
    if (!query.ok) return sendFailure(res, query);
    const params = Object.fromEntries(Object.entries(req.params).map(([k, v]) => [k, String(v)]));
    const ctx = { principal, body: body.data, query: query.data, params, ip };
    const result = await handlerOf(routes, name, hall, principal)(ctx);
    // A login held back says when to come back, in the answer (`at`) and as Retry-After.
    if (!result.ok && result.code === "RATE_LIMITED" && result.at) res.set("Retry-After", String(Math.max(1, Math.ceil((Date.parse(result.at) - deployment.now()) / 1000))));
    if (!result.ok) return sendFailure(res, result);
    if (r.file) {
      const file = result.data as FileAnswer;
      return res.status(r.status).type(file.type).attachment(file.name).send(file.bytes);
    }
    if (result.data === null || r.response === undefined) return res.status(r.response === undefined ? r.status : 204).end();
    return res.status(r.status).json(result.data);
  });
}

function handlerOf(routes: RouteTable, name: RouteName, hall: App | null, principal: Principal | ProvincePrincipal | LinkPrincipal | null): Handler {
  const { deployment } = routes;
  if (principal?.kind === "hall") return routes.linkOf(hall!)[name]!;
  if (principal?.kind === "province") {
    if (name === "logOut") return async () => (await deployment.logOutProvince(principal), ok(null));
    return routes.province[name]!;
  }
  if (!hall) {
    if (name === "logIn") {
      // The province's administrators log in where the center is asked for, choosing "Province".
      return async ({ body, ip }) => {
        const { username, password, deviceToken } = body as { username: string; password: string; deviceToken?: string };
        const r = await deployment.logInProvince(username, password, { ip, deviceToken });
        if ("ok" in r) return r;
        return ok({ ...r, role: "province", expiresAt: new Date(r.expiresAt).toISOString(), serverTime: new Date(deployment.now()).toISOString() });
      };
    }
    return routes.own[name]!;
  }
  return routes.of(hall)[name]!;
}
