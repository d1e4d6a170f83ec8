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
import { renderTicket, type Paper, type Transport, type VietnameseCodePage } from "../../printer-driver/src/index.ts";

export interface StationAgentOptions {
  /** The queue-server, e.g. http://192.168.1.10:8080. */
  serverUrl: string;
  /** This station's device key. */
  key: string;
  printer: Transport;
  paper: Paper;
  text?: "raster" | VietnameseCodePage;
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
      socket.close();
      for (const d of opts.devices ?? []) d.source.close();
    },
  };
}
