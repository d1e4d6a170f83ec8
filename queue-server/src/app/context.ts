import type { ProcedureCatalog, ProvinceCatalog } from "@motcua/protocol";
import type { Limiter } from "../auth/rate-limit.ts";
import type { DossierSource } from "../catalog/dossiers.ts";
import type { Logger } from "../log.ts";
import type { Appointments } from "./appointments.ts";
import type { HallCode } from "./hall-code.ts";
import type { PrintJobs } from "./print-jobs.ts";
import type { QueueService } from "./queue-service.ts";
import type { RemoteNumbers } from "./remote.ts";
import type { Reports } from "./reports.ts";
import type { StaffingPlanner } from "./staffing.ts";
import type { Voice } from "../voice/voice.ts";

/** Each kept in memory for one server, in the database where instances share it (every instance counts). */
export interface Limits {
  issuePerDevice: Limiter;
  issuePerIp: Limiter;
  loginPerIp: Limiter;
  loginPerUser: Limiter;
  /** Ratings per kiosk: enough for a queue of citizens, too few to rate a day's tickets by typing numbers. */
  ratingPerDevice: Limiter;
  /** Remote numbers, and bookings, a network may take in a burst, before their daily counts are read. */
  remotePerNetwork: Limiter;
  bookingsPerNetwork: Limiter;
}

/** The procedures a kiosk lists and the dossiers it looks up. */
export interface Catalog {
  /** The public listing of procedures, as stored now. */
  procedures(): ProcedureCatalog;
  dossiers: DossierSource;
}

/**
 * Everything the server's transports reach the hall through, made once at start. REST routes and
 * socket namespaces are handed this one object and call the command layer (`commands.ts`) with it.
 */
export interface App {
  /** The center's id: every room, limit and token of the hall is kept apart by it. */
  center: string;
  service: QueueService;
  prints: PrintJobs;
  reports: Reports;
  appointments: Appointments;
  remote: RemoteNumbers;
  hall: HallCode;
  planner: StaffingPlanner;
  catalog: Catalog;
  /** The province's catalog as this server holds it now: what a unit chooses its procedures from. */
  provinceCatalog: () => ProvinceCatalog;
  limits: Limits;
  /** The kiosks' spoken words: one maker for the whole deployment (the words of one hall are often another's). */
  voice: Voice;
  log: Logger;
}
