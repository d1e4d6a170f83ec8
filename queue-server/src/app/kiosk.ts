import { fail, ok, type Ack, type DossierStatus, type KioskSnapshot, type ProcedureCatalog, type Ticket } from "@motcua/protocol";
import { hallHours, isServed, issueRefusal, serviceSummaries, type Millis } from "@motcua/engine";
import type { Principal } from "../auth/principal.ts";
import { dossierStatus } from "../catalog/dossiers.ts";
import { ticketOf, tooManyTickets } from "./commands.ts";
import type { App } from "./context.ts";
import { followed, followedNow } from "./follow.ts";

/** A dossier lookup that takes longer than this is reported as unavailable: a citizen is standing there. */
const DOSSIER_TIMEOUT_MS = 4_000;

/** The kiosk's whole picture: center, fields, services with waits, priority groups, its printer. */
export function kioskSnapshot(app: App, p: Principal): KioskSnapshot {
  const { config, state } = app.service;
  const printer = app.prints.lastReportFor(p.id);
  return {
    day: state.day,
    center: { name: config.center.name, nameEn: config.center.nameEn, hotline: config.center.hotline, notices: config.center.notices },
    fields: config.fields.map(({ id, name, nameEn, icon }) => ({ id, name, nameEn, ...(icon ? { icon } : {}) })),
    services: serviceSummaries(config, state, app.service.now()),
    aliases: Object.fromEntries(
      config.services.map((s) => [s.id, (s.aliases ?? []).map((a) => a.trim()).filter(Boolean)] as const).filter(([, a]) => a.length > 0),
    ),
    priorityGroups: config.priorityGroups.filter((g) => g.enabled).map(({ id, name, nameEn }) => ({ id, name, nameEn })),
    counters: config.counters.map(({ id, number }) => ({ id, number })),
    followBase: app.prints.followBase(),
    printer: printer ? { ok: printer.ok, status: printer.status } : null,
    hours: hoursShown(config, app.service.now()),
  };
}

const isoOrNull = (ms: Millis | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The hall's hours as the kiosk is told them: it asks again at `changesAt`. */
export function hoursShown(config: App["service"]["config"], now: Millis): KioskSnapshot["hours"] {
  const h = hallHours(config, now);
  return {
    now: new Date(now).toISOString(),
    open: h.open,
    issuing: h.issuing,
    opensAt: isoOrNull(h.opensAt),
    issueFrom: isoOrNull(h.issueFrom),
    changesAt: isoOrNull(h.changesAt),
  };
}

/** Procedures whose service the center still has (the config can change under a stored catalog). */
/**
 * The procedures the kiosk lists: the province's listing for the procedures this unit takes from
 * the catalog, and the unit's own listing for the rest.
 */
export function offeredProcedures(app: App): ProcedureCatalog {
  const { config } = app.service;
  // Only what a counter serves: a procedure saved before any counter takes it is not offered yet.
  const services = config.services.filter((s) => isServed(config, s.id));
  const ids = new Set(services.map((s) => s.id));
  const fromProvince = new Set(services.filter((s) => s.province).map((s) => s.id));
  const province = app.provinceCatalog().listing.filter((p) => fromProvince.has(p.serviceId));
  const own = app.catalog.procedures().filter((p) => ids.has(p.serviceId) && !fromProvince.has(p.serviceId) && !province.some((q) => q.id === p.id));
  return [...province, ...own];
}


/**
 * A booking checked in: the ticket it became. Only a new one carries its follow token, which
 * the kiosk takes as "a ticket was just issued and is printing"; asked again, it is a status.
 */
async function appointmentTicket(app: App, p: Principal, token: string): Promise<Ack<Ticket>> {
  const r = await app.appointments.checkIn(p, token);
  if (!r.ok) return r;
  const t = r.data.ticket;
  return ok({ ...ticketOf(app, t.id), ...(r.data.issued && t.followToken ? { followToken: t.followToken } : {}) });
}

/**
 * A follow link's QR scanned at the kiosk: a ticket shows where it stands; a number taken from a
 * phone, or a booking, means the citizen has arrived, so it joins the queue now.
 */
export async function scanFollowLink(app: App, p: Principal, token: string): Promise<Ack<Ticket>> {
  const f = followedNow(app, token);
  if (!f) return fail("UNKNOWN_TICKET", "No such ticket today.");
  if ("ticket" in f) return ok(ticketOf(app, f.ticket.id));
  if (!(await app.limits.issuePerDevice.take(`${p.kind}:${p.id}`))) return tooManyTickets();
  if ("booking" in f) return appointmentTicket(app, p, f.booking.token);
  // A number held from a phone joins the queue now: not outside what the hours rule allows.
  const closed = issueRefusal(app.service.config, app.service.now());
  if (closed) return fail(closed.code, closed.message, closed.at);
  const r = await app.service.execute(p, { type: "checkIn", token });
  if (!r.ok) return r;
  const t = followed(r.state, token);
  if (!t || !("ticket" in t)) return fail("INTERNAL", "The check-in left no ticket.");
  const issued = r.events.some((e) => e.type === "ticket.issued");
  if (issued) app.prints.issued(p, t.ticket.id);
  // Just checked in: the kiosk shows it as a new ticket, with the QR the phone already has.
  return ok({ ...ticketOf(app, t.ticket.id, r.state), ...(issued ? { followToken: token } : {}) });
}

/** A booking's six-character code typed at the kiosk when its QR will not scan. */
export async function checkInByCode(app: App, p: Principal, code: string): Promise<Ack<Ticket>> {
  // The limit first: a kiosk must not try codes faster than citizens type them.
  if (!(await app.limits.issuePerDevice.take(`${p.kind}:${p.id}`))) return tooManyTickets();
  const b = app.appointments.byCode(code);
  if (!b) return fail("NOT_FOUND", "No appointment with this code.");
  return appointmentTicket(app, p, b.token);
}

/** A dossier's progress from the province's one-stop system, by the code on its receipt. */
export async function lookUpDossier(app: App, code: string): Promise<Ack<DossierStatus>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const record = await Promise.race([
      app.catalog.dossiers.lookup(code),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("dossier lookup timed out")), DOSSIER_TIMEOUT_MS);
      }),
    ]);
    if (!record) return fail("NOT_FOUND", `No dossier ${code}.`);
    return ok(dossierStatus(record, app.catalog.procedures(), app.service.config));
  } catch (e) {
    app.log.warn({ err: e }, "dossier lookup failed");
    return fail("UNAVAILABLE", "The dossier system does not answer just now; please ask at the counter.");
  } finally {
    clearTimeout(timer);
  }
}
