import { fail, ok, provinceCommands } from "@motcua/protocol";
import type { Deployment } from "../app/deployment.ts";
import type { Logger } from "../log.ts";
import { bindCommands } from "./bind.ts";
import { tokenOf, type Nsp } from "./sockets.ts";

/** A unit's figures go to the province page at most this often: a busy hall is one update a second. */
const UNITS_EVERY_MS = 1000;

/**
 * The province page's namespace. It belongs to no center: a province administrator's socket
 * hears every unit, each at most once a second, and only from this instance's own record of
 * every center (which, through the journal, holds the other instances' commands too).
 */
export function provinceNamespace(nsp: Nsp<"province">, deployment: Deployment, log: Logger): { tick: () => void; stop: () => void } {
  const refused = (message: string, code: string) => Object.assign(new Error(message), { data: { code } });
  nsp.use(async (socket, next) => {
    const who = await deployment.caller(tokenOf(socket));
    if ("ok" in who) return next(refused(who.message, who.code));
    if (!("province" in who)) return next(refused(`A ${who.principal.role} may not connect to /province.`, "FORBIDDEN"));
    socket.data.principal = who.province;
    next();
  });
  const admit = (s: { data: { principal: unknown } } & Parameters<typeof tokenOf>[0]) => {
    const p = deployment.provinceNow(tokenOf(s));
    if (!p) return fail("UNAUTHENTICATED", "Your session has ended; log in again.");
    s.data.principal = p;
    return null;
  };
  nsp.on("connection", (socket) => {
    bindCommands(socket, provinceCommands, { "province:sync": async () => ok(deployment.units()) }, log, admit);
  });

  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    const ids = deployment.activity.takeChanged();
    const now = deployment.now();
    const units = ids.flatMap((id) => {
      const hall = deployment.hall(id);
      return hall ? [deployment.activity.figures(hall, now)] : [];
    });
    if (units.length) nsp.local.emit("units:updated", { units });
  };
  deployment.activity.onChange(() => {
    if (timer || nsp.sockets.size === 0) return;
    timer = setTimeout(flush, UNITS_EVERY_MS);
    timer.unref();
  });
  return {
    // Waits grow while nothing happens: every unit again on the server's tick.
    tick: () => {
      if (nsp.sockets.size > 0) deployment.activity.touchAll(deployment.all().map((h) => h.center));
    },
    stop: () => {
      if (timer) clearTimeout(timer);
    },
  };
}
