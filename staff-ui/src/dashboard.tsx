import { nameIn, TARGET_WAIT_MINUTES } from "@motcua/protocol";
import { Chart } from "./chart.tsx";
import { useLang, useT } from "./i18n.ts";
import { StaffYear } from "./reports.tsx";
import * as dashboard from "./store/dashboard.ts";
import { StaffingPanel } from "./staffing.tsx";
import "./dashboard.css";

const percent = (x: number | null) => (x === null ? null : Math.round(x * 100));

/** Seconds since a moment, or null without one: a length of time, which the screen writes with its units. */
export const secondsSince = (iso: string | null, now: number): number | null => (iso ? Math.max(0, Math.floor((now - Date.parse(iso)) / 1000)) : null);

/**
 * The supervisor's live dashboard: pushed over Socket.IO, nothing polled. `readOnly` is the
 * province looking at a unit's: its figures only, without the staffing planner or the year so
 * far, which are the unit's leaders' to ask for.
 */
export function Dashboard({ readOnly = false }: { readOnly?: boolean }) {
  const t = useT();
  const lang = useLang();
  const d = dashboard.snapshot.value;
  const live = dashboard.link.value === "live";
  const alerts = dashboard.alerts.value;
  const issued = dashboard.issued.value;
  const year = dashboard.year.value;
  const now = dashboard.now.value;

  if (!d) return <section class="loading">{live ? "…" : t.offline}</section>;
  const s = d.stats;
  const fieldName = (id: string) => nameIn(lang, d.fields.find((f) => f.id === id) ?? { name: id, nameEn: id });
  const counterRow = (id: string) => s.perCounter.find((r) => r.id === id);
  // The two waits count different citizens: the average those already called, the longest those still waiting.
  const kpis: [string, string, string, string?][] = [
    ["issued", t.issued, String(s.issued)],
    ["waiting", t.waiting, String(s.waiting)],
    ["avgWait", t.avgWait, t.minutes(s.averageWaitMinutes), t.avgWaitWho],
    ["within15", t.within15, t.percent(s.calledWithin15Share)],
    ["satisfaction", t.satisfaction, t.percent(s.satisfactionRate)],
    ["longest", t.longest, t.minutes(s.longestCurrentWaitMinutes), t.longestWho],
  ];
  const hours = s.perHour;
  const short = (id: string) => fieldName(id).split(" ").slice(0, 2).join(" ");
  return (
    <section class={readOnly ? "dashboard read-only" : "dashboard"}>
      {!live && <p class="error banner">{t.offline}</p>}
      {!readOnly && d.followLinks && !d.followLinks.reachable && (
        <p class="warn banner" data-warning="private-links">
          {t.privateLinks(d.followLinks.url)}
        </p>
      )}
      <div class="kpis">
        {kpis.map(([k, label, value, who]) => (
          <div class={`kpi ${k}`} key={k} data-kpi={k}>
            <span class="label">
              {label}
              {who && <small class="who">{who}</small>}
            </span>
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
                <th data-col="longest">
                  {t.longest}
                  <small class="who">{t.longestWho}</small>
                </th>
                <th data-col="avgWait">
                  {t.avgWait}
                  <small class="who">{t.avgWaitWho}</small>
                </th>
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
                  <td class="num" data-since={c.currentSince ?? ""}>
                    {(() => {
                      const sec = secondsSince(c.currentSince, now);
                      return sec === null ? "" : t.duration(sec);
                    })()}
                  </td>
                  <td class="num">{counterRow(c.counterId)?.served ?? c.servedToday}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {!readOnly && <StaffingPanel />}
      <div class="charts">
        <Chart
          title={t.chartWaits}
          categories={hours.map((h) => `${h.hour}h`)}
          series={[{ label: t.avgWait, values: hours.map((h) => h.averageWaitMinutes), color: "#0d5c91" }]}
          target={TARGET_WAIT_MINUTES}
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
      {year && !readOnly && <StaffYear year={year} />}
    </section>
  );
}
