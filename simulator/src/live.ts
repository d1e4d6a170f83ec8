import type { Random } from "./random.ts";

/**
 * A hall driven live through the server's real API, for a demo that moves: citizens arrive at the
 * kiosk at a scenario's rates, officers open their counters, call, serve for a scenario's time,
 * and citizens rate. Time runs `speed` times faster than the wall clock, as the server's own
 * (demo) clock does, so its waits are a day's waits seen in an hour.
 */

/**
 * Requests in flight at once from this process, across every hall it drives: each opens a
 * connection, and the server holds one address to 200 (http/connections.ts). Real halls are many
 * PCs with a few connections each; a demo of seven halls sped up 120× from one address is not.
 */
const IN_FLIGHT = 48;
const inFlight = (() => {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return {
    enter: async () => {
      if (busy >= IN_FLIGHT) await new Promise<void>((r) => waiting.push(r));
      busy++;
    },
    leave: () => {
      busy--;
      waiting.shift()?.();
    },
  };
})();

export interface LiveHall {
  url: string;
  center: string;
  kioskKey: string;
  /** The server's clock (ms): arrivals follow its local time of day. */
  clock: () => number;
  speed: number;
  fields: LiveField[];
  officers: { username: string; password: string; counterId: string }[];
  random: Random;
  log?: (message: string, detail?: Record<string, unknown>) => void;
}

export interface LiveField {
  /** The procedures a citizen of this field takes a number for, one chosen at random. */
  serviceIds: string[];
  /** Citizens per minute from each local minute of the day on (a step function; arrivalSteps). */
  steps: { from: number; perMinute: number }[];
  serviceMinutes: { mean: number; cv: number };
}

const HANOI_MS = 7 * 3_600_000;
const minuteOfDay = (ms: number) => (((ms + HANOI_MS) % 86_400_000) + 86_400_000) % 86_400_000 / 60_000;
const rateAt = (steps: LiveField["steps"], minute: number) => steps.reduce((r, s) => (s.from <= minute ? s.perMinute : r), 0);

/** Starts the hall; resolves how to stop it (waits for nothing in flight to matter: a demo). */
export function driveHall(h: LiveHall): { stop: () => void } {
  let running = true;
  const timers = new Set<NodeJS.Timeout>();
  /** Waits `simMinutes` of the hall's time. */
  const pause = (simMinutes: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, Math.max(5, (simMinutes * 60_000) / h.speed));
      t.unref();
      timers.add(t);
    });
  const call = async (method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; data: any }> => {
    const headers: Record<string, string> = { "x-motcua-center": h.center };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    await inFlight.enter();
    try {
      const res = await fetch(`${h.url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      return { status: res.status, data: text ? JSON.parse(text) : null };
    } catch {
      return { status: 0, data: null };
    } finally {
      inFlight.leave();
    }
  };
  const ratings = h.random.fork("ratings");

  const arrivals = async (f: LiveField, random: Random) => {
    while (running) {
      const perMinute = rateAt(f.steps, minuteOfDay(h.clock()));
      if (perMinute === 0) {
        await pause(5);
        continue;
      }
      await pause(random.exponential(1 / perMinute));
      if (!running) return;
      const r = await call("POST", "/tickets", h.kioskKey, { serviceId: random.pick(f.serviceIds) });
      if (r.status !== 201) h.log?.("a ticket was refused", { center: h.center, status: r.status, code: r.data?.code });
    }
  };

  const minutesFor = (serviceId: string, random: Random) => {
    const f = h.fields.find((x) => x.serviceIds.includes(serviceId));
    return f ? random.lognormal(f.serviceMinutes.mean, f.serviceMinutes.cv) : 5;
  };

  const officer = async (o: LiveHall["officers"][number], random: Random) => {
    const session = await call("POST", "/session", null, { username: o.username, password: o.password, center: h.center });
    if (session.status !== 200) return h.log?.("an officer could not log in", { center: h.center, username: o.username, status: session.status });
    const token = session.data.token as string;
    await call("POST", `/counters/${o.counterId}/open`, token, { takeover: true });
    while (running) {
      const called = await call("POST", `/counters/${o.counterId}/next`, token);
      if (called.status !== 200 || !called.data) {
        await pause(1);
        continue;
      }
      const ticket = called.data as { id: string; serviceId: string };
      // The citizen walks to the counter; a few never come, and are called twice more first.
      await pause(0.5);
      if (random.bernoulli(0.03)) {
        for (let n = 0; n < 2; n++) {
          await pause(1);
          await call("POST", `/tickets/${ticket.id}/recall`, token);
        }
        await pause(1);
        if ((await call("POST", `/tickets/${ticket.id}/no-show`, token)).status === 200) continue;
      }
      await call("POST", `/tickets/${ticket.id}/start`, token);
      await pause(minutesFor(ticket.serviceId, random));
      await call("POST", `/tickets/${ticket.id}/complete`, token);
      // Most citizens rate; most are satisfied.
      if (ratings.bernoulli(0.6)) {
        const level = ratings.bernoulli(0.96) ? (ratings.bernoulli(0.6) ? "very_satisfied" : "satisfied") : "unsatisfied";
        await call("POST", "/ratings", h.kioskKey, { ticketId: ticket.id, level });
      }
    }
  };

  h.fields.forEach((f, i) => void arrivals(f, h.random.fork(`arrivals-${i}`)));
  h.officers.forEach((o, i) => void officer(o, h.random.fork(`officer-${i}`)));
  return {
    stop: () => {
      running = false;
      for (const t of timers) clearTimeout(t);
    },
  };
}
