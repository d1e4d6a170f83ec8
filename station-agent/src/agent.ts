import { PrintJob, type PrintResult, type PrinterStatus, type StationClientEvents, type StationServerEvents } from "@motcua/protocol";
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
const REPORT_TIMEOUT_MS = 10_000;

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

  /** Reports the server has not acknowledged yet: sent again on every reconnect, so no job is left open. */
  const unanswered = new Map<string, PrintResult>();
  const report = (result: PrintResult) =>
    new Promise<void>((resolve) => {
      unanswered.set(result.jobId, result);
      socket.timeout(REPORT_TIMEOUT_MS).emit("print:report", result, (err, r) => {
        // No answer (the line dropped): the report waits for the next connect. A refusal
        // means the server no longer holds the job (a new day, a restart): nothing to resend.
        if (!err) unanswered.delete(result.jobId);
        if (!err && !r.ok) log("the server did not take a print report", { code: r.code, message: r.message });
        resolve();
      });
    });

  async function print(job: PrintJob): Promise<void> {
    let printed = false;
    let status: PrinterStatus | null = null;
    let message: string | undefined;
    try {
      status = await opts.printer.print(renderTicket(job.ticket, job.center, { paper: opts.paper, text: opts.text ?? "raster" }));
      printed = true;
      if (status === null) message = "the printer did not say how it is";
    } catch (e) {
      message = (e as Error).message;
    }
    log(printed ? "printed" : "could not print", { ticket: job.ticket.number, status, message });
    await report({ jobId: job.id, printed, status, ...(message ? { message: message.slice(0, 300) } : {}) });
  }

  socket.on("connect", () => {
    log("connected", { server: opts.serverUrl });
    for (const result of unanswered.values()) void report(result);
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
