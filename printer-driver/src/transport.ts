import { writeFile } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { SerialPortStream } from "@serialport/stream";
import { isStatusByte, parseStatus, STATUS_REQUESTS, type PrinterStatus } from "./status.ts";

/** Where a ticket's bytes go. Every call ends within its timeout: a dead printer never blocks the queue. */
export interface Transport {
  /** Sends the whole ticket at once. */
  send(bytes: Uint8Array): Promise<void>;
  /** Asks the printer how it is; null where the line is one-way (a file). */
  status(): Promise<PrinterStatus | null>;
  /**
   * Sends a ticket and asks how the printer is on the same connection (many network printers
   * take one connection at a time): the status, or null where it cannot tell.
   */
  print(bytes: Uint8Array): Promise<PrinterStatus | null>;
}

export class PrinterUnreachable extends Error {
  override name = "PrinterUnreachable";
}

function open(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (why: string) => {
      socket.destroy();
      reject(new PrinterUnreachable(`printer ${host}:${port}: ${why}`));
    };
    const timer = setTimeout(() => fail(`no connection within ${timeoutMs} ms`), timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      fail(e.message);
    });
  });
}

/** Sends the four status requests on an open connection and reads the four answers. */
function askStatus(socket: Duplex, where: string, timeoutMs: number): Promise<PrinterStatus> {
  return new Promise((resolve, reject) => {
    const answers: number[] = [];
    const done = (f: () => void) => {
      clearTimeout(timer);
      socket.off("data", onData);
      f();
    };
    const timer = setTimeout(() => done(() => reject(new PrinterUnreachable(`printer ${where}: no status answer within ${timeoutMs} ms`))), timeoutMs);
    const onData = (chunk: Buffer) => {
      for (const b of chunk) if (isStatusByte(b)) answers.push(b);
      if (answers.length >= 4) done(() => resolve(parseStatus(answers[0]!, answers[1]!, answers[2]!, answers[3]!)));
    };
    socket.on("data", onData);
    socket.once("error", (e) => done(() => reject(new PrinterUnreachable(`printer ${where}: ${e.message}`))));
    socket.once("close", () => done(() => reject(new PrinterUnreachable(`printer ${where}: closed the connection without a status`))));
    socket.write(Uint8Array.from(Object.values(STATUS_REQUESTS).flat()));
  });
}

/** A network printer on raw TCP (port 9100, "JetDirect"), as almost every Ethernet receipt printer offers. */
export function tcpPrinter(host: string, port = 9100, timeoutMs = 3000): Transport {
  const where = `${host}:${port}`;
  const write = (socket: Socket, bytes: Uint8Array) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new PrinterUnreachable(`printer ${where}: the ticket was not taken within ${timeoutMs} ms`)), timeoutMs);
      socket.write(bytes, (e) => {
        clearTimeout(timer);
        if (e) reject(new PrinterUnreachable(`printer ${where}: ${e.message}`));
        else resolve();
      });
    });
  const withSocket = async <T>(f: (socket: Socket) => Promise<T>): Promise<T> => {
    const socket = await open(host, port, timeoutMs);
    socket.on("error", () => {}); // Reported through the promise that is waiting; never thrown.
    try {
      return await f(socket);
    } finally {
      socket.end();
      socket.destroy();
    }
  };
  return {
    send: (bytes) => withSocket((socket) => write(socket, bytes)),
    status: () => withSocket((socket) => askStatus(socket, where, timeoutMs)),
    print: (bytes) =>
      withSocket(async (socket) => {
        await write(socket, bytes);
        // The ticket is out of our hands; a printer that then does not answer leaves its state unknown.
        return askStatus(socket, where, timeoutMs).catch(() => null);
      }),
  };
}

/** A file or device node (/dev/usb/lp0 for a USB printer under Linux, or a file to inspect): one-way. */
export function filePrinter(path: string, timeoutMs = 3000): Transport {
  // A printer device that stops taking data (out of paper, jammed) must not hold the station up.
  // A blocked write cannot be taken back, but the station stops waiting for it.
  const write = (bytes: Uint8Array) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new PrinterUnreachable(`printer ${path}: not taken within ${timeoutMs} ms`)), timeoutMs);
      writeFile(path, bytes, { flag: "a" }).then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (e: Error) => {
          clearTimeout(timer);
          reject(new PrinterUnreachable(`printer ${path}: ${e.message}`));
        },
      );
    });
  return {
    send: (bytes) => write(bytes),
    status: async () => null,
    print: async (bytes) => {
      await write(bytes);
      return null;
    },
  };
}

/** What a serial port needs to be for the printer: serialport's own class, or its mock in tests. */
export type SerialPortClass = new (options: { path: string; baudRate: number; autoOpen: false }) => SerialPortStream;

/**
 * A printer on a serial line (RS-232, or a USB-serial adapter: /dev/ttyUSB0, COM3), as older
 * receipt printers and many kiosk printers are connected. Two-way: the status is read back.
 */
export function serialPrinter(path: string, opts: { baudRate?: number; timeoutMs?: number; Port?: SerialPortClass } = {}): Transport {
  const timeoutMs = opts.timeoutMs ?? 3000;
  const where = `serial ${path}`;
  const withPort = async <T>(f: (port: SerialPortStream) => Promise<T>): Promise<T> => {
    const Port = opts.Port ?? (await import("serialport")).SerialPort;
    const port = new Port({ path, baudRate: opts.baudRate ?? 9600, autoOpen: false });
    // Closing is bounded too: a port that never says it closed must not hold the station.
    const close = () => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      port.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    await new Promise<void>((resolve, reject) => {
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        reject(new PrinterUnreachable(`printer ${where}: did not open within ${timeoutMs} ms`));
      }, timeoutMs);
      port.open((e) => {
        clearTimeout(timer);
        // Opened after we gave up: let go of it at once, or the port stays held.
        if (late) return void (e ? undefined : close());
        if (e) reject(new PrinterUnreachable(`printer ${where}: ${e.message}`));
        else resolve();
      });
    });
    port.on("error", () => {}); // Reported through the promise that is waiting; never thrown.
    try {
      return await f(port);
    } finally {
      if (port.isOpen) await close();
    }
  };
  const write = (port: SerialPortStream, bytes: Uint8Array) =>
    new Promise<void>((resolve, reject) => {
      // A serial line is slow (ten bits a byte: 9600 baud is under 1 kB a second), so the time allowed grows with the ticket.
      const allowed = timeoutMs + Math.ceil((bytes.length * 10 * 1000) / (opts.baudRate ?? 9600));
      const timer = setTimeout(() => reject(new PrinterUnreachable(`printer ${where}: the ticket was not taken within ${allowed} ms`)), allowed);
      port.write(Buffer.from(bytes), (e) => {
        if (e) {
          clearTimeout(timer);
          return reject(new PrinterUnreachable(`printer ${where}: ${e.message}`));
        }
        port.drain(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    });
  const ask = (port: SerialPortStream) => askStatus(port, where, timeoutMs);
  return {
    send: (bytes) => withPort((port) => write(port, bytes)),
    status: () => withPort(ask),
    print: (bytes) =>
      withPort(async (port) => {
        await write(port, bytes);
        return ask(port).catch(() => null);
      }),
  };
}

/** A printer named on a command line: tcp://HOST[:PORT], serial:PORT[@BAUD] or file:PATH; null for anything else. */
export function printerAt(spec: string): Transport | null {
  const tcp = /^tcp:\/\/([^:/]+)(?::(\d+))?$/.exec(spec);
  if (tcp) return tcpPrinter(tcp[1]!, Number(tcp[2] ?? 9100));
  const serial = /^serial:([^@]+)(?:@(\d+))?$/.exec(spec);
  if (serial) return serialPrinter(serial[1]!, { baudRate: Number(serial[2] ?? 9600) });
  if (spec.startsWith("file:")) return filePrinter(spec.slice(5));
  return null;
}
