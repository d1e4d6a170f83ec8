import { networkInterfaces } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEMO_ADMIN, DEMO_DEVICE_KEYS, DEMO_PROVINCE, DEMO_STAFF_PASSWORD, DEMO_SUPERVISOR } from "./auth/demo-credentials.ts";
import { createLogger } from "./log.ts";
import { parseKeepDays } from "./log-file.ts";
import { startServer } from "./server.ts";
import { createAdapter } from "@socket.io/postgres-adapter";
import { PgDatabase } from "./store/pg-store.ts";
import { LowdbStore } from "./store/lowdb-store.ts";
import { demoProvinceClock, startDemoProvince } from "./demo/province.ts";
import { reachableByPhones } from "./app/health.ts";
import { startDemoStation } from "./demo/station.ts";
import { NewerData, prepareDataDir } from "./ops/data-schema.ts";
import { backupFolder } from "./ops/backup.ts";
import { backupDatabase } from "./ops/pg-backup.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    database: { type: "string" },
    center: { type: "string" },
    "issue-rate": { type: "string" },
    "command-rate": { type: "string" },
    "read-rate": { type: "string" },
    "allow-origin": { type: "string", multiple: true },
    "allow-host": { type: "string", multiple: true },
    "no-station": { type: "boolean" },
    "province-admin": { type: "string" },
    demo: { type: "string" },
    province: { type: "string" },
    "unit-key": { type: "string" },
    "metrics-key": { type: "string" },
    speed: { type: "string" },
    "demo-keys": { type: "boolean" },
    "public-url": { type: "string" },
    "log-file": { type: "string" },
    "log-keep": { type: "string" },
    "trust-proxy": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(`motcua queue-server
  --port N            HTTP port (env PORT; default 8080)
  --host ADDR         address to listen on (default 0.0.0.0: the hall's LAN)
  --data-dir DIR      where config and service days are stored (env MOTCUA_DATA_DIR; default ./data)
  --database URL      keep everything in PostgreSQL instead (env DATABASE_URL; postgres://user:pass@host/db):
                      the schema is made or brought up to date at start; several servers may share it
  --center ID         serve this center alone (env MOTCUA_CENTER; default: every center of the data
                      folder or database; an empty one starts with the demo center)
  --province-admin U  make the province administrator's account U (or give it a new password), the
                      password read from env MOTCUA_PROVINCE_PASSWORD; U then creates centers and their admins
  --issue-rate N      tickets per minute per kiosk (env MOTCUA_ISSUE_RATE; default 30)
  --command-rate N    commands per minute one socket may send (env MOTCUA_COMMAND_RATE; default 300)
  --read-rate N       public reads (services, follow, slots) per minute per address (env MOTCUA_READ_RATE; default 300)
  --allow-origin URL  extra browser origin allowed on the API and sockets (repeatable)
  --allow-host NAME   a name browsers reach this server by, besides --public-url's, its IP addresses
                      and localhost (repeatable; env MOTCUA_ALLOW_HOST, comma-separated); others get 421
  --public-url URL    where phones reach this server, for the QR on tickets (env MOTCUA_PUBLIC_URL;
                      default: this machine's LAN address)
  --trust-proxy WHO   believe X-Forwarded-For from these proxies (env MOTCUA_TRUST_PROXY; e.g. loopback,
                      10.0.0.2): behind a reverse proxy, per-network limits then count phones, not the proxy
  --province URL      this server is a unit's own hall, linked to the province deployment at URL
                      (env MOTCUA_PROVINCE_URL) with the unit's link key --unit-key (env MOTCUA_UNIT_KEY):
                      it takes its configuration from there and sends its journal up; it keeps
                      working when the link is down, and catches the province up when it returns
  --metrics-key KEY   the key a monitor sends (Authorization: Bearer KEY) to read /metrics in Prometheus's
                      format (env MOTCUA_METRICS_KEY); without it only this machine may read them
  --log-file PATH     write the logs to PATH instead of stdout (env MOTCUA_LOG_FILE): PATH is today's,
                      PATH.YYYY-MM-DD a finished day's (local days); a file that cannot be written
                      drops lines and says so in /api/health, it never stops the server
  --log-keep N        finished days of --log-file kept (env MOTCUA_LOG_KEEP; default 14)
  --demo province     a demo province: the provincial center and six commune units in ./data-province,
                      their halls driven live (citizens, officers, ratings) through the API, time
                      running --speed times faster (default 10) from a working morning
  --no-station        in demo mode, do not start the built-in station agent and virtual printer
  --demo-keys         in demo mode, type on the demo station's virtual scanner, keypad and rating pad
                      from this terminal (off by default: a background job reading it would be stopped)`);
  process.exit(0);
}

const num = (s: string | undefined, what: string): number | undefined => {
  if (s === undefined || s === "") return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`${what} must be a whole number, got "${s}"`);
    process.exit(2);
  }
  return n;
};

const logFile = values["log-file"] ?? process.env.MOTCUA_LOG_FILE;
const keepDays = (() => {
  try {
    return parseKeepDays(values["log-keep"] ?? process.env.MOTCUA_LOG_KEEP);
  } catch (e) {
    console.error(`motcua: ${(e as Error).message}`);
    process.exit(2);
  }
})();
const log = createLogger(logFile ? { file: resolve(logFile), keepDays } : {});
// Standard output and error on a full disk (or a closed pipe) fail their writes: the lines are
// lost, the server goes on (an unhandled stream error would end it). The log counts its own.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
if (values.demo !== undefined && values.demo !== "province") {
  console.error(`--demo takes one word, province (got "${values.demo}")`);
  process.exit(2);
}
const demoProvince = values.demo === "province";
const speed = num(values.speed, "--speed") ?? 10;
const dataDir = resolve(values["data-dir"] ?? process.env.MOTCUA_DATA_DIR ?? (demoProvince ? "data-province" : "data"));
const port = num(values.port ?? process.env.PORT, "--port") ?? 8080;
// Kiosks, boards and citizens' phones on the hall's network reach the server by its LAN address.
const listensEverywhere = !values.host || values.host === "0.0.0.0";
const lanAddresses = listensEverywhere
  ? Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === "IPv4" && !a.internal)
      .map((a) => a!.address)
  : [];
const publicUrl = values["public-url"] ?? process.env.MOTCUA_PUBLIC_URL ?? (lanAddresses[0] && port ? `http://${lanAddresses[0]}:${port}` : undefined);
const databaseUrl = values.database ?? process.env.DATABASE_URL;
// A release that finds data of an older layout copies it before changing it, and refuses a newer one.
const upgradeBackups = resolve(dataDir, "upgrade-backups");
if (!databaseUrl) {
  const upgraded = await prepareDataDir(dataDir, () => backupFolder(dataDir, upgradeBackups)).catch((e: Error) => {
    console.error(`motcua: ${e.message}`);
    // A folder this release cannot read is no passing fault: 2 keeps systemd from restarting it (RestartPreventExitStatus).
    process.exit(e instanceof NewerData ? 2 : 1);
  });
  if (upgraded) log.warn({ ...upgraded }, `data folder brought from schema ${upgraded.from} to ${upgraded.to}; the copy taken before is in ${upgraded.backup}`);
}
const database = databaseUrl ? await connectDatabase(databaseUrl) : null;
// The demo province lives a day an hour (at 10×), from a working morning, whatever the hour.
const clock = demoProvince ? await demoProvinceClock(database ? database.store("lam-dong") : new LowdbStore(dataDir), speed) : undefined;
const provinceUrl = values.province ?? process.env.MOTCUA_PROVINCE_URL;
const unitKey = values["unit-key"] ?? process.env.MOTCUA_UNIT_KEY;
if (provinceUrl && !unitKey) {
  console.error("motcua: --province needs the unit's link key (--unit-key or MOTCUA_UNIT_KEY), as the province gave it");
  process.exit(2);
}
const server = await startServer({
  clock,
  province: provinceUrl ? { url: provinceUrl.replace(/\/+$/, ""), key: unitKey! } : undefined,
  metricsKey: values["metrics-key"] ?? process.env.MOTCUA_METRICS_KEY,
  dataDir,
  stores: database ?? undefined,
  center: values.center ?? process.env.MOTCUA_CENTER,
  // Several servers on one database: what one sends a room reaches that room's sockets on all.
  socketAdapter: database ? createAdapter(database.socketPool(), { errorHandler: (err) => log.warn({ err }, "socket.io adapter") }) : undefined,
  port,
  publicUrl,
  printedDir: resolve(dataDir, "printed"),
  host: values.host,
  logger: log,
  issuePerMinute: num(values["issue-rate"] ?? process.env.MOTCUA_ISSUE_RATE, "--issue-rate"),
  commandsPerMinute: num(values["command-rate"] ?? process.env.MOTCUA_COMMAND_RATE, "--command-rate"),
  readsPerMinute: num(values["read-rate"] ?? process.env.MOTCUA_READ_RATE, "--read-rate"),
  allowedOrigins: values["allow-origin"] ?? [],
  allowedHosts: [...(values["allow-host"] ?? []), ...(process.env.MOTCUA_ALLOW_HOST ?? "").split(",")].map((h) => h.trim()).filter(Boolean),
  trustProxy: trustProxyOf(values["trust-proxy"] ?? process.env.MOTCUA_TRUST_PROXY),
}).catch((e: Error) => {
  // A damaged file, a store that cannot be read: said in one line an operator can act on.
  log.error({ err: e }, "could not start");
  console.error(`motcua: cannot start: ${e.message}`);
  process.exit(1);
});

const provinceAdmin = values["province-admin"];
if (provinceAdmin) {
  const password = process.env.MOTCUA_PROVINCE_PASSWORD ?? "";
  if (password.replace(/\s/g, "").length < 10) {
    console.error("motcua: --province-admin needs MOTCUA_PROVINCE_PASSWORD of at least 10 characters that are not spaces");
    process.exit(2);
  }
  await server.deployment.setProvinceAccount(provinceAdmin, password);
  log.info({ username: provinceAdmin }, "province administrator's account set");
}

const halls = server.deployment.all();
const lines = [
  "",
  halls.length === 1 ? `  motcua — ${server.service.config.center.name}` : `  motcua — ${halls.length} centers: ${halls.map((h) => h.center).join(", ")}`,
  `  Data:        ${databaseUrl ? `PostgreSQL ${redacted(databaseUrl)}` : dataDir}`,
  `  Server:      ${server.url}/`,
  `  Health:      ${server.url}/api/health`,
  `  Services:    ${server.url}/api/services`,
  `  OpenAPI:     ${server.url}/api/openapi.json`,
  `  Lobby board: ${server.url}/board/${server.demo ? `?key=${DEMO_DEVICE_KEYS.display}` : "?key=<display device key>"}`,
  `  Kiosk:       ${server.url}/kiosk/${server.demo ? `?key=${DEMO_DEVICE_KEYS.kiosk}` : "?key=<kiosk device key>"}`,
  `  Staff:       ${server.url}/staff/  (counter terminal, dashboard, reports, administration)`,
];
// A ticket's QR opens the follow page at this address: a phone on mobile data must reach it.
const phonesGoTo = publicUrl ?? server.url;
if (!reachableByPhones(phonesGoTo)) {
  lines.push(`  Note:        tickets' QR codes lead to ${phonesGoTo}, which phones outside this network cannot open;`, "               set --public-url to the address phones reach (see /api/health)");
}
const lan = lanAddresses.map((a) => `http://${a}:${server.port}/`);
if (lan.length) lines.push(`  On the LAN:  ${lan.join("  ")}`);
if (server.demo) {
  lines.push(
    "",
    "  Demo credentials (refused outside demo mode):",
    `    admin ${DEMO_ADMIN.username}/${DEMO_ADMIN.password} · supervisor ${DEMO_SUPERVISOR.username}/${DEMO_SUPERVISOR.password} · staff canbo1…canbo10/${DEMO_STAFF_PASSWORD}`,
    `    province ${DEMO_PROVINCE.username}/${DEMO_PROVINCE.password} (creates centers and their admins)`,
    `    device keys: ${DEMO_DEVICE_KEYS.kiosk} (kiosk), ${DEMO_DEVICE_KEYS.display} (display), ${DEMO_DEVICE_KEYS.station} (station)`,
  );
}
// The demo prints too: a station agent with a printer that needs no hardware, its paper saved as
// PNGs, so a newcomer sees a ticket come out of the kiosk. It runs as its own process, as on a hall's
// kiosk PC, so the server's figures are the same whether the demo prints or not.
let demoStation: { close(): void } | null = null;
if (server.demo && !values["no-station"]) {
  const paperDir = resolve(dataDir, "printed");
  const own = listensEverywhere ? "127.0.0.1" : values.host!;
  demoStation = startDemoStation({ serverUrl: `http://${own}:${server.port}`, key: DEMO_DEVICE_KEYS.station, paperDir, typeKeys: !!values["demo-keys"], log });
  lines.push(`    demo printer: virtual (no hardware); its tickets: ${server.url}/demo/printed (files in ${paperDir})`);
  if (values["demo-keys"]) {
    lines.push(
      "    demo devices: type scan TEXT (the lobby kiosk's scanner), next/recall/start/complete/noshow (counter 1's keypad),",
      "    rate 1|2|3 (its rating pad); keypad and pad act for counter 1 (the demo station lists quay-1)",
    );
  }
}
if (demoProvince) {
  const own = listensEverywhere ? "127.0.0.1" : values.host!;
  await startDemoProvince(server.deployment, { url: `http://${own}:${server.port}`, clock: clock!, speed, log: (message, detail) => log.warn(detail ?? {}, message) });
  lines.push(
    "",
    `  Demo province: ${server.deployment.all().length} units, their halls driven live; time runs ${speed}× from ${new Date(clock!()).toISOString().slice(0, 10)} 07:30.`,
    `    province page: ${server.url}/staff/ choosing "Cấp tỉnh" with ${DEMO_PROVINCE.username}/${DEMO_PROVINCE.password}; a commune: choose it, admin/admin`,
    `    commune kiosks and boards: ${server.url}/kiosk/?key=kiosk-<unit id>-demo-key, /board/?key=display-<unit id>-demo-key`,
  );
}
console.log(lines.join("\n") + "\n");
// A line a supervising process (tests, scripts) can wait for.
log.info({ url: server.url, port: server.port }, "listening");

const stop = (signal: string) => {
  log.info({ signal }, "shutting down");
  demoStation?.close();
  void server
    .close()
    .then(() => database?.close())
    .then(() => process.exit(0));
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));

/** "2" is two proxies in front, "true" every one (express's own reading), anything else addresses. */
function trustProxyOf(v: string | undefined): boolean | number | string | undefined {
  if (v === undefined || v === "") return undefined;
  if (v === "true" || v === "false") return v === "true";
  return /^\d+$/.test(v) ? Number(v) : v;
}

async function connectDatabase(url: string): Promise<PgDatabase> {
  try {
    return await PgDatabase.connect(url, {
      beforeMigrating: async (pending) => {
        const saved = await backupDatabase(url, upgradeBackups);
        log.warn({ pending, backup: saved }, "the database's schema will change; a copy was taken first");
      },
    });
  } catch (e) {
    console.error(`motcua: cannot use the database at ${redacted(url)}: ${(e as Error).message}`);
    process.exit(1);
  }
}

/** A database URL as it may be printed: without its password. */
function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.href;
  } catch {
    return "(not a URL)";
  }
}
