import { fail, ok, type KioskSnapshot, type ProcedureCatalog, type kioskCommands } from "@motcua/protocol";
import type { Socket } from "socket.io";
import type { PrintJobs } from "../app/print-jobs.ts";
import type { Appointments } from "../app/appointments.ts";
import type { Executed, QueueService } from "../app/queue-service.ts";
import type { Principal } from "../auth/principal.ts";
import { dossierStatus, type DossierSource } from "../catalog/dossiers.ts";
import { issueTicket } from "../app/issue.ts";
import { findTicket, serviceSummaries, ticketByNumber, toTicket, type Command } from "@motcua/engine";
import { followed } from "../app/follow.ts";
import type { Limits } from "../http/app.ts";
import type { Logger } from "../log.ts";
import type { SocketHandlers } from "./bind.ts";

export interface Catalog {
  /** The public listing of procedures, as stored now. */
  procedures(): ProcedureCatalog;
  dossiers: DossierSource;
}

interface KioskDeps {
  service: QueueService;
  limits: Limits;
  prints: PrintJobs;
  catalog: Catalog;
  appointments: Appointments;
  log: Logger;
  caller: (socket: Socket) => Principal;
  exec: (socket: Socket, cmd: Command) => Promise<Executed>;
}

/** A dossier lookup that takes longer than this is reported as unavailable: a citizen is standing there. */
const DOSSIER_TIMEOUT_MS = 4_000;

/** Procedures whose service the center still has (the config can change under a stored catalog). */
const offered = (deps: KioskDeps): ProcedureCatalog => {
  const ids = new Set(deps.service.config.services.map((s) => s.id));
  return deps.catalog.procedures().filter((p) => ids.has(p.serviceId));
};

/** The kiosk's commands: take a ticket, find one, look up a dossier, read procedures, rate. */
export function kioskHandlers(deps: KioskDeps): SocketHandlers<typeof kioskCommands> {
  const { service, limits, prints, caller, exec } = deps;
  /**
   * A booking checked in: the ticket it became. Only a new one carries its follow token, which
   * the kiosk takes as "a ticket was just issued and is printing"; asked again, it is a status.
   */
  const appointmentTicket = async (p: Principal, token: string) => {
    const r = await deps.appointments.checkIn(p, token);
    if (!r.ok) return r;
    const t = r.data.ticket;
    return ok({ ...toTicket(service.config, service.state, t, service.now()), ...(r.data.issued && t.followToken ? { followToken: t.followToken } : {}) });
  };
  const wire = (id: string) => toTicket(service.config, service.state, service.state.tickets[id]!, service.now());
  return {
    "kiosk:sync": async (_b, s) => {
      const { config, state } = service;
      const p = caller(s);
      const printer = prints.lastReportFor(p.id);
      const snapshot: KioskSnapshot = {
        day: state.day,
        center: { name: config.center.name, nameEn: config.center.nameEn, hotline: config.center.hotline, notices: config.center.notices },
        fields: config.fields.map(({ id, name, nameEn, icon }) => ({ id, name, nameEn, ...(icon ? { icon } : {}) })),
        services: serviceSummaries(config, state, service.now()),
        priorityGroups: config.priorityGroups.filter((g) => g.enabled).map(({ id, name, nameEn }) => ({ id, name, nameEn })),
        counters: config.counters.map(({ id, number }) => ({ id, number })),
        followBase: prints.followBase(),
        printer: printer ? { ok: printer.ok, status: printer.status } : null,
      };
      return ok(snapshot);
    },
    "services:list": async () => ok(serviceSummaries(service.config, service.state, service.now())),
    "ticket:issue": async (body, s) => {
      const p = caller(s);
      return issueTicket(service, prints, p, body, () => limits.issuePerDevice.take(`${p.kind}:${p.id}`) && limits.issuePerIp.take(s.handshake.address));
    },
    "ticket:get": async (body) =>
      findTicket(service.state, body.ticketId) ? ok(wire(body.ticketId)) : fail("UNKNOWN_TICKET", `No ticket ${body.ticketId} today.`),
    "ticket:follow": async (body, s) => {
      const f = followed(service.state, body.token, (t) => deps.appointments.byToken(t));
      if (!f) return fail("UNKNOWN_TICKET", "No such ticket today.");
      if ("ticket" in f) return ok(wire(f.ticket.id));
      // A number taken from a phone, or a booking, scanned here: the citizen has arrived, so it joins the queue now.
      const p = caller(s);
      if (!limits.issuePerDevice.take(`${p.kind}:${p.id}`)) return fail("RATE_LIMITED", "Too many tickets from this kiosk just now; please wait a moment.");
      if ("booking" in f) return appointmentTicket(p, f.booking.token);
      const r = await exec(s, { type: "checkIn", token: body.token });
      if (!r.ok) return r;
      const t = followed(r.state, body.token);
      if (!t || !("ticket" in t)) return fail("INTERNAL", "The check-in left no ticket.");
      const issued = r.events.some((e) => e.type === "ticket.issued");
      if (issued) prints.issued(caller(s), t.ticket.id);
      // Just checked in: the kiosk shows it as a new ticket, with the QR the phone already has.
      return ok({ ...toTicket(service.config, r.state, t.ticket, service.now()), ...(issued ? { followToken: body.token } : {}) });
    },
    "appointment:checkIn": async (body, s) => {
      // The limit first: a kiosk must not try codes faster than citizens type them.
      const p = caller(s);
      if (!limits.issuePerDevice.take(`${p.kind}:${p.id}`)) return fail("RATE_LIMITED", "Too many tickets from this kiosk just now; please wait a moment.");
      const b = deps.appointments.byCode(body.code);
      if (!b) return fail("NOT_FOUND", "No appointment with this code.");
      return appointmentTicket(p, b.token);
    },
    "ticket:find": async (body) => {
      const t = ticketByNumber(service.config, service.state, body.number);
      return t ? ok(wire(t.id)) : fail("UNKNOWN_TICKET", `No ticket ${body.number} today.`);
    },
    "dossier:lookup": async (body) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const record = await Promise.race([
          deps.catalog.dossiers.lookup(body.code),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error("dossier lookup timed out")), DOSSIER_TIMEOUT_MS);
          }),
        ]);
        if (!record) return fail("NOT_FOUND", `No dossier ${body.code}.`);
        return ok(dossierStatus(record, deps.catalog.procedures(), service.config));
      } catch (e) {
        deps.log.warn({ err: e }, "dossier lookup failed");
        return fail("UNAVAILABLE", "The dossier system does not answer just now; please ask at the counter.");
      } finally {
        clearTimeout(timer);
      }
    },
    "procedures:list": async () => ok(offered(deps)),
    "rating:submit": async (body, s) => {
      const p = caller(s);
      if (!limits.ratingPerDevice.take(`${p.kind}:${p.id}`)) return fail("RATE_LIMITED", "Too many ratings from this kiosk just now; please wait a moment.");
      const r = await exec(s, { type: "rate", ticketId: body.ticketId, level: body.level, reasons: body.reasons });
      return !r.ok ? r : ok({ ticketId: body.ticketId, level: body.level });
    },
  };
}
