import { CenterConfig, type WaitBand } from "@motcua/protocol";
import { applyInPlace, arrival, checkInWindow, createDay, minutesOf, slotTimes, toTicket, type Booking, type Command, type DayState, type EngineEvent } from "@motcua/engine";
import { EventQueue } from "./heap.ts";
import { createRandom, nonHomogeneousPoisson } from "./random.ts";
import { arrivalSteps, hhmm, openSpans, rateAt, type Scenario } from "./scenario.ts";

/** The simulated day: 27 Nov 2026 in Asia/Ho_Chi_Minh (UTC+7); minutes count from local midnight. */
const DAY = "2026-11-27";
const MIDNIGHT = Date.UTC(2026, 10, 26, 17, 0);
const at = (minute: number) => MIDNIGHT + Math.round(minute * 60_000);
const toMinute = (ms: number) => (ms - MIDNIGHT) / 60_000;

const CODES = "ABCDEFGHKLMNPQRSTUVXY";
const PRIORITY_GROUP = "nguoi-cao-tuoi";
/** A citizen who is not there when called is recalled once a minute. */
const RECALL_EVERY_MIN = 1;
/**
 * When a booked citizen comes: most a little early (up to EARLY_MAX_MIN before their slot, evenly),
 * LATE_SHARE of them late by up to LATE_MAX_MIN. Past the kiosk's late window (15 minutes by
 * default) the kiosk makes them walk-ins.
 */
const EARLY_MAX_MIN = 20;
const LATE_SHARE = 0.15;
const LATE_MAX_MIN = 30;

/** The scenario as a center's configuration: what the engine reads, and the fields' appointment slots. */
export function engineConfigOf(s: Scenario): CenterConfig {
  return CenterConfig.parse({
    mode: "demo",
    center: {
      id: "mo-phong",
      name: s.name,
      nameEn: s.name,
      dayResetTime: "00:00",
      // The hall's hours are when some officer sits at a counter: wait bands add the breaks between.
      openingHours: openSpans(s).map((x) => ({ from: hhmm(x.from), to: hhmm(x.to) })),
    },
    fields: s.fields.map((f) => ({
      id: f.id,
      name: f.name,
      nameEn: f.nameEn,
      appointments: f.appointments && f.appointments.share > 0 ? { slotMinutes: f.appointments.slotMinutes, capacity: f.appointments.capacity } : null,
    })),
    services: s.fields.map((f, i) => ({
      id: f.id,
      code: i < CODES.length ? CODES[i] : CODES[Math.floor(i / CODES.length) - 1]! + CODES[i % CODES.length]!,
      name: f.name,
      nameEn: f.nameEn,
      fieldId: f.id,
      numberRange: { from: 1, to: 9999 },
      defaultServiceMinutes: f.serviceMinutes.mean,
    })),
    counters: s.counters.map((c) => ({ id: c.id, number: c.number, name: `Quầy ${c.number}`, nameEn: `Counter ${c.number}`, serviceIds: c.fieldIds })),
    priorityGroups: [{ id: PRIORITY_GROUP, name: "Người cao tuổi", nameEn: "Elderly" }],
    rules: s.rules,
  });
}

/** A booked citizen's appointment, as the center's book holds it. */
type Booked = Pick<Booking, "token" | "serviceId" | "date" | "time" | "slotAt" | "status">;

type SimEvent =
  | { t: number; kind: "arrive"; fieldId: string; priority: boolean; serviceMinutes: number; absent: boolean; returnsAfter: number | null; booking?: Booked }
  | { t: number; kind: "open" | "close"; counterId: string }
  | { t: number; kind: "done" | "recall"; counterId: string; ticketId: string }
  | { t: number; kind: "return"; ticketId: string };

export interface Visit {
  ticketId: string;
  fieldId: string;
  priority: boolean;
  issuedMinute: number;
  /** Minutes from issue to the call that ended the wait; for citizens never called, until the hall closed. */
  waitMinutes: number;
  served: boolean;
  called: boolean;
  /** The band the ticket showed when it was issued. */
  band: WaitBand | null;
  /**
   * Only for a citizen who booked a slot: its start (minutes from local midnight), and whether
   * the kiosk checked them in as an appointment (within the window) or, too late, as a walk-in.
   */
  booking?: { slotMinute: number; onTime: boolean };
}

export interface CounterUse {
  counterId: string;
  staffedMinutes: number;
  busyMinutes: number;
}

export interface SimResult {
  scenario: string;
  seed: number;
  visits: Visit[];
  counters: CounterUse[];
  endMinute: number;
  state: DayState;
  /** Citizens who wanted to book and got a slot, and those who found every slot full and walked in. */
  appointments: { booked: number; noSlot: number };
}

interface Desk {
  staffed: boolean;
  busy: string | null;
  closing: boolean;
  since: number;
  staffedMinutes: number;
  busyMinutes: number;
  busySince: number;
}

/**
 * One service day through the real engine with a virtual clock: arrivals from a
 * non-homogeneous Poisson process, lognormal service, officers by shift, no-shows who
 * sometimes come back. The same scenario and seed always give the same day.
 */
export function simulate(scenario: Scenario, opts: { seed?: number; /** Record the band each ticket showed (costs most of the time). */ bands?: boolean } = {}): SimResult {
  const seed = opts.seed ?? scenario.seed;
  const config = engineConfigOf(scenario);
  const random = createRandom(seed);
  const arrivals = random.fork("arrivals");
  const service = random.fork("service");
  const behaviour = random.fork("behaviour");
  // Its own stream: a day without appointments draws exactly what it drew before they existed.
  const booking = random.fork("appointments");
  const recallsBeforeNoShow = config.rules.recallsBeforeNoShow;

  let state = createDay(config, DAY);
  let now = 0;
  const queue = new EventQueue<SimEvent>();
  /** What each citizen will do, drawn on arrival. */
  const citizens = new Map<string, { serviceMinutes: number; absent: boolean; returnsAfter: number | null }>();
  const desks = new Map<string, Desk>(
    scenario.counters.map((c) => [c.id, { staffed: false, busy: null, closing: false, since: 0, staffedMinutes: 0, busyMinutes: 0, busySince: 0 }]),
  );
  const visits = new Map<string, Visit>();
  const bookings: Booked[] = [];
  let noSlot = 0;

  const run = (cmd: Command): EngineEvent[] => {
    // The simulator never looks back at an earlier state, so the engine may update in place.
    const r = applyInPlace(config, state, cmd, at(now));
    if (!r.ok) throw new Error(`simulation broke a rule at minute ${now.toFixed(1)}: ${cmd.type} → ${r.error.code}: ${r.error.message}`);
    state = r.state;
    return r.events;
  };

  for (const f of scenario.fields) {
    const steps = arrivalSteps(f);
    const rate = (m: number) => rateAt(steps, m);
    const maxRate = Math.max(...steps.map((s) => s.perMinute));
    if (maxRate === 0) continue;
    const stream = arrivals.fork(f.id);
    // Everything about a citizen is drawn when they arrive, from streams of their own field, so
    // the same citizens meet every policy (common random numbers: policy comparisons are not noise).
    const own = service.fork(f.id);
    const acts = behaviour.fork(f.id);
    const { mean, cv, distribution } = f.serviceMinutes;
    const share = f.appointments?.share ?? 0;
    const books = booking.fork(f.id);
    const fieldConfig = config.fields.find((x) => x.id === f.id)!;
    // The field's slots today with the places left: citizens book in the order they would have come.
    const slots = share > 0 ? slotTimes(config, fieldConfig, DAY).map((x) => ({ ...x, left: fieldConfig.appointments!.capacity })) : [];
    for (const natural of nonHomogeneousPoisson(stream, rate, steps[0]!.from, steps.at(-1)!.from, maxRate)) {
      const absent = acts.bernoulli(scenario.noShowRate);
      const comesBack = acts.bernoulli(scenario.returnRate);
      const returnsAfter = 5 + acts.next() * 15;
      let t = natural;
      let booked: Booked | undefined;
      if (share > 0 && books.bernoulli(share)) {
        const offset = books.bernoulli(LATE_SHARE) ? books.uniform(0, LATE_MAX_MIN) : -books.uniform(0, EARLY_MAX_MIN);
        const slot = slots.find((x) => x.at >= at(natural) && x.left > 0);
        if (slot) {
          slot.left--;
          booked = { token: `hen-${f.id}-${bookings.length + 1}`, serviceId: f.id, date: DAY, time: slot.time, slotAt: slot.at, status: "booked" };
          bookings.push(booked);
          // Nobody is turned away for being too early: they wait for the kiosk's window to open.
          t = Math.max(toMinute(slot.at) + offset, toMinute(checkInWindow(config, booked).from));
        } else noSlot++;
      }
      queue.push({
        t,
        kind: "arrive",
        fieldId: f.id,
        priority: stream.bernoulli(scenario.priorityShare),
        serviceMinutes: distribution === "exponential" ? own.exponential(mean) : own.lognormal(mean, cv),
        absent,
        returnsAfter: absent && comesBack ? returnsAfter : null,
        ...(booked ? { booking: booked } : {}),
      });
    }
  }
  // The day's book as the server hands it to the queue in the morning: the wait estimate counts
  // booked citizens still to come at their slot, ahead of walk-ins.
  if (bookings.length > 0) {
    run({ type: "expectAppointments", appointments: bookings.map((b) => ({ token: b.token, serviceId: b.serviceId, at: b.slotAt })) });
  }
  for (const c of scenario.counters) {
    for (const s of c.shifts) {
      queue.push({ t: minutesOf(s.from), kind: "open", counterId: c.id });
      queue.push({ t: minutesOf(s.to), kind: "close", counterId: c.id });
    }
  }

  const free = (counterId: string, desk: Desk) => {
    desk.busy = null;
    desk.busyMinutes += now - desk.busySince;
    if (desk.closing) {
      run({ type: "closeCounter", counterId });
      desk.staffed = false;
      desk.closing = false;
      desk.staffedMinutes += now - desk.since;
    }
  };

  const callAt = (counterId: string, desk: Desk) => {
    const called = run({ type: "callNext", counterId }).find((e) => e.type === "ticket.called");
    if (!called) return;
    desk.busy = called.ticketId;
    desk.busySince = now;
    const v = visits.get(called.ticketId)!;
    queued(v.fieldId, -1);
    v.called = true;
    const who = citizens.get(called.ticketId)!;
    if (who.absent) {
      queue.push({ t: now + RECALL_EVERY_MIN, kind: "recall", counterId, ticketId: called.ticketId });
      return;
    }
    run({ type: "start", ticketId: called.ticketId });
    queue.push({ t: now + who.serviceMinutes, kind: "done", counterId, ticketId: called.ticketId });
  };

  // Citizens waiting per field: a free officer presses "next" only when one of their fields
  // has someone, which keeps a big hall's idle desks from asking the engine in vain.
  const waiting = new Map<string, number>(scenario.fields.map((f) => [f.id, 0]));
  const fieldsAt = new Map(scenario.counters.map((c) => [c.id, c.fieldIds] as const));
  const queued = (fieldId: string, n: number) => waiting.set(fieldId, waiting.get(fieldId)! + n);

  /** Every officer at a free desk with someone to call presses "next". */
  const dispatch = () => {
    for (const [counterId, desk] of desks) {
      if (desk.staffed && !desk.busy && !desk.closing && fieldsAt.get(counterId)!.some((f) => waiting.get(f)! > 0)) callAt(counterId, desk);
    }
  };

  for (let e = queue.pop(); e; e = queue.pop()) {
    now = e.t;
    switch (e.kind) {
      case "arrive": {
        const b = e.booking;
        // A booked citizen scans their QR at the kiosk: the center's rule says whether it is still
        // an appointment (within the window) or, too late, an ordinary ticket.
        const how = b ? arrival(config, b as Booking, at(now)) : null;
        if (how && !how.ok) throw new Error(`booked citizen turned away at minute ${now.toFixed(1)}: ${how.error.message}`);
        const onTime = how?.ok === true && how.value === "appointment";
        const issued = b
          ? run({ type: "checkInAppointment", token: b.token, serviceId: b.serviceId, slotAt: b.slotAt, late: !onTime })
          : run({ type: "issueTicket", serviceId: e.fieldId, priorityGroupId: e.priority ? PRIORITY_GROUP : null });
        const id = issued.find((x) => x.type === "ticket.issued")!.ticketId;
        queued(e.fieldId, 1);
        citizens.set(id, { serviceMinutes: e.serviceMinutes, absent: e.absent, returnsAfter: e.returnsAfter });
        const band = opts.bands === false ? null : toTicket(config, state, state.tickets[id]!, at(now)).estimatedWait;
        visits.set(id, {
          ticketId: id,
          fieldId: e.fieldId,
          // The kiosk's booking scan asks no priority group.
          priority: e.priority && !b,
          issuedMinute: now,
          waitMinutes: 0,
          served: false,
          called: false,
          band,
          ...(b ? { booking: { slotMinute: toMinute(b.slotAt), onTime } } : {}),
        });
        break;
      }
      case "open": {
        const desk = desks.get(e.counterId)!;
        if (desk.closing) desk.closing = false;
        else if (!desk.staffed) {
          run({ type: "openCounter", counterId: e.counterId, staffId: `can-bo-${e.counterId}`, staffName: `Cán bộ ${e.counterId}` });
          desk.staffed = true;
          desk.since = now;
        }
        break;
      }
      case "close": {
        const desk = desks.get(e.counterId)!;
        if (!desk.staffed) break;
        if (desk.busy) desk.closing = true;
        else {
          run({ type: "closeCounter", counterId: e.counterId });
          desk.staffed = false;
          desk.staffedMinutes += now - desk.since;
        }
        break;
      }
      case "done": {
        run({ type: "complete", ticketId: e.ticketId });
        visits.get(e.ticketId)!.served = true;
        free(e.counterId, desks.get(e.counterId)!);
        break;
      }
      case "recall": {
        const t = state.tickets[e.ticketId]!;
        if (t.recalls < recallsBeforeNoShow) {
          run({ type: "recall", ticketId: e.ticketId });
          queue.push({ t: now + RECALL_EVERY_MIN, kind: "recall", counterId: e.counterId, ticketId: e.ticketId });
        } else {
          run({ type: "noShow", ticketId: e.ticketId });
          free(e.counterId, desks.get(e.counterId)!);
          const who = citizens.get(e.ticketId)!;
          // Whoever comes back is there when called next time.
          who.absent = false;
          if (who.returnsAfter !== null) queue.push({ t: now + who.returnsAfter, kind: "return", ticketId: e.ticketId });
        }
        break;
      }
      case "return": {
        run({ type: "requeue", ticketId: e.ticketId });
        queued(visits.get(e.ticketId)!.fieldId, 1);
        break;
      }
    }
    dispatch();
  }

  for (const v of visits.values()) {
    const t = state.tickets[v.ticketId]!;
    v.waitMinutes = t.waitEndedAt !== null ? (t.waitEndedAt - t.issuedAt) / 60_000 : Math.max(0, now - v.issuedMinute);
  }
  return {
    scenario: scenario.name,
    seed,
    visits: [...visits.values()],
    counters: [...desks].map(([counterId, d]) => ({ counterId, staffedMinutes: d.staffedMinutes, busyMinutes: d.busyMinutes })),
    endMinute: now,
    state,
    appointments: { booked: bookings.length, noSlot },
  };
}
