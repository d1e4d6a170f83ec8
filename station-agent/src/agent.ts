import { PrintJob, type PrinterStatus, type StationClientEvents, type StationServerEvents } from "@motcua/protocol";
import { io, type Socket } from "socket.io-client";
import { renderTicket, type Paper, type Transport, type VietnameseCodePage } from "../../printer-driver/src/index.ts";

export interface StationAgentOptions {
  /** The queue-server, e.g. http://192.168.1.10:8080. */
  serverUrl: string;
  /** This station's device key. */
  key: string;
  printer: Transport;
  paper: Paper;
  text?: "raster" | VietnameseCodePage;
  log?: (message: string, detail?: Record<string, unknown>) => void;
}

export interface StationAgent {
  readonly socket: Socket<StationServerEvents, StationClientEvents>;
  /** Resolves when every job received so far has been printed and answered. */
  idle(): Promise<void>;
  close(): void;
}

/** Job ids remembered, so a job the server sends again after a reconnect prints once. */
const REMEMBER = 1000;

/**
 * The process on a kiosk's or counter's PC: takes the print jobs the server holds for its
 * kiosks, prints them one at a time, and answers each with the printer's status. It keeps no
 * queue of its own: on every (re)connect it asks the server what is pending. socket.io
 * reconnects forever, backing off to 10 s between tries.
 */
export function startStationAgent(opts: StationAgentOptions): StationAgent {
  const log = opts.log ?? (() => {});
  const socket: Socket<StationServerEvents, StationClientEvents> = io(`${opts.serverUrl}/station`, {
    auth: { token: opts.key },
    transports: ["websocket"],
    reconnectionDelayMax: 10_000,
  });
  const seen = new Set<string>();
  let chain: Promise<void> = Promise.resolve();

  const take = (raw: unknown) => {
    const parsed = PrintJob.safeParse(raw);
    if (!parsed.success) {
      log("refused a malformed print job", { issues: parsed.error.issues.length });
      return;
    }
    const job = parsed.data;
    if (seen.has(job.id)) return;
    seen.add(job.id);
    if (seen.size > REMEMBER) seen.delete(seen.values().next().value!);
    chain = chain.then(() => print(job));
  };

  async function print(job: PrintJob): Promise<void> {
    let printed = false;
    let status: PrinterStatus | null = null;
    let message: string | undefined;
    try {
      await opts.printer.send(renderTicket(job.ticket, job.center, { paper: opts.paper, text: opts.text ?? "raster" }));
      printed = true;
    } catch (e) {
      message = (e as Error).message;
    }
    try {
      status = await opts.printer.status();
    } catch (e) {
      printed = false;
      message ??= (e as Error).message;
    }
    log(printed ? "printed" : "could not print", { ticket: job.ticket.number, status, message });
    await new Promise<void>((resolve) => {
      socket.emit("print:report", { jobId: job.id, printed, status, ...(message ? { message: message.slice(0, 300) } : {}) }, () => resolve());
    });
  }

  socket.on("connect", () => {
    log("connected", { server: opts.serverUrl });
    socket.emit("print:sync", {}, (r) => {
      if (r.ok) for (const job of r.data.jobs) take(job);
      else log("the server refused the pending jobs", { code: r.code, message: r.message });
    });
  });
  socket.on("connect_error", (e) => log("cannot reach the server; trying again", { message: e.message }));
  socket.on("print:requested", ({ job }) => take(job));

  return {
    socket,
    idle: async () => {
      for (let last: Promise<void> | null = null; last !== chain; ) {
        last = chain;
        await last;
      }
    },
    close: () => {
      socket.close();
    },
  };
}
