import { fail, followCommands, ok } from "@motcua/protocol";
import { findTicket, serviceSummaries } from "@motcua/engine";
import { followedNow, followView, type Followed } from "../app/follow.ts";
import { bindCommands } from "./bind.ts";
import { tokenOf, type Realtime, type SocketOf } from "./sockets.ts";

/** A phone or two per ticket is plenty; a thousand sockets on one free token is an attack. */
const FOLLOWERS_PER_TOKEN = 3;

/**
 * A citizen's phone following its ticket: the follow token is the whole key, for one ticket,
 * today. Returns the push that sends each phone its ticket's view when it changed.
 */
export function followNamespace({ app, nsp }: Realtime): { push: () => void } {
  const { service, appointments } = app;
  const follow = nsp.follow;
  // The ticket is found by its token once, on connect; after that by its id (hundreds of phones
  // must not each scan the day on every change), still checking the token is today's.
  const followed = (s: SocketOf<"follow">): Followed | undefined => {
    const token = tokenOf(s);
    const known = typeof s.data.ticketId === "string" ? findTicket(service.state, s.data.ticketId) : undefined;
    if (known) return known.followToken === token ? { ticket: known, booking: token ? appointments.byToken(token) : undefined } : undefined;
    const f = followedNow(app, token);
    if (f && "ticket" in f) s.data.ticketId = f.ticket.id;
    return f;
  };
  follow.use((socket, next) => {
    if (!followed(socket)) return next(Object.assign(new Error("No such ticket today."), { data: { code: "NOT_FOUND" } }));
    const token = tokenOf(socket);
    let same = 0;
    for (const s of follow.sockets.values()) if (tokenOf(s) === token) same++;
    if (same >= FOLLOWERS_PER_TOKEN) return next(Object.assign(new Error("This ticket is followed on enough screens already."), { data: { code: "RATE_LIMITED" } }));
    next();
  });
  follow.on("connection", (socket) => {
    bindCommands(
      socket,
      followCommands,
      {
        "follow:sync": async (_b, s) => {
          const t = followed(s);
          return t ? ok(followView(service.config, service.state, t, service.now())) : fail("NOT_FOUND", "No such ticket today.");
        },
      },
      app.log,
      (s) => (followed(s) ? null : fail("NOT_FOUND", "No such ticket today.")),
    );
  });
  /** Each phone hears its ticket's view when it changed; a ticket gone with the day ends the link. */
  const push = () => {
    if (follow.sockets.size === 0) return;
    const now = service.now();
    // Every held number shows its service's line: worked out once for all the phones.
    let summaries: ReturnType<typeof serviceSummaries> | null = null;
    const waits = () => (summaries ??= serviceSummaries(service.config, service.state, now));
    for (const s of follow.sockets.values()) {
      const t = followed(s);
      if (!t) {
        s.disconnect(true);
        continue;
      }
      const view = followView(service.config, service.state, t, now, waits);
      const shown = JSON.stringify(view);
      if (s.data.lastView === shown) continue;
      s.data.lastView = shown;
      s.emit("follow:updated", { view });
    }
  };
  return { push };
}
