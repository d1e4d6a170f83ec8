import { z } from "./zod.ts";
import { AreaClass, Coordinates, Id, Label, Staff, TARGET_WAIT_MINUTES, UnitLevel, WaitBand } from "./domain.ts";

/**
 * The center a public request is for, where one deployment serves several: the pages a citizen
 * opens (booking, a number from home) and the login page send it. With one center it may be left out.
 */
export const CENTER_HEADER = "x-motcua-center";

/** What the login page says "Province" with: the province's accounts belong to no center. */
export const PROVINCE_SCOPE = "province";

/** A center as anyone may see it: the login page's list, a citizen's choice of hall. */
export const CenterListing = z.object({ id: Id, name: Label });
export type CenterListing = z.infer<typeof CenterListing>;

export const CentersResponse = z.object({
  centers: z.array(CenterListing),
  /** The deployment has province accounts: the login page offers "Province" as well. */
  province: z.boolean(),
});
export type CentersResponse = z.infer<typeof CentersResponse>;

/** A center as the province's administrators see it. */
export const ProvinceCenter = CenterListing.extend({
  mode: z.enum(["demo", "production"]),
  level: UnitLevel,
  area: AreaClass,
  parentId: Id.nullable(),
  /** Active admin accounts of the center: 0 means nobody can configure it. */
  admins: z.number().int().min(0),
  counters: z.number().int().min(0),
});
export type ProvinceCenter = z.infer<typeof ProvinceCenter>;

/** A new center; a linked one's key for its hall server, shown this once (the province keeps its hash). */
export const CreatedCenter = ProvinceCenter.extend({ linkKey: z.string().optional() });
export type CreatedCenter = z.infer<typeof CreatedCenter>;

export const ProvinceCentersResponse = z.object({ centers: z.array(ProvinceCenter) });
export type ProvinceCentersResponse = z.infer<typeof ProvinceCentersResponse>;

/**
 * A new center and its first admin, who then sets up its fields, counters, staff and devices.
 * The center starts with one field, one service and one counter (a configuration needs them).
 */
export const NewCenterRequest = z.object({
  id: Id,
  name: Label,
  nameEn: Label.optional(),
  /** A new unit is a commune's unless said otherwise; its area class sets its yardstick. */
  level: UnitLevel.default("commune"),
  area: AreaClass.default("rural"),
  parentId: Id.optional(),
  address: Label.optional(),
  coordinates: Coordinates.optional(),
  /** The unit runs its own hall server: the answer carries its link key, once. */
  linked: z.boolean().default(false),
  admin: z.object({
    username: Staff.shape.username,
    displayName: Label,
    /** Ten characters at least: this account can change everything in its center. */
    password: z
      .string()
      .max(128)
      .refine((p) => p.replace(/\s/g, "").length >= 10, "admin.password: at least 10 characters that are not spaces"),
  }),
});
export type NewCenterRequest = z.infer<typeof NewCenterRequest>;
/** The request as a client sends it (level and area may be left to their defaults). */
export type NewCenterInput = z.input<typeof NewCenterRequest>;

/**
 * One unit's live figures on the province page: its place in the province, and today's queue as
 * its supervisor sees it (waits in minutes; shares from 0 to 1; null where there is nothing yet).
 */
export const UnitFigures = z.object({
  id: Id,
  name: z.string(),
  nameEn: z.string(),
  level: UnitLevel,
  area: AreaClass,
  parentId: Id.nullable(),
  address: z.string().nullable(),
  coordinates: Coordinates.nullable(),
  /** Dossiers a year per officer expected of this unit (its area class's, unless the province set another). */
  yardstick: z.number().int(),
  issued: z.number().int(),
  served: z.number().int(),
  waiting: z.number().int(),
  /** The longest any citizen waiting now has waited. */
  longestWaitMinutes: z.number().nullable(),
  meanWaitMinutes: z.number().nullable(),
  /** Share of today's visits called within 15 minutes (those still waiting past 15 count as missed). */
  within15Share: z.number().nullable(),
  /** (very satisfied + satisfied) / ratings today. */
  satisfaction: z.number().nullable(),
  ratings: z.number().int(),
  noShows: z.number().int(),
  countersOpen: z.number().int(),
  countersTotal: z.number().int(),
  /** Stations whose printer last reported trouble (out of paper, cover open, offline). */
  printerTrouble: z.number().int(),
  /** When the unit's last command was stored; null when none today. */
  lastActivityAt: z.iso.datetime({ offset: true }).nullable(),
  /** Null while its figures are live; since when it has not reported (a hall linked over a broken line). */
  notReportingSince: z.iso.datetime({ offset: true }).nullable(),
});
export type UnitFigures = z.infer<typeof UnitFigures>;

export const ProvinceUnits = z.object({ at: z.iso.datetime({ offset: true }), units: z.array(UnitFigures) });
export type ProvinceUnits = z.infer<typeof ProvinceUnits>;

/**
 * Worst first, as the province reads its page: a unit with someone waiting past the target, then
 * by the longest wait now, then by the share called within 15 minutes today, then by name.
 */
export function worstFirst(a: UnitFigures, b: UnitFigures): number {
  const late = (u: UnitFigures) => ((u.longestWaitMinutes ?? 0) > TARGET_WAIT_MINUTES ? 1 : 0);
  return (
    late(b) - late(a) ||
    (b.longestWaitMinutes ?? 0) - (a.longestWaitMinutes ?? 0) ||
    (a.within15Share ?? 1) - (b.within15Share ?? 1) ||
    a.name.localeCompare(b.name, "vi")
  );
}

/** A procedure some unit of the province receives, by its id (the same id in every unit). */
export const ProcedureChoice = z.object({ id: Id, name: z.string(), nameEn: z.string(), units: z.number().int() });

/** A unit that receives the chosen procedure, with its line for it now. */
export const UnitOffer = z.object({
  id: Id,
  name: z.string(),
  nameEn: z.string(),
  level: UnitLevel,
  address: z.string().nullable(),
  coordinates: Coordinates.nullable(),
  waiting: z.number().int(),
  estimatedWait: WaitBand,
  /** The unit takes a number for it from a phone, now (its field does, and it is open). */
  remote: z.boolean(),
  /** The unit books appointments for it. */
  appointments: z.boolean(),
});
export type UnitOffer = z.infer<typeof UnitOffer>;

/**
 * "Không phụ thuộc vào địa giới hành chính": every procedure the province's units receive, and,
 * for the one asked, each unit that receives it, shortest wait first (the phone re-sorts by
 * distance when it knows where it is).
 */
export const UnitsOffer = z.object({ procedures: z.array(ProcedureChoice), units: z.array(UnitOffer) });
export type UnitsOffer = z.infer<typeof UnitsOffer>;
