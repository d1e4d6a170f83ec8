import { posix } from "node:path";
import { inflateRawSync } from "node:zlib";

// Reads back an XLSX the way a spreadsheet program finds its way in: the ZIP's central directory,
// the package's relationships to the workbook and its sheets, the shared strings. Written apart
// from the server's writer, so that a mistake in one is not repeated in the other.

export type Cell = string | number | null;
export interface SheetRead {
  name: string;
  /** Row 1 first, column A first; a cell with no value, or none written, is null. */
  rows: Cell[][];
}

/** The files of a ZIP by name, stored or deflated. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a ZIP: no end of central directory");
  const files = new Map<string, Buffer>();
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const packedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`${name}: no local header at ${local}`);
    // The local header's own name and extra field may differ in length from the directory's.
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const packed = zip.subarray(start, start + packedSize);
    const data = method === 0 ? packed : method === 8 ? inflateRawSync(packed) : undefined;
    if (!data) throw new Error(`${name}: compression method ${method}`);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, the directory says ${size}`);
    files.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

/** Every sheet in the workbook's order, with its cells' values: shared, inline or plain strings, numbers. */
export function readXlsx(file: Buffer): SheetRead[] {
  const files = unzip(file);
  const part = (path: string) => {
    const data = files.get(path);
    if (!data) throw new Error(`no ${path} in the package`);
    return data.toString("utf8");
  };
  /** A part's relationships: their ids, the last word of their types, their targets as paths in the package. */
  const relations = (path: string) =>
    [...part(posix.join(posix.dirname(path), "_rels", `${posix.basename(path)}.rels`)).matchAll(/<Relationship\b([^>]*)>/g)].map((m) => {
      const target = attr(m[1]!, "Target")!;
      return { id: attr(m[1]!, "Id"), type: attr(m[1]!, "Type")?.split("/").pop(), path: target.startsWith("/") ? target.slice(1) : posix.join(posix.dirname(path), target) };
    });
  const workbook = relations("").find((r) => r.type === "officeDocument")?.path;
  if (!workbook) throw new Error("no office document in _rels/.rels");
  const parts = relations(workbook);
  const sharedPath = parts.find((r) => r.type === "sharedStrings")?.path;
  const shared = sharedPath ? [...part(sharedPath).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runs(m[1]!)) : [];
  return [...part(workbook).matchAll(/<sheet\b([^>]*?)\/?>/g)].map((m) => {
    const path = parts.find((r) => r.id === attr(m[1]!, "r:id"))?.path;
    if (!path) throw new Error(`sheet ${attr(m[1]!, "name")} has no part`);
    return { name: unescape(attr(m[1]!, "name")!), rows: cells(part(path), shared) };
  });
}

/** A sheet's rows, by name; throws, naming the sheets there are, if it is missing. */
export function rowsOf(book: SheetRead[], name: string): Cell[][] {
  const sheet = book.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet "${name}" among ${book.map((s) => `"${s.name}"`).join(", ")}`);
  return sheet.rows;
}

const attr = (attrs: string, name: string) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];

/** XML's entities, then Excel's _xHHHH_ character codes. */
const unescape = (s: string) =>
  s
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
      e.startsWith("#x") ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[e]!,
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The text of a string item: its <t>, or its rich-text runs' together, without phonetic guides. */
const runs = (item: string) =>
  [...item.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)].map((m) => unescape(m[1] ?? "")).join("");

/** 0-based column of A, B, … Z, AA, … */
const columnOf = (letters: string) => [...letters].reduce((n, l) => n * 26 + l.charCodeAt(0) - 64, 0) - 1;

function sharedString(shared: string[], index: number): string {
  const s = shared[index];
  if (s === undefined) throw new Error(`shared string ${index} of ${shared.length}`);
  return s;
}

function cells(sheet: string, shared: string[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const m of sheet.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const ref = /^([A-Z]+)(\d+)$/.exec(attr(m[1]!, "r") ?? "");
    if (!ref) throw new Error(`a cell without a reference: ${m[0]}`);
    const body = m[2] ?? "";
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    const type = attr(m[1]!, "t") ?? "n";
    const value =
      type === "inlineStr" ? runs(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "")
      : v === undefined ? null
      : type === "s" ? sharedString(shared, Number(v))
      : type === "str" || type === "e" ? unescape(v)
      : Number(v);
    (rows[Number(ref[2]) - 1] ??= [])[columnOf(ref[1]!)] = value;
  }
  return Array.from(rows, (row) => Array.from(row ?? [], (v) => v ?? null));
}
