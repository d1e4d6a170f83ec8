import { networkInterfaces } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEMO_ADMIN, DEMO_DEVICE_KEYS, DEMO_STAFF_PASSWORD, DEMO_SUPERVISOR } from "./auth/demo-credentials.ts";
import { createLogger } from "./log.ts";
import { tcpPrinter, VirtualPrinter } from "../../printer-driver/src/index.ts";
import { startStationAgent } from "../../station-agent/src/agent.ts";
import { startServer } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    "issue-rate": { type: "string" },
    "allow-origin": { type: "string", multiple: true },
    "no-station": { type: "boolean" },
    "public-url": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(`motcua queue-server
  --port N            HTTP port (env PORT; default 8080)
  --host ADDR         address to listen on (default 0.0.0.0: the hall's LAN)
  --data-dir DIR      where config and service days are stored (env MOTCUA_DATA_DIR; default ./data)
  --issue-rate N      tickets per minute per kiosk (default 30)
  --allow-origin URL  extra browser origin allowed on sockets (repeatable)
  --public-url URL    where phones reach this server, for the QR on tickets (env MOTCUA_PUBLIC_URL;
                      default: this machine's LAN address)
  --no-station        in demo mode, do not start the built-in station agent and virtual printer`);
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

const log = createLogger();
const dataDir = resolve(values["data-dir"] ?? process.env.MOTCUA_DATA_DIR ?? "data");
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
const server = await startServer({
  dataDir,
  port,
  publicUrl,
  printedDir: resolve(dataDir, "printed"),
  host: values.host,
  logger: log,
  issuePerMinute: num(values["issue-rate"], "--issue-rate"),
  allowedOrigins: values["allow-origin"] ?? [],
});

const lines = [
  "",
  `  motcua — ${server.service.config.center.name}`,
  `  Data:        ${dataDir}`,
  `  Server:      ${server.url}/`,
  `  Health:      ${server.url}/api/health`,
  `  Services:    ${server.url}/api/services`,
  `  OpenAPI:     ${server.url}/api/openapi.json`,
  `  Lobby board: ${server.url}/board/${server.demo ? `?key=${DEMO_DEVICE_KEYS.display}` : "?key=<display device key>"}`,
  `  Kiosk:       ${server.url}/kiosk/${server.demo ? `?key=${DEMO_DEVICE_KEYS.kiosk}` : "?key=<kiosk device key>"}`,
  `  Staff:       ${server.url}/staff/  (counter terminal, dashboard, reports, administration)`,
];
const lan = lanAddresses.map((a) => `http://${a}:${server.port}/`);
if (lan.length) lines.push(`  On the LAN:  ${lan.join("  ")}`);
if (server.demo) {
  lines.push(
    "",
    "  Demo credentials (refused outside demo mode):",
    `    admin ${DEMO_ADMIN.username}/${DEMO_ADMIN.password} · supervisor ${DEMO_SUPERVISOR.username}/${DEMO_SUPERVISOR.password} · staff canbo1…canbo10/${DEMO_STAFF_PASSWORD}`,
    `    device keys: ${DEMO_DEVICE_KEYS.kiosk} (kiosk), ${DEMO_DEVICE_KEYS.display} (display), ${DEMO_DEVICE_KEYS.station} (station)`,
  );
}
// The demo prints too: a station agent in this process with a printer that needs no hardware,
// its paper saved as PNGs, so a newcomer sees a ticket come out of the kiosk.
let demoStation: { close(): void } | null = null;
if (server.demo && !values["no-station"]) {
  const paperDir = resolve(dataDir, "printed");
  const printer = new VirtualPrinter("80mm");
  const printerPort = await printer.listen(0);
  await printer.keepPaperIn(paperDir, (err, file) =>
    err ? log.warn({ err, file }, "demo printer could not save its paper") : log.info({ file }, "demo printer printed a ticket"),
  );
  const own = listensEverywhere ? "127.0.0.1" : values.host!;
  demoStation = startStationAgent({
    serverUrl: `http://${own}:${server.port}`,
    key: DEMO_DEVICE_KEYS.station,
    printer: tcpPrinter("127.0.0.1", printerPort),
    paper: "80mm",
    log: (message, detail) => log.info({ station: "demo", ...detail }, message),
  });
  lines.push(`    demo printer: virtual (no hardware); its tickets: ${server.url}/demo/printed (files in ${paperDir})`);
}
console.log(lines.join("\n") + "\n");
// A line a supervising process (tests, scripts) can wait for.
log.info({ url: server.url, port: server.port }, "listening");

const stop = (signal: string) => {
  log.info({ signal }, "shutting down");
  demoStation?.close();
  void server.close().then(() => process.exit(0));
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
