import { fail, ok, type hallRoutes } from "@motcua/protocol";
import { counterView, serviceSummaries, statsToday } from "@motcua/engine";
import { login } from "../auth/authenticate.ts";
import { heldCounter } from "../auth/authorize.ts";
import { LoginGuard } from "../auth/login-guard.ts";
import * as commands from "../app/commands.ts";
import type { App } from "../app/context.ts";
import { displaySnapshot } from "../app/snapshots.ts";
import { configVersion, mergeSecrets, redactConfig, setSecrets } from "../config/secrets.ts";
import { centerHeading, reportCsv, reportXlsx } from "../reports/export.ts";
import { exportFileName } from "../reports/heading.ts";
import type { RouteHandlers } from "./route.ts";

/** Routes of the deployment rather than of a hall (http/app.ts answers them). */
export type DeploymentRoute = "health" | "centers" | "unitsOffering";

/**
 * The hall's REST routes: staff screens, devices and integrators. Each action is the command
 * layer's (the same the sockets call); a handler only picks its input and shapes the answer.
 */
export function hallHandlers(app: App): RouteHandlers<Omit<typeof hallRoutes, DeploymentRoute>> {
  const { service } = app;
  const versioned = (config: typeof service.config) => ({ ...(redactConfig(config) as object), version: configVersion(config) });
  // This hall's wrong-password counts (this instance's): made once, as these handlers are.
  const guard = new LoginGuard(() => service.now());
  return {
    logIn: async ({ body, ip }) => {
      const gate = { guard, limits: app.limits, ip, deviceToken: body.deviceToken, scope: app.center, now: service.now() };
      const r = await login(service.config, service.sessions, body.username, body.password, async (staffId, passwordHash) => {
        const { config } = service;
        const saved = await service.updateConfig({ ...config, staff: config.staff.map((s) => (s.id === staffId ? { ...s, passwordHash } : s)) });
        if (saved.ok) return passwordHash;
        app.log.warn({ staffId, problem: saved.message }, "could not keep a stronger password hash; the old one stays");
        return config.staff.find((s) => s.id === staffId)!.passwordHash;
      }, gate);
      if ("ok" in r) return r;
      return ok({ ...r, expiresAt: new Date(r.expiresAt).toISOString(), serverTime: new Date(service.now()).toISOString() });
    },
    logOut: async ({ principal }) => {
      if (principal.kind === "staff") await service.sessions.revoke(principal.session);
      service.authChanged();
      return ok(null);
    },
    services: async () => ok(serviceSummaries(service.config, service.state, service.now())),
    // The rate limit was taken when the request came in (route limit "issue"), retry or not.
    issue: ({ principal, body }) => commands.issue(app, principal, body, () => true),
    ticket: async ({ params }) => commands.ticketToday(app, params.id),
    recall: ({ principal, params }) => commands.ticketVerb(app, principal, "recall", params.id),
    start: ({ principal, params }) => commands.ticketVerb(app, principal, "start", params.id),
    complete: ({ principal, params }) => commands.ticketVerb(app, principal, "complete", params.id),
    noShow: ({ principal, params }) => commands.ticketVerb(app, principal, "noShow", params.id),
    requeue: ({ principal, params }) => commands.ticketVerb(app, principal, "requeue", params.id),
    park: ({ principal, params }) => commands.ticketVerb(app, principal, "park", params.id),
    cancel: ({ principal, params }) => commands.ticketVerb(app, principal, "cancel", params.id),
    unpark: ({ principal, params }) => commands.unpark(app, principal, params.id),
    transfer: ({ principal, params, body }) => commands.transfer(app, principal, params.id, body),
    counter: async ({ principal, params }) => {
      const id = params.counterId;
      if (!service.config.counters.some((c) => c.id === id)) return fail("UNKNOWN_COUNTER", `No counter ${id}.`);
      if (principal.role === "staff" && heldCounter(service.state, principal) !== id) return fail("NOT_YOUR_COUNTER", `Open counter ${id} to see its queue.`);
      return ok(counterView(service.config, service.state, id, service.now()));
    },
    openCounter: ({ principal, params, body }) => commands.openCounter(app, principal, params.counterId, body.takeover),
    callNext: ({ principal, params }) => commands.callNext(app, principal, params.counterId),
    pause: ({ principal, params, body }) => commands.pauseCounter(app, principal, params.counterId, body.reason),
    resume: ({ principal, params }) => commands.resumeCounter(app, principal, params.counterId),
    close: ({ principal, params }) => commands.closeCounter(app, principal, params.counterId),
    rate: ({ principal, body }) => commands.rate(app, principal, body),
    statsToday: async () => ok(statsToday(service.config, service.state, service.now())),
    staffingPlan: async ({ body }) => {
      const r = await app.planner.plan(body);
      return "ok" in r ? r : ok(r);
    },
    displaySnapshot: async ({ principal }) => ok(displaySnapshot(app, principal)),
    adminCatalog: async () => ok(app.provinceCatalog()),
    adminConfig: async () => ok(versioned(service.config)),
    saveConfig: async ({ body }) => {
      // Sent back with what GET gave: a save over someone else's newer one is refused, not lost.
      if (typeof body.version === "string" && body.version !== configVersion(service.config)) {
        return fail("CONFIG_CHANGED", "The configuration changed since it was loaded; reload it and edit again.");
      }
      const prepared = await setSecrets(body);
      if ("ok" in prepared) return prepared;
      const merged = mergeSecrets(prepared.config, service.config);
      if (!merged.ok) return merged;
      const r = await service.updateConfig(merged.config);
      // A new device key is shown this once; the server keeps only its hash.
      return r.ok ? ok({ config: versioned(r.config), newKeys: prepared.newKeys }) : r;
    },
    report: async ({ body }) => ok(await app.reports.report(body.from, body.to)),
    exportReport: async ({ body }) => {
      const r = await app.reports.report(body.from, body.to);
      const { center } = service.config;
      // The file says whose it is and when it was made (the hall's clock); its name says whose and which days.
      const heading = centerHeading(center.name, service.now());
      const name = exportFileName(center.id, body.from, body.to, body.format);
      return ok(
        body.format === "csv"
          ? { name, type: "text/csv; charset=utf-8", bytes: reportCsv(r, heading) }
          : { name, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: await reportXlsx(r, heading) },
      );
    },
  };
}
