import { describe, expect, it } from "vitest";
import { decodeCodePage, encodeVietnamese, splitTones, UnprintableText, type VietnameseCodePage } from "./codepage.ts";
import { parseEscPos } from "./escpos-parse.ts";
import { renderTicket } from "./render-ticket.ts";

/** Every Vietnamese letter with every tone, lower and upper case. */
const LETTERS = "aăâeêioôơuưy"
  .split("")
  .flatMap((v) => ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"].map((t) => (v + t).normalize("NFC")))
  .join("");
const ALL = `${LETTERS} ${LETTERS.toUpperCase()} đĐ Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng — SỐ THỨ TỰ 1023`;

/** Reads bytes with their ESC t switches back to text. */
function read(bytes: Uint8Array): string {
  let page: number | null = null;
  let out = "";
  let run: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x1b && bytes[i + 1] === 0x74) {
      out += decodeCodePage(Uint8Array.from(run), page);
      run = [];
      page = bytes[i + 2]!;
      i += 2;
    } else run.push(bytes[i]!);
  }
  return (out + decodeCodePage(Uint8Array.from(run), page)).normalize("NFC");
}

describe.each(["tcvn3", "windows1258"] as const)("Vietnamese through the %s code page", (page: VietnameseCodePage) => {
  it("carries every letter with every tone, capitals too, and back", () => {
    expect(read(encodeVietnamese(ALL, page))).toBe(ALL.replace("—", page === "windows1258" ? "—" : "-"));
  });

  it("refuses, naming them, letters the page does not have, instead of printing '?'", () => {
    expect(() => encodeVietnamese("Phí: 50.000 € 中文", page)).toThrow(UnprintableText);
    expect(() => encodeVietnamese("Phí: 50.000 € 中文", page)).toThrow(/"中", "文"/);
  });

  it("prints a whole ticket in the printer's own font with every diacritic", () => {
    const bytes = renderTicket(
      {
        number: "A023",
        serviceName: "Đăng ký khai sinh",
        fieldName: "Hộ tịch",
        issuedAt: "2026-11-27T01:15:00.000Z",
        ahead: 5,
        estimatedWait: { minMinutes: 10, maxMinutes: 20 },
        counterNumbers: [1, 2],
        followUrl: "http://x/f/abcdefgh12345678",
      },
      { name: "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", hotline: "1022" },
      { paper: "80mm", text: page },
    );
    const printout = parseEscPos(bytes);
    expect(printout.unknown).toEqual([]);
    expect(bytes.length).toBeLessThan(1500); // text, not pictures
    const lines = printout.blocks.flatMap((b) => (b.kind === "text" && b.text.trim() ? [b.text.trim()] : []));
    // Long lines wrap where a space was (Windows-1258 counts a tone mark as a column).
    expect(lines.join(" ")).toBe([
      "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng",
      page === "windows1258" ? "SỐ THỨ TỰ · YOUR NUMBER" : "SỐ THỨ TỰ - YOUR NUMBER",
      "A023",
      "Đăng ký khai sinh",
      "Lĩnh vực: Hộ tịch",
      "Mời đến quầy số: 1, 2",
      "Số người đang chờ trước quý vị: 5",
      page === "windows1258" ? "Chờ dự kiến: khoảng 10–20 phút" : "Chờ dự kiến: khoảng 10-20 phút",
      "Giờ lấy số: 27/11/2026 08:15",
      "Quét mã để theo dõi số trên điện thoại",
      "Scan to follow your number on your phone",
      "Đường dây nóng phản ánh, kiến nghị: 1022",
    ].join(" "));
  });

  it("says on a booked citizen's ticket when they will be called", () => {
    const bytes = renderTicket(
      {
        number: "A007",
        serviceName: "Đăng ký khai sinh",
        issuedAt: "2026-11-27T02:40:00.000Z",
        ahead: 0,
        estimatedWait: null,
        counterNumbers: [1],
        followUrl: "http://x/f/abcdefgh12345678",
        appointmentAt: "2026-11-27T03:00:00.000Z",
      },
      { name: "Bộ phận Một cửa", hotline: "1022" },
      { paper: "80mm", text: page },
    );
    const lines = parseEscPos(bytes).blocks.flatMap((b) => (b.kind === "text" && b.text.trim() ? [b.text.trim()] : []));
    expect(lines).toContain(page === "windows1258" ? "Lịch hẹn lúc 10:00 · mời đúng giờ hẹn" : "Lịch hẹn lúc 10:00 - mời đúng giờ hẹn");
  });
});

describe("Windows-1258 letters", () => {
  it("keep â ê ô ơ ư ă đ whole and split off only the five tones", () => {
    const cps = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16));
    expect(cps(splitTones("ầ ụ Ằ đ ơ"))).toEqual(["e2", "300", "20", "75", "323", "20", "102", "300", "20", "111", "20", "1a1"]);
  });
});
