import {
  PrintJob,
  type CounterKey,
  type PrintResult,
  type PrinterStatus,
  type RatingLevel,
  type StationClientEvents,
  type StationServerEvents,
} from "@motcua/protocol";
import { hidPosReader, keyboardReader, scannerReader, type HidSource } from "./hid.ts";
import { io, type Socket } from "socket.io-client";
import { renderTicket, type Bitmap, type Paper, type Transport, type VietnameseCodePage } from "@motcua/printer-driver";

export interface StationAgentOptions {
  /** The queue-server, e.g. http://192.168.1.10:8080. */
  serverUrl: string;
  /** This station's device key. */
  key: string;
  printer: Transport;
  paper: Paper;
  text?: "raster" | VietnameseCodePage;
  /** The center's logo above its name on every ticket, made once by `readLogo`/`ticketLogo`. */
  logo?: Bitmap;
  /**
   * Seconds between status requests while no ticket prints (default 30; 0 = never), on lines
   * that answer (TCP, serial): a printer that runs out of paper or goes away between tickets is
   * reported when it happens, not at the next ticket. Only a change is reported.
   */
  statusEverySeconds?: number;
  /** Scanners, counter keypads and rating pads plugged into this PC (real or virtual). */
  devices?: DeviceBinding[];
  log?: (message: string, detail?: Record<string, unknown>) => void;
}

export type DeviceBinding =
  | { kind: "scanner"; kioskId: string; source: HidSource; mode?: "keyboard" | "hidPos" }
  | { kind: "keypad"; counterId: string; source: HidSource; keys?: Record<number, CounterKey> }
  | { kind: "ratingPad"; counterId: string; source: HidSource; keys?: Record<number, RatingLevel> };

/**
 * Keys 1–5 (top row, keypad or F1–F5): Next, Recall, Start, Complete, No-show. Start is its
 * own key so the service time the wait estimates learn from begins when the citizen sits down.
 */
export const KEYPAD_KEYS: Record<number, CounterKey> = {
  0x1e: "next", 0x59: "next", 0x3a: "next",
  0x1f: "recall", 0x5a: "recall", 0x3b: "recall",
  0x20: "start", 0x5b: "start", 0x3c: "start",
  0x21: "complete", 0x5c: "complete", 0x3d: "complete",
  0x22: "noShow", 0x5d: "noShow", 0x3e: "noShow",
};
/** Buttons 1–3 of a rating pad: Rất hài lòng, Hài lòng, Không hài lòng. */
export const RATING_KEYS: Record<number, RatingLevel> = {
  0x1e: "very_satisfied", 0x59: "very_satisfied",
  0x1f: "satisfied", 0x5a: "satisfied",
  0x20: "unsatisfied", 0x5b: "unsatisfied",
};

export interface StationAgent {
  readonly socket: Socket<StationServerEvents, StationClientEvents>;
  /** Resolves when every job received so far has been printed and answered. */
  idle(): Promise<void>;
  close(): void;
}

/** Job ids remembered, so a job the server sends again after a reconnect prints once. */
const REMEMBER = 1000;
const REPORT_TIMEOUT_MS = 10_000;
/** What the station reports for a printer that does not answer a status request at all. */
const OFFLINE: PrinterStatus = { online: false, coverOpen: false, paperNearEnd: false, paperOut: false, error: false };
const sameStatus = (a: PrinterStatus, b: PrinterStatus) =>
  a.online === b.online && a.coverOpen === b.coverOpen && a.paperNearEnd === b.paperNearEnd && a.paperOut === b.paperOut && a.error === b.error;

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
  /** Everything that uses the printer, one at a time: jobs, and status requests between them. */
  let chain: Promise<void> = Promise.resolve();
  /** Jobs taken and not yet answered. */
  let jobsOpen = 0;
  /** The printer's state as the server last heard it from this agent; null when it may not know. */
  let heard: PrinterStatus | null = null;

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
    jobsOpen++;
    chain = chain.then(async () => {
      try {
        await print(job);
      } finally {
        jobsOpen--;
      }
    });
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
        if (!err && r.ok) heard = result.status;
        if (!err && !r.ok) log("the server did not take a print report", { code: r.code, message: r.message });
        resolve();
      });
    });

  async function print(job: PrintJob): Promise<void> {
    let printed = false;
    let status: PrinterStatus | null = null;
    let message: string | undefined;
    try {
      const bytes = renderTicket(job.ticket, job.center, { paper: opts.paper, text: opts.text ?? "raster", ...(opts.logo ? { logo: opts.logo } : {}) });
      status = await opts.printer.print(bytes);
      printed = true;
      if (status === null) message = "the printer did not say how it is";
    } catch (e) {
      message = (e as Error).message;
    }
    log(printed ? "printed" : "could not print", { ticket: job.ticket.number, status, message });
    await report({ jobId: job.id, printed, status, ...(message ? { message: message.slice(0, 300) } : {}) });
  }

  // Between tickets the printer is asked how it is, on the same one-at-a-time chain as the
  // jobs, so a status request never shares the line with a ticket; a tick while a job is open
  // is skipped (the job's own report carries the status).
  const everyMs = Math.max(0, opts.statusEverySeconds ?? 30) * 1000;
  let asking = false;
  const watch = () => {
    if (asking || jobsOpen > 0 || !socket.connected) return;
    asking = true;
    const asked = chain.then(async (): Promise<{ status: PrinterStatus | null; message?: string }> => {
      try {
        return { status: await opts.printer.status() };
      } catch (e) {
        return { status: OFFLINE, message: (e as Error).message.slice(0, 300) };
      }
    });
    chain = asked.then(() => {});
    void asked
      .then(({ status, message }) => {
        if (status === null) {
          // A one-way line (a file, a kernel printer device) has nothing to say between tickets.
          clearInterval(timer);
          log("the printer's line is one-way: no status between tickets");
          return;
        }
        if (heard && sameStatus(heard, status)) return;
        return new Promise<void>((resolve) => {
          socket.timeout(REPORT_TIMEOUT_MS).emit("printer:status", { status, ...(message ? { message } : {}) }, (err, r) => {
            // Unanswered or refused: the next tick tries again.
            if (!err && r.ok) heard = status;
            log(err || !r.ok ? "the server did not take the printer's status" : "printer status changed", { status, message });
            resolve();
          });
        });
      })
      .finally(() => (asking = false));
  };
  const timer = everyMs > 0 ? setInterval(watch, everyMs) : undefined;

  socket.on("connect", () => {
    log("connected", { server: opts.serverUrl });
    // The server may have restarted and forgotten: the next status request is reported whatever it says.
    heard = null;
    for (const result of unanswered.values()) void report(result);
    socket.emit("print:sync", {}, (r) => {
      if (r.ok) for (const job of r.data.jobs) take(job);
      else log("the server refused the pending jobs", { code: r.code, message: r.message });
    });
  });
  socket.on("connect_error", (e) => log("cannot reach the server; trying again", { message: e.message }));

  // A key pressed while the server is away is dropped, not saved: a "Next" that fires minutes
  // later would call a citizen nobody is waiting for.
  const live = (what: string) => {
    if (!socket.connected) log(`not connected: ${what} ignored`);
    return socket.connected;
  };
  for (const d of opts.devices ?? []) {
    if (d.kind === "scanner") {
      const forward = (text: string) => {
        if (live("scan")) socket.emit("scan:forward", { kioskId: d.kioskId, text }, (r) => log(r.ok ? "scan passed on" : "scan refused", r.ok ? { kiosks: r.data.delivered } : { code: r.code }));
      };
      d.source.on("data", d.mode === "hidPos" ? hidPosReader(forward) : scannerReader(forward));
    } else if (d.kind === "keypad") {
      const keys = d.keys ?? KEYPAD_KEYS;
      d.source.on(
        "data",
        keyboardReader((code) => {
          const key = keys[code];
          if (key && live(`key ${key}`)) socket.emit("counter:press", { counterId: d.counterId, key }, (r) => log(r.ok ? `counter ${d.counterId}: ${key}` : `counter ${d.counterId}: ${key} refused`, r.ok ? {} : { code: r.code, message: r.message }));
        }),
      );
    } else {
      const keys = d.keys ?? RATING_KEYS;
      d.source.on(
        "data",
        keyboardReader((code) => {
          const level = keys[code];
          if (level && live("rating")) socket.emit("rating:press", { counterId: d.counterId, level }, (r) => log(r.ok ? "rated" : "rating refused", r.ok ? { counterId: d.counterId } : { code: r.code }));
        }),
      );
    }
    d.source.on("error", (e) => log("device error", { kind: d.kind, message: e.message }));
  }
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
      clearInterval(timer);
      socket.close();
      for (const d of opts.devices ?? []) d.source.close();
    },
  };
}
