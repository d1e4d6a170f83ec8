import type { CenterConfig, ErrorCode, RatingLevel, TicketStatus } from "@motcua/protocol";

/** Epoch milliseconds. The engine never reads a clock; `now` is always passed in. */
export type Millis = number;

export type EngineConfig = Pick<CenterConfig, "center" | "services" | "counters" | "priorityGroups" | "rules">;

export interface TicketRecord {
  id: string;
  number: string;
  seq: number;
  serviceId: string;
  /** The service the citizen asked for at the kiosk; serviceId changes on transfer. */
  originalServiceId: string;
  priorityGroupId: string | null;
  status: TicketStatus;
  issuedAt: Millis;
  /** Ordering key in the queue: the issue time, kept across transfers; reset on a requeue. */
  queuedAt: Millis;
  calledAt: Millis | null;
  /**
   * End of the wait that statistics count: the first call after issue, or after a requeue
   * (the brief: waiting time = called − issued, and after a no-show the last call counts).
   */
  waitEndedAt: Millis | null;
  startedAt: Millis | null;
  finishedAt: Millis | null;
  /** Counter that has called, is serving or parked the ticket. */
  counterId: Id | null;
  /** When transferred to a counter: only that counter may call it. */
  targetCounterId: Id | null;
  /** Counter that last served it, for ratings and statistics. */
  servedBy: Id | null;
  /** The officer who finished it (or marked it absent), for their own figures and reports by staff; absent on older records. */
  servedByStaff?: string;
  /**
   * When it last joined a queue: its issue, or its latest transfer. The order still follows
   * queuedAt (a transferred citizen keeps their place); the supervisor's "waiting now" follows this.
   */
  waitingSince?: Millis;
  /** Counters that sent it on, oldest first: reports count a transfer where it was made. */
  transferredFrom?: string[];
  recalls: number;
  transfers: number;
  rated: boolean;
  note: string | null;
  /** The issuing tap's idempotency key (device-scoped by the adapter); absent for older records. */
  requestKey?: string;
  /**
   * The unguessable part of the ticket's follow link (its QR). Made by the adapter, which has the
   * randomness; the id (day and number) is easy to guess and never opens anything public.
   */
  followToken?: string;
  /**
   * For a citizen who booked and checked in within the window: the start of their slot. From
   * then on they are called ahead of walk-ins, within the fairness cap; before it they wait as anyone.
   */
  appointmentAt?: Millis;
}
type Id = string;

export interface CounterRecord {
  status: "closed" | "open" | "paused";
  staffId: string | null;
  staffName: string | null;
  currentTicketId: string | null;
  pauseReason: string | null;
  /** Priority tickets called in a row; the fairness cap reads it. */
  priorityStreak: number;
  served: number;
}

export interface RatingRecord {
  ticketId: string;
  level: RatingLevel;
  reasons: string[];
  at: Millis;
  counterId: string | null;
  serviceId: string;
}

/**
 * A number taken from a phone: not in the queue until the citizen checks in at the kiosk, so
 * people at home never hold back those in the hall. Only a hash of the phone is kept.
 */
export interface Reservation {
  serviceId: string;
  phoneHash: string;
  at: Millis;
  /** The ticket it became at check-in; null until then. */
  ticketId: string | null;
  /** Given up from the phone before check-in; it still counts against the phone's share. */
  cancelledAt?: Millis;
}

export interface ExpectedAppointment {
  serviceId: string;
  /** The slot's start. */
  at: Millis;
}

/** One service day: the document the store keeps per day. */
export interface DayState {
  day: string;
  /** Last sequence issued per service. */
  seq: Record<string, number>;
  tickets: Record<string, TicketRecord>;
  /** Ticket ids in issue order. */
  order: string[];
  counters: Record<string, CounterRecord>;
  ratings: RatingRecord[];
  /** Remote numbers by their follow token; absent on days before the feature. */
  reservations?: Record<string, Reservation>;
  /**
   * Today's appointments not yet checked in, by booking token: citizens who will join at their
   * slot's time ahead of walk-ins, so the walk-in estimate counts them. Only service and time.
   */
  expected?: Record<string, ExpectedAppointment>;
  /** Count of events applied; grows by one per event. */
  version: number;
}

export type Command =
  | {
      type: "issueTicket";
      serviceId: string;
      priorityGroupId?: string | null | undefined;
      requestKey?: string | undefined;
      followToken?: string | undefined;
      /** Only through `checkInAppointment` (the adapter checks the booking); see TicketRecord.appointmentAt. */
      appointmentAt?: Millis | undefined;
    }
  | { type: "openCounter"; counterId: string; staffId: string; staffName: string; takeover?: boolean | undefined }
  | { type: "callNext"; counterId: string }
  | { type: "recall"; ticketId: string }
  | { type: "start"; ticketId: string }
  | { type: "complete"; ticketId: string }
  | { type: "noShow"; ticketId: string }
  | { type: "requeue"; ticketId: string }
  | { type: "transfer"; ticketId: string; toServiceId?: string | undefined; toCounterId?: string | undefined; note?: string | undefined }
  | { type: "park"; ticketId: string }
  | { type: "unpark"; ticketId: string; counterId: string }
  | { type: "cancel"; ticketId: string }
  | { type: "pauseCounter"; counterId: string; reason?: string | undefined }
  | { type: "resumeCounter"; counterId: string }
  | { type: "closeCounter"; counterId: string }
  | { type: "rate"; ticketId: string; level: RatingLevel; reasons?: string[] | undefined }
  /**
   * A counter's rating pad: rates the citizen this counter finished last, while nobody else has
   * been called there since (the pad then belongs to the next citizen) and within the rating window.
   */
  | { type: "rateAtCounter"; counterId: string; level: RatingLevel }
  | { type: "reserve"; serviceId: string; token: string; phoneHash: string }
  | { type: "checkIn"; token: string }
  | { type: "cancelReservation"; token: string }
  /** Today's booked appointments not yet checked in (the adapter keeps the book): replaces the list. */
  | { type: "expectAppointments"; appointments: ({ token: string } & ExpectedAppointment)[] }
  /** A booked citizen at the kiosk: `late` (after the check-in window) makes it an ordinary ticket. */
  | { type: "checkInAppointment"; token: string; serviceId: string; slotAt: Millis; late: boolean };

export type CommandType = Command["type"];

export type EngineEvent =
  | { type: "ticket.issued"; at: Millis; ticketId: string }
  | { type: "ticket.called"; at: Millis; ticketId: string; counterId: string; reason: CallReason }
  | { type: "ticket.recalled"; at: Millis; ticketId: string; counterId: string }
  | { type: "ticket.started"; at: Millis; ticketId: string; counterId: string }
  | { type: "ticket.completed"; at: Millis; ticketId: string; counterId: string }
  | { type: "ticket.noShow"; at: Millis; ticketId: string; counterId: string }
  | { type: "ticket.requeued"; at: Millis; ticketId: string }
  | { type: "ticket.transferred"; at: Millis; ticketId: string; fromCounterId: string; toServiceId: string; toCounterId: string | null }
  | { type: "ticket.parked"; at: Millis; ticketId: string; counterId: string }
  | { type: "ticket.unparked"; at: Millis; ticketId: string; counterId: string }
  | { type: "ticket.cancelled"; at: Millis; ticketId: string; counterId: string | null }
  | { type: "counter.opened"; at: Millis; counterId: string; staffId: string; tookOverFrom: string | null }
  | { type: "counter.paused"; at: Millis; counterId: string }
  | { type: "counter.resumed"; at: Millis; counterId: string }
  | { type: "counter.closed"; at: Millis; counterId: string }
  | { type: "rating.recorded"; at: Millis; ticketId: string; counterId: string | null }
  | { type: "ticket.reserved"; at: Millis; serviceId: string }
  | { type: "reservation.cancelled"; at: Millis; serviceId: string }
  | { type: "appointments.expected"; at: Millis; count: number };

/** Why a ticket was chosen: lets tests and the simulator see the call-order rule at work. */
export type CallReason = "aged" | "priority" | "appointment" | "regular" | "fairness" | "transferred";

export interface EngineError {
  code: ErrorCode;
  message: string;
  /** A refusal that passes with time (CENTER_CLOSED, APPOINTMENT_NOT_NOW): from when it will be accepted. */
  at?: Millis;
}

export type Result = { ok: true; state: DayState; events: EngineEvent[] } | { ok: false; error: EngineError };
