import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { filePrinter, tcpPrinter, VirtualPrinter, type Paper, type Transport } from "../../printer-driver/src/index.ts";
import { startStationAgent } from "./agent.ts";

const HELP = `npm run station -- --server URL --key KEY --printer PRINTER [--paper 80mm|58mm] [--text raster|tcvn3|windows1258]
  --server   the queue-server, e.g. http://192.168.1.10:8080
  --key      this station's device key (the demo's: station-demo-key)
  --printer  tcp://HOST[:9100]   a network printer
             file:/dev/usb/lp0   a USB printer through the kernel's printer device (or any file)
             virtual[:PORT]      a printer without hardware; its paper goes to --out as PNGs
  --text     how Vietnamese reaches paper: raster pictures (default, any printer) or the printer's code page`;

const { values } = parseArgs({
  options: {
    server: { type: "string" },
    key: { type: "string" },
    printer: { type: "string" },
    paper: { type: "string", default: "80mm" },
    text: { type: "string", default: "raster" },
    out: { type: "string", default: "printed" },
    help: { type: "boolean", short: "h" },
  },
});
const paper = values.paper as Paper;
const text = values.text as "raster" | "tcvn3" | "windows1258";
if (values.help || !values.server || !values.key || !values.printer || !["80mm", "58mm"].includes(paper) || !["raster", "tcvn3", "windows1258"].includes(text)) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}

async function printerOf(spec: string): Promise<Transport> {
  const tcp = /^tcp:\/\/([^:/]+)(?::(\d+))?$/.exec(spec);
  if (tcp) return tcpPrinter(tcp[1]!, Number(tcp[2] ?? 9100));
  if (spec.startsWith("file:")) return filePrinter(spec.slice(5));
  const virtual = /^virtual(?::(\d+))?$/.exec(spec);
  if (virtual) {
    const printer = new VirtualPrinter(paper);
    const port = await printer.listen(Number(virtual[1] ?? 0));
    const out = resolve(values.out!);
    await mkdir(out, { recursive: true });
    let n = 0;
    printer.on("printed", (t) => {
      const file = join(out, `ticket-${String(++n).padStart(4, "0")}.png`);
      writeFile(file, t.png).catch((e: Error) => console.error(`could not save ${file}: ${e.message}`));
    });
    console.log(`virtual printer on 127.0.0.1:${port}; its paper goes to ${out}`);
    return tcpPrinter("127.0.0.1", port);
  }
  console.error(`--printer wants tcp://HOST[:PORT], file:PATH or virtual[:PORT] (got ${spec})`);
  process.exit(2);
}

startStationAgent({
  serverUrl: values.server,
  key: values.key,
  printer: await printerOf(values.printer),
  paper,
  text,
  log: (message, detail) => console.log(new Date().toISOString(), message, detail ? JSON.stringify(detail) : ""),
});
