import { describe, expect, it } from "vitest";
import { readScan } from "./read-scan.ts";
import { couldBeVietnamese } from "./name-check.ts";
import { fold } from "@motcua/protocol";
import { isElderlyGroup } from "./text.ts";

const TODAY = new Date(2026, 10, 27);

describe("reading a scanned code", () => {
  it("greets the holder of a chip ID card by name and drops the ID number", () => {
    const m = readScan("079123456789|123456789|Nguyễn Văn An|01011960|Nam|12 Lê Lợi, Phường 1, Đà Lạt, Lâm Đồng|15082021", TODAY);
    expect(m).toEqual({ kind: "citizenId", name: "Nguyễn Văn An", elderly: true });
    expect(JSON.stringify(m)).not.toContain("079123456789");
  });

  it("counts sixty from the birthday itself, and reads cards without an old ID number", () => {
    expect(readScan("079123456789||Trần Thị Bình|28111966|Nữ|Đà Lạt|15082021", TODAY)).toMatchObject({ elderly: false });
    expect(readScan("079123456789||Trần Thị Bình|27111966|Nữ|Đà Lạt|15082021", TODAY)).toMatchObject({ elderly: true });
    expect(readScan("079123456789||Lê Hoàng|05052001|Nam|Đà Lạt|15082021|extra|fields", TODAY)).toEqual({ kind: "citizenId", name: "Lê Hoàng", elderly: false });
  });

  it("takes no card with a birthday the calendar has not, one after today, or one 130 years back", () => {
    for (const birth of ["31021960", "29021961", "00011960", "01131960", "28112026", "01011890"]) {
      expect(readScan(`079123456789||Trần Thị Bình|${birth}|Nữ|Đà Lạt|15082021`, TODAY), birth).toEqual({ kind: "unknown" });
    }
    // 29 February of a leap year is a day like any other.
    expect(readScan("079123456789||Trần Thị Bình|29021960|Nữ|Đà Lạt|15082021", TODAY)).toMatchObject({ kind: "citizenId", elderly: true });
  });

  it("finds a dossier code alone or inside the receipt's link", () => {
    expect(readScan("000.00.12.H36-261120-0001")).toEqual({ kind: "dossier", code: "000.00.12.H36-261120-0001" });
    expect(readScan("https://dichvucong.lamdong.gov.vn/tra-cuu?ma=000.00.12.h36-261120-0001\r\n")).toEqual({
      kind: "dossier",
      code: "000.00.12.H36-261120-0001",
    });
  });

  it("knows a ticket by its follow link, its id, or its number", () => {
    expect(readScan("http://192.168.1.10:3000/t/2026-11-27-A023")).toEqual({ kind: "ticket", ticketId: "2026-11-27-A023" });
    expect(readScan("http://192.168.1.10:3000/f/Qx3_vT9-aB2cD4eF")).toEqual({ kind: "follow", token: "Qx3_vT9-aB2cD4eF" });
    expect(readScan("2026-11-27-B105")).toEqual({ kind: "ticket", ticketId: "2026-11-27-B105" });
    expect(readScan(" a023 ")).toEqual({ kind: "ticketNumber", number: "A023" });
  });

  it("knows an appointment's booking code however it is typed: any case, grouped with a space or a dash", () => {
    for (const typed of ["7KM3PQ", "7km3pq", "7KM 3PQ", "7km-3pq", " 7K M-3 PQ \r\n", "7Km 3pQ"]) {
      expect(readScan(typed), typed).toEqual({ kind: "bookingCode", code: "7KM3PQ" });
    }
    expect(readScan("ABCDEF")).toEqual({ kind: "bookingCode", code: "ABCDEF" });
    expect(readScan("234567")).toEqual({ kind: "bookingCode", code: "234567" });
  });

  it("never takes a ticket number for a booking code, even one six characters long", () => {
    for (const [typed, number] of [
      ["A023", "A023"],
      ["HK0105", "HK0105"],
      ["hk2345", "HK2345"],
      ["AB2345", "AB2345"],
      ["L1", "L1"],
    ]) {
      expect(readScan(typed!), typed).toEqual({ kind: "ticketNumber", number });
    }
    // A ticket's id and its follow link stay what they are.
    expect(readScan("2026-11-27-HK0105")).toEqual({ kind: "ticket", ticketId: "2026-11-27-HK0105" });
    expect(readScan("http://192.168.1.10:3000/f/7KM3PQ7KM3PQ7KM3")).toEqual({ kind: "follow", token: "7KM3PQ7KM3PQ7KM3" });
  });

  it.each([
    ["five characters", "7KM3P"],
    ["seven characters", "7KM3PQR"],
    ["a letter not in the alphabet (O)", "7KO3PQ"],
    ["a letter not in the alphabet (I)", "7KI3PQ"],
    ["a letter not in the alphabet (L)", "7KL3PQ"],
    ["a zero", "7K03PQ"],
    ["a one", "7K13PQ"],
    ["a dot", "7KM.3PQ"],
    ["an underscore", "7KM_3PQ"],
  ])("does not take a code with %s for a booking code", (_what, text) => {
    expect(readScan(text, TODAY)).toEqual({ kind: "unknown" });
  });

  it.each([
    ["random words", "xin chao"],
    ["a web address", "https://example.com/khuyen-mai"],
    ["control characters", "000.00.12.H36-261120-0001\u001b[2J"],
    ["a NUL", "A023\u0000"],
    ["ten kilobytes", "9".repeat(10_240)],
    ["an ID card with letters for a number", "07912345678X||Nguyễn Văn An|01011960|Nam|Đà Lạt|15082021"],
    ["an ID card with markup for a name", "079123456789||<script>|01011960|Nam|Đà Lạt|15082021"],
    ["pipes alone", "||||||"],
    ["nothing", ""],
  ])("calls %s unknown", (_what, text) => {
    expect(readScan(text, TODAY)).toEqual({ kind: "unknown" });
  });
});

describe("searching without diacritics", () => {
  it("folds tones, vowel marks and đ away", () => {
    expect(fold("Đăng ký khai sinh")).toBe("dang ky khai sinh");
    expect(fold("  Chứng thực   bản sao ")).toBe("chung thuc ban sao");
  });
});

describe("the elderly queue", () => {
  it("is found by its name, in any case and with or without marks", () => {
    expect(isElderlyGroup({ name: "Người cao tuổi" })).toBe(true);
    expect(isElderlyGroup({ name: "NGƯỜI CAO TUỔI (từ 60 tuổi)" })).toBe(true);
    expect(isElderlyGroup({ name: "Phụ nữ mang thai" })).toBe(false);
  });
});

/** A card's QR as a scanner typed it: number, old number, name, birth, sex, address, issue date. */
const card = (name: string, sex = "Nam", address = "12 Lê Lợi, Phường 1, Đà Lạt, Lâm Đồng") => `079123456789||${name}|01011960|${sex}|${address}|15082021`;
/** What a scanner typing as a US keyboard leaves of a text: ASCII only, the rest dropped. */
const usKeyboard = (text: string) => text.normalize("NFC").replace(/[^\u0000-\u007f]/g, "");
/** What Western (Latin-1) Alt codes leave: the letters of Windows-1252, the rest dropped. */
const latin1 = (text: string) => text.normalize("NFC").replace(/[^\u0000-\u00ff]/g, "");
/** UTF-8 read back as Windows-1252 (a scanner or PC on the wrong code page); the page's five holes type nothing. */
const mojibake = (text: string) => new TextDecoder("windows-1252").decode(new TextEncoder().encode(text)).replace(/[\u0080-\u009f]/g, "");

describe("a chip ID card read by a scanner that lost letters", () => {
  const NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn A", "Phạm Minh Đức", "Hoàng Yến", "Đỗ Thị Hà", "Bùi Ngọc Ánh", "Lương Thế Vinh", "Huỳnh Quý", "Võ Thanh Tâm"];

  it("greets every name whose letters all came through, the minorities' too", () => {
    for (const name of [...NAMES, "Kpă Y Ơn", "H'Hen Niê", "Ksor H'Bla", "Nguyễn Thị Mai Anh", "NGUYỄN VĂN AN"]) {
      expect(readScan(card(name), TODAY), name).toMatchObject({ kind: "citizenId", name });
    }
    // Decomposed marks (some scanners send them so) are the same letters.
    expect(readScan(card("Nguyễn Văn An".normalize("NFD")), TODAY)).toMatchObject({ name: "Nguyễn Văn An" });
  });

  it("greets nobody for a US keyboard's leftovers, but still reads the age: 'Xin chào Nguyn Vn A!' never shows", () => {
    expect(readScan(usKeyboard(card("Nguyễn Văn An")), TODAY)).toEqual({ kind: "citizenId", name: null, elderly: true });
    for (const name of NAMES) {
      expect(readScan(usKeyboard(card(name, "Nữ")), TODAY), name).toMatchObject({ kind: "citizenId", name: null });
    }
  });

  it("greets nobody for an all-ASCII card, even where what is left reads as a name", () => {
    // "Le Van A" may be "Lê Văn A" flattened: a real card's text always has letters beyond ASCII.
    expect(readScan(card("Le Van A", "Nam", "12 Le Loi, Phuong 1, Da Lat, Lam Dong"), TODAY)).toMatchObject({ name: null });
    expect(readScan(card("Phan Thanh Hoa", "Nam", "Thon 2, Xa Hoa Bac"), TODAY)).toMatchObject({ name: null });
  });

  it("greets a name that is ASCII on a card whose other letters came through", () => {
    expect(readScan(card("Phan Thanh Hoa"), TODAY)).toMatchObject({ name: "Phan Thanh Hoa" });
    expect(readScan(card("Le Van A"), TODAY)).toMatchObject({ name: "Le Van A" });
  });

  it("with Latin-1 Alt codes, greets a name that kept every letter and nobody where one was dropped", () => {
    // ê, à, â, ô, õ are Latin-1; ă, ơ, ư, đ and the dotted or hooked vowels are not.
    expect(readScan(latin1(card("Võ Thanh Tâm", "Nam", "Thôn Tân Hà")), TODAY)).toMatchObject({ name: "Võ Thanh Tâm" });
    for (const name of ["Lê Văn A", "Nguyễn Văn An", "Trần Thị Bình", "Hoàng Yến", "Phạm Minh Đức"]) {
      expect(readScan(latin1(card(name)), TODAY), name).toMatchObject({ kind: "citizenId", name: null });
    }
    // The address gives it away when the name alone reads well: "Phng", "Lt", "ng".
    expect(readScan(latin1(card("Hoàng Tuyết")), TODAY)).toMatchObject({ name: null });
  });

  it("greets nobody where toned vowels were dropped but ă, ơ, đ came through (a Vietnamese layout mismatched)", () => {
    // Letters beyond Latin-1 arrived, yet "Nguyễn" lost its "ễ" and "Văn" nothing: still no greeting.
    expect(readScan(card("Nguyn Văn An"), TODAY)).toMatchObject({ kind: "citizenId", name: null });
    expect(readScan(card("Trn Thị Bình"), TODAY)).toMatchObject({ kind: "citizenId", name: null });
    // A typographic apostrophe ("H’Hen") is read as the plain one, and the name shown as it came.
    expect(readScan(card("H\u2019Hen Niê"), TODAY)).toMatchObject({ kind: "citizenId", name: "H\u2019Hen Niê" });
  });

  it("greets nobody for mangled letters (the wrong code page), and still knows the card", () => {
    for (const name of NAMES) {
      expect(readScan(mojibake(card(name)), TODAY), name).toMatchObject({ kind: "citizenId", name: null });
    }
    expect(readScan(card("Nguy?n V?n An"), TODAY)).toMatchObject({ kind: "citizenId", name: null });
  });
});

describe("a Vietnamese syllable", () => {
  it("is an initial, one to three vowels and a final", () => {
    for (const s of ["Nguyễn", "Văn", "A", "khuynh", "Huỳnh", "quýt", "Ngọc", "nghiêng", "giữa", "Trương", "Y", "Oanh"]) expect(couldBeVietnamese(s), s).toBe(true);
  });

  it("is not what a lost letter leaves", () => {
    for (const s of ["Nguyn", "Vn", "L", "Trn", "Th", "Phm", "Ngc", "Yn", "c", "Lng", "Bnh"]) expect(couldBeVietnamese(s), s).toBe(false);
  });
});
