import { yardstickOf, type Center, type UnitFigures } from "@motcua/protocol";
import { statsToday } from "@motcua/engine";
import type { App } from "./context.ts";

/** What names and places a unit, on the province page and in the any-unit offer alike. */
export function unitIdentity(center: Center): { id: string; name: string; nameEn: string; level: Center["level"]; address: string | null; coordinates: NonNullable<Center["coordinates"]> | null } {
  return { id: center.id, name: center.name, nameEn: center.nameEn, level: center.level, address: center.address ?? null, coordinates: center.coordinates ?? null };
}

/**
 * One unit's figures for the province page, from its live day: what its supervisor's dashboard
 * shows, in a line. `lastActivityAt` is when its last command was stored, as the caller knows it.
 */
export function unitFigures(app: App, now: number, lastActivityAt: number | null): UnitFigures {
  const { config, state } = app.service;
  const { center } = config;
  const stats = statsToday(config, state, now);
  const counters = config.counters.map((c) => state.counters[c.id]?.status ?? "closed");
  return {
    ...unitIdentity(center),
    area: center.area,
    parentId: center.parentId ?? null,
    yardstick: yardstickOf(center),
    issued: stats.issued,
    served: stats.served,
    waiting: stats.waiting,
    longestWaitMinutes: stats.longestCurrentWaitMinutes,
    meanWaitMinutes: stats.averageWaitMinutes,
    within15Share: stats.calledWithin15Share,
    satisfaction: stats.satisfactionRate,
    ratings: stats.ratings,
    noShows: stats.noShows,
    countersOpen: counters.filter((s) => s !== "closed").length,
    countersTotal: counters.length,
    printerTrouble: app.prints.reports().filter((r) => !r.ok).length,
    lastActivityAt: lastActivityAt === null ? null : new Date(lastActivityAt).toISOString(),
    notReportingSince: null,
  };
}
