import { SerialPortMock } from "serialport";
import { describe, expect, it } from "vitest";
import { renderTicket } from "./render-ticket.ts";
import { statusBytes, type PrinterStatus } from "./status.ts";
import { PrinterUnreachable, serialPrinter, type SerialPortClass } from "./transport.ts";

const ready: PrinterStatus = { online: true, coverOpen: false, paperNearEnd: false, paperOut: false, error: false };

/** serialport's mock line with a printer at the far end that answers status requests. */
function lineTo(status: () => PrinterStatus): { Port: SerialPortClass; written: () => Buffer } {
  let last: SerialPortMock | null = null;
  class Printer extends SerialPortMock {
    constructor(o: { path: string; baudRate: number; autoOpen: false }) {
      super(o);
      last = this;
      this.on("open", () => {
        const write = this.port!.write.bind(this.port!);
        this.port!.write = async (data: Buffer) => {
          await write(data);
          for (let i = 0; i + 2 < data.length; i++) {
            if (data[i] === 0x10 && data[i + 1] === 0x04) this.port!.emitData(Buffer.of(statusBytes(status())[data[i + 2]! - 1]!));
          }
        };
      });
    }
  }
  return { Port: Printer as unknown as SerialPortClass, written: () => last!.port!.recording };
}

describe("a printer on a serial line", () => {
  const bytes = renderTicket(
    { number: "C012", serviceName: "Chứng thực", issuedAt: "2026-11-27T02:00:00.000Z", ahead: 1, estimatedWait: null, counterNumbers: [3], followUrl: "http://x/f/abcdefgh12345678" },
    { name: "Bộ phận Một cửa xã", hotline: "1022" },
    { paper: "58mm" },
  );

  it("takes the whole ticket and then says how it is, on the same line", async () => {
    SerialPortMock.binding.createPort("/dev/ttyUSB-ready", { record: true });
    const line = lineTo(() => ready);
    expect(await serialPrinter("/dev/ttyUSB-ready", { Port: line.Port, timeoutMs: 500 }).print(bytes)).toEqual(ready);
    expect(line.written().subarray(0, bytes.length).equals(Buffer.from(bytes))).toBe(true);
    expect([...line.written().subarray(bytes.length)]).toEqual([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04]);
  });

  it("reports a printer out of paper", async () => {
    SerialPortMock.binding.createPort("/dev/ttyUSB-empty", { record: true });
    const line = lineTo(() => ({ ...ready, online: false, paperOut: true, paperNearEnd: true }));
    expect(await serialPrinter("/dev/ttyUSB-empty", { Port: line.Port, timeoutMs: 500 }).status()).toMatchObject({ paperOut: true, online: false });
  });

  it("says plainly when there is no such port", async () => {
    await expect(serialPrinter("/dev/ttyUSB-none", { Port: SerialPortMock as unknown as SerialPortClass, timeoutMs: 500 }).send(bytes)).rejects.toBeInstanceOf(PrinterUnreachable);
  });
});

describe("a printer as a file or device node", () => {
  it("appends each ticket, and says plainly when the path cannot be written", async () => {
    const { mkdtemp, readFile } = await import("node:fs/promises");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const { filePrinter } = await import("./transport.ts");
    const dir = await mkdtemp(join(tmpdir(), "motcua-lp-"));
    const lp = filePrinter(join(dir, "lp0"));
    await lp.send(Uint8Array.of(1, 2));
    expect(await lp.print(Uint8Array.of(3))).toBeNull();
    expect([...(await readFile(join(dir, "lp0")))]).toEqual([1, 2, 3]);
    await expect(filePrinter(join(dir, "no", "such", "lp0")).send(Uint8Array.of(1))).rejects.toBeInstanceOf(PrinterUnreachable);
  });
});
