import { Report, supervisorCommands, type DashboardSnapshot } from "@motcua/protocol";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Chart } from "./chart.tsx";
import { useLang, useT, type Dict } from "./i18n.ts";
import { channel, watchSession } from "./net.ts";
import { StaffYear } from "./reports.tsx";
import { StaffingPanel } from "./staffing.tsx";
import type { Session } from "./session.ts";

export interface Alert {
  key: string;
  fieldId: string;
  text: string;
  suggestion: string;
  /** A warning before trouble (a printer's paper running low): shown in amber, no chime. */
  mild?: boolean;
}

/**
 * What needs a leader's attention now: a field where someone has waited past the limit, or
 * where too many wait; with the counters that could help (closed ones configured for the field,
 * ones on a break, and open ones standing idle).
 */
export function alertsOf(d: DashboardSnapshot, t: Dict, name: (x: { name: string; nameEn: string }) => string): Alert[] {
  const out: Alert[] = [];
  for (const row of d.stats.perField) {
    const field = d.fields.find((f) => f.id === row.id);
    if (!field) continue;
    const late = row.longestCurrentWaitMinutes !== null && row.longestCurrentWaitMinutes > d.alerts.waitMinutes;
    const crowded = row.waiting >= d.alerts.waitingPerField;
    if (!late && !crowded) continue;
    const services = new Set(d.services.filter((s) => s.fieldId === row.id).map((s) => s.id));
    const able = d.counterServices.filter((c) => c.serviceIds.some((s) => services.has(s))).map((c) => c.counterId);
    const state = (id: string) => d.counters.find((c) => c.counterId === id);
    const numbers = (ids: string[]) => ids.map((id) => state(id)?.number ?? 0);
    const closed = able.filter((id) => state(id)?.status === "closed");
    const paused = able.filter((id) => state(id)?.status === "paused");
    const idle = d.counters.filter((c) => c.status === "open" && c.currentTicketId === null && !able.includes(c.counterId)).map((c) => c.counterId);
    const parts = [closed.length ? t.openMore(numbers(closed)) : "", paused.length ? t.resumePaused(numbers(paused)) : "", idle.length ? t.idleCounters(numbers(idle)) : ""].filter(Boolean);
    const suggestion = parts.length ? parts.join("; ") : t.noSuggestion;
    if (late) out.push({ key: `wait:${row.id}`, fieldId: row.id, text: t.alertWait(name(field), row.longestCurrentWaitMinutes!), suggestion });
    if (crowded) out.push({ key: `queue:${row.id}`, fieldId: row.id, text: t.alertQueue(name(field), row.waiting), suggestion });
  }
  // A kiosk's printer in trouble: citizens still get their number on screen, but someone must go.
  for (const p of d.printers) {
    const s = p.status;
    // Still printing, but the roll is nearly used up: a milder word, so the paper is fetched in time.
    if (p.ok && s?.paperNearEnd) out.push({ key: `printer:${p.stationId}`, fieldId: "", text: t.alertPrinter(p.stationId, p.kioskIds, t.printerPaperNearEnd), suggestion: t.bringPaper, mild: true });
    if (p.ok) continue;
    const what = !s ? t.printerFailed : s.paperOut ? t.printerPaperOut : s.coverOpen ? t.printerCoverOpen : !s.online ? t.printerOffline : t.printerFailed;
    out.push({ key: `printer:${p.stationId}`, fieldId: "", text: t.alertPrinter(p.stationId, p.kioskIds, what), suggestion: t.sendSomeone });
  }
  return out;
}

/**
 * One sound context for the page. Browsers start it muted until someone touches the page, so
 * the first click or key after a reload turns it on (the alert shows either way).
 */
let audio: AudioContext | null = null;
const sound = (): AudioContext | null => {
  try {
    audio ??= new AudioContext();
    if (audio.state === "suspended") void audio.resume();
    return audio;
  } catch {
    return null;
  }
};
if (typeof window !== "undefined") {
  for (const ev of ["pointerdown", "keydown"]) window.addEventListener(ev, () => void sound(), { once: true, capture: true });
}

/** A short two-tone chime, made here: the dashboard needs no sound file to warn. */
function chime(): void {
  try {
    const ctx = sound();
    if (!ctx) return;
    [880, 660].forEach((f, i) => {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.2, ctx.currentTime + i * 0.25);
      g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.25 + 0.22);
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + i * 0.25);
      o.stop(ctx.currentTime + i * 0.25 + 0.25);
    });
  } catch {
    // No sound device: the alert still shows.
  }
}

const percent = (x: number | null) => (x === null ? null : Math.round(x * 100));

const since = (iso: string | null, now: number) => {
  if (!iso) return "";
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/** The supervisor's live dashboard: pushed over Socket.IO, nothing polled. */
export function Dashboard({ session, onExpired }: { session: Session; onExpired: () => void }) {
  const t = useT();
  const lang = useLang();
  const name = (x: { name: string; nameEn: string }) => (lang === "en" ? x.nameEn : x.name);
  const [d, setD] = useState<DashboardSnapshot | null>(null);
  const [live, setLive] = useState(false);
  const [issued, setIssued] = useState<string[]>([]);
  const [now, setNow] = useState(Date.now());
  const heard = useRef(new Set<string>());
  const [year, setYear] = useState<Report["staffYear"] | null>(null);
  const [configs, setConfigs] = useState(0);

  // The year so far, from the daily summaries: read when the dashboard opens, each new day and
  // after a configuration change (the yardstick may have changed). The day is the server's.
  useEffect(() => {
    if (!d) return;
    const to = d.day;
    void fetch("/api/reports", {
      method: "POST",
      headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json" },
      body: JSON.stringify({ from: `${to.slice(0, 4)}-01-01`, to }),
    })
      .then((res) => (res.ok ? res.json() : null))
      .then((body) => {
        const r = Report.safeParse(body);
        if (r.success) setYear(r.data.staffYear);
      })
      .catch(() => undefined);
  }, [session.token, d?.day, configs]);

  useEffect(() => {
    const c = channel("/supervisor", session.token, supervisorCommands);
    const sync = async () => {
      const r = await c.call("dashboard:sync", {});
      if (r.ok) setD(r.data);
      else if (r.code === "UNAUTHENTICATED") onExpired();
    };
    watchSession(c, { onLive: setLive, onExpired, onConnect: () => void sync() });
    c.on("stats:updated", ({ stats }) => setD((x) => (x ? { ...x, stats } : x)));
    c.on("services:updated", ({ services }) => setD((x) => (x ? { ...x, services } : x)));
    c.on("counter:updated", ({ counter }) => setD((x) => (x ? { ...x, counters: x.counters.map((k) => (k.counterId === counter.counterId ? counter : k)) } : x)));
    c.on("ticket:issued", ({ ticket }) => setIssued((xs) => [ticket.number, ...xs].slice(0, 6)));
    c.on("printer:reported", ({ stationId, kioskIds, ok, status }) =>
      setD((x) => (x ? { ...x, printers: [...x.printers.filter((p) => p.stationId !== stationId), { stationId, kioskIds, ok, status }] } : x)),
    );
    c.on("day:started", () => void sync());
    c.on("config:changed", () => {
      setConfigs((n) => n + 1);
      void sync();
    });
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearInterval(tick);
      c.close();
    };
  }, [session.token]);

  const alerts = useMemo(() => (d ? alertsOf(d, t, name) : []), [d, lang]);
  // A new alert rings once; one that stays does not ring again. A mild one never rings, and
  // does not keep the trouble it turns into (paper low → paper out) from ringing.
  useEffect(() => {
    const loud = alerts.filter((a) => !a.mild);
    const fresh = loud.filter((a) => !heard.current.has(a.key));
    heard.current = new Set(loud.map((a) => a.key));
    if (fresh.length) chime();
  }, [alerts]);

  if (!d) return <section class="loading">{live ? "…" : t.offline}</section>;
  const s = d.stats;
  const fieldName = (id: string) => name(d.fields.find((f) => f.id === id) ?? { name: id, nameEn: id });
  const counterRow = (id: string) => s.perCounter.find((r) => r.id === id);
  const kpis: [string, string, string][] = [
    ["issued", t.issued, String(s.issued)],
    ["waiting", t.waiting, String(s.waiting)],
    ["avgWait", t.avgWait, t.minutes(s.averageWaitMinutes)],
    ["within15", t.within15, t.percent(s.calledWithin15Share)],
    ["satisfaction", t.satisfaction, t.percent(s.satisfactionRate)],
    ["longest", t.longest, t.minutes(s.longestCurrentWaitMinutes)],
  ];
  const hours = s.perHour;
  const short = (id: string) => fieldName(id).split(" ").slice(0, 2).join(" ");
  return (
    <section class="dashboard">
      {!live && <p class="error banner">{t.offline}</p>}
      <div class="kpis">
        {kpis.map(([k, label, value]) => (
          <div class={`kpi ${k}`} key={k} data-kpi={k}>
            <span class="label">{label}</span>
            <span class="value">{value}</span>
          </div>
        ))}
        <div class="kpi issued-now">
          <span class="label">{t.justIssued}</span>
          <span class="value small" data-kpi="justIssued">{issued.join(" · ") || "—"}</span>
        </div>
      </div>
      <div class={`alerts${alerts.some((a) => !a.mild) ? " on" : alerts.length ? " warn" : ""}`} role="alert">
        <h2>{t.alerts}</h2>
        {alerts.length === 0 ? (
          <p class="hint">{t.noAlerts}</p>
        ) : (
          <ul>
            {alerts.map((a) => (
              <li key={a.key} data-alert={a.key} data-level={a.mild ? "warning" : "alarm"}>
                <b>{a.text}</b> — {t.suggest}: {a.suggestion}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="tables">
        <div>
          <h2>{t.fields}</h2>
          <table class="fields">
            <thead>
              <tr>
                <th>{t.field}</th>
                <th>{t.waiting}</th>
                <th>{t.longest}</th>
                <th>{t.avgWait}</th>
                <th>{t.within15}</th>
                <th>{t.satisfaction}</th>
              </tr>
            </thead>
            <tbody>
              {s.perField.map((r) => (
                <tr key={r.id} data-field={r.id} class={alerts.some((a) => a.fieldId === r.id) ? "alarm" : ""}>
                  <td>{fieldName(r.id)}</td>
                  <td class="num">{r.waiting}</td>
                  <td class="num">{t.minutes(r.longestCurrentWaitMinutes)}</td>
                  <td class="num">{t.minutes(r.averageWaitMinutes)}</td>
                  <td class="num">{t.percent(r.calledWithin15Share)}</td>
                  <td class="num">{t.percent(r.satisfactionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>{t.counters}</h2>
          <table class="counters">
            <thead>
              <tr>
                <th>{t.counter}</th>
                <th>{t.staff}</th>
                <th>{t.serving}</th>
                <th>{t.since}</th>
                <th>{t.servedToday}</th>
              </tr>
            </thead>
            <tbody>
              {d.counters.map((c) => (
                <tr key={c.counterId} data-counter={c.counterId} class={c.status}>
                  <td>{c.number}</td>
                  <td>{c.status === "closed" ? <i>{t.closed}</i> : c.staffName}</td>
                  <td>{c.status === "paused" ? <i>{t.paused}{c.pauseReason ? ` – ${c.pauseReason}` : ""}</i> : (c.currentNumber ?? "")}</td>
                  <td class="num">{since(c.currentSince, now)}</td>
                  <td class="num">{counterRow(c.counterId)?.served ?? c.servedToday}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <StaffingPanel session={session} snapshot={d} onExpired={onExpired} />
      <div class="charts">
        <Chart
          title={t.chartWaits}
          categories={hours.map((h) => `${h.hour}h`)}
          series={[{ label: t.avgWait, values: hours.map((h) => h.averageWaitMinutes), color: "#0d5c91" }]}
          target={15}
          targetLabel={t.target}
        />
        <Chart title={t.chartArrivals} categories={hours.map((h) => `${h.hour}h`)} series={[{ label: t.issued, values: hours.map((h) => h.arrivals), color: "#146c2e", bars: true }]} />
        <Chart
          title={t.chartLevel}
          categories={s.perField.map((r) => short(r.id))}
          series={[{ label: t.within15, values: s.perField.map((r) => percent(r.calledWithin15Share)), color: "#0d5c91", bars: true }]}
          yMax={100}
          unit="%"
        />
        <Chart
          title={t.chartSatisfactionCounter}
          categories={d.counters.map((c) => String(c.number))}
          series={[{ label: t.satisfaction, values: d.counters.map((c) => percent(counterRow(c.counterId)?.satisfactionRate ?? null)), color: "#8a4b00", bars: true }]}
          yMax={100}
          unit="%"
          target={95}
          targetLabel={t.target}
        />
        <Chart
          title={t.chartSatisfactionField}
          categories={s.perField.map((r) => short(r.id))}
          series={[{ label: t.satisfaction, values: s.perField.map((r) => percent(r.satisfactionRate)), color: "#8a4b00", bars: true }]}
          yMax={100}
          unit="%"
          target={95}
          targetLabel={t.target}
        />
      </div>
      {year && <StaffYear year={year} />}
    </section>
  );
}
