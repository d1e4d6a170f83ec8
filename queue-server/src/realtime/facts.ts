import type { Call } from "@motcua/protocol";
import { callOf, counterState, counterView, serviceSummaries, statsToday, toTicket } from "@motcua/engine";
import { heldCounter } from "../auth/authorize.ts";
import type { Change } from "../app/queue-service.ts";
import { forPublic, hallCodeShown } from "../app/snapshots.ts";
import { PART_OF_HALL, WHOLE_HALL } from "./boards.ts";
import { counterRoom } from "./counter.ts";
import type { Realtime, SocketOf } from "./sockets.ts";

/** Supervisors' figures go out at most this often: a burst of commands is one update. */
const STATS_EVERY_MS = 500;
/** Boards' counters and waiting figures likewise (calls themselves go at once). */
const BOARDS_EVERY_MS = 250;

/**
 * What changed, pushed to whoever may see it. Facts tied to one event (a call, a withdrawn call,
 * a rating) go out at once; views derived from the whole state (counters, services, each counter's
 * queue, phones) go out once per turn of the event loop, so a group-committed batch of twenty
 * commands costs one round of views, each showing the latest state.
 *
 * Every instance sends these to its own sockets only (`local`), also for changes another instance
 * made: it learns of them from the journal (QueueService.catchUp), so what a board shows is what
 * is stored, whichever instance stored it, and no fact goes out twice through the adapter.
 */
export function publishFacts({ app, nsp }: Realtime, pushFollows: () => void, prune: () => void): { tick: () => void; stop: () => void } {
  const { service } = app;

  /** A board configured for some fields or counters hears only about those. */
  const displayMay = (s: SocketOf<"display">, fieldId: string | null, counterId: string): boolean => {
    const p = s.data.principal;
    if (p.kind !== "device") return true;
    const fieldOk = fieldId === null || p.fieldIds.length === 0 || p.fieldIds.includes(fieldId);
    return fieldOk && (p.counterIds.length === 0 || p.counterIds.includes(counterId));
  };
  /** The boards that show part of the hall, one by one. */
  const partBoards = function* (): Generator<SocketOf<"display">> {
    for (const id of nsp.display.members(PART_OF_HALL) ?? []) {
      const s = nsp.display.sockets.get(id);
      if (s) yield s;
    }
  };
  /** To every board that shows this field and counter: the whole hall's in one broadcast. */
  const toEachDisplay = (fieldId: string | null, counterId: string, send: (to: { emit: SocketOf<"display">["emit"] }) => void) => {
    send(nsp.display.localTo(WHOLE_HALL));
    for (const s of partBoards()) if (displayMay(s, fieldId, counterId)) send(s);
  };
  const toDisplays = (call: Call, event: "ticket:called" | "ticket:recalled") => {
    toEachDisplay(call.fieldId, call.counterId, (to) => to.emit(event, { call }));
    nsp.supervisor.local.emit(event, { call });
  };

  let statsTimer: NodeJS.Timeout | null = null;
  const pushStats = () => {
    if (statsTimer || nsp.supervisor.sockets.size === 0) return;
    statsTimer = setTimeout(() => {
      statsTimer = null;
      nsp.supervisor.local.emit("stats:updated", { stats: statsToday(service.config, service.state, service.now()) });
    }, STATS_EVERY_MS);
    statsTimer.unref();
  };

  /** Keep each counter socket in the room of the counter its session holds now, and in no other. */
  const syncRooms = () => {
    for (const s of nsp.counter.sockets.values()) {
      const c = heldCounter(service.state, s.data.principal);
      const mine = nsp.counter.room(counterRoom(""));
      for (const room of s.rooms) {
        if (!room.startsWith(mine) || room === (c && nsp.counter.room(counterRoom(c)))) continue;
        void s.leave(room);
        s.emit("counter:released", { counterId: room.slice(mine.length) });
      }
      if (c) void s.join(nsp.counter.room(counterRoom(c)));
    }
  };
  const pushQueues = () => {
    // One clock reading for every view: the projected calls behind their wait bands are shared.
    const now = service.now();
    for (const c of service.config.counters) {
      const room = nsp.counter.members(counterRoom(c.id));
      if (room && room.size > 0) nsp.counter.localTo(counterRoom(c.id)).emit("queue:updated", { view: counterView(service.config, service.state, c.id, now) });
    }
  };
  const refreshCounters = () => {
    syncRooms();
    pushQueues();
  };

  // A batch of commands publishes several changes in one turn; checking sockets once is enough.
  let prunedThisTurn = false;
  const pruneOncePerTurn = () => {
    if (prunedThisTurn) return;
    prunedThisTurn = true;
    setImmediate(() => (prunedThisTurn = false));
    prune();
  };

  const dirtyCounters = new Set<string>();
  let derivedScheduled = false;
  const scheduleDerived = () => {
    if (derivedScheduled) return;
    derivedScheduled = true;
    setImmediate(() => {
      derivedScheduled = false;
      const { config, state } = service;
      syncRooms();
      for (const id of dirtyCounters) {
        const counter = counterState(config, state, id);
        nsp.counter.localTo(counterRoom(id)).emit("counter:updated", { counter });
        nsp.supervisor.local.emit("counter:updated", { counter });
        boardCounters.add(id);
      }
      dirtyCounters.clear();
      if (nsp.kiosk.sockets.size + nsp.supervisor.sockets.size > 0) {
        const services = serviceSummaries(config, state, service.now());
        nsp.kiosk.local.emit("services:updated", { services });
        nsp.supervisor.local.emit("services:updated", { services });
      }
      scheduleBoards();
      pushQueues();
      pushStats();
      pushFollows();
    });
  };

  /**
   * Boards get their counters and waiting figures a moment after a change, once for a burst: a
   * hall of boards then hears a call alone, at once, and not behind its own bulkier updates.
   */
  const boardCounters = new Set<string>();
  let boardsTimer: NodeJS.Timeout | null = null;
  const scheduleBoards = () => {
    if (boardsTimer || nsp.display.sockets.size === 0) return;
    boardsTimer = setTimeout(() => {
      boardsTimer = null;
      const { config, state } = service;
      for (const id of boardCounters) {
        const shown = forPublic(counterState(config, state, id));
        toEachDisplay(null, id, (s) => s.emit("counter:updated", { counter: shown }));
      }
      boardCounters.clear();
      const services = serviceSummaries(config, state, service.now());
      nsp.display.localTo(WHOLE_HALL).emit("services:updated", { services });
      for (const s of partBoards()) {
        const p = s.data.principal;
        const fields = p.kind === "device" ? p.fieldIds : [];
        s.emit("services:updated", { services: fields.length ? services.filter((x) => fields.includes(x.fieldId)) : services });
      }
    }, BOARDS_EVERY_MS);
    boardsTimer.unref();
  };

  service.onChange((change: Change) => {
    pruneOncePerTurn();
    const { config, ticketBefore, after, events } = change;
    for (const e of events) {
      if ("counterId" in e && e.counterId) dirtyCounters.add(e.counterId);
      if (e.type === "ticket.transferred") dirtyCounters.add(e.fromCounterId);
      // A parked ticket called back is called again (the engine stamps its calledAt anew): the
      // citizen who stepped out is told to come back like one who missed a recall.
      if (e.type === "ticket.called" || e.type === "ticket.recalled" || e.type === "ticket.unparked") {
        const call = callOf(config, after.tickets[e.ticketId]!);
        if (call) toDisplays(call, e.type === "ticket.called" ? "ticket:called" : "ticket:recalled");
      }
      if (e.type === "ticket.noShow" || e.type === "ticket.parked" || e.type === "ticket.transferred" || e.type === "ticket.cancelled") {
        const prev = ticketBefore?.id === e.ticketId ? ticketBefore : undefined;
        if (prev && prev.counterId && (prev.status === "called" || prev.status === "serving")) {
          // Boards drop a call that no longer stands.
          const payload = { ticketId: e.ticketId, counterId: prev.counterId };
          const fieldId = config.services.find((x) => x.id === prev.serviceId)?.fieldId ?? null;
          toEachDisplay(fieldId, prev.counterId, (s) => s.emit("call:withdrawn", payload));
          nsp.supervisor.local.emit("call:withdrawn", payload);
        }
      }
      if (e.type === "ticket.issued") nsp.supervisor.local.emit("ticket:issued", { ticket: toTicket(config, after, after.tickets[e.ticketId]!, e.at) });
      // That a rating came, never what it said.
      if (e.type === "rating.recorded" && e.counterId) nsp.counter.localTo(counterRoom(e.counterId)).emit("rating:received", { ticketId: e.ticketId });
    }
    scheduleDerived();
  });

  service.onDayStarted((day) => {
    pushFollows();
    nsp.kiosk.local.emit("day:started", { day });
    nsp.display.local.emit("day:started", { day });
    nsp.counter.local.emit("day:started", { day });
    nsp.supervisor.local.emit("day:started", { day });
    refreshCounters();
  });
  service.onConfigChanged(() => {
    prune();
    const at = new Date(service.now()).toISOString();
    nsp.kiosk.local.emit("config:changed", { at });
    nsp.display.local.emit("config:changed", { at });
    nsp.counter.local.emit("config:changed", { at });
    nsp.supervisor.local.emit("config:changed", { at });
    refreshCounters();
  });

  /** Every board hears the new hall code when its ten minutes begin (checked on each tick). */
  let lastHallCode = JSON.stringify(hallCodeShown(app));
  const pushHallCode = () => {
    const hallCode = hallCodeShown(app);
    const shown = JSON.stringify(hallCode);
    if (shown === lastHallCode) return;
    lastHallCode = shown;
    nsp.display.local.emit("hallCode:changed", { hallCode });
  };

  return {
    // Waits grow while nothing happens: the supervisor's figures and the phones' views go out on every tick.
    tick: () => {
      pushStats();
      pushFollows();
      pushHallCode();
    },
    stop: () => {
      if (statsTimer) clearTimeout(statsTimer);
      if (boardsTimer) clearTimeout(boardsTimer);
    },
  };
}
