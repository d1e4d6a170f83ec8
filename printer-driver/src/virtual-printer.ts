import { EventEmitter } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { parseEscPos, type Printout } from "./escpos-parse.ts";
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
    let pending: number[] = [];
    socket.on("data", (chunk: Buffer) => {
      if (this.vanished) return;
      for (let i = 0; i < chunk.length; i++) {
        // A status request is answered at once, whatever else is queued (a real-time command).
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) {
          const n = chunk[i + 2] ?? 1;
          socket.write(Uint8Array.of(statusBytes(this.status)[Math.min(4, Math.max(1, n)) - 1]!));
          i += 2;
          continue;
        }
        pending.push(chunk[i]!);
      }
      // An offline printer prints nothing: what it is sent is lost, as with a real one.
      if (!this.status.online) pending = [];
      pending = this.takeTickets(pending);
    });
    socket.on("close", () => {
      this.sockets.delete(socket);
      if (pending.length > 0 && this.status.online) this.record(Uint8Array.from(pending));
    });
    socket.on("error", () => socket.destroy());
  }

  /** Prints every complete ticket (up to and including a cut); returns what is left. */
  private takeTickets(bytes: number[]): number[] {
    const printout = parseEscPos(Uint8Array.from(bytes));
    if (!printout.blocks.some((b) => b.kind === "cut")) return bytes;
    this.record(Uint8Array.from(bytes));
    return [];
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
