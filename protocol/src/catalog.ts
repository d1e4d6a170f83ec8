import { z } from "./zod.ts";
import { Field, Holiday, QueueRules, Service } from "./domain.ts";
import { ProcedureCatalog as ProcedureListing } from "./kiosk.ts";

/**
 * The province's one catalog: fields and procedures named once, in Vietnamese and English, and the
 * national holidays. Each unit chooses which procedures it receives (its services marked
 * `province`) and may add its own; what the province names, a unit cannot rename.
 */
export const CatalogField = Field.pick({ id: true, name: true, nameEn: true, icon: true });
export type CatalogField = z.infer<typeof CatalogField>;
export const CatalogService = Service.pick({ id: true, name: true, nameEn: true, fieldId: true, defaultServiceMinutes: true });
export type CatalogService = z.infer<typeof CatalogService>;

export const ProvinceCatalog = z
  .object({
    fields: z.array(CatalogField).max(200),
    services: z.array(CatalogService).max(2000),
    holidays: z.array(Holiday).max(500).default([]),
    /** The electronic listing (niêm yết) of the catalog's procedures, shown on every unit's kiosk for those it receives. */
    listing: ProcedureListing.default([]),
    /** The queue rules a new unit starts with (each unit then tunes its own). */
    rules: QueueRules.optional(),
  })
  .superRefine((c, ctx) => {
    const seen = (ids: string[], what: string) => {
      const dup = ids.find((id, i) => ids.indexOf(id) !== i);
      if (dup) ctx.addIssue({ code: "custom", message: `${what}: ${dup} is listed twice` });
    };
    seen(c.fields.map((f) => f.id), "fields");
    seen(c.services.map((s) => s.id), "services");
    for (const s of c.services) {
      if (!c.fields.some((f) => f.id === s.fieldId)) ctx.addIssue({ code: "custom", message: `services: ${s.id} is in field ${s.fieldId}, which the catalog does not have` });
    }
    for (const p of c.listing) {
      if (!c.services.some((s) => s.id === p.serviceId)) ctx.addIssue({ code: "custom", message: `listing: ${p.id} is for service ${p.serviceId}, which the catalog does not have` });
    }
  });
export type ProvinceCatalog = z.infer<typeof ProvinceCatalog>;

/** What a change of the catalog came to in each unit (a unit with live tickets of a dropped procedure keeps it for now). */
export const CatalogApplied = z.object({
  catalog: ProvinceCatalog,
  units: z.array(z.object({ id: z.string(), ok: z.boolean(), message: z.string().optional() })),
});
export type CatalogApplied = z.infer<typeof CatalogApplied>;
