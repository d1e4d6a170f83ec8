import { yardstickOf, type CenterConfig, type Report, type ReportRow } from "@motcua/protocol";
import { emptyBucket, figuresOf, merge, type Bucket, type DaySummary } from "./summary.ts";

const DAY_MS = 86_400_000;

/** Every day from `from` to `to`, inclusive, as YYYY-MM-DD. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const dmy = (day: string) => day.split("-").reverse().join("/");

function group(summaries: DaySummary[], pick: (s: DaySummary) => Record<string, Bucket>): Map<string, Bucket> {
  const out = new Map<string, Bucket>();
  for (const s of summaries) for (const [k, b] of Object.entries(pick(s))) merge(out.get(k) ?? (out.set(k, emptyBucket()), out.get(k)!), b);
  return out;
}

/**
 * A report over days already summarised. Rows follow the configuration's order (fields,
 * counters), then anything the configuration no longer has; staff by name; hours and days in order.
 */
export function buildReport(
  config: Pick<CenterConfig, "fields" | "counters" | "staff" | "center">,
  from: string,
  to: string,
  summaries: DaySummary[],
  /** The year of `to` up to `to`, for each officer's pace against the yardstick. */
  yearSummaries: DaySummary[],
  /** The service day today: a span reaching past it is counted to today. */
  today: string,
): Report {
  const overall = summaries.reduce((b, s) => merge(b, s.overall), emptyBucket());
  const rows = (groups: Map<string, Bucket>, order: string[], name: (id: string) => string): ReportRow[] => {
    const ids = [...order.filter((id) => groups.has(id)), ...[...groups.keys()].filter((id) => !order.includes(id)).sort()];
    return ids.map((id) => ({ id, name: name(id), ...figuresOf(groups.get(id)!) }));
  };
  const names: Record<string, string> = {};
  for (const s of [...yearSummaries, ...summaries]) Object.assign(names, s.staffNames);
  for (const p of config.staff) names[p.id] = p.displayName;
  const staffName = (id: string) => names[id] ?? id;
  const byStaff = group(summaries, (s) => s.byStaff);

  const year = Number(to.slice(0, 4));
  const served = new Map<string, number>();
  for (const s of yearSummaries) for (const [id, b] of Object.entries(s.byStaff)) served.set(id, (served.get(id) ?? 0) + b.served);
  // The pace is over the days the center has worked this year: from its first recorded day if it
  // started after 1 January, to today if the span reaches into the future.
  const first = yearSummaries[0]?.day ?? `${year}-01-01`;
  const start = first > `${year}-01-01` ? first : `${year}-01-01`;
  const end = to < today ? to : today;
  const elapsed = Math.max(1, (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS + 1);
  const inYear = (Date.parse(`${year + 1}-01-01T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / DAY_MS;

  return {
    from,
    to,
    days: summaries.filter((s) => s.overall.issued > 0).length,
    overall: figuresOf(overall),
    byField: rows(group(summaries, (s) => s.byField), config.fields.map((f) => f.id), (id) => config.fields.find((f) => f.id === id)?.name ?? id),
    byCounter: rows(group(summaries, (s) => s.byCounter), config.counters.map((c) => c.id), (id) => config.counters.find((c) => c.id === id)?.name ?? id),
    byStaff: rows(byStaff, [...byStaff.keys()].sort((a, b) => staffName(a).localeCompare(staffName(b), "vi")), staffName),
    byHour: rows(group(summaries, (s) => s.byHour), [], (h) => `${h}:00–${String(Number(h) + 1).padStart(2, "0")}:00`),
    byDay: summaries.filter((s) => s.overall.issued > 0).map((s) => ({ id: s.day, name: dmy(s.day), ...figuresOf(s.overall) })),
    staffYear: {
      year,
      yardstick: yardstickOf(config.center),
      days: Math.round(elapsed),
      rows: [...served.entries()]
        .sort(([a], [b]) => staffName(a).localeCompare(staffName(b), "vi"))
        .map(([staffId, n]) => ({ staffId, name: staffName(staffId), served: n, projectedYear: Math.round((n * inYear) / elapsed) })),
    },
  };
}
