import { counterCommands, fail, ok, type Ack } from "@motcua/protocol";
import { counterView, staffToday } from "@motcua/engine";
import { heldCounter } from "../auth/authorize.ts";
import * as commands from "../app/commands.ts";
import { bindCommands } from "./bind.ts";
import type { Realtime, SocketOf } from "./sockets.ts";

/** The room of the counter a session holds (in its center's rooms): its queue and facts go there. */
export const counterRoom = (counterId: string) => `counter:${counterId}`;

/** The counter terminal: an officer's session acts for the one counter it has open. */
export function counterNamespace({ app, nsp, admit }: Realtime): void {
  const { service } = app;
  /** The counter this socket's session holds now; commands act for it and no other. */
  const withCounter = async <T>(s: SocketOf<"counter">, f: (counterId: string) => Promise<Ack<T>>): Promise<Ack<T>> => {
    const c = heldCounter(service.state, s.data.principal);
    return c ? f(c) : fail("COUNTER_NOT_OPENED", "Open a counter first.");
  };
  nsp.counter.on("connection", (socket) => {
    const c = heldCounter(service.state, socket.data.principal);
    if (c) void socket.join(nsp.counter.room(counterRoom(c)));
    bindCommands(
      socket,
      counterCommands,
      {
        "counter:open": async (body, s) => {
          const r = await commands.openCounter(app, s.data.principal, body.counterId, body.takeover);
          if (!r.ok) return r;
          for (const room of s.rooms) if (room.startsWith(nsp.counter.room(counterRoom("")))) void s.leave(room);
          void s.join(nsp.counter.room(counterRoom(body.counterId)));
          return r;
        },
        "counter:sync": (_b, s) => withCounter(s, async (id) => ok(counterView(service.config, service.state, id, service.now()))),
        "staff:today": async (_b, s) => ok(staffToday(service.state, s.data.principal.id)),
        "counter:callNext": (_b, s) => withCounter(s, (id) => commands.callNext(app, s.data.principal, id)),
        "counter:pause": (b, s) => withCounter(s, (id) => commands.pauseCounter(app, s.data.principal, id, b.reason)),
        "counter:resume": (_b, s) => withCounter(s, (id) => commands.resumeCounter(app, s.data.principal, id)),
        "counter:close": (_b, s) => withCounter(s, (id) => commands.closeCounter(app, s.data.principal, id)),
        "ticket:recall": (b, s) => commands.ticketVerb(app, s.data.principal, "recall", b.ticketId),
        "ticket:start": (b, s) => commands.ticketVerb(app, s.data.principal, "start", b.ticketId),
        "ticket:complete": (b, s) => commands.ticketVerb(app, s.data.principal, "complete", b.ticketId),
        "ticket:noShow": (b, s) => commands.ticketVerb(app, s.data.principal, "noShow", b.ticketId),
        "ticket:requeue": (b, s) => commands.ticketVerb(app, s.data.principal, "requeue", b.ticketId),
        "ticket:park": (b, s) => commands.ticketVerb(app, s.data.principal, "park", b.ticketId),
        "ticket:cancel": (b, s) => commands.ticketVerb(app, s.data.principal, "cancel", b.ticketId),
        "ticket:transfer": (b, s) => commands.transfer(app, s.data.principal, b.ticketId, b),
        "ticket:unpark": (b, s) => commands.unpark(app, s.data.principal, b.ticketId),
      },
      app.log,
      admit,
    );
  });
}
