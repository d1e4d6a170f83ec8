import { yardstickOf, type AreaClass, type CenterConfig, type OfficerReportRow, type ProvinceReport, type UnitGroupRow, type UnitLevel, type UnitReportRow } from "@motcua/protocol";
import { daysBetween } from "./report.ts";
import { emptyBucket, figuresOf, merge, type Bucket, type DaySummary } from "./summary.ts";

/** One unit's part of a province report: its configuration, and its days of the span summarised. */
export interface UnitSpan {
  config: Pick<CenterConfig, "center" | "staff">;
  summaries: DaySummary[];
}

const LEVEL_NAMES: Record<UnitLevel, string> = { provincial: "Cấp tỉnh", district: "Cấp huyện", commune: "Cấp xã" };
const AREA_NAMES: Record<AreaClass, string> = { urban: "Đô thị", rural: "Nông thôn", remote: "Vùng đặc biệt khó khăn" };

/** Nulls last, whichever way a column sorts. */
const desc = (a: number | null, b: number | null) => (b ?? -Infinity) - (a ?? -Infinity);
const asc = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity);

/**
 * The province over a span: each unit against the plan (waits, the 15-minute share, satisfaction
 * against 95 %, no-shows, and dossiers per officer a year against its own yardstick), the units
 * taken together by level and by area class, and units and officers ranked. Paces are annualised
 * over the days of the span up to `today`.
 */
export function buildProvinceReport(units: UnitSpan[], from: string, to: string, today: string): ProvinceReport {
  const end = to < today ? to : today;
  const days = end < from ? 0 : daysBetween(from, end).length;
  const perYear = (served: number, officers: number) => (officers === 0 || days === 0 ? null : Math.round(((served / officers) * 365) / days));

  const overall = emptyBucket();
  const rows: (Omit<UnitReportRow, "rank"> & { bucket: Bucket })[] = [];
  const officers: Omit<OfficerReportRow, "rank">[] = [];
  for (const u of units) {
    const { center } = u.config;
    const bucket = emptyBucket();
    const byStaff = new Map<string, number>();
    const names: Record<string, string> = {};
    for (const s of u.summaries) {
      merge(bucket, s.overall);
      Object.assign(names, s.staffNames);
      for (const [id, b] of Object.entries(s.byStaff)) if (b.served > 0) byStaff.set(id, (byStaff.get(id) ?? 0) + b.served);
    }
    for (const p of u.config.staff) names[p.id] = p.displayName;
    merge(overall, bucket);
    const yardstick = yardstickOf(center);
    const pace = perYear(bucket.served, byStaff.size);
    rows.push({
      id: center.id,
      name: center.name,
      level: center.level,
      area: center.area,
      yardstick,
      officers: byStaff.size,
      receivedPerOfficerYear: pace,
      yardstickShare: pace === null ? null : Math.round((pace / yardstick) * 1000) / 1000,
      ...figuresOf(bucket),
      bucket,
    });
    for (const [staffId, served] of byStaff) {
      const receivedPerYear = perYear(served, 1)!;
      officers.push({ unitId: center.id, unitName: center.name, staffId, name: names[staffId] ?? staffId, served, receivedPerYear, yardstick, yardstickShare: Math.round((receivedPerYear / yardstick) * 1000) / 1000 });
    }
  }

  const group = <K extends string>(key: (r: (typeof rows)[number]) => K, order: readonly K[], name: Record<K, string>): UnitGroupRow[] =>
    order.flatMap((k) => {
      const members = rows.filter((r) => key(r) === k);
      if (!members.length) return [];
      const b = members.reduce((acc, r) => merge(acc, r.bucket), emptyBucket());
      const staff = members.reduce((n, r) => n + r.officers, 0);
      return [{ id: k, name: name[k], units: members.length, officers: staff, receivedPerOfficerYear: perYear(b.served, staff), ...figuresOf(b) }];
    });

  const ranked = [...rows].sort((a, b) => desc(a.within15Share, b.within15Share) || desc(a.satisfactionRate, b.satisfactionRate) || asc(a.waitMean, b.waitMean) || a.name.localeCompare(b.name, "vi"));
  return {
    from,
    to,
    days,
    overall: figuresOf(overall),
    units: ranked.map(({ bucket: _b, ...r }, i) => ({ ...r, rank: i + 1 })),
    byLevel: group((r) => r.level, ["provincial", "district", "commune"] as const, LEVEL_NAMES),
    byArea: group((r) => r.area, ["urban", "rural", "remote"] as const, AREA_NAMES),
    officers: officers.sort((a, b) => b.yardstickShare - a.yardstickShare || a.name.localeCompare(b.name, "vi")).map((o, i) => ({ ...o, rank: i + 1 })),
  };
}
