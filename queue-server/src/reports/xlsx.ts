import zlib from "node:zlib";

// An XLSX writer for the reports' exports and no more: sheets of text and numbers, a bold title and
// header at the top, column widths, rows frozen above the scroll. The parts are ECMA-376's smallest
// package that Excel and LibreOffice open without a repair; the ZIP is written here too, so an
// export needs no library.

export type Cell = string | number | null;

/** How a row at the top of a sheet is set: a title bold and larger, a header bold. */
export type RowStyle = "title" | "header";

export interface Sheet {
  /** Made fit for Excel: []:*?/\ become "-", apostrophes at either end go, at most 31 characters. */
  name: string;
  /** Top to bottom, left to right from column A; null leaves a cell empty. */
  rows: Cell[][];
  /** The style of each row from the first; rows past its end are plain. */
  styles?: RowStyle[];
  /** Column widths in characters, from column A. */
  widths?: number[];
  /** How many rows at the top stay in view as the sheet scrolls. */
  frozen?: number;
}

/** The workbook's file. Throws where Excel would refuse it: no sheet, or two of one name. */
export function xlsx(sheets: Sheet[]): Buffer {
  if (sheets.length === 0) throw new Error("a workbook needs a sheet");
  const names = sheets.map((s) => sheetName(s.name));
  const taken = new Set<string>();
  for (const name of names) {
    // Excel tells sheet names apart without regard to case.
    const key = name.toLowerCase();
    if (name === "" || taken.has(key)) throw new Error(`sheet name "${name}" is empty or used twice`);
    taken.add(key);
  }
  const strings = new Map<string, number>();
  const sheetXml = sheets.map((s) => worksheet(s, strings));
  return zip([
    ["[Content_Types].xml", contentTypes(sheets.length)],
    ["_rels/.rels", `${XML}<Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ["xl/workbook.xml", workbook(names)],
    ["xl/_rels/workbook.xml.rels", workbookRels(sheets.length)],
    ["xl/styles.xml", STYLES],
    ["xl/sharedStrings.xml", `${XML}<sst xmlns="${MAIN}">${[...strings.keys()].map((s) => `<si>${text(s)}</si>`).join("")}</sst>`],
    ...sheetXml.map((xml, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, xml]),
  ]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml";

const sheetName = (name: string) =>
  name
    .replace(/[[\]:*?/\\]/g, "-")
    .replace(/^'+/, "")
    .slice(0, 31)
    // The cut may leave half of a surrogate pair, or bring an apostrophe to the end.
    .replace(/[\uD800-\uDBFF]$/, "")
    .replace(/'+$/, "");

// A carriage return written as itself would reach the reader as a line feed, as XML parsers do.
const ENTITY: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "\r": "&#13;" };
/** Text fit for XML 1.0, which cannot hold most control characters even escaped: those are dropped. */
const esc = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/[<>&"\r]/g, (c) => ENTITY[c]!);
/** A text element. Excel reads _xHHHH_ in it as a character code: an underscore that starts one is written as _x005F_. */
const text = (s: string) => `<t xml:space="preserve">${esc(s).replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_")}</t>`;

/** A, B, … Z, AA, AB, … for the 0-based column. */
const column = (i: number): string => (i < 26 ? "" : column(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));

/** Cell formats in styles.xml, by their index there (0 is plain). */
const XF: Record<RowStyle, number> = { title: 1, header: 2 };
const font = (bold: boolean, size: number) => `<font>${bold ? "<b/>" : ""}<sz val="${size}"/><name val="Calibri"/><family val="2"/></font>`;
const xf = (fontId: number) => `<xf numFmtId="0" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${fontId > 0 ? ' applyFont="1"' : ""}/>`;
const STYLES = [
  `${XML}<styleSheet xmlns="${MAIN}">`,
  `<fonts count="3">${font(false, 11)}${font(true, 13)}${font(true, 11)}</fonts>`,
  // Fills 0 and 1 are the two Excel expects before any of a workbook's own.
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`,
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`,
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`,
  // Format n sets font n: plain, the title's, the header's.
  `<cellXfs count="3">${[0, 1, 2].map(xf).join("")}</cellXfs>`,
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
].join("");

/** A sheet's XML; its text goes to the workbook's shared strings, each string once. */
function worksheet({ rows, styles = [], widths = [], frozen = 0 }: Sheet, strings: Map<string, number>): string {
  const shared = (s: string) => strings.get(s) ?? strings.set(s, strings.size).size - 1;
  const data = rows.map((row, r) => {
    const style = styles[r] ? ` s="${XF[styles[r]]}"` : "";
    const cells = row.map((v, c) => {
      // Excel has no NaN or infinity: such a figure is left out, as null is.
      if (v === null || (typeof v === "number" && !Number.isFinite(v))) return "";
      const ref = `${column(c)}${r + 1}`;
      return typeof v === "number" ? `<c r="${ref}"${style}><v>${v}</v></c>` : `<c r="${ref}"${style} t="s"><v>${shared(v)}</v></c>`;
    });
    return `<row r="${r + 1}">${cells.join("")}</row>`;
  });
  const top = `A${frozen + 1}`;
  const view = frozen > 0 ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>` : "";
  const cols = widths.length > 0 ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>` : "";
  // The schema fixes the order: views, then columns, then the cells.
  return `${XML}<worksheet xmlns="${MAIN}">${view}${cols}<sheetData>${data.join("")}</sheetData></worksheet>`;
}

const workbook = (names: string[]) =>
  `${XML}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><bookViews><workbookView/></bookViews><sheets>${names
    .map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("")}</sheets></workbook>`;

/** rId1… are the sheets, in order; the styles and shared strings follow them. */
const workbookRels = (sheets: number) => {
  const rel = (id: number, type: string, target: string) => `<Relationship Id="rId${id}" Type="${DOC_RELS}/${type}" Target="${target}"/>`;
  const each = Array.from({ length: sheets }, (_, i) => rel(i + 1, "worksheet", `worksheets/sheet${i + 1}.xml`));
  return `${XML}<Relationships xmlns="${PACKAGE_RELS}">${each.join("")}${rel(sheets + 1, "styles", "styles.xml")}${rel(sheets + 2, "sharedStrings", "sharedStrings.xml")}</Relationships>`;
};

const contentTypes = (sheets: number) => {
  const part = (name: string, type: string) => `<Override PartName="/xl/${name}" ContentType="${TYPE}.${type}+xml"/>`;
  const each = Array.from({ length: sheets }, (_, i) => part(`worksheets/sheet${i + 1}.xml`, "worksheet"));
  return `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${part("workbook.xml", "sheet.main")}${part("styles.xml", "styles")}${part("sharedStrings.xml", "sharedStrings")}${each.join("")}</Types>`;
};

/** Little-endian fields of 2 or 4 bytes, as a ZIP's headers are laid out. */
const le = (...fields: [value: number, bytes: 2 | 4][]) =>
  Buffer.concat(
    fields.map(([value, bytes]) => {
      const b = Buffer.alloc(bytes);
      b.writeUIntLE(value, 0, bytes);
      return b;
    }),
  );

/** 1980-01-01 00:00, the first moment a ZIP can say: the same workbook is then the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** The files deflated into a ZIP, in the order given. */
function zip(files: [name: string, content: string][]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const path = Buffer.from(name, "utf8");
    const data = Buffer.from(content, "utf8");
    const packed = zlib.deflateRawSync(data);
    // Version 2.0 (deflate), no flags, deflated, time and date, CRC, sizes, name length, no extra field.
    const entry = le([20, 2], [0, 2], [8, 2], [0, 2], [DOS_DATE, 2], [crc32(data), 4], [packed.length, 4], [data.length, 4], [path.length, 2], [0, 2]);
    local.push(le([0x04034b50, 4]), entry, path, packed);
    // Made by version 2.0; no comment, disk 0, no attributes; where its local header is.
    central.push(le([0x02014b50, 4], [20, 2]), entry, le([0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]), path);
    offset += 30 + path.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = le([0x06054b50, 4], [0, 2], [0, 2], [files.length, 2], [files.length, 2], [directory.length, 4], [offset, 4], [0, 2]);
  return Buffer.concat([...local, directory, end]);
}

/** zlib.crc32 came in Node 20.15; the engines allow an earlier 20, which gets this table's. */
const crc32 = (data: Buffer) => (zlib.crc32 ?? tableCrc32)(data);

let table: Uint32Array | undefined;
function tableCrc32(data: Buffer): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
