import { z } from "zod";
import { DayDate } from "./bodies.ts";

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
    rows: z.array(z.object({ staffId: z.string(), name: z.string(), served: z.number().int(), projectedYear: z.number().int() })),
  }),
});
export type Report = z.infer<typeof Report>;
