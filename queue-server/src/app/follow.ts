import type { CenterConfig, FollowView, ServiceSummary } from "@motcua/protocol";
import { serviceSummaries, ticketByFollowToken, toTicket } from "../engine/index.ts";
import type { DayState, Millis, Reservation, TicketRecord } from "../engine/index.ts";

/** What a follow token opens today: a ticket, or a remote number not yet checked in. */
export type Followed = { ticket: TicketRecord } | { token: string; reservation: Reservation };

export function followed(state: DayState, token: string): Followed | undefined {
  const r = Object.hasOwn(state.reservations ?? {}, token) ? state.reservations![token]! : undefined;
  if (r && r.ticketId === null) return { token, reservation: r };
  const t = r?.ticketId ? state.tickets[r.ticketId] : ticketByFollowToken(state, token);
  return t ? { ticket: t } : undefined;
}

/** A ticket as its holder's phone sees it: their place and where to go, no one else's. */
export function followView(
  config: CenterConfig,
  state: DayState,
  f: Followed,
  now: Millis,
  /** The services' waits at `now`, when the caller already has them (one push, many phones). */
  summaries: () => ServiceSummary[] = () => serviceSummaries(config, state, now),
): FollowView {
  const center = { centerName: config.center.name, centerNameEn: config.center.nameEn, hotline: config.center.hotline };
  if ("reservation" in f) {
    // Not in line yet: what the line looks like now, for deciding when to set out.
    const s = summaries().find((x) => x.id === f.reservation.serviceId);
    return {
      number: "",
      serviceName: s?.name ?? f.reservation.serviceId,
      serviceNameEn: s?.nameEn ?? f.reservation.serviceId,
      status: "reserved",
      ahead: s?.waiting ?? 0,
      estimatedWait: s?.estimatedWait ?? null,
      counterNumber: null,
      ...center,
    };
  }
  const t = f.ticket;
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
    ...center,
  };
}
