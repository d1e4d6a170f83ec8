import { TARGET_WAIT_MINUTES, type CounterState, type DashboardSnapshot, type DisplaySnapshot } from "@motcua/protocol";
import type { Principal, ProvincePrincipal } from "../auth/principal.ts";
import { counterStates, recentCalls, serviceSummaries, statsToday } from "@motcua/engine";
import type { App } from "./context.ts";
import { reachableByPhones } from "./health.ts";

/**
 * Boards are public: no person's name on them, not even the officer's, nor what the officer
 * typed as a break's reason (free text) or how many citizens they served today. The status
 * ("paused") stays: the counter's own display says "Tạm nghỉ" from it.
 */
export const forPublic = (c: CounterState): CounterState => ({ ...c, staffName: null, pauseReason: null, servedToday: 0 });

/** The hall code the lobby boards show, while any field takes numbers from phones. */
export const hallCodeShown = ({ service, hall }: Pick<App, "service" | "hall">) => (service.config.fields.some((f) => f.remoteTickets) ? hall.shown() : null);

/**
 * What a board may show: numbers, fields and counters only, filtered by the display's own config;
 * and the hall code, whatever its fields (a phone's number may be for any field).
 */
export function displaySnapshot(app: App, who: Principal | ProvincePrincipal): DisplaySnapshot {
  const { config, state } = app.service;
  const fieldIds = who.kind === "device" ? who.fieldIds : [];
  const counterIds = who.kind === "device" ? who.counterIds : [];
  const fieldOk = (id: string) => fieldIds.length === 0 || fieldIds.includes(id);
  const counterOk = (id: string) => counterIds.length === 0 || counterIds.includes(id);
  return {
    day: state.day,
    center: { name: config.center.name, nameEn: config.center.nameEn, hotline: config.center.hotline, notices: config.center.notices },
    fields: config.fields.filter((f) => fieldOk(f.id)).map(({ id, name, nameEn }) => ({ id, name, nameEn })),
    services: serviceSummaries(config, state, app.service.now()).filter((s) => fieldOk(s.fieldId)),
    counters: counterStates(config, state).filter((c) => counterOk(c.counterId)).map(forPublic),
    recentCalls: recentCalls(config, state).filter((c) => fieldOk(c.fieldId) && counterOk(c.counterId)),
    hallCode: hallCodeShown(app),
  };
}

/** The supervisor's whole picture: today's figures, every counter (with its officer), and who serves what. */
export function dashboardSnapshot({ service, prints }: App): DashboardSnapshot {
  const { config, state } = service;
  const now = service.now();
  return {
    day: state.day,
    stats: statsToday(config, state, now),
    fields: config.fields.map(({ id, name, nameEn }) => ({ id, name, nameEn })),
    services: serviceSummaries(config, state, now),
    counters: counterStates(config, state),
    counterServices: config.counters.map((c) => ({ counterId: c.id, serviceIds: c.serviceIds })),
    alerts: { waitMinutes: TARGET_WAIT_MINUTES, waitingPerField: config.rules.alertWaitingPerField },
    printers: prints.reports().map(({ stationId, kioskIds, ok, status }) => ({ stationId, kioskIds, ok, status })),
    followLinks: { url: prints.publicBase(), reachable: reachableByPhones(prints.publicBase()) },
  };
}
