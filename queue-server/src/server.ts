import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server as IoServer } from "socket.io";
import { QueueService } from "./app/queue-service.ts";
import { RateLimiter, SharedRateLimiter, type Limiter } from "./auth/rate-limit.ts";
import { Sessions } from "./auth/sessions.ts";
import { demoConfig } from "./config/demo.ts";
import { Appointments } from "./app/appointments.ts";
import { phoneHasher, phoneKey, RemoteNumbers, storedKey } from "./app/remote.ts";
import { HallCode } from "./app/hall-code.ts";
import { VIETNAM_HOLIDAYS } from "./config/holidays.ts";
import { validateConfig } from "./config/validate.ts";
import { ProcedureCatalog, describeZodError } from "@motcua/protocol";
import { demoDossiers, demoProcedures } from "./catalog/demo-data.ts";
import { DossierRecords, noDossierSystem, StoredDossiers, type DossierSource } from "./catalog/dossiers.ts";
import type { App, Catalog, Limits } from "./app/context.ts";
import { createHttpApp } from "./http/app.ts";
import { createLogger, type Logger } from "./log.ts";
import { PrintJobs } from "./app/print-jobs.ts";
import { Reports } from "./app/reports.ts";
import { attachRealtime, type RealtimeOptions } from "./realtime/index.ts";
import { StaffingPlanner } from "./app/staffing.ts";
import { LowdbStore } from "./store/lowdb-store.ts";
import type { Store } from "./store/types.ts";

export interface ServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  clock?: () => number;
  logger?: Logger;
  /** Tickets per minute per kiosk (and twice that per IP address). */
  issuePerMinute?: number;
  loginPerMinute?: number;
  /** How often the server looks at the clock: turns the day, refreshes supervisors' figures (tests drive it faster). */
  tickMs?: number;
  /** Ratings per minute per kiosk. */
  ratingsPerMinute?: number;
  allowedOrigins?: string[];
  /**
   * The reverse proxies in front of this server whose X-Forwarded-For is believed, in express's
   * "trust proxy" terms: the proxy's own address ("loopback", "10.0.0.2") or the number of proxies
   * in front. Without it every phone behind a proxy has the proxy's address, and the per-network
   * limits count the whole city as one. Never a whole network the phones are on ("uniquelocal"
   * with the hall's Wi-Fi): each phone could then write its own address and slip every limit.
   */
  trustProxy?: boolean | number | string;
  store?: Store;
  /** Where the demo's virtual printer saves its paper, for /demo/printed. */
  printedDir?: string;
  /** Where citizens' phones reach this server (a ticket's QR); default: the address it listens on. */
  publicUrl?: string;
  /** The province's dossier system; default: the dossiers kept in the store (the demo's in demo mode). */
  dossiers?: DossierSource;
  /** Socket.IO's adapter where instances share a database (main.ts makes the PostgreSQL one). */
  socketAdapter?: RealtimeOptions["adapter"];
  /** How often an instance sharing its store looks for other instances' writes, besides their notices. */
  followMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  service: QueueService;
  io: IoServer;
  demo: boolean;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const clock = opts.clock ?? Date.now;
  const log = opts.logger ?? createLogger();
  const store: Store = opts.store ?? new LowdbStore(opts.dataDir);

  const saved = await store.loadConfig();
  let config;
  if (saved) {
    // A folder from before appointments has no calendar: it starts from the national holidays, and
    // every weekday stays open as before (remote numbers followed the hours alone) until an admin sets the week.
    const checked = validateConfig("calendar" in saved ? saved : { ...(saved as object), calendar: { workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: VIETNAM_HOLIDAYS } });
    if (!checked.ok) throw new Error(`The configuration in ${opts.dataDir}/config.json is invalid: ${checked.message}`);
    config = checked.config;
  } else {
    config = await demoConfig();
    await store.saveConfig(config);
    log.info({ dataDir: opts.dataDir }, "no configuration found: created the demo center");
  }

  // The public listing of procedures and the local dossiers live in the store; the demo seeds its own.
  let procedures = await store.loadProcedures();
  if (!procedures && config.mode === "demo") await store.saveProcedures((procedures = await demoProcedures()));
  let dossierRecords = await store.loadDossiers();
  if (!dossierRecords && config.mode === "demo") await store.saveDossiers((dossierRecords = await demoDossiers()));
  const listed = ProcedureCatalog.safeParse(procedures ?? []);
  if (!listed.success) throw new Error(`The procedures in ${opts.dataDir}/procedures.json are invalid: ${describeZodError(listed.error)}`);
  const stored = DossierRecords.safeParse(dossierRecords ?? []);
  if (!stored.success) throw new Error(`The dossiers in ${opts.dataDir}/dossiers.json are invalid: ${describeZodError(stored.error)}`);
  const dossiers = opts.dossiers ?? (dossierRecords ? new StoredDossiers(stored.data) : noDossierSystem);
  const catalog: Catalog = { procedures: () => listed.data, dossiers };

  const sessions = new Sessions({ load: () => store.loadSessions(), loadOne: (h) => store.loadSession(h), save: (h, r) => store.saveSession(h, r) }, clock);
  await sessions.load();
  const service = await QueueService.open({ store, sessions, clock, log, config });

  const issue = opts.issuePerMinute ?? 30;
  const login = opts.loginPerMinute ?? 10;
  // Where instances share the store they count together, or each would allow its own share again.
  const takeRate = service.shared ? store.takeRate?.bind(store) : undefined;
  const limiter = (name: string, perMinute: number): Limiter =>
    takeRate ? new SharedRateLimiter(name, perMinute, (key, n) => takeRate(key, n, clock()), clock) : new RateLimiter(perMinute, clock);
  const limits: Limits = {
    issuePerDevice: limiter("issue-device", issue),
    issuePerIp: limiter("issue-ip", issue * 2),
    loginPerIp: limiter("login-ip", login * 3),
    loginPerUser: limiter("login-user", login),
    ratingPerDevice: limiter("rating-device", opts.ratingsPerMinute ?? 10),
  };

  let url = "";
  const prints = new PrintJobs(service, () => opts.publicUrl ?? url);
  const reports = new Reports(service, store, log);
  const phones = phoneHasher(await phoneKey(store));
  const appointments = await Appointments.open(service, store, prints, log, phones);
  // The lobby boards' hall code for "I have arrived": one server alone makes its secret now and
  // never stores it; instances sharing a database share the one it keeps.
  const hall = new HallCode(clock, service.shared ? Buffer.from(await storedKey(store, "hall"), "base64url") : undefined);
  const remote = new RemoteNumbers(service, prints, hall, phones);
  const app: App = { service, prints, reports, appointments, remote, hall, planner: new StaffingPlanner(service), catalog, limits, log };
  const http = createHttpServer(createHttpApp(app, { printedDir: opts.printedDir, trustProxy: opts.trustProxy }));
  const realtime = attachRealtime(http, app, { allowedOrigins: opts.allowedOrigins ?? [], adapter: opts.socketAdapter });
  const io = realtime.io;
  const dayTimer = setInterval(() => {
    void service.checkDay().catch((e) => log.error({ err: e }, "day check failed"));
    realtime.tick();
  }, opts.tickMs ?? 30_000);
  dayTimer.unref();
  // Notices of other instances' writes come at once; this poll is for one lost with a connection.
  const followTimer = service.shared ? setInterval(() => void service.follow(), opts.followMs ?? 1000) : null;
  followTimer?.unref();

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(opts.port ?? 0, opts.host ?? "0.0.0.0", () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const shownHost = !opts.host || opts.host === "0.0.0.0" ? "localhost" : opts.host;
  url = `http://${shownHost}:${port}`;
  return {
    url,
    port,
    service,
    io,
    demo: config.mode === "demo",
    close: async () => {
      clearInterval(dayTimer);
      if (followTimer) clearInterval(followTimer);
      realtime.stop();
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      // Browsers keep connections open (a board fetching its voice clips): closing waits for
      // every one of them unless they are cut.
      http.closeAllConnections();
      await closed;
      // Last: commands already taken are answered, and the day is snapshotted for a quick start.
      await service.close();
    },
  };
}
