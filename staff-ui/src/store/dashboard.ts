import type { DashboardSnapshot, Report } from "@motcua/protocol";
import { Link, type LinkState } from "@motcua/protocol/client";
import { batch, computed, effect, signal, untracked } from "@preact/signals";
import { alertsOf } from "../alerts.ts";
import { chime } from "../chime.ts";
import { lang } from "./lang.ts";
import { api, expire, follow, serverNow, type Session } from "./session.ts";

// The supervisor's live dashboard: pushed over the supervisor link, nothing polled.

export const link = signal<LinkState>("connecting");
export const snapshot = signal<DashboardSnapshot | null>(null);
/** The numbers just issued, newest first. */
export const issued = signal<string[]>([]);
/** Each officer's year so far, from the daily summaries. */
export const year = signal<Report["staffYear"] | null>(null);
/** The counters' "since" clocks count seconds. */
export const now = signal(serverNow());
export const alerts = computed(() => (snapshot.value ? alertsOf(snapshot.value, lang.value) : []));
/** The server's service day: a new one brings a new year-so-far. */
export const day = computed(() => snapshot.value?.day ?? null);

let supervisor: Link<"supervisor"> | null = null;

async function sync(): Promise<void> {
  const c = supervisor;
  if (!c) return;
  const r = await c.resync("dashboard:sync", {}, (d) => {
    if (c === supervisor) snapshot.value = d;
  });
  if (c === supervisor && !r.ok && r.code === "UNAUTHENTICATED") expire();
}

/** The year so far, read when the dashboard opens, each new day and after a configuration change (the yardstick may have changed). */
async function loadYear(to: string): Promise<void> {
  const c = supervisor;
  const r = await api("report", { body: { from: `${to.slice(0, 4)}-01-01`, to } });
  if (r.ok && c === supervisor) year.value = r.data.staffYear;
}

const patch = (fn: (d: DashboardSnapshot) => DashboardSnapshot) => {
  const d = snapshot.peek();
  if (d) snapshot.value = fn(d);
};

/**
 * Opens the supervisor link for a session, from a clean slate; returns how to close it. With
 * `center`, a province administrator looks at that unit's dashboard, read-only: the link reads
 * and listens, and nothing asks the REST routes only the unit's own leaders may call (the year
 * so far), nor rings the unit's alerts.
 */
export function start(session: Session, { center }: { center?: string } = {}): () => void {
  const viewing = center !== undefined;
  batch(() => {
    link.value = "connecting";
    snapshot.value = null;
    issued.value = [];
    year.value = null;
    now.value = serverNow();
  });
  const c = new Link("supervisor", { token: session.token, ...(viewing ? { center } : {}) });
  supervisor = c;
  follow(c, link, () => void sync());
  c.on("stats:updated", ({ stats }) => patch((x) => ({ ...x, stats })));
  c.on("services:updated", ({ services }) => patch((x) => ({ ...x, services })));
  c.on("counter:updated", ({ counter }) => patch((x) => ({ ...x, counters: x.counters.map((k) => (k.counterId === counter.counterId ? counter : k)) })));
  c.on("ticket:issued", ({ ticket }) => (issued.value = [ticket.number, ...issued.peek()].slice(0, 6)));
  c.on("printer:reported", ({ stationId, kioskIds, ok, status }) =>
    patch((x) => ({ ...x, printers: [...x.printers.filter((p) => p.stationId !== stationId), { stationId, kioskIds, ok, status }] })),
  );
  c.on("day:started", () => void sync());
  c.on("config:changed", () => {
    const d = day.peek();
    if (d && !viewing) void loadYear(d);
    void sync();
  });

  const stopYear = effect(() => {
    const d = day.value;
    if (d && !viewing) untracked(() => void loadYear(d));
  });
  // A new alert rings once; one that stays does not ring again. A mild one never rings, and
  // does not keep the trouble it turns into (paper low → paper out) from ringing. The province,
  // looking on from afar, is not the one to send someone: its screen stays quiet.
  let heard = new Set<string>();
  const stopChime = effect(() => {
    if (viewing) return;
    const loud = alerts.value.filter((a) => !a.mild);
    const fresh = loud.filter((a) => !heard.has(a.key));
    heard = new Set(loud.map((a) => a.key));
    if (fresh.length) chime();
  });
  const tick = setInterval(() => (now.value = serverNow()), 1000);
  return () => {
    clearInterval(tick);
    stopYear();
    stopChime();
    supervisor = null;
    c.close();
  };
}
