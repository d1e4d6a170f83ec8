import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEscPos, type Block } from "./escpos-parse.ts";
import { paperImages } from "./paper.ts";
import { pixels, readQr } from "./read-paper.ts";
import { renderTicket, type Paper, type TicketToPrint } from "./render-ticket.ts";

const center = { name: "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", hotline: "1022" };
const ticket: TicketToPrint = {
  number: "A023",
  serviceName: "Đăng ký khai sinh, kết hôn, khai tử và cấp bản sao trích lục hộ tịch",
  fieldName: "Hộ tịch",
  issuedAt: "2026-11-27T01:15:00.000Z",
  ahead: 5,
  estimatedWait: { minMinutes: 10, maxMinutes: 20 },
  counterNumbers: [1, 2, 12],
  // The server's follow link: <base>/f/<token>, the token 16 URL-safe characters (newSecret(12)).
  followUrl: "http://192.168.1.10:8080/f/Qm7x-Rk2aZ9_tLp4",
};
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

const print = (t: TicketToPrint, paper: Paper, where = center) => {
  const bytes = renderTicket(t, where, { paper });
  const printout = parseEscPos(bytes);
  return { bytes, printout, png: paperImages(printout, paper)[0]! };
};
const kinds = (blocks: Block[]) => blocks.filter((b) => b.kind !== "text" || b.text.trim() !== "").map((b) => b.kind);

describe.each(["80mm", "58mm"] as const)("a ticket on %s paper", (paper) => {
  const { bytes, printout, png } = print(ticket, paper);

  it("prints the header, the number in the printer's large font, the details, the QR and a cut, and nothing unknown", () => {
    expect(kinds(printout.blocks)).toEqual(["raster", "text", "raster", "qr", "raster", "cut"]);
    expect(printout.unknown).toEqual([]);
    const number = printout.blocks.find((b) => b.kind === "text" && b.text.includes("A023"));
    expect(number?.kind === "text" && number.runs.at(-1)).toMatchObject({ text: "A023", bold: true, width: paper === "80mm" ? 5 : 4 });
  });

  it("has a QR code that a phone reads as the ticket's follow page", async () => {
    expect(await readQr(png)).toBe(ticket.followUrl);
  });

  it("looks like the reviewed ticket (at most 0.5 % of dots differ)", async () => {
    const golden = join(import.meta.dirname, "__golden__", `ticket-${paper}.png`);
    // After a deliberate change of the layout: UPDATE_GOLDEN=1, then look at the new pictures.
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(join(import.meta.dirname, "__golden__"), { recursive: true });
      writeFileSync(golden, png);
    }
    expect(existsSync(golden), `${golden} is missing`).toBe(true);
    const [a, b] = await Promise.all([pixels(png), pixels(readFileSync(golden))]);
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    let differ = 0;
    for (let i = 0; i < a.luminance.length; i++) if (a.luminance[i]! < 128 !== b.luminance[i]! < 128) differ++;
    expect(differ / a.luminance.length).toBeLessThanOrEqual(0.005);
  });

  it("is the same bytes for the same ticket", () => {
    expect(hex(renderTicket(ticket, center, { paper }))).toBe(hex(bytes));
  });
});

describe("the printer's own commands in a ticket", () => {
  const bytes = hex(renderTicket(ticket, center, { paper: "80mm" }));
  const url = Buffer.from(ticket.followUrl).toString("hex");

  it("starts by resetting the printer and ends with a partial cut", () => {
    expect(bytes.startsWith("1b40")).toBe(true); // ESC @
    expect(bytes.endsWith("1d56010a0d")).toBe(true); // GS V 1
  });

  it("prints the number five times wide and tall, in bold", () => {
    expect(bytes).toContain(`1b45011d2144${"1b7400"}${Buffer.from("A023").toString("hex")}`); // ESC E 1, GS ! 0x44, ESC t 0
  });

  it("stores and prints the QR code as model 2, six dots a module, error level M", () => {
    const store = (3 + ticket.followUrl.length).toString(16).padStart(2, "0");
    expect(bytes).toContain(
      "1d286b040031413200" + // GS ( k: model 2
        "1d286b0300314306" + // module size 6
        "1d286b0300314531" + // error correction M
        `1d286b${store}00315030${url}` + // store the data
        "1d286b0300315130", // print it
    );
  });
});

describe("text smuggled into a ticket", () => {
  it("never reaches the printer as commands", () => {
    const evil: TicketToPrint = {
      ...ticket,
      number: "A0\u001bp\u0000\u0019",
      serviceName: "Khai sinh\u001b@\u001dV\u0000\u0010\u0014\u0001\u001b\u0070\u0000\u0019\u00fa",
      fieldName: "\u001d(k\u0003\u00001A2",
      followUrl: "http://x/f/abcdefgh12345678\u001dV\u0000",
    };
    const { printout } = print(evil, "80mm", { name: "Trung tâm\u001bi", hotline: "1022\u001b\u0064\u0009" });
    expect(printout.unknown).toEqual([]);
    expect(printout.blocks.filter((b) => b.kind === "cut")).toHaveLength(1);
    expect(printout.blocks.filter((b) => b.kind === "qr").map((b) => b.kind === "qr" && b.data)).toEqual(["http://x/f/abcdefgh12345678V"]);
    for (const b of printout.blocks) if (b.kind === "text") expect(b.text).toMatch(/^[\u0020-\u007e]*$/);
  });
});
