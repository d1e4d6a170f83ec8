import { fail, ok, type Ack, type IssueTicketRequest, type Ticket } from "@motcua/protocol";
import type { z } from "zod";
import type { Principal } from "../auth/principal.ts";
import { newSecret } from "../auth/passwords.ts";
import { ticketForRequest, toTicket, type TicketRecord } from "@motcua/engine";
import type { PrintJobs } from "./print-jobs.ts";
import type { QueueService } from "./queue-service.ts";

/**
 * Issues a ticket for a kiosk's tap or a staff member, over REST or a socket alike. A tap that
 * carries a request key already used today gets the ticket it got then (its answer was lost);
 * only a new tap counts against the rate limit, and only a new ticket is printed.
 */
export async function issueTicket(
  service: QueueService,
  prints: PrintJobs,
  p: Principal,
  body: z.infer<typeof IssueTicketRequest>,
  /** Takes one from the caller's rate limits; false refuses the tap. */
  withinLimits: () => boolean,
): Promise<Ack<Ticket>> {
  // Scoped to the caller: two kiosks that happen to pick the same key are two taps.
  const requestKey = body.requestKey === undefined ? undefined : `${p.kind}:${p.id}:${body.requestKey}`;
  // The one answer that carries the follow token: the issuer draws or prints the QR from it.
  const withToken = (t: TicketRecord, at: number): Ticket => ({ ...toTicket(service.config, service.state, t, at), ...(t.followToken ? { followToken: t.followToken } : {}) });
  const earlier = requestKey === undefined ? undefined : ticketForRequest(service.state, requestKey);
  if (earlier) return ok(withToken(earlier, service.now()));
  if (!withinLimits()) return fail("RATE_LIMITED", "Too many tickets from this kiosk just now; please wait a moment.");
  // 96 random bits: the follow link in the ticket's QR cannot be guessed from its number.
  const r = await service.execute(p, { type: "issueTicket", serviceId: body.serviceId, priorityGroupId: body.priority ?? null, requestKey, followToken: newSecret(12) });
  if (!r.ok) return r;
  const e = r.events.find((x) => x.type === "ticket.issued");
  // No event: the tap raced its own retry inside one batch, and the first one got the ticket.
  const id = e ? e.ticketId : ticketForRequest(r.state, requestKey!)!.id;
  if (e) prints.issued(p, id);
  return ok(withToken(r.state.tickets[id]!, e ? e.at : service.now()));
}
