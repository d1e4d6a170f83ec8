import ReceiptPrinterEncoder from "@point-of-sale/receipt-printer-encoder";
import { forCodePage, type VietnameseCodePage } from "./codepage.ts";
import { rasterText, type Bitmap, type TextLine } from "./raster.ts";
import { cleanText, cleanTicketNumber, cleanUrl } from "./sanitize.ts";

export type Paper = "80mm" | "58mm";

/** Printable width in dots at 203 dpi: 72 mm on 80 mm paper, 48 mm on 58 mm paper. */
export const PAPER_DOTS: Record<Paper, number> = { "80mm": 576, "58mm": 384 };

export interface TicketToPrint {
  /** "A023": letters and digits only, printed in the printer's own large font. */
  number: string;
  serviceName: string;
  fieldName?: string;
  /** ISO time; printed in Asia/Ho_Chi_Minh. */
  issuedAt: string;
  ahead: number;
  estimatedWait: { minMinutes: number; maxMinutes: number } | null;
  counterNumbers: number[];
  /** The page that follows this ticket live (its QR). */
  followUrl: string;
  /** ISO time of a booked citizen's slot: they are called then, and the paper says so. */
  appointmentAt?: string | undefined;
}

export interface CenterOnTicket {
  name: string;
  hotline: string;
}

export interface RenderOptions {
  paper: Paper;
  /**
   * How Vietnamese text reaches the paper: drawn as raster images (the default, any printer),
   * or through the printer's own Vietnamese code page where the profile says it has one.
   * A code page that lacks a letter throws UnprintableText; it never prints '?'.
   */
  text?: "raster" | VietnameseCodePage;
  /**
   * The center's logo, printed centred above its name: a 1-bit picture made once by
   * `ticketLogo`/`readLogo` (logo.ts), so rendering stays pure and fast. A picture of another
   * width is centred on the paper's width, cut at its edges if wider. None: no logo line.
   */
  logo?: Bitmap;
}

/** dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh (UTC+7 all year). */
export function localTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 60 * 60 * 1000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}

const waitText = (w: TicketToPrint["estimatedWait"]) =>
  w === null ? null : w.minMinutes === 0 && w.maxMinutes <= 5 ? "Chờ dự kiến: dưới 5 phút" : `Chờ dự kiến: khoảng ${w.minMinutes}–${w.maxMinutes} phút`;

/** The encoder takes a picture as RGBA; a thermal dot is black or white. */
function imageOf(b: Bitmap): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(b.width * b.height * 4);
  for (let i = 0; i < b.bits.length; i++) {
    const v = b.bits[i] ? 0 : 255;
    data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  return { data, width: b.width, height: b.height };
}

/** A picture centred on `width` dots (cut at the edges if wider), as raster lines are: full width. */
function centred(b: Bitmap, width: number): Bitmap {
  if (b.width === width) return b;
  const bits = new Uint8Array(width * b.height);
  const shift = Math.floor((width - b.width) / 2);
  for (let y = 0; y < b.height; y++) {
    for (let x = Math.max(0, shift); x < Math.min(width, shift + b.width); x++) bits[y * width + x] = b.bits[y * b.width + (x - shift)]!;
  }
  return { width, height: b.height, bits };
}

/**
 * A queue ticket as ESC/POS bytes. Vietnamese text is drawn to raster images (GS v 0), so
 * every diacritic prints on any printer; the number and the QR code use the printer's own
 * commands (large text, GS ( k) so they stay crisp. No name or ID number ever appears here.
 * Pure: the same ticket gives the same bytes.
 */
export function renderTicket(ticket: TicketToPrint, center: CenterOnTicket, options: RenderOptions): Uint8Array {
  const width = PAPER_DOTS[options.paper];
  const narrow = options.paper === "58mm";
  const columns = narrow ? 32 : 48;
  const page = options.text ?? "raster";
  const encoder = new ReceiptPrinterEncoder({
    printerModel: "epson-tm-t20iii",
    imageMode: "raster",
    columns,
    // TCVN-3 keeps capitals with tones on a second page; the encoder switches between the two.
    ...(page === "tcvn3" ? { codepageCandidates: ["tcvn3", "tcvn3capitals"] } : {}),
  });
  // Lines in the printer's code page and its own font; the encoder wraps and aligns them.
  const native = (lines: TextLine[]) => (e: ReceiptPrinterEncoder) => {
    for (const line of lines) {
      e.bold(line.bold ?? false).align(line.align ?? "left").line(forCodePage(cleanText(line.text), page as VietnameseCodePage));
    }
    e.bold(false).align("center");
  };
  const pictured = (lines: TextLine[]) => (e: ReceiptPrinterEncoder) => {
    const image = imageOf(rasterText(lines, width));
    e.image(image, image.width, image.height, "threshold");
  };
  const text = page === "raster" ? pictured : native;
  const head = text([
    { text: center.name, px: narrow ? 22 : 26, bold: true, align: "center" },
    { text: "SỐ THỨ TỰ · YOUR NUMBER", px: narrow ? 18 : 22, align: "center" },
  ]);
  const counters = ticket.counterNumbers.length ? `Mời đến quầy số: ${ticket.counterNumbers.join(", ")}` : null;
  const wait = waitText(ticket.estimatedWait);
  const body = text(
    [
      { text: ticket.serviceName, px: narrow ? 22 : 26, bold: true, align: "center" as const },
      ticket.fieldName ? { text: `Lĩnh vực: ${ticket.fieldName}`, px: narrow ? 18 : 22, align: "center" as const } : null,
      counters ? { text: counters, px: narrow ? 20 : 24, bold: true, align: "center" as const } : null,
      ticket.appointmentAt
        ? { text: `Lịch hẹn lúc ${localTime(ticket.appointmentAt).slice(-5)} · mời đúng giờ hẹn`, px: narrow ? 18 : 22, bold: true, align: "center" as const }
        : null,
      { text: `Số người đang chờ trước quý vị: ${ticket.ahead}`, px: narrow ? 18 : 22, align: "center" as const },
      wait ? { text: wait, px: narrow ? 18 : 22, align: "center" as const } : null,
      { text: `Giờ lấy số: ${localTime(ticket.issuedAt)}`, px: narrow ? 18 : 22, align: "center" as const },
    ].filter((l) => l !== null),
  );
  const foot = text([
    { text: "Quét mã để theo dõi số trên điện thoại", px: narrow ? 18 : 20, align: "center" },
    { text: "Scan to follow your number on your phone", px: narrow ? 16 : 18, align: "center" },
    { text: `Đường dây nóng phản ánh, kiến nghị: ${cleanText(center.hotline)}`, px: narrow ? 18 : 20, align: "center" },
  ]);

  encoder.initialize().align("center");
  if (page !== "raster") encoder.codepage(page === "tcvn3" ? "auto" : "windows1258");
  if (options.logo) {
    const logo = imageOf(centred(options.logo, width));
    encoder.image(logo, logo.width, logo.height, "threshold");
  }
  head(encoder);
  encoder
    .newline()
    .bold(true)
    .size(narrow ? 4 : 5, narrow ? 4 : 5)
    .line(cleanTicketNumber(ticket.number))
    .size(1, 1)
    .bold(false)
    .newline();
  body(encoder);
  encoder.newline().qrcode(cleanUrl(ticket.followUrl), { model: 2, size: narrow ? 5 : 6, errorlevel: "m" });
  foot(encoder);
  return encoder.cut("partial").encode();
}
