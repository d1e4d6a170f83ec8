import { fail, ok, type Ack, type citizenRoutes, type FollowView } from "@motcua/protocol";
import type { App } from "../app/context.ts";
import { followedNow, followView } from "../app/follow.ts";
import { cancelRemote } from "../app/remote.ts";
import type { DeploymentRoute } from "./hall-routes.ts";
import type { RouteHandlers } from "./route.ts";

/** The citizen's phone: public routes, each keyed by an unguessable token or limited per network. */
export function citizenHandlers(app: App): RouteHandlers<Omit<typeof citizenRoutes, DeploymentRoute>> {
  const { service, appointments, remote } = app;
  /** The phone's page after its own action: what the token opens now. */
  const viewNow = (token: string): Ack<FollowView> => {
    const f = followedNow(app, token);
    return f ? ok(followView(service.config, service.state, f, service.now())) : fail("NOT_FOUND", "No such ticket today.");
  };
  return {
    // A forged, mistyped or yesterday's link says nothing about anyone.
    follow: async ({ params }) => viewNow(params.token),
    giveUp: async ({ params }) => {
      const f = followedNow(app, params.token);
      if (!f) return fail("NOT_FOUND", "No such ticket today.");
      if ("ticket" in f) return fail("INVALID_TRANSITION", "This number is in the queue already; ask at the counter to give it up.");
      const r = "booking" in f ? await appointments.cancel(f.booking.token) : await cancelRemote(service, f.token);
      return r.ok ? viewNow(params.token) : r;
    },
    arrive: async ({ params, body, ip }) => {
      if (!followedNow(app, params.token)) return fail("NOT_FOUND", "No such ticket today.");
      const r = await remote.arrive(params.token, body.code, ip);
      // Now a ticket, waiting: the page follows it as after a kiosk's scan (nothing is printed).
      return r.ok ? viewNow(params.token) : r;
    },
    appointmentOffer: async () => ok(appointments.offer()),
    appointmentSlots: async ({ query }) => ok(appointments.slots(query)),
    book: ({ body, ip }) => appointments.bookSlot(body, ip),
    remoteOffer: async () => ok(remote.offer()),
    takeRemote: ({ body, ip }) => remote.take(body, ip),
  };
}
