import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { xlsx, type Sheet } from "./xlsx.ts";

/**
 * The workbook as another program reads it: Python's zipfile, whose testzip() checks every CRC,
 * and its XML parser. It also says which parts [Content_Types].xml gives no type (Excel refuses
 * such a package), and per sheet each row's font (bold, size), the column widths and frozen rows.
 */
const READ = String.raw`
import json, posixpath, re, sys, zipfile, xml.etree.ElementTree as ET
M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
P = "{http://schemas.openxmlformats.org/package/2006/relationships}"
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
xml = lambda name: ET.fromstring(z.read(name))
types = xml("[Content_Types].xml")
typed = {t.get("PartName") for t in types if t.get("PartName")}
extensions = {t.get("Extension") for t in types if t.get("Extension")}
untyped = [n for n in z.namelist() if "/" + n not in typed and n.rsplit(".", 1)[-1] not in extensions]
def rels(part):
    folder, name = posixpath.split(part)
    return {r.get("Id"): (r.get("Type").rsplit("/", 1)[-1], posixpath.join(folder, r.get("Target"))) for r in xml(posixpath.join(folder, "_rels", name + ".rels")).iter(P + "Relationship")}
book = next(t for kind, t in rels("").values() if kind == "officeDocument")
parts = rels(book)
excel = lambda s: re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)
text = lambda item: excel("".join(t.text or "" for t in item.iter(M + "t")))
shared = [text(si) for si in xml(next(t for kind, t in parts.values() if kind == "sharedStrings")).iter(M + "si")]
styles = xml(next(t for kind, t in parts.values() if kind == "styles"))
fonts = [[f.find(M + "b") is not None, float(f.find(M + "sz").get("val"))] for f in styles.find(M + "fonts")]
xfs = [int(x.get("fontId")) for x in styles.find(M + "cellXfs")]
def column(letters):
    n = 0
    for l in letters: n = n * 26 + ord(l) - 64
    return n - 1
sheets = []
for s in xml(book).iter(M + "sheet"):
    ws = xml(parts[s.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")][1])
    rows, font = [], []
    for row in ws.iter(M + "row"):
        cells = {}
        for c in row.iter(M + "c"):
            letters, number = re.fullmatch(r"([A-Z]+)(\d+)", c.get("r")).groups()
            assert int(number) == int(row.get("r")) == len(rows) + 1
            v = c.find(M + "v")
            cells[column(letters)] = shared[int(v.text)] if c.get("t") == "s" else float(v.text)
        rows.append([cells.get(i) for i in range(max(cells, default=-1) + 1)])
        font.append(fonts[xfs[int(next(row.iter(M + "c")).get("s", 0))]] if cells else None)
    pane = ws.find(f"{M}sheetViews/{M}sheetView/{M}pane")
    widths = [float(c.get("width")) for c in ws.iter(M + "col")]
    sheets.append({"name": s.get("name"), "rows": rows, "fonts": font, "widths": widths, "frozen": float(pane.get("ySplit")) if pane is not None and pane.get("state") == "frozen" else 0})
print(json.dumps({"bad": bad, "untyped": untyped, "sheets": sheets}, ensure_ascii=False))
`;

interface Read {
  bad: string | null;
  untyped: string[];
  sheets: { name: string; rows: (string | number | null)[][]; fonts: ([bold: boolean, size: number] | null)[]; widths: number[]; frozen: number }[];
}

/** Fails, not skips, where python3 is missing: every machine of ours has it. */
function read(file: Buffer): Read {
  const path = join(mkdtempSync(join(tmpdir(), "motcua-xlsx-")), "book.xlsx");
  writeFileSync(path, file);
  const run = spawnSync("python3", ["-c", READ, path], { encoding: "utf8" });
  expect(run.error).toBeUndefined();
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Read;
}

const report: Sheet = {
  name: "Theo cán bộ",
  rows: [
    ["Báo cáo từ 01/11/2026 đến 27/11/2026"],
    ["Mã", "Tên", "Chờ trung bình (phút)", "Tỷ lệ hài lòng (%)"],
    ["s1", "Nguyễn Thị Hoa", 4.5, 66.7],
    ["s2", "Trần Văn Đức", null, -0.25],
    ["s3", "  Lê Ánh  ", 0, 1e21],
  ],
  styles: ["title", "header"],
  widths: [16, 36, 20, 20],
  frozen: 2,
};

describe("the XLSX writer", () => {
  it("writes a ZIP and parts that another program opens, each part typed", () => {
    const back = read(xlsx([report, { name: "Năng suất", rows: [["Mã", 1600]] }]));
    expect(back.bad).toBeNull();
    expect(back.untyped).toEqual([]);
    expect(back.sheets.map((s) => s.name)).toEqual(["Theo cán bộ", "Năng suất"]);
  });

  it("keeps Vietnamese text, numbers and empty cells as they were given", () => {
    const [sheet] = read(xlsx([report])).sheets;
    expect(sheet!.rows).toEqual(report.rows);
  });

  it("sets the title and the header in bold, the title larger; sizes the columns; freezes the rows above", () => {
    const [sheet, plain] = read(xlsx([report, { name: "Năng suất", rows: [["Mã"], ["x"]] }])).sheets;
    expect(sheet!.fonts).toEqual([[true, 13], [true, 11], [false, 11], [false, 11], [false, 11]]);
    expect(sheet!.widths).toEqual([16, 36, 20, 20]);
    expect(sheet!.frozen).toBe(2);
    expect(plain).toMatchObject({ fonts: [[false, 11], [false, 11]], widths: [], frozen: 0 });
  });

  it("escapes what XML or Excel would read otherwise, and drops the control characters XML cannot hold", () => {
    const tricky = ['<b>&amp; "quoted"</b>', "O'Brien & Sons > 1", "_x0041_ stays as typed", "line\r\nbreak\ttab", "bell\u0007 and nul\u0000"];
    const [sheet] = read(xlsx([{ name: "Tên <&> \"x\"", rows: [tricky] }])).sheets;
    expect(sheet!.name).toBe('Tên <&> "x"');
    expect(sheet!.rows[0]).toEqual([...tricky.slice(0, 4), "bell and nul"]);
  });

  it("names the columns past Z as Excel does: AA, AZ, BA, ZZ, AAA", () => {
    const row = Array.from({ length: 800 }, (_, i) => i);
    const file = xlsx([{ name: "Rộng", rows: [row] }]);
    expect(read(file).sheets[0]!.rows[0]).toEqual(row);
    const sheetXml = unzipped(file, "xl/worksheets/sheet1.xml");
    for (const [ref, i] of [["Z1", 25], ["AA1", 26], ["AZ1", 51], ["BA1", 52], ["ZZ1", 701], ["AAA1", 702]] as const) {
      expect(sheetXml).toContain(`<c r="${ref}"><v>${i}</v></c>`);
    }
  });

  it("makes names fit for a sheet: no []:*?/\\, no apostrophe at either end, 31 characters at most", () => {
    const names = ["Báo cáo [Q1]: 01/01*?\\x", "'Trích'", "Danh sách cán bộ tiếp nhận hồ sơ toàn tỉnh năm 2026"];
    const back = read(xlsx(names.map((name) => ({ name, rows: [] })))).sheets.map((s) => s.name);
    expect(back).toEqual(["Báo cáo -Q1-- 01-01---x", "Trích", "Danh sách cán bộ tiếp nhận hồ s"]);
    expect(back[2]).toHaveLength(31);
  });

  it("refuses a workbook Excel would not open: no sheet, an empty name, or one name twice in any case", () => {
    expect(() => xlsx([])).toThrow();
    expect(() => xlsx([{ name: "'''", rows: [] }])).toThrow();
    expect(() => xlsx([{ name: "Theo ngày", rows: [] }, { name: "THEO NGÀY", rows: [] }])).toThrow();
  });

  it("writes the same bytes for the same workbook, with Node's CRC-32 or without it", () => {
    const file = xlsx([report]);
    expect(xlsx([report]).equals(file)).toBe(true);
    const { crc32 } = zlib;
    // As on a Node 20 before 20.15, which has no zlib.crc32.
    Object.assign(zlib, { crc32: undefined });
    try {
      expect(xlsx([report]).equals(file)).toBe(true);
    } finally {
      Object.assign(zlib, { crc32 });
    }
  });
});

/** One file of the ZIP, through Python too, as text. */
function unzipped(file: Buffer, name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "motcua-xlsx-")), "book.xlsx");
  writeFileSync(path, file);
  const run = spawnSync("python3", ["-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", path, name], { encoding: "utf8" });
  expect(run.status).toBe(0);
  return run.stdout;
}
