import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEscPos } from "./escpos-parse.ts";
import { renderTicket } from "./render-ticket.ts";
import { PrinterUnreachable, tcpPrinter } from "./transport.ts";
import { VirtualPrinter, type PrintedTicket } from "./virtual-printer.ts";

const ticket = {
  number: "B007",
  serviceName: "Chứng thực bản sao từ bản chính",
  issuedAt: "2026-11-27T02:00:00.000Z",
  ahead: 0,
  estimatedWait: { minMinutes: 0, maxMinutes: 5 },
  counterNumbers: [3],
  followUrl: "http://127.0.0.1:8080/f/Bq3n7Yw0-kT5xVe2",
};
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const bytes = renderTicket(ticket, { name: "Bộ phận Một cửa xã", hotline: "1022" }, { paper: "80mm" });

describe("a network printer (raw TCP) against the virtual printer", () => {
  let printer: VirtualPrinter;
  let port: number;
  beforeEach(async () => {
    printer = new VirtualPrinter("80mm");
    port = await printer.listen(0);
  });
  afterEach(() => printer.close());

  it("prints the ticket it is sent, cut where the ticket is cut", async () => {
    const printed = new Promise<PrintedTicket>((resolve) => printer.once("printed", resolve));
    await tcpPrinter("127.0.0.1", port).send(bytes);
    const t = await printed;
    // Everything up to and including the cut; the line feed after it puts nothing on paper.
    expect(hex(t.bytes)).toBe(hex(bytes.subarray(0, t.bytes.length)));
    expect(hex(t.bytes).endsWith("1d5601")).toBe(true);
    expect(t.printout.blocks.find((b) => b.kind === "qr")).toMatchObject({ data: ticket.followUrl });
    expect(t.png.subarray(1, 4).toString()).toBe("PNG");
    expect(printer.printed).toHaveLength(1);
  });

  it("tells when it is ready, out of paper or open", async () => {
    const line = tcpPrinter("127.0.0.1", port);
    expect(await line.status()).toEqual({ online: true, coverOpen: false, paperNearEnd: false, paperOut: false, error: false });
    printer.set({ paperOut: true });
    expect(await line.status()).toMatchObject({ online: false, paperOut: true });
    printer.set({ paperOut: false, coverOpen: true });
    expect(await line.status()).toMatchObject({ online: false, coverOpen: true, paperOut: false });
  });

  it("prints nothing while out of paper, as a real one", async () => {
    printer.set({ paperOut: true });
    await tcpPrinter("127.0.0.1", port).send(bytes);
    await new Promise((r) => setTimeout(r, 100));
    expect(printer.printed).toHaveLength(0);
  });

  it("gives up within its timeout on a printer that vanished, and says so", async () => {
    printer.set({ vanished: true });
    const line = tcpPrinter("127.0.0.1", port, 300);
    const started = Date.now();
    await expect(line.status()).rejects.toBeInstanceOf(PrinterUnreachable);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("gives up at once where nothing listens", async () => {
    await printer.close();
    await expect(tcpPrinter("127.0.0.1", port, 300).send(bytes)).rejects.toThrow(/printer 127\.0\.0\.1/);
  });

  it("keeps the bytes it printed readable, with nothing unknown", async () => {
    const printed = new Promise<PrintedTicket>((resolve) => printer.once("printed", resolve));
    await tcpPrinter("127.0.0.1", port).send(bytes);
    expect(parseEscPos((await printed).bytes).unknown).toEqual([]);
  });

  it("takes the bytes of a status request inside image data as image data, and tickets split across packets whole", async () => {
    // A ticket whose picture's first row happens to read DLE EOT 1 (0x10 0x04 0x01), then a real status request.
    const picture = [0x1d, 0x76, 0x30, 0x00, 0x03, 0x00, 0x02, 0x00, 0x10, 0x04, 0x01, 0xff, 0x00, 0x10];
    const tricky = Uint8Array.from([...bytes.subarray(0, 2), ...picture, ...bytes.subarray(2)]); // after ESC @
    const printed = new Promise<PrintedTicket>((resolve) => printer.once("printed", resolve));
    const { connect } = await import("node:net");
    const socket = connect({ host: "127.0.0.1", port });
    await new Promise((r) => socket.once("connect", r));
    // Seven-byte packets: commands and their data arrive in pieces.
    for (let i = 0; i < tricky.length; i += 7) socket.write(tricky.subarray(i, i + 7));
    socket.end();
    const t = await printed;
    expect(hex(t.bytes)).toBe(hex(tricky.subarray(0, t.bytes.length)));
    expect(t.printout.unknown).toEqual([]);
    const image = t.printout.blocks.find((b) => b.kind === "raster" && b.height === 2);
    expect(image?.kind === "raster" && [...image.bits.subarray(0, 24)].join("")).toBe("000100000000010000000001");
  });

  it("survives bytes that promise an image larger than memory", async () => {
    const { connect } = await import("node:net");
    const socket = connect({ host: "127.0.0.1", port });
    await new Promise((r) => socket.once("connect", r));
    socket.end(Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff));
    await new Promise((r) => setTimeout(r, 100));
    expect(await tcpPrinter("127.0.0.1", port).status()).toMatchObject({ online: true });
  });
});
