import { ProcedureCatalog, describeZodError, type CenterConfig, type ProvinceCatalog } from "@motcua/protocol";
import { catalogProblems } from "./province-catalog.ts";
import type { Limiter } from "../auth/rate-limit.ts";
import { Sessions } from "../auth/sessions.ts";
import { demoDossiers, demoProcedures } from "../catalog/demo-data.ts";
import { DossierRecords, noDossierSystem, StoredDossiers, type DossierSource } from "../catalog/dossiers.ts";
import { VIETNAM_HOLIDAYS } from "../config/holidays.ts";
import { validateConfig } from "../config/validate.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/types.ts";
import { Appointments } from "./appointments.ts";
import type { App, Catalog, Limits } from "./context.ts";
import type { Voice } from "../voice/voice.ts";
import { HallCode } from "./hall-code.ts";
import { PrintJobs } from "./print-jobs.ts";
import { QueueService } from "./queue-service.ts";
import { phoneHasher, phoneKey, RemoteNumbers, storedKey } from "./remote.ts";
import { Reports } from "./reports.ts";
import { StaffingPlanner } from "./staffing.ts";

export interface HallOptions {
  clock: () => number;
  log: Logger;
  /** The deployment's limits; the per-device ones are kept apart per center here. */
  limits: Limits;
  voice: Voice;
  /** Where citizens' phones reach the server (a ticket's QR), read when a ticket is printed. */
  publicUrl: () => string;
  /** The province's dossier system; default: the dossiers kept in the center's store. */
  dossiers?: DossierSource | undefined;
  /** This server is a linked unit's own hall (`--province`): it decides the unit's commands. */
  linkedHall?: boolean | undefined;
  /** The province's catalog as the deployment holds it now. */
  provinceCatalog: () => ProvinceCatalog;
  /** The configuration a center with none starts from (the demo center's, for a new folder). */
  firstConfig?: () => Promise<CenterConfig>;
}

/**
 * One center's hall, opened from its store: its configuration, queue, sessions, print jobs,
 * appointments, remote numbers and reports, as the transports reach them (App).
 */
export async function openHall(store: Store, opts: HallOptions): Promise<App> {
  const { clock, log } = opts;
  const config = await loadConfig(store, opts);

  // The public listing of procedures and the local dossiers live in the store; the demo seeds its own.
  let procedures = await store.loadProcedures();
  if (!procedures && config.mode === "demo") await store.saveProcedures((procedures = await demoProcedures()));
  let dossierRecords = await store.loadDossiers();
  if (!dossierRecords && config.mode === "demo") await store.saveDossiers((dossierRecords = await demoDossiers()));
  const listed = ProcedureCatalog.safeParse(procedures ?? []);
  if (!listed.success) throw new Error(`The procedures of center ${config.center.id} are invalid: ${describeZodError(listed.error)}`);
  const stored = DossierRecords.safeParse(dossierRecords ?? []);
  if (!stored.success) throw new Error(`The dossiers of center ${config.center.id} are invalid: ${describeZodError(stored.error)}`);
  const dossiers = opts.dossiers ?? (dossierRecords ? new StoredDossiers(stored.data) : noDossierSystem);
  const catalog: Catalog = { procedures: () => listed.data, dossiers };

  const center = config.center.id;
  const sessions = await Sessions.openIn(store, clock, center);
  const service = await QueueService.open({ store, sessions, clock, log, config, linkedHall: opts.linkedHall });

  // Device ids are unique within a center only: their allowances are kept per center.
  const ofCenter = (l: Limiter): Limiter => ({ take: (key) => l.take(`${center}|${key}`) });
  const limits: Limits = {
    ...opts.limits,
    issuePerDevice: ofCenter(opts.limits.issuePerDevice),
    ratingPerDevice: ofCenter(opts.limits.ratingPerDevice),
    loginPerUser: ofCenter(opts.limits.loginPerUser),
    remotePerNetwork: ofCenter(opts.limits.remotePerNetwork),
    bookingsPerNetwork: ofCenter(opts.limits.bookingsPerNetwork),
  };
  const prints = new PrintJobs(service, opts.publicUrl);
  const reports = new Reports(service, store, log);
  const phones = phoneHasher(await phoneKey(store));
  const appointments = await Appointments.open(service, store, prints, log, phones, limits.bookingsPerNetwork);
  // The lobby boards' hall code for "I have arrived": one server alone makes its secret now and
  // never stores it; instances sharing a database share the one it keeps.
  const hall = new HallCode(clock, service.shared ? Buffer.from(await storedKey(store, "hall"), "base64url") : undefined);
  const remote = new RemoteNumbers(service, prints, hall, phones, store, limits.remotePerNetwork);
  // A unit's own save may not rename the province's entries, nor claim one the catalog has not.
  service.checkConfigWith((next) => catalogProblems(next, opts.provinceCatalog()));
  return { center, service, prints, reports, appointments, remote, hall, planner: new StaffingPlanner(service), catalog, provinceCatalog: opts.provinceCatalog, limits, voice: opts.voice, log };
}

async function loadConfig(store: Store, opts: HallOptions): Promise<CenterConfig> {
  const saved = await store.loadConfig();
  if (!saved) {
    if (!opts.firstConfig) throw new Error("This center has no configuration.");
    const config = await opts.firstConfig();
    await store.saveConfig(config);
    opts.log.info({ center: config.center.id }, "no configuration found: created the center");
    return config;
  }
  // A folder from before appointments has no calendar: it starts from the national holidays, and
  // every weekday stays open as before (remote numbers followed the hours alone) until an admin sets the week.
  const checked = validateConfig("calendar" in saved ? saved : { ...(saved as object), calendar: { workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: VIETNAM_HOLIDAYS } });
  if (!checked.ok) throw new Error(`The configuration of center ${(saved as CenterConfig).center?.id ?? "?"} is invalid: ${checked.message}`);
  return checked.config;
}
