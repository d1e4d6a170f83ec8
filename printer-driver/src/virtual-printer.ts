import { EventEmitter } from "node:events";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createServer, type Server, type Socket } from "node:net";
import { commandLength, parseEscPos, type Printout } from "./escpos-parse.ts";
import { paperImages } from "./paper.ts";
import type { Paper } from "./render-ticket.ts";
import { statusBytes, type PrinterStatus } from "./status.ts";

export interface PrintedTicket {
  at: number;
  bytes: Uint8Array;
  printout: Printout;
  /** The paper, as a 203 dpi PNG (drawn when first read). */
  readonly png: Buffer;
}

export interface VirtualPrinterEvents {
  printed: [PrintedTicket];
}

/**
 * A receipt printer on TCP port 9100 without the hardware: it answers status requests, reads
 * what it is sent up to each cut, and keeps the paper as PNG pictures. Tests and the demo
 * print to it; `set` makes it run out of paper, open its cover or vanish from the network.
 */
export class VirtualPrinter extends EventEmitter<VirtualPrinterEvents> {
  readonly printed: PrintedTicket[] = [];
  private status: PrinterStatus = { online: true, coverOpen: false, paperNearEnd: false, paperOut: false, error: false };
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private vanished = false;

  constructor(
    readonly paper: Paper = "80mm",
    private readonly keep = 50,
  ) {
    super();
  }

  async listen(port = 9100, host = "127.0.0.1"): Promise<number> {
    this.server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, () => resolve());
    });
    const address = this.server.address();
    return typeof address === "object" && address ? address.port : port;
  }

  /** Simulates a condition; `vanished` stops answering at all, as an unplugged printer does. */
  set(change: Partial<PrinterStatus> & { vanished?: boolean }): void {
    const { vanished, ...status } = change;
    this.status = { ...this.status, ...status };
    this.status.online = !(this.status.paperOut || this.status.coverOpen || this.status.error);
    if (vanished !== undefined) this.vanished = vanished;
    if (this.vanished) for (const s of this.sockets) s.destroy();
  }

  /**
   * Saves each printed ticket as a PNG in `dir` (ticket-<time>-<n>.png, the names the demo's
   * /demo/printed page lists); a file that cannot be written is reported, never thrown.
   */
  async keepPaperIn(dir: string, report: (error: Error | null, file: string, ticket: PrintedTicket) => void = () => {}): Promise<void> {
    await mkdir(dir, { recursive: true });
    let n = 0;
    this.on("printed", (t) => {
      const file = join(dir, `ticket-${new Date(t.at).toISOString().replace(/[:.]/g, "-")}-${String(++n).padStart(4, "0")}.png`);
      writeFile(file, t.png).then(
        () => report(null, file, t),
        (e: Error) => report(e, file, t),
      );
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: Socket): void {
    if (this.vanished) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    let pending = Buffer.alloc(0);
    /** How far `pending` has been walked command by command. */
    let walked = 0;
    socket.on("data", (chunk: Buffer) => {
      if (this.vanished) return;
      try {
        pending = Buffer.concat([pending, chunk]);
        for (let len = commandLength(pending, walked); len !== null; len = commandLength(pending, walked)) {
          const n = pending[walked + 2]!;
          // A status request between commands is answered at once and takes no room on paper.
          if (pending[walked] === 0x10 && pending[walked + 1] === 0x04 && n >= 1 && n <= 4) {
            socket.write(Uint8Array.of(statusBytes(this.status)[n - 1]!));
            pending = Buffer.concat([pending.subarray(0, walked), pending.subarray(walked + 3)]);
            continue;
          }
          const cut = pending[walked] === 0x1d && pending[walked + 1] === 0x56;
          walked += len;
          if (cut) {
            // An offline printer prints nothing: what it is sent is lost, as with a real one.
            if (this.status.online) this.record(Uint8Array.from(pending.subarray(0, walked)));
            pending = pending.subarray(walked);
            walked = 0;
          }
        }
      } catch {
        // Bytes no printer could make sense of end the connection, never the process.
        socket.destroy();
      }
    });
    socket.on("close", () => {
      this.sockets.delete(socket);
      const rest = parseEscPos(Uint8Array.from(pending));
      if (this.status.online && rest.blocks.some((b) => b.kind !== "text" || b.text.trim() !== "")) this.record(Uint8Array.from(pending));
    });
    socket.on("error", () => socket.destroy());
  }

  private record(bytes: Uint8Array): void {
    const printout = parseEscPos(bytes);
    const paper = this.paper;
    const at = Date.now();
    // One job may hold several cut pieces; each is a ticket. Drawing the paper waits until asked.
    const pieces = printout.blocks.filter((b) => b.kind === "cut").length || 1;
    let images: Buffer[] | undefined;
    const draw = () => (images ??= paperImages(printout, paper));
    for (let k = 0; k < pieces; k++) {
      const ticket: PrintedTicket = {
        at,
        bytes,
        printout,
        get png() {
          return draw()[k] ?? draw()[0]!;
        },
      };
      this.printed.push(ticket);
      if (this.printed.length > this.keep) this.printed.shift();
      this.emit("printed", ticket);
    }
  }
}
