import { z } from "zod";
import { Id, Label, Staff } from "./domain.ts";

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
  /** Active admin accounts of the center: 0 means nobody can configure it. */
  admins: z.number().int().min(0),
  counters: z.number().int().min(0),
});
export type ProvinceCenter = z.infer<typeof ProvinceCenter>;

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
