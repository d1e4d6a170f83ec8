import type { CenterConfig, FollowView } from "@motcua/protocol";
import { toTicket } from "../engine/index.ts";
import type { DayState, Millis, TicketRecord } from "../engine/index.ts";

/** A ticket as its holder's phone sees it: their place and where to go, no one else's. */
export function followView(config: CenterConfig, state: DayState, t: TicketRecord, now: Millis): FollowView {
  const wire = toTicket(config, state, t, now);
  const service = config.services.find((s) => s.id === t.serviceId);
  const counter = t.counterId ? config.counters.find((c) => c.id === t.counterId) : undefined;
  const atCounter = t.status === "called" || t.status === "serving";
  return {
    number: t.number,
    serviceName: service?.name ?? t.serviceId,
    serviceNameEn: service?.nameEn ?? t.serviceId,
    status: t.status,
    ahead: wire.ahead,
    estimatedWait: wire.estimatedWait,
    counterNumber: atCounter && counter ? counter.number : null,
    centerName: config.center.name,
    centerNameEn: config.center.nameEn,
    hotline: config.center.hotline,
  };
}
