import { z } from "./zod.ts";
import { DayDate } from "./bodies.ts";
import { AreaClass, UnitLevel } from "./domain.ts";

/** A report's span: at most a year and a day, oldest first. */
const spanned = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) =>
  schema
    .refine((r) => r.from <= r.to, { message: "from must not be after to", path: ["from"] })
    .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 366 * 86_400_000, { message: "a report covers at most 366 days", path: ["to"] });
const Span = z.object({ from: DayDate, to: DayDate });

export const ReportRequest = spanned(Span);
export type ReportRequest = z.infer<typeof ReportRequest>;

/** The same span as a file: CSV (UTF-8 with a BOM) or XLSX. */
export const ExportRequest = spanned(Span.extend({ format: z.enum(["csv", "xlsx"]) }));

/** The plan's figures for one group of visits. Waits and service times in minutes. */
export const ReportFigures = z.object({
  issued: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  transfers: z.number().int(),
  waitMean: z.number().nullable(),
  waitMedian: z.number().nullable(),
  waitP90: z.number().nullable(),
  /** Called within 15 minutes, of all visits that were called or never were. */
  within15Share: z.number().nullable(),
  serviceMean: z.number().nullable(),
  serviceMedian: z.number().nullable(),
  ratings: z.number().int(),
  /** (Rất hài lòng + Hài lòng) / all ratings. */
  satisfactionRate: z.number().nullable(),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportRow = ReportFigures.extend({ id: z.string(), name: z.string() });
export type ReportRow = z.infer<typeof ReportRow>;

export const Report = z.object({
  from: DayDate,
  to: DayDate,
  /** Days in the span with any ticket. */
  days: z.number().int(),
  overall: ReportFigures,
  byField: z.array(ReportRow),
  byCounter: z.array(ReportRow),
  byStaff: z.array(ReportRow),
  byHour: z.array(ReportRow),
  byDay: z.array(ReportRow),
  /** Each officer's year so far against the plan's yardstick (dossiers a year per officer). */
  staffYear: z.object({
    year: z.number().int(),
    yardstick: z.number().int(),
    /** The days of the year the pace is measured over (from 1 January, or the center's first day, to the span's end). */
    days: z.number().int().optional(),
    rows: z.array(z.object({ staffId: z.string(), name: z.string(), served: z.number().int(), projectedYear: z.number().int() })),
  }),
});
export type Report = z.infer<typeof Report>;

/** A unit's figures over the span, against the plan: waits, the 15-minute share, satisfaction, and its officers' pace. */
export const UnitReportRow = ReportFigures.extend({
  id: z.string(),
  name: z.string(),
  level: UnitLevel,
  area: AreaClass,
  /** Dossiers a year per officer expected of this unit. */
  yardstick: z.number().int(),
  /** Officers who served a citizen in the span. */
  officers: z.number().int(),
  /** Citizens served per officer, annualised over the days of the span so far: the plan's "hồ sơ/cán bộ/năm". */
  receivedPerOfficerYear: z.number().int().nullable(),
  /** That pace over the yardstick (1 = on target). */
  yardstickShare: z.number().nullable(),
  /** 1 for the best: the most visits called within 15 minutes, then the most satisfied, then the shortest mean wait. */
  rank: z.number().int(),
});
export type UnitReportRow = z.infer<typeof UnitReportRow>;

/** Units taken together: a level or an area class. */
export const UnitGroupRow = ReportFigures.extend({
  id: z.string(),
  name: z.string(),
  units: z.number().int(),
  officers: z.number().int(),
  receivedPerOfficerYear: z.number().int().nullable(),
});
export type UnitGroupRow = z.infer<typeof UnitGroupRow>;

/** One officer's pace against their unit's yardstick. */
export const OfficerReportRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  staffId: z.string(),
  name: z.string(),
  served: z.number().int(),
  receivedPerYear: z.number().int(),
  yardstick: z.number().int(),
  yardstickShare: z.number(),
  /** 1 for the highest share of the yardstick. */
  rank: z.number().int(),
});
export type OfficerReportRow = z.infer<typeof OfficerReportRow>;

export const ProvinceReport = z.object({
  from: DayDate,
  to: DayDate,
  /** Days of the span so far (to today), over which paces are annualised. */
  days: z.number().int(),
  overall: ReportFigures,
  /** Ranked, best first. */
  units: z.array(UnitReportRow),
  byLevel: z.array(UnitGroupRow),
  byArea: z.array(UnitGroupRow),
  /** Ranked, highest share of the yardstick first. */
  officers: z.array(OfficerReportRow),
});
export type ProvinceReport = z.infer<typeof ProvinceReport>;
