import { isOpenAt, serviceSummaries } from "@motcua/engine";
import type { UnitOffer, UnitsOffer } from "@motcua/protocol";
import type { App } from "./context.ts";
import { unitIdentity } from "./unit-figures.ts";

/** How long an answer serves every phone that asks: waits do not move faster than that. */
const FRESH_MS = 2000;

/**
 * `unitsOffering`, answered from a short-lived copy: the route is public, and each answer works
 * out the line of every unit that receives the procedure; a phone (or an attacker) asking again
 * and again costs one answer every two seconds per procedure. Only real procedures are kept.
 */
export function recentUnitsOffering(halls: () => App[], now: () => number): (serviceId: string | undefined) => UnitsOffer {
  const recent = new Map<string, { at: number; offer: UnitsOffer }>();
  return (serviceId) => {
    const key = serviceId ?? "";
    const kept = recent.get(key);
    if (kept && now() - kept.at < FRESH_MS) return kept.offer;
    const offer = unitsOffering(halls(), serviceId);
    if (key === "" || offer.units.length > 0) recent.set(key, { at: now(), offer });
    return offer;
  };
}

/**
 * Every procedure the units receive (by id: one catalog's ids are the same in every unit), and for
 * `serviceId` each unit that receives it with its line now, shortest wait first.
 */
export function unitsOffering(halls: App[], serviceId: string | undefined): UnitsOffer {
  const procedures = new Map<string, { id: string; name: string; nameEn: string; units: number }>();
  const units: UnitOffer[] = [];
  for (const hall of halls) {
    const { config, state } = hall.service;
    for (const s of config.services) {
      const p = procedures.get(s.id) ?? { id: s.id, name: s.name, nameEn: s.nameEn, units: 0 };
      p.units++;
      procedures.set(s.id, p);
    }
    const service = serviceId ? config.services.find((s) => s.id === serviceId) : undefined;
    if (!service) continue;
    const now = hall.service.now();
    const line = serviceSummaries(config, state, now).find((s) => s.id === service.id)!;
    const field = config.fields.find((f) => f.id === service.fieldId);
    units.push({
      ...unitIdentity(config.center),
      waiting: line.waiting,
      estimatedWait: line.estimatedWait,
      remote: !!field?.remoteTickets && isOpenAt(config, now),
      appointments: !!field?.appointments,
    });
  }
  return {
    procedures: [...procedures.values()].sort((a, b) => a.name.localeCompare(b.name, "vi")),
    units: units.sort((a, b) => a.estimatedWait.maxMinutes - b.estimatedWait.maxMinutes || a.name.localeCompare(b.name, "vi")),
  };
}
