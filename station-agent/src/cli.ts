import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { printerAt, readLogo, tcpPrinter, VirtualPrinter, type Paper, type Transport } from "@motcua/printer-driver";
import { startStationAgent, type DeviceBinding } from "./agent.ts";
import { watchHid } from "./hid.ts";
import { startLocalProxy } from "./local-proxy.ts";
import { virtualDevices } from "./virtual-devices.ts";

const HELP = `npm run station -- --server URL --key KEY --printer PRINTER [--paper 80mm|58mm] [--text raster|tcvn3|windows1258] [--serve-kiosk PORT]
  --server   the queue-server, e.g. http://192.168.1.10:8080 (env MOTCUA_SERVER)
  --key      this station's device key (env MOTCUA_STATION_KEY, which other users of the PC cannot see
             in its process list; the demo's: station-demo-key)
  --printer  tcp://HOST[:9100]   a network printer
             file:/dev/usb/lp0   a USB printer through the kernel's printer device (or any file)
             serial:/dev/ttyUSB0[@9600]   a serial or USB-serial printer (COM3 on Windows)
             virtual[:PORT]      a printer without hardware; its paper goes to --out as PNGs
  --text     how Vietnamese reaches paper: raster pictures (default, any printer) or the printer's code page
  --logo FILE.png    the center's logo, printed above its name (fitted into 40 % of the width and 15 mm of height, black and white)
  --status-every SECONDS   ask a TCP or serial printer how it is this often between tickets and report a change (default 30, 0 = never)
  --pos-scanner VID:PID@KIOSK     a QR/barcode scanner in HID POS mode beside that kiosk (hex USB ids, e.g. 0c2e:0b61@kiosk-sanh)
  --scanner VID:PID@KIOSK         the same in keyboard mode (HID POS is better: the system does not also type the scan)
  --keypad VID:PID@COUNTER        a counter keypad: keys 1–5 = Next, Recall, Start, Complete, No-show
  --rating-pad VID:PID@COUNTER    a rating pad: buttons 1–3 = Rất hài lòng, Hài lòng, Không hài lòng
  (each repeatable; a device that is unplugged is looked for again every few seconds)
  --serve-kiosk PORT   on a kiosk PC: serve the server's pages at http://localhost:PORT (e.g. 8081), this
             PC only, so its browser opens http://localhost:PORT/kiosk/?key=KIOSK-KEY; Chromium lets only
             such a secure (localhost or https) page use the camera to scan QR codes. While the server is
             away it answers a page that says so and retries by itself.
  --virtual-devices KIOSK@COUNTER   devices without hardware (the demo's): a HID POS scanner beside KIOSK,
             a keypad and a rating pad at COUNTER; with --type-keys, lines typed on stdin press them:
             scan TEXT · next · recall · start · complete · noshow · rate 1|2|3
  --log-json one JSON object per log line (when another program reads the station's log)`;

const { values } = parseArgs({
  options: {
    server: { type: "string" },
    key: { type: "string" },
    printer: { type: "string" },
    paper: { type: "string", default: "80mm" },
    text: { type: "string", default: "raster" },
    out: { type: "string", default: "printed" },
    logo: { type: "string" },
    "status-every": { type: "string", default: "30" },
    scanner: { type: "string", multiple: true },
    "pos-scanner": { type: "string", multiple: true },
    keypad: { type: "string", multiple: true },
    "rating-pad": { type: "string", multiple: true },
    "serve-kiosk": { type: "string" },
    "virtual-devices": { type: "string" },
    "type-keys": { type: "boolean" },
    "log-json": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
values.server ??= process.env.MOTCUA_SERVER;
values.key ??= process.env.MOTCUA_STATION_KEY;
const virtualAt = values["virtual-devices"] === undefined ? undefined : /^([a-z0-9-]+)@([a-z0-9-]+)$/.exec(values["virtual-devices"]);
const paper = values.paper as Paper;
const text = values.text as "raster" | "tcvn3" | "windows1258";
const statusEvery = Number(values["status-every"]);
const kioskPort = values["serve-kiosk"] === undefined ? undefined : Number(values["serve-kiosk"]);
if (
  values.help ||
  !values.server ||
  !values.key ||
  !values.printer ||
  !["80mm", "58mm"].includes(paper) ||
  !["raster", "tcvn3", "windows1258"].includes(text) ||
  !(Number.isFinite(statusEvery) && statusEvery >= 0) ||
  (kioskPort !== undefined && !(Number.isInteger(kioskPort) && kioskPort >= 1 && kioskPort <= 65535)) ||
  virtualAt === null
) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}

// The logo is read once, before anything starts: a file that is missing or is no picture stops
// the station here with its name, never a print later on.
const logo = values.logo
  ? await readLogo(values.logo, paper).catch((e: Error) => {
      console.error(`--logo: ${e.message}`);
      process.exit(2);
    })
  : undefined;

async function printerOf(spec: string): Promise<Transport> {
  const named = printerAt(spec);
  if (named) return named;
  const virtual = /^virtual(?::(\d+))?$/.exec(spec);
  if (virtual) {
    const printer = new VirtualPrinter(paper);
    const port = await printer.listen(Number(virtual[1] ?? 0));
    const out = resolve(values.out!);
    await printer.keepPaperIn(out, (e, file) => e && console.error(`could not save ${file}: ${e.message}`));
    log(`virtual printer on 127.0.0.1:${port}; its paper goes to ${out}`);
    return tcpPrinter("127.0.0.1", port);
  }
  console.error(`--printer wants tcp://HOST[:PORT], file:PATH, serial:PORT[@BAUD] or virtual[:PORT] (got ${spec})`);
  process.exit(2);
}

const log = values["log-json"]
  ? (message: string, detail?: Record<string, unknown>) => console.log(JSON.stringify({ time: new Date().toISOString(), msg: message, ...detail }))
  : (message: string, detail?: Record<string, unknown>) => console.log(new Date().toISOString(), message, detail ? JSON.stringify(detail) : "");

/** "0c2e:0b61@quay-3": USB ids in hex, and the kiosk or counter the device stands at. */
function device(spec: string): { source: ReturnType<typeof watchHid>; at: string } {
  const m = /^([0-9a-f]{4}):([0-9a-f]{4})@([a-z0-9-]+)$/i.exec(spec);
  if (!m) {
    console.error(`a device is VID:PID@WHERE in hex, e.g. 0c2e:0b61@quay-3 (got ${spec})`);
    process.exit(2);
  }
  return { source: watchHid(parseInt(m[1]!, 16), parseInt(m[2]!, 16), log), at: m[3]! };
}
const devices: DeviceBinding[] = [
  ...(values.scanner ?? []).map(device).map(({ source, at }) => ({ kind: "scanner" as const, kioskId: at, source })),
  ...(values["pos-scanner"] ?? []).map(device).map(({ source, at }) => ({ kind: "scanner" as const, mode: "hidPos" as const, kioskId: at, source })),
  ...(values.keypad ?? []).map(device).map(({ source, at }) => ({ kind: "keypad" as const, counterId: at, source })),
  ...(values["rating-pad"] ?? []).map(device).map(({ source, at }) => ({ kind: "ratingPad" as const, counterId: at, source })),
  ...(virtualAt ? virtualDevices(virtualAt[1]!, virtualAt[2]!, values["type-keys"] ? process.stdin : undefined) : []),
];

// The kiosk's local address first: a port that is taken stops the station here, with its reason.
if (kioskPort !== undefined) {
  const proxy = await startLocalProxy({ serverUrl: values.server, port: kioskPort, log }).catch((e: Error) => {
    console.error(`--serve-kiosk: ${e.message}`);
    process.exit(2);
  });
  console.log(`kiosk screen at ${proxy.url}/kiosk/ (add ?key=<the kiosk's device key>), passed on to ${new URL(values.server).origin}; this PC only (${proxy.addresses.join(", ")})`);
}

startStationAgent({
  serverUrl: values.server,
  key: values.key,
  printer: await printerOf(values.printer),
  paper,
  text,
  ...(logo ? { logo } : {}),
  statusEverySeconds: statusEvery,
  devices,
  log,
});
