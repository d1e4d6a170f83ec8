// Reads back a report's CSV as Excel set to Vietnamese does: a UTF-8 BOM first, ";" between cells,
// CRLF between lines, cells in double quotes where they hold either or a quote (doubled), and a
// decimal comma. Written apart from the server's writer, so that a mistake in one is not repeated
// in the other; it throws where Excel would go wrong rather than guess.

/** The file's lines of cells, the BOM checked and taken off; the last line's CRLF ends no line of its own. */
export function readCsv(file: Buffer | string): string[][] {
  const text = typeof file === "string" ? file : file.toString("utf8");
  if (!text.startsWith("\uFEFF")) throw new Error("no UTF-8 BOM: Excel would read the file in the ANSI code page");
  if (!text.endsWith("\r\n")) throw new Error("the last line has no CRLF");
  const lines: string[][] = [];
  let line: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 1;
  const end = text.length - 2;
  while (i < end) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (cell += c), i++;
      continue;
    }
    if (c === '"') {
      if (cell !== "") throw new Error(`a quote inside an unquoted cell on line ${lines.length + 1}`);
      quoted = true;
      i++;
    } else if (c === ";") (line.push(cell), (cell = ""), i++);
    else if (c === "\r" && text[i + 1] === "\n") (line.push(cell), lines.push(line), (line = []), (cell = ""), (i += 2));
    else if (c === "\r" || c === "\n") throw new Error(`a bare line break on line ${lines.length + 1}: lines end with CRLF`);
    else (cell += c), i++;
  }
  if (quoted) throw new Error("a quoted cell runs to the end of the file");
  line.push(cell);
  lines.push(line);
  return lines;
}

/** A cell as vi-VN Excel reads a number: digits, a decimal comma; "" for no figure. Throws on a decimal point. */
export function viNumber(cell: string | undefined): number | null {
  if (cell === undefined || cell === "") return null;
  if (!/^-?\d+(,\d+)?$/.test(cell)) throw new Error(`"${cell}" is no number to vi-VN Excel`);
  return Number(cell.replace(",", "."));
}

/** "dd/mm/yyyy HH:mm" of a moment in Hanoi (UTC+7, no daylight saving). */
export function hanoiStamp(at: number): string {
  const iso = new Date(at + 7 * 3_600_000).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}
