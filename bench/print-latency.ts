/**
 * Tap to paper: from a kiosk asking for a ticket over Socket.IO to the ticket's last byte at
 * the (virtual) printer, through the real server, a station agent and raw TCP, the way the
 * demo prints. Also the size of a ticket on the wire. Run with `npm run bench`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { io } from "socket.io-client";
import { tcpPrinter, VirtualPrinter } from "@motcua/printer-driver";
import { createLogger, startServer } from "@motcua/queue-server";
import { startStationAgent } from "@motcua/station-agent";

const N = Number(process.env.BENCH_PRINTS ?? 300);
const dataDir = await mkdtemp(join(tmpdir(), "motcua-print-bench-"));
const server = await startServer({ dataDir, port: 0, host: "127.0.0.1", logger: createLogger("silent"), issuePerMinute: 100_000 });
const printer = new VirtualPrinter("80mm");
const port = await printer.listen(0);
const agent = startStationAgent({ serverUrl: server.url, key: "station-demo-key", printer: tcpPrinter("127.0.0.1", port), paper: "80mm" });
const kiosk = io(`${server.url}/kiosk`, { auth: { token: "kiosk-demo-key" }, transports: ["websocket"] });
await Promise.all([kiosk, agent.socket].map((s) => new Promise((r) => (s.connected ? r(null) : s.once("connect", () => r(null))))));

const services = ["khai-sinh", "chung-thuc-ban-sao", "tra-ket-qua", "dang-ky-dat-dai"];
const times: number[] = [];
const sizes: number[] = [];
for (let i = 0; i < N + 20; i++) {
  const started = performance.now();
  const printed = new Promise<number>((resolve) => printer.once("printed", (t) => resolve(t.bytes.length)));
  kiosk.emit("ticket:issue", { serviceId: services[i % services.length] }, () => {});
  const bytes = await printed;
  // The first tickets warm up fonts and JIT.
  if (i >= 20) {
    times.push(performance.now() - started);
    sizes.push(bytes);
  }
}
await agent.idle();
times.sort((a, b) => a - b);
sizes.sort((a, b) => a - b);
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
console.log(`\ntap → bytes at the printer (${N} tickets, one kiosk, station agent over raw TCP to the virtual printer)`);
console.log(`  p50 ${q(times, 0.5).toFixed(1)} ms · p99 ${q(times, 0.99).toFixed(1)} ms · max ${times.at(-1)!.toFixed(1)} ms`);
console.log(`  ticket size on 80 mm paper (raster Vietnamese text): median ${(q(sizes, 0.5) / 1024).toFixed(1)} kB, largest ${(sizes.at(-1)! / 1024).toFixed(1)} kB`);
kiosk.close();
agent.close();
await printer.close();
await server.close();
await rm(dataDir, { recursive: true, force: true });
process.exit(0);
