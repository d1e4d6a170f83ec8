import type { Call, DisplaySnapshot } from "@motcua/protocol";

/**
 * Counters the board keeps a call for, at most. The wall keeps one call per counter (its
 * latest), so its memory is bounded by the hall's counters, not by the day's calls; this cap
 * only guards a misconfigured hall.
 */
export const KEEP_COUNTERS = 120;

/**
 * A new call (or a recall) on top; below it each other counter's latest call, newest first.
 * The counter's earlier call goes: a citizen looks for the number that counter calls now.
 */
export const withCall = (calls: Call[], call: Call): Call[] =>
  [call, ...calls.filter((c) => c.ticketId !== call.ticketId && c.counterId !== call.counterId)].slice(0, KEEP_COUNTERS);

/**
 * The wall after a (re)connect: each counter's latest call from the server's recent calls,
 * and, for a counter still serving a citizen it called long ago (a land dossier takes an
 * hour while the other desks call dozens), that call rebuilt from the counter's state.
 */
export function wallCalls(snapshot: Pick<DisplaySnapshot, "recentCalls" | "counters" | "services">): Call[] {
  const calls: Call[] = [];
  for (const c of snapshot.recentCalls) if (!calls.some((x) => x.counterId === c.counterId)) calls.push(c);
  for (const k of snapshot.counters) {
    if (!k.currentNumber || !k.currentSince || !k.currentTicketId || calls.some((x) => x.counterId === k.counterId)) continue;
    // The ticket's field from its service letters ("AB012" → AB): the URL's field filter needs it.
    const code = /^[A-Z]+/.exec(k.currentNumber)?.[0];
    const service = snapshot.services.find((s) => s.code === code);
    calls.push({
      ticketId: k.currentTicketId,
      number: k.currentNumber,
      serviceId: service?.id ?? "unknown",
      fieldId: service?.fieldId ?? "unknown",
      counterId: k.counterId,
      counterNumber: k.number,
      calledAt: k.currentSince,
      recalls: 0,
    });
  }
  // Newest first; the server's order stands between calls made in the same millisecond.
  return calls
    .map((c, i) => ({ c, i, at: Date.parse(c.calledAt) }))
    .sort((a, b) => b.at - a.at || a.i - b.i)
    .map(({ c }) => c)
    .slice(0, KEEP_COUNTERS);
}

/**
 * The smallest a standing call's number may be drawn, as a share of the screen's height (CSS
 * font-size in vh). The hall is read from 10 m. The audit's yardstick: a 62.6 px number on a
 * 55-inch 1080p panel (68.5 cm of height over 1080 lines) is legible from about 3.5 m, and
 * legibility grows with letter height, so 10 m takes 62.6 × 10 / 3.5 ≈ 179 px: 16.6 % of the
 * height (179 px at 1080p, 358 px at 4K, the same 11.3 cm on the glass). Every standing call
 * gets it, up to twelve calls of four characters on a 16:9 screen (`wallLayout`).
 */
export const MIN_NUMBER_VH = 16.6;
/** Above this a number gains nothing from the back of the hall and only crowds the rest. */
export const MAX_NUMBER_VH = 30;
/**
 * The numbers are drawn this much narrower than the font (CSS scaleX): the height, which the
 * reading distance depends on, stays; four of Be Vietnam Pro's wide ExtraBold characters then
 * fit four calls across a 16:9 screen at the minimum height (a semi-condensed width, as on the
 * LED boards halls already read).
 */
export const CONDENSE = 0.82;
/** The number's line and the counter's below it, in their font sizes (board.css). */
const NUMBER_LINE = 0.92;
const COUNTER_LINE = 1.1;
/** The counter's font size next to its number's when the cell's height sets both. */
export const COUNTER_SHARE = 0.45;
/** Gaps between cells, a cell's padding and border (per side), a row of fields: in vh (board.css). */
const GAP = 1;
const CELL_EDGE_X = 0.7;
const CELL_EDGE_Y = 0.7;
export const FIELD_ROW = 7;
const FIELD_GAP = 0.8;
/** The fields' label column ("Đang chờ", the page) and the width a field's row needs, in vh. */
const FIELD_LABEL = 15;
const FIELD_MIN_WIDTH = 50;
/** A page of fields stays this long when they do not all fit at once. */
export const FIELD_PAGE_MS = 8000;

/** Advance widths of Be Vietnam Pro ExtraBold, in em (measured in Chromium); an unknown character as a wide one. */
const EM: Record<string, number> = {
  A: 0.78, B: 0.707, C: 0.781, D: 0.758, E: 0.649, F: 0.611, G: 0.793, H: 0.74, I: 0.301, J: 0.499, K: 0.728, L: 0.65, M: 0.9,
  N: 0.754, O: 0.829, P: 0.69, Q: 0.828, R: 0.708, S: 0.657, T: 0.698, U: 0.746, V: 0.77, W: 1.074, X: 0.786, Y: 0.736, Z: 0.669,
  "0": 0.708, "1": 0.446, "2": 0.669, "3": 0.687, "4": 0.723, "5": 0.689, "6": 0.7, "7": 0.599, "8": 0.679, "9": 0.706,
};
/** How wide a ticket number is drawn, in em of its font size (condensed). */
export const numberEm = (number: string): number => [...number].reduce((w, c) => w + (EM[c] ?? 1.1), 0.04) * CONDENSE;
/** "Quầy 12" in the counter's Bold, in em: "Quầy " is 2.9 em, a digit at most 0.72. */
export const counterEm = (counterNumber: number): number => 2.95 + 0.72 * String(counterNumber).length;

export interface WallLayout {
  columns: number;
  rows: number;
  /** The widest number and counter name on the wall, in em: CSS sizes every cell's text by them. */
  numberEm: number;
  counterEm: number;
  /** The number's font size the layout expects, in vh (CSS draws it, from the cell's own size). */
  numberVh: number;
  /** Rows and columns of fields shown at once below the calls; the rest come page by page. */
  fieldRows: number;
  fieldColumns: number;
}

/**
 * How the standing calls share the screen: as many columns and rows as give the largest
 * number, each cell a number over its counter ("A023" / "Quầy 12", never wrapped), and what
 * height is left to the waiting fields below, page by page. The fields get more rows only
 * while the numbers stay above the minimum (with a margin); no call is ever left out, and
 * the fields never push a call off the screen: they have a fixed share. `area` is the space
 * between the header and the ticker, in px; `vh` is 1 % of the screen's height in px.
 */
export function wallLayout(calls: Pick<Call, "number" | "counterNumber">[], fields: number, area: { width: number; height: number }, vh: number): WallLayout {
  const n = Math.max(1, calls.length);
  const nEm = Math.max(numberEm("A000"), ...calls.map((c) => numberEm(c.number)));
  const cEm = Math.max(counterEm(9), ...calls.map((c) => counterEm(c.counterNumber)));
  const fieldColumns = Math.max(1, Math.min(4, Math.floor((area.width / vh - FIELD_LABEL) / FIELD_MIN_WIDTH)));
  const best = (fieldRows: number) => {
    let pick = { columns: 1, rows: n, numberVh: 0 };
    const gridH = area.height - (fieldRows * FIELD_ROW + (fieldRows - 1) * FIELD_GAP + GAP) * vh;
    for (let columns = 1; columns <= Math.min(n, 8); columns++) {
      const rows = Math.ceil(n / columns);
      const w = (area.width - (columns - 1) * GAP * vh) / columns - 2 * CELL_EDGE_X * vh;
      const h = (gridH - (rows - 1) * GAP * vh) / rows - 2 * CELL_EDGE_Y * vh;
      const size = Math.min(MAX_NUMBER_VH * vh, w / nEm, h / (NUMBER_LINE + COUNTER_LINE * COUNTER_SHARE)) / vh;
      if (size > pick.numberVh + 0.01) pick = { columns, rows, numberVh: size };
    }
    return pick;
  };
  const most = Math.max(1, Math.min(3, Math.ceil(fields / fieldColumns)));
  const one = best(1);
  // More rows of fields (fewer pages) only while every number stays comfortably large.
  const enough = Math.min(one.numberVh, MIN_NUMBER_VH * 1.25);
  for (let fieldRows = most; fieldRows > 1; fieldRows--) {
    const pick = best(fieldRows);
    if (pick.numberVh >= enough) return { ...pick, numberEm: nEm, counterEm: cEm, fieldRows, fieldColumns };
  }
  return { ...one, numberEm: nEm, counterEm: cEm, fieldRows: 1, fieldColumns };
}

/** The scrolling line: the center's notices, and the hotline unless a notice already gives its number. */
export function tickerOf(center: Pick<DisplaySnapshot["center"], "notices" | "hotline">): string {
  const hotline = center.hotline.trim();
  const named = hotline === "" || center.notices.some((n) => n.replace(/[\s.]/g, "").includes(hotline.replace(/[\s.]/g, "")));
  return [...center.notices, ...(named ? [] : [`Đường dây nóng phản ánh, kiến nghị: ${hotline}`])].join("   •   ");
}
