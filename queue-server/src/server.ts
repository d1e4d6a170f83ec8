import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server as IoServer } from "socket.io";
import { Deployment } from "./app/deployment.ts";
import { linkToProvince, provinceConfig } from "./app/province-link.ts";
import { deploymentMetrics } from "./app/metrics.ts";
import { validateConfig } from "./config/validate.ts";
import type { QueueService } from "./app/queue-service.ts";
import type { DossierSource } from "./catalog/dossiers.ts";
import { createHttpApp } from "./http/app.ts";
import { guardConnections, trustedProxy, type ConnectionGuard, type ConnectionLimits } from "./http/connections.ts";
import { serverNames } from "./http/edge.ts";
import { createLogger, type Logger } from "./log.ts";
import { attachRealtime, type RealtimeOptions } from "./realtime/index.ts";
import { LowdbCenters } from "./store/lowdb-centers.ts";
import { OneStore } from "./store/one-store.ts";
import type { CenterStores, Store } from "./store/types.ts";

/**
 * A linked hall's configuration comes from the province: a new hall's folder takes it before it
 * opens; one that has its own goes on with it and takes the province's through the link (updateConfig).
 */
async function takeProvinceConfig(stores: CenterStores, province: { url: string; key: string }, log: Logger): Promise<void> {
  const kept = await stores.centers();
  if (kept.length) return;
  const given = await provinceConfig(province.url, province.key);
  if (!given) throw new Error(`This hall has no configuration yet and the province at ${province.url} did not give one; connect it once, then it works offline.`);
  await stores.province.saveCatalog(given.catalog);
  const checked = validateConfig(given.config);
  if (!checked.ok) throw new Error(`The province's configuration for this hall is invalid: ${checked.message}`);
  await stores.store(checked.config.center.id).saveConfig(checked.config);
  log.info({ center: checked.config.center.id }, "took this hall's configuration from the province");
}

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
  /** GETs of the public routes per minute per address (http/app.ts PUBLIC_READS_PER_MINUTE). */
  readsPerMinute?: number;
  /** Commands per minute one socket may send (realtime/bind.ts COMMANDS_PER_MINUTE). */
  commandsPerMinute?: number;
  allowedOrigins?: string[];
  /** Names the server answers to besides its public address's, any IP address and localhost (--allow-host). */
  allowedHosts?: string[];
  /**
   * The reverse proxies in front of this server whose X-Forwarded-For is believed, in express's
   * "trust proxy" terms: the proxy's own address ("loopback", "10.0.0.2") or the number of proxies
   * in front. Without it every phone behind a proxy has the proxy's address, and the per-network
   * limits count the whole city as one. Never a whole network the phones are on ("uniquelocal"
   * with the hall's Wi-Fi): each phone could then write its own address and slip every limit.
   */
  trustProxy?: boolean | number | string;
  /** One center's store (tests, benches): the deployment is that one center. */
  store?: Store;
  /** The deployment's stores (main.ts gives the PostgreSQL database); default: the folder dataDir. */
  stores?: CenterStores;
  /** Serve only this center of the stores. */
  center?: string;
  /** The key an operator's monitor sends to read /metrics from another machine (without one: this machine only). */
  metricsKey?: string;
  /**
   * This server is a unit's own hall, linked to the province deployment at `url` with the unit's
   * link key: it takes its configuration from there and sends its journal up (app/province-link.ts).
   */
  province?: { url: string; key: string; heartbeatMs?: number; configEveryMs?: number };
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
  /** Connections per address and request timeouts (http/connections.ts DEFAULT_LIMITS); tests shorten them. */
  connections?: Partial<ConnectionLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The first center's queue (the only one's, in a one-center deployment). */
  service: QueueService;
  deployment: Deployment;
  /** A linked hall's link to the province; null for any other server. */
  link: ReturnType<typeof linkToProvince> | null;
  io: IoServer;
  /** Connections held and refused (http/connections.ts). */
  connections: ConnectionGuard;
  demo: boolean;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const clock = opts.clock ?? Date.now;
  const log = opts.logger ?? createLogger();
  const stores: CenterStores = opts.stores ?? (opts.store ? new OneStore(opts.store) : new LowdbCenters(opts.dataDir));

  let url = "";
  if (opts.province) await takeProvinceConfig(stores, opts.province, log);
  const deployment = await Deployment.open(stores, {
    linkedHall: opts.province !== undefined,
    clock,
    log,
    publicUrl: () => opts.publicUrl ?? url,
    dossiers: opts.dossiers,
    issuePerMinute: opts.issuePerMinute,
    loginPerMinute: opts.loginPerMinute,
    ratingsPerMinute: opts.ratingsPerMinute,
    only: opts.center,
  });
  // The names a browser may reach this server by (edge.ts hostAllowed): fixed at start.
  const hostNames = serverNames({ publicUrl: opts.publicUrl, allowedOrigins: opts.allowedOrigins, allowedHosts: opts.allowedHosts });
  const web = createHttpApp(deployment, {
    printedDir: opts.printedDir,
    trustProxy: opts.trustProxy,
    allowedOrigins: opts.allowedOrigins,
    hostNames,
    readsPerMinute: opts.readsPerMinute,
    dataDir: opts.dataDir,
    publicUrl: () => opts.publicUrl ?? url,
    metrics: { registry: () => metrics, key: opts.metricsKey },
    log,
  });
  const http = createHttpServer(web);
  // Before listen: one address cannot hold every descriptor; the trusted proxy's connections are not capped.
  const connections = guardConnections(http, { limits: opts.connections, trusted: trustedProxy(web), log });
  const realtime = attachRealtime(http, deployment, { allowedOrigins: opts.allowedOrigins ?? [], hostNames, adapter: opts.socketAdapter, commandsPerMinute: opts.commandsPerMinute });
  const io = realtime.io;
  // Nobody uses the root namespace: a socket there is only someone trying what is open.
  io.of("/").use((_socket, next) => next(Object.assign(new Error("No namespace here: connect to /kiosk, /display…"), { data: { code: "NOT_FOUND" } })));
  const metrics = deploymentMetrics(deployment, io, connections);
  const dayTimer = setInterval(() => {
    for (const hall of deployment.all()) void hall.service.checkDay().catch((e) => log.error({ err: e, center: hall.center }, "day check failed"));
    realtime.tick();
  }, opts.tickMs ?? 30_000);
  dayTimer.unref();
  // Notices of other instances' writes come at once; this poll is for one lost with a connection,
  // and for centers another instance created.
  let polls = 0;
  const followTimer = deployment.shared
    ? setInterval(() => {
        for (const hall of deployment.all()) void hall.service.follow();
        if (polls++ % 10 === 0) void deployment.discover().catch((e) => log.warn({ err: e }, "could not look for new centers"));
      }, opts.followMs ?? 1000)
    : null;
  followTimer?.unref();

  const link = opts.province ? linkToProvince(deployment.all()[0]!, { ...opts.province, log, takeCatalog: (c) => deployment.keepCatalog(c) }) : null;

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
    service: deployment.all()[0]!.service,
    deployment,
    link,
    io,
    connections,
    demo: deployment.demo,
    close: async () => {
      link?.stop();
      clearInterval(dayTimer);
      if (followTimer) clearInterval(followTimer);
      realtime.stop();
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      // Browsers keep connections open (a board fetching its voice clips): closing waits for
      // every one of them unless they are cut.
      http.closeAllConnections();
      await closed;
      // Last: commands already taken are answered, and the days are snapshotted for a quick start.
      await deployment.close();
      if (!opts.store && !opts.stores) await stores.close();
    },
  };
}
