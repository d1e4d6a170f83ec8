import { writeFile } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { isStatusByte, parseStatus, STATUS_REQUESTS, type PrinterStatus } from "./status.ts";

/** Where a ticket's bytes go. Every call ends within its timeout: a dead printer never blocks the queue. */
export interface Transport {
  /** Sends the whole ticket at once. */
  send(bytes: Uint8Array): Promise<void>;
  /** Asks the printer how it is; null where the line is one-way (a file). */
  status(): Promise<PrinterStatus | null>;
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

/** A network printer on raw TCP (port 9100, "JetDirect"), as almost every Ethernet receipt printer offers. */
export function tcpPrinter(host: string, port = 9100, timeoutMs = 3000): Transport {
  return {
    async send(bytes) {
      const socket = await open(host, port, timeoutMs);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new PrinterUnreachable(`printer ${host}:${port}: the ticket was not taken within ${timeoutMs} ms`));
        }, timeoutMs);
        socket.once("error", (e) => {
          clearTimeout(timer);
          reject(new PrinterUnreachable(`printer ${host}:${port}: ${e.message}`));
        });
        socket.end(bytes, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async status() {
      const socket = await open(host, port, timeoutMs);
      try {
        const answers: number[] = [];
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new PrinterUnreachable(`printer ${host}:${port}: no status answer within ${timeoutMs} ms`)), timeoutMs);
          socket.on("data", (chunk: Buffer) => {
            for (const b of chunk) if (isStatusByte(b)) answers.push(b);
            if (answers.length >= 4) {
              clearTimeout(timer);
              resolve();
            }
          });
          socket.once("error", (e) => {
            clearTimeout(timer);
            reject(new PrinterUnreachable(`printer ${host}:${port}: ${e.message}`));
          });
          socket.write(Uint8Array.from(Object.values(STATUS_REQUESTS).flat()));
        });
        return parseStatus(answers[0]!, answers[1]!, answers[2]!, answers[3]!);
      } finally {
        socket.destroy();
      }
    },
  };
}

/** A file or device node (/dev/usb/lp0 for a USB printer under Linux, or a file to inspect): one-way. */
export function filePrinter(path: string): Transport {
  return {
    send: (bytes) => writeFile(path, bytes, { flag: "a" }),
    status: async () => null,
  };
}
