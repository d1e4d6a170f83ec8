import type { DayState } from "@motcua/engine";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKING_MORNING } from "../helpers/clock.ts";
import { KIOSK, STATION, ask, client, connect, connected, startTestServer, type TestServer } from "../helpers/harness.ts";

/**
 * One command layer: every action a person or device takes is the same function whether it
 * comes over REST or a socket. The same day, driven once each way on its own server with the
 * same clock, must end in the same state.
 */

interface Hall {
  server: TestServer;
  rest: ReturnType<typeof client>;
  officer: string;
  counter: Socket;
  kiosk: Socket;
  station: Socket;
  /** The tickets each counter was given, in order: later steps act on them by position. */
  called: string[];
}

/** An action, as REST does it and as a socket does it; both must succeed. */
interface Action {
  name: string;
  rest(h: Hall): Promise<{ status: number; body?: unknown }>;
  socket(h: Hall): Promise<{ ok: boolean }>;
}

const last = (h: Hall) => h.called[h.called.length - 1]!;
const remember = (h: Hall, id: string | undefined) => id && h.called.push(id);

const ticketAction = (verb: "recall" | "start" | "complete" | "no-show" | "requeue" | "park" | "unpark" | "cancel", event: string, pick: (h: Hall) => string = last): Action => ({
  name: verb,
  rest: (h) => h.rest.api("POST", `/api/tickets/${pick(h)}/${verb}`, { token: h.officer, body: {} }),
  socket: (h) => ask(h.counter, event as "ticket:recall", { ticketId: pick(h) }),
});

/** The officer's Next at counter 1; the ticket it calls is remembered for the steps after. */
const callNext = (name: string): Action => ({
  name,
  rest: async (h) => {
    const r = await h.rest.api("POST", "/api/counters/quay-1/next", { token: h.officer });
    remember(h, r.body?.id);
    return r;
  },
  socket: async (h) => {
    const r = await ask(h.counter, "counter:callNext", {});
    if (r.ok) remember(h, r.data?.id);
    return r;
  },
});

const ACTIONS: Action[] = [
  ...["khai-sinh", "khai-sinh", "ket-hon", "khai-sinh", "khai-sinh"].map(
    (serviceId): Action => ({
      name: `issue ${serviceId}`,
      rest: (h) => h.rest.api("POST", "/api/tickets", { token: KIOSK, body: { serviceId } }),
      socket: (h) => ask(h.kiosk, "ticket:issue", { serviceId }),
    }),
  ),
  {
    name: "open counter",
    rest: (h) => h.rest.api("POST", "/api/counters/quay-1/open", { token: h.officer, body: {} }),
    socket: (h) => ask(h.counter, "counter:open", { counterId: "quay-1" }),
  },
  callNext("call next"),
  ticketAction("recall", "ticket:recall"),
  ticketAction("recall", "ticket:recall"),
  ticketAction("no-show", "ticket:noShow"),
  ticketAction("requeue", "ticket:requeue"),
  {
    name: "keypad next",
    rest: callNext("").rest,
    // The counter's keypad stands in for the officer's Next.
    socket: async (h) => {
      const r = await ask(h.station, "counter:press", { counterId: "quay-1", key: "next" });
      if (r.ok) remember(h, r.data.ticket?.id);
      return r;
    },
  },
  ticketAction("start", "ticket:start"),
  ticketAction("park", "ticket:park"),
  ticketAction("unpark", "ticket:unpark"),
  ticketAction("complete", "ticket:complete"),
  {
    name: "rate",
    rest: (h) => h.rest.api("POST", "/api/ratings", { token: KIOSK, body: { ticketId: last(h), level: "satisfied", reasons: [] } }),
    socket: (h) => ask(h.kiosk, "rating:submit", { ticketId: last(h), level: "satisfied", reasons: [] }),
  },
  callNext("call next again"),
  {
    name: "transfer",
    rest: (h) => h.rest.api("POST", `/api/tickets/${last(h)}/transfer`, { token: h.officer, body: { toServiceId: "ket-hon", note: "Hồ sơ kết hôn" } }),
    socket: (h) => ask(h.counter, "ticket:transfer", { ticketId: last(h), toServiceId: "ket-hon", note: "Hồ sơ kết hôn" }),
  },
  // The fifth citizen gives up while still waiting: A004 is the last khai-sinh ticket issued.
  ticketAction("cancel", "ticket:cancel", (h) => `${h.server.service.state.day}-A004`),
  {
    name: "pause",
    rest: (h) => h.rest.api("POST", "/api/counters/quay-1/pause", { token: h.officer, body: { reason: "Nghỉ giải lao" } }),
    socket: (h) => ask(h.counter, "counter:pause", { reason: "Nghỉ giải lao" }),
  },
  {
    name: "resume",
    rest: (h) => h.rest.api("POST", "/api/counters/quay-1/resume", { token: h.officer }),
    socket: (h) => ask(h.counter, "counter:resume", {}),
  },
  {
    name: "close",
    rest: (h) => h.rest.api("POST", "/api/counters/quay-1/close", { token: h.officer }),
    socket: (h) => ask(h.counter, "counter:close", {}),
  },
];

/** The day as the engine keeps it, without what each server makes up at random (follow tokens). */
const comparable = (s: DayState) => ({
  ...s,
  tickets: Object.fromEntries(Object.entries(s.tickets).map(([id, t]) => [id, { ...t, followToken: undefined }])),
});

describe("every action over REST and over a socket", () => {
  let now = WORKING_MORNING;
  const halls: Hall[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const server = await startTestServer({ clock: () => now });
      const rest = client(server.url);
      const officer = await rest.login("canbo1");
      const [counter, kiosk, station] = [connect(server.url, "/counter", officer), connect(server.url, "/kiosk", KIOSK), connect(server.url, "/station", STATION)];
      await Promise.all([counter, kiosk, station].map(connected));
      halls.push({ server, rest, officer, counter, kiosk, station, called: [] });
    }
  });
  afterAll(async () => {
    for (const h of halls) {
      for (const s of [h.counter, h.kiosk, h.station]) s.close();
      await h.server.destroy();
    }
  });

  it("leaves the same day behind, step by step", async () => {
    const [byRest, bySocket] = halls as [Hall, Hall];
    for (const action of ACTIONS) {
      const r = await action.rest(byRest);
      expect(r.status, `${action.name} over REST: ${JSON.stringify(r.body)}`).toBeLessThan(300);
      const s = await action.socket(bySocket);
      expect(s.ok, `${action.name} over a socket: ${JSON.stringify(s)}`).toBe(true);
      expect(comparable(bySocket.server.service.state), `after ${action.name}`).toEqual(comparable(byRest.server.service.state));
      // Half a minute a step: the day stays under the 15-minute aging limit, which would reorder the calls.
      now += 30_000;
    }
    // The script did reach every state it meant to.
    const t = (n: string) => byRest.server.service.state.tickets[`${byRest.server.service.state.day}-${n}`]!;
    expect(t("A001")).toMatchObject({ status: "waiting", recalls: 0 });
    expect(t("A002")).toMatchObject({ status: "done", rated: true });
    expect(t("A003")).toMatchObject({ status: "waiting", serviceId: "ket-hon" });
    expect(t("A004").status).toBe("cancelled");
    expect(byRest.server.service.state.ratings).toHaveLength(1);
    expect(byRest.server.service.state.counters["quay-1"]!.status).toBe("closed");
  });
});
