import { TARGET_WAIT_MINUTES, type ReportFigures } from "@motcua/protocol";
import { localParts, type DayState, type EngineConfig, type Millis, type TicketRecord } from "@motcua/engine";

/**
 * A finished day boiled down to what reports need, per group. Waits and service times are kept
 * as minute histograms, so medians and the 90th percentile of any span are exact to the minute
 * without reading a single ticket again. A year of reports reads 365 of these small documents.
 */
export interface Bucket {
  issued: number;
  served: number;
  noShows: number;
  transfers: number;
  /** Visits whose wait ended (called), and those never called (missed the 15 minutes). */
  waits: number;
  missed: number;
  waitSum: number;
  within15: number;
  /** Whole minutes waited → visits; the last bin holds everything longer. */
  waitHist: Record<string, number>;
  services: number;
  serviceSum: number;
  serviceHist: Record<string, number>;
  ratings: number;
  happy: number;
}

/** Raised whenever the summary's arithmetic changes: kept summaries of another version are remade. */
export const SUMMARY_VERSION = 2;

export interface DaySummary {
  version: number;
  day: string;
  overall: Bucket;
  byField: Record<string, Bucket>;
  byCounter: Record<string, Bucket>;
  byStaff: Record<string, Bucket>;
  byHour: Record<string, Bucket>;
  /** Officers' names as on the day, for reports after an account is gone. */
  staffNames: Record<string, string>;
}

const WAIT_BINS = 240;
const SERVICE_BINS = 120;
const TARGET_MS = TARGET_WAIT_MINUTES * 60_000;

export const emptyBucket = (): Bucket => ({
  issued: 0,
  served: 0,
  noShows: 0,
  transfers: 0,
  waits: 0,
  missed: 0,
  waitSum: 0,
  within15: 0,
  waitHist: {},
  services: 0,
  serviceSum: 0,
  serviceHist: {},
  ratings: 0,
  happy: 0,
});

const bin = (hist: Record<string, number>, minutes: number, bins: number) => {
  const k = String(Math.min(bins, Math.max(0, Math.floor(minutes))));
  hist[k] = (hist[k] ?? 0) + 1;
};

function add(b: Bucket, t: TicketRecord, now: Millis, countTransfers: boolean): void {
  b.issued++;
  if (t.status === "done") b.served++;
  if (t.status === "no_show") b.noShows++;
  if (countTransfers) b.transfers += t.transfers;
  if (t.waitEndedAt !== null) {
    const w = (t.waitEndedAt - t.issuedAt) / 60_000;
    b.waits++;
    b.waitSum += w;
    if (t.waitEndedAt - t.issuedAt <= TARGET_MS) b.within15++;
    bin(b.waitHist, w, WAIT_BINS);
  } else if (t.status === "waiting" && now - t.issuedAt > TARGET_MS) {
    // Never called (the day ended, or still waiting past 15 minutes): a miss, as the plan counts it.
    b.missed++;
  }
  if (t.status === "done" && t.startedAt !== null && t.finishedAt !== null) {
    const s = (t.finishedAt - t.startedAt) / 60_000;
    b.services++;
    b.serviceSum += s;
    bin(b.serviceHist, s, SERVICE_BINS);
  }
}

/** One day's summary. `now` is the end of the day for a finished one, the clock for today. */
export function summarizeDay(config: Pick<EngineConfig, "services"> & { staff: { id: string; displayName: string }[] }, state: DayState, now: Millis): DaySummary {
  const s: DaySummary = { version: SUMMARY_VERSION, day: state.day, overall: emptyBucket(), byField: {}, byCounter: {}, byStaff: {}, byHour: {}, staffNames: {} };
  const fieldOf = new Map(config.services.map((x) => [x.id, x.fieldId]));
  const at = (group: Record<string, Bucket>, key: string) => (group[key] ??= emptyBucket());
  const ratingOf = new Map(state.ratings.map((r) => [r.ticketId, r]));
  for (const id of state.order) {
    const t = state.tickets[id]!;
    const buckets = [s.overall, at(s.byField, fieldOf.get(t.serviceId) ?? t.serviceId), at(s.byHour, String(localParts(t.issuedAt).hour).padStart(2, "0"))];
    // Counters and officers: the visit belongs to who ended it, a transfer to who made it.
    const personal: Bucket[] = [];
    const counter = t.servedBy ?? t.counterId;
    if (counter) personal.push(at(s.byCounter, counter));
    if (t.servedByStaff) personal.push(at(s.byStaff, t.servedByStaff));
    for (const from of t.transferredFrom ?? []) at(s.byCounter, from).transfers++;
    const rating = ratingOf.get(t.id);
    for (const b of [...buckets, ...personal]) {
      add(b, t, now, buckets.includes(b));
      if (rating) {
        b.ratings++;
        if (rating.level !== "unsatisfied") b.happy++;
      }
    }
  }
  for (const person of config.staff) if (s.byStaff[person.id]) s.staffNames[person.id] = person.displayName;
  return s;
}

/** Adds `b` into `into` (for spans of days). */
export function merge(into: Bucket, b: Bucket): Bucket {
  for (const k of ["issued", "served", "noShows", "transfers", "waits", "missed", "waitSum", "within15", "services", "serviceSum", "ratings", "happy"] as const) into[k] += b[k];
  for (const [k, n] of Object.entries(b.waitHist)) into.waitHist[k] = (into.waitHist[k] ?? 0) + n;
  for (const [k, n] of Object.entries(b.serviceHist)) into.serviceHist[k] = (into.serviceHist[k] ?? 0) + n;
  return into;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The minute at quantile q of a histogram (lower whole minute of the bin). */
function quantile(hist: Record<string, number>, count: number, q: number): number | null {
  if (count === 0) return null;
  const target = Math.ceil(q * count);
  let seen = 0;
  for (const k of Object.keys(hist).map(Number).sort((a, b) => a - b)) {
    seen += hist[String(k)]!;
    if (seen >= target) return k;
  }
  return null;
}

export function figuresOf(b: Bucket): ReportFigures {
  const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
  return {
    issued: b.issued,
    served: b.served,
    noShows: b.noShows,
    transfers: b.transfers,
    waitMean: b.waits === 0 ? null : round1(b.waitSum / b.waits),
    waitMedian: quantile(b.waitHist, b.waits, 0.5),
    waitP90: quantile(b.waitHist, b.waits, 0.9),
    within15Share: share(b.within15, b.waits + b.missed),
    serviceMean: b.services === 0 ? null : round1(b.serviceSum / b.services),
    serviceMedian: quantile(b.serviceHist, b.services, 0.5),
    ratings: b.ratings,
    satisfactionRate: share(b.happy, b.ratings),
  };
}
