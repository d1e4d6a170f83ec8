import { describe, expect, it } from "vitest";
import { parseEscPos } from "./escpos-parse.ts";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("reading ESC/POS back", () => {
  it("reads text lines in runs of one style, centred, sized and bold", () => {
    const p = parseEscPos(bytes([0x1b, 0x40, 0x1b, 0x61, 0x01], "  ", [0x1b, 0x45, 0x01, 0x1d, 0x21, 0x11], "A1", [0x0a]));
    expect(p.blocks).toEqual([
      {
        kind: "text",
        text: "  A1",
        align: "center",
        height: 2,
        runs: [
          { text: "  ", bold: false, underline: false, width: 1, height: 1 },
          { text: "A1", bold: true, underline: false, width: 2, height: 2 },
        ],
      },
    ]);
    expect(p.unknown).toEqual([]);
  });

  it("reads a raster image (GS v 0) dot by dot", () => {
    const p = parseEscPos(bytes([0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0b10000001, 0b01000000]));
    expect(p.blocks).toHaveLength(1);
    const r = p.blocks[0]!;
    expect(r.kind === "raster" && [r.width, r.height, [...r.bits]]).toEqual([8, 2, [1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]]);
  });

  it("reads a QR code (GS ( k) with its module size and error level", () => {
    const data = "http://x/f/abcdefgh12345678";
    const p = parseEscPos(
      bytes(
        [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
        [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x07],
        [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x33],
        [0x1d, 0x28, 0x6b, data.length + 3, 0x00, 0x31, 0x50, 0x30],
        data,
        [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
      ),
    );
    expect(p.blocks).toEqual([{ kind: "qr", align: "left", data, moduleSize: 7, errorLevel: "H" }]);
  });

  it("reads full and partial cuts, with and without a feed byte", () => {
    const p = parseEscPos(bytes([0x1d, 0x56, 0x00], [0x1d, 0x56, 0x01], [0x1d, 0x56, 0x42, 0x05], "X", [0x0a]));
    expect(p.blocks.map((b) => (b.kind === "cut" ? `cut ${b.partial}` : b.kind === "text" ? b.text : b.kind))).toEqual([
      "cut false",
      "cut true",
      "cut true",
      "X",
    ]);
  });

  it("prints nothing for a status request and lists commands it does not know", () => {
    const p = parseEscPos(bytes([0x10, 0x04, 0x01], [0x1b, 0x7a, 0x01], [0x07]));
    expect(p.blocks).toEqual([]);
    expect(p.unknown).toEqual([
      { offset: 3, bytes: [0x1b, 0x7a] },
      { offset: 5, bytes: [0x01] },
      { offset: 6, bytes: [0x07] },
    ]);
  });
});
