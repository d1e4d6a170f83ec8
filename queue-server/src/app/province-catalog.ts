import type { CenterConfig, ProvinceCatalog } from "@motcua/protocol";

export const emptyCatalog = (): ProvinceCatalog => ({ fields: [], services: [], holidays: [], listing: [] });

/**
 * A unit's configuration with its entries of the catalog brought up to date: the names of the
 * province's fields and procedures as the catalog has them now, those it dropped gone (and from
 * the counters), the province's holidays. The unit's own entries and choices stay as they are.
 */
export function withCatalog(config: CenterConfig, catalog: ProvinceCatalog): CenterConfig {
  const services = config.services.flatMap((s) => {
    if (!s.province) return [s];
    const c = catalog.services.find((x) => x.id === s.id);
    return c ? [{ ...s, name: c.name, nameEn: c.nameEn, fieldId: c.fieldId }] : [];
  });
  const fields = config.fields.flatMap((f) => {
    if (!f.province) return [f];
    const c = catalog.fields.find((x) => x.id === f.id);
    // A field the catalog dropped goes once none of the unit's procedures is in it.
    if (!c) return services.some((s) => s.fieldId === f.id) ? [f] : [];
    return [{ ...f, name: c.name, nameEn: c.nameEn, ...(c.icon ? { icon: c.icon } : {}) }];
  });
  const kept = new Set(services.map((s) => s.id));
  return {
    ...config,
    fields,
    services,
    counters: config.counters.map((c) => ({ ...c, serviceIds: c.serviceIds.filter((id) => kept.has(id)) })),
    calendar: catalog.holidays.length ? { ...config.calendar, holidays: catalog.holidays } : config.calendar,
  };
}

/** A unit's entries the catalog also has become the province's (a province made from existing halls). */
export function adoptCatalog(config: CenterConfig, catalog: ProvinceCatalog): CenterConfig {
  const fieldIds = new Set(catalog.fields.map((f) => f.id));
  const serviceIds = new Set(catalog.services.map((s) => s.id));
  return withCatalog(
    {
      ...config,
      fields: config.fields.map((f) => (fieldIds.has(f.id) ? { ...f, province: true } : f)),
      services: config.services.map((s) => (serviceIds.has(s.id) ? { ...s, province: true } : s)),
    },
    catalog,
  );
}

/** What a unit's own save may not do to the province's entries: rename them, or claim one the catalog has not. */
export function catalogProblems(next: CenterConfig, catalog: ProvinceCatalog): string[] {
  const problems: string[] = [];
  for (const f of next.fields.filter((x) => x.province)) {
    const c = catalog.fields.find((x) => x.id === f.id);
    if (!c) problems.push(`field ${f.id} is not in the province's catalog`);
    else if (c.name !== f.name || c.nameEn !== f.nameEn) problems.push(`field ${f.id}: its name is the province's (${c.name})`);
  }
  for (const s of next.services.filter((x) => x.province)) {
    const c = catalog.services.find((x) => x.id === s.id);
    if (!c) problems.push(`service ${s.id} is not in the province's catalog`);
    else if (c.name !== s.name || c.nameEn !== s.nameEn || c.fieldId !== s.fieldId) problems.push(`service ${s.id}: its name and field are the province's (${c.name})`);
  }
  return problems;
}
