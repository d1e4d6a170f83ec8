import type { Call, DisplaySnapshot } from "@motcua/protocol";

/**
 * Counters the board keeps a call for, at most. The wall keeps one call per counter (its
 * latest), so its memory is bounded by the hall's counters, not by the day's calls; this cap
 * only guards a misconfigured hall.
 */
export const KEEP_COUNTERS = 120;

/** Other counters' calls the wall lists below the newest, at most (4 columns × 6 rows). */
export const LIST_MAX = 24;

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
 * How the list below the newest call is laid out: more columns and smaller rows as more
 * counters call, so every counter's number stays on the screen (up to LIST_MAX of them).
 */
export function listLayout(n: number): { columns: number; rows: number } {
  const columns = n <= 8 ? 2 : n <= 15 ? 3 : 4;
  return { columns, rows: Math.max(4, Math.ceil(Math.min(n, LIST_MAX) / columns)) };
}

/** The scrolling line: the center's notices, and the hotline unless a notice already gives its number. */
export function tickerOf(center: Pick<DisplaySnapshot["center"], "notices" | "hotline">): string {
  const hotline = center.hotline.trim();
  const named = hotline === "" || center.notices.some((n) => n.replace(/[\s.]/g, "").includes(hotline.replace(/[\s.]/g, "")));
  return [...center.notices, ...(named ? [] : [`Đường dây nóng phản ánh, kiến nghị: ${hotline}`])].join("   •   ");
}
