import type { Report, ReportFigures, ReportRow } from "@motcua/protocol";
import { useLang, useT } from "./i18n.ts";
import { MIN_PACE_DAYS, MIN_PACE_DOSSIERS, paceOf } from "./pace.ts";
import * as reports from "./store/reports.ts";

/** Reports for any span: the figures the plan evaluates units and staff by, and files to send on. */
export function Reports() {
  const t = useT();
  const lang = useLang();
  const from = reports.from.value;
  const to = reports.to.value;
  const report = reports.report.value;
  const busy = reports.busy.value;
  const error = reports.error.value;

  const fmt = (k: keyof ReportFigures, f: ReportFigures) => {
    const v = f[k];
    if (v === null) return "—";
    if (k === "within15Share" || k === "satisfactionRate") return t.percent(v);
    return typeof v === "number" ? v.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB") : String(v);
  };
  const cols: [keyof ReportFigures, string][] = [
    ["issued", t.issued],
    ["served", t.served],
    ["noShows", t.noShows],
    ["transfers", t.transfers],
    ["waitMean", t.waitMean],
    ["waitMedian", t.waitMedian],
    ["waitP90", t.waitP90],
    ["within15Share", t.within15],
    ["serviceMean", t.avgService],
    ["ratings", t.ratings],
    ["satisfactionRate", t.satisfaction],
  ];
  const table = (title: string, key: string, rows: ReportRow[]) => (
    <div class="report-table">
      <h2>{title}</h2>
      <table data-report={key}>
        <thead>
          <tr>
            <th />
            {cols.map(([, h]) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              {cols.map(([k]) => (
                <td key={k} class="num">
                  {fmt(k, r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <section class="reports">
      <form
        class="range"
        onSubmit={(e) => {
          e.preventDefault();
          void reports.load();
        }}
      >
        <label>
          {t.from}
          <input type="date" name="from" value={from} max={to} onInput={(e) => (reports.from.value = e.currentTarget.value)} />
        </label>
        <label>
          {t.to}
          <input type="date" name="to" value={to} min={from} onInput={(e) => (reports.to.value = e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t.loading : t.showReport}
        </button>
        <button type="button" data-export="csv" onClick={() => void reports.download("csv")}>
          {t.exportCsv}
        </button>
        <button type="button" data-export="xlsx" onClick={() => void reports.download("xlsx")}>
          {t.exportXlsx}
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <div class="kpis">
            {(["issued", "served", "waitMean", "waitP90", "within15Share", "satisfactionRate"] as const).map((k) => (
              <div class="kpi" key={k} data-kpi={k}>
                <span class="label">{cols.find(([c]) => c === k)?.[1]}</span>
                <span class="value">{fmt(k, report.overall)}</span>
              </div>
            ))}
            <div class="kpi">
              <span class="label">{t.daysWithData}</span>
              <span class="value">{report.days}</span>
            </div>
          </div>
          {table(t.fields, "byField", report.byField)}
          {table(t.counters, "byCounter", report.byCounter)}
          {table(t.byStaff, "byStaff", report.byStaff)}
          {table(t.byHour, "byHour", report.byHour)}
          <StaffYear year={report.staffYear} />
        </>
      )}
    </section>
  );
}

/** Each officer's year so far against the plan's yardstick (1,600 dossiers a year, or the center's own). */
export function StaffYear({ year }: { year: Report["staffYear"] }) {
  const t = useT();
  return (
    <div class="report-table">
      <h2>{t.productivity(year.year, year.yardstick)}</h2>
      <table data-report="staffYear">
        <thead>
          <tr>
            <th>{t.staff}</th>
            <th>{t.servedThisYear}</th>
            <th>{t.projectedYear}</th>
            <th>{t.ofYardstick}</th>
          </tr>
        </thead>
        <tbody>
          {year.rows.map((r) => {
            // Too small a sample projects noise (six dossiers on 1 January read 137 %): say so instead.
            const share = paceOf(year, r);
            return (
              <tr key={r.staffId} class={share !== null && share < 1 ? "below" : ""} data-pace={share === null ? "early" : "known"}>
                <td>{r.name}</td>
                <td class="num">{r.served.toLocaleString("vi-VN")}</td>
                <td class="num">{share === null ? "—" : r.projectedYear.toLocaleString("vi-VN")}</td>
                <td class="num">
                  {share === null ? (
                    <span class="pace-early" title={t.paceNeeds(MIN_PACE_DAYS, MIN_PACE_DOSSIERS)}>
                      {t.paceTooEarly}
                    </span>
                  ) : (
                    <>
                      <span class="pace" style={{ width: `${Math.min(100, Math.round(share * 100))}%` }} /> {Math.round(share * 100)} %
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {year.rows.some((r) => paceOf(year, r) === null) && (
        <p class="hint" data-pace-note>
          {t.paceNeeds(MIN_PACE_DAYS, MIN_PACE_DOSSIERS)}
        </p>
      )}
    </div>
  );
}
