import type { Lang, ProvinceReport, UnitGroupRow, UnitLevel, AreaClass } from "@motcua/protocol";
import { useLang } from "./i18n.ts";
import { useProvinceT } from "./province-i18n.ts";
import { changeKind, dmy, periodName, spanOf, yearsUpTo, type Period, type PeriodKind } from "./province-period.ts";
import { belowYardstick, emptyReport, officersShown, OFFICERS_SHOWN, paceShareText, paceText, reportMisses, satisfactionVerdict } from "./province-report-figures.ts";
import { useProvinceReportsT } from "./province-reports-i18n.ts";
import * as reports from "./store/province-reports.ts";
import { count, minutesText, percentText, PLAN } from "./unit-figures.ts";
import "./province-reports.css";

const KINDS: PeriodKind[] = ["month", "quarter", "year"];
const cell = (miss: boolean) => (miss ? "num miss" : "num");

/**
 * The province's report for a month, a quarter or a year so far: the province in one line, the
 * units ranked against the plan, units by level and by area class, the officers ranked against
 * their yardstick, and the same as an Excel or CSV file.
 */
export function ProvinceReports() {
  const t = useProvinceReportsT();
  const report = reports.report.value;
  const busy = reports.busy.value;
  const error = reports.error.value;
  const span = reports.span.value;
  return (
    <section class="province-reports" aria-busy={busy}>
      <Picker />
      {error && (
        <p class="error banner" role="alert">
          {error}{" "}
          <button type="button" onClick={() => void reports.load()}>
            {t.retry}
          </button>
        </p>
      )}
      {span === null ? (
        <p class="state" data-state="not-begun">
          {t.notBegun}
        </p>
      ) : busy ? (
        <p class="state loading" data-state="loading">
          {t.loading}
        </p>
      ) : report && emptyReport(report) ? (
        <div class="state" data-state="empty">
          <p>
            <b>{t.empty}</b>
          </p>
          <p class="hint">{t.emptyHint}</p>
        </div>
      ) : report ? (
        <Report report={report} />
      ) : null}
    </section>
  );
}

/** The period: its kind, its year, and its month or quarter; the report follows each choice. */
function Picker() {
  const t = useProvinceReportsT();
  const lang = useLang();
  const p = reports.period.value;
  const today = reports.today.value;
  const span = reports.span.value;
  const downloading = reports.downloading.value;
  const years = yearsUpTo(today);
  if (!years.includes(p.year)) years.push(p.year);
  const parts = p.kind === "month" ? 12 : p.kind === "quarter" ? 4 : 0;
  const notBegun = (part: number) => spanOf({ ...p, part }, today) === null;
  const pick = (next: Period) => reports.choose(next);
  return (
    <form class="period" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t.kind}
        <select name="kind" value={p.kind} onChange={(e) => pick(changeKind(p, e.currentTarget.value as PeriodKind))}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t.kinds[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.year}
        <select name="year" value={p.year} onChange={(e) => pick({ ...p, year: Number(e.currentTarget.value) })}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      {parts > 0 && (
        <label>
          {p.kind === "month" ? t.month : t.quarter}
          <select name="part" value={p.part} onChange={(e) => pick({ ...p, part: Number(e.currentTarget.value) })}>
            {Array.from({ length: parts }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n} disabled={notBegun(n)}>
                {p.kind === "month" ? t.monthName(n) : t.quarterName(n)}
              </option>
            ))}
          </select>
        </label>
      )}
      <p class="span" data-span={span ? `${span.from}/${span.to}` : ""}>
        {span && (
          <>
            <b>{t.span(periodName(p, lang), dmy(span.from), dmy(span.to))}</b>
            {span.to === today && <span class="hint"> ({t.soFar})</span>}
          </>
        )}
      </p>
      <span class="spacer" />
      <button type="button" data-export="xlsx" disabled={!span || downloading !== null} onClick={() => void reports.download("xlsx")}>
        {downloading === "xlsx" ? t.downloading : t.downloadXlsx}
      </button>
      <button type="button" data-export="csv" disabled={!span || downloading !== null} onClick={() => void reports.download("csv")}>
        {downloading === "csv" ? t.downloading : t.downloadCsv}
      </button>
    </form>
  );
}

function Report({ report }: { report: ProvinceReport }) {
  const t = useProvinceReportsT();
  return (
    <>
      <Totals report={report} />
      <div class="preport-card">
        <h2>{t.unitsTitle}</h2>
        <p class="hint">{t.unitsHint}</p>
        <Units report={report} />
      </div>
      <div class="preport-groups">
        <Groups title={t.byLevel} kind="level" rows={report.byLevel} />
        <Groups title={t.byArea} kind="area" rows={report.byArea} />
      </div>
      <Officers report={report} />
      <p class="hint">{t.note}</p>
    </>
  );
}

/** The province over the period in one line, the plan's misses in red. */
function Totals({ report }: { report: ProvinceReport }) {
  const t = useProvinceReportsT();
  const lang = useLang();
  const o = report.overall;
  const miss = reportMisses(o);
  const item = (key: string, value: string, label: string, missed = false) => (
    <p class={missed ? "miss" : undefined} data-sum={key}>
      <b>{value}</b> {label}
    </p>
  );
  return (
    <div class="preport-sum">
      {item("units", count(report.units.length, lang), t.sumUnits)}
      {item("issued", count(o.issued, lang), t.sumIssued)}
      {item("served", count(o.served, lang), t.sumServed)}
      {item("mean", minutesText(o.waitMean, lang), t.sumMean, miss.mean)}
      {item("within15", percentText(o.within15Share, PLAN.within15Share, lang), t.sumWithin15, miss.within15)}
      {item("satisfaction", percentText(o.satisfactionRate, PLAN.satisfaction, lang), `${t.sumSatisfaction} (${t.sumRatings(count(o.ratings, lang))})`, miss.satisfaction)}
      {item("noShows", count(o.noShows, lang), t.sumNoShows)}
      {item("days", count(report.days, lang), t.sumDays)}
    </div>
  );
}

function Verdict({ rate }: { rate: number | null }) {
  const t = useProvinceReportsT();
  const v = satisfactionVerdict(rate);
  if (!v) return null;
  return (
    <span class={`verdict ${v}`} data-verdict={v}>
      {v === "met" ? t.met : t.missed}
    </span>
  );
}

function Units({ report }: { report: ProvinceReport }) {
  const t = useProvinceReportsT();
  const p = useProvinceT();
  const lang = useLang();
  return (
    <div class="scroll">
      <table class="preport-table" data-report="units">
        <thead>
          <tr>
            <th class="num">{t.rank}</th>
            <th>{t.unit}</th>
            <th>{t.level}</th>
            <th>{t.area}</th>
            <th class="num">{t.issued}</th>
            <th class="num">{t.served}</th>
            <th class="num">{t.meanWait}</th>
            <th class="num">{t.p90}</th>
            <th class="num">{t.within15}</th>
            <th class="num">{t.satisfaction}</th>
            <th class="num">{t.noShows}</th>
            <th class="num">{t.officers}</th>
            <th class="num" colSpan={2}>
              {t.pace}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.units.map((u) => {
            const miss = reportMisses(u);
            const below = belowYardstick(u.yardstickShare);
            return (
              <tr key={u.id} data-unit={u.id} data-rank={u.rank}>
                <td class="num rank">{u.rank}</td>
                <td class="name" title={u.name}>
                  {u.name}
                </td>
                <td>{p.levels[u.level]}</td>
                <td>{p.areas[u.area]}</td>
                <td class="num">{count(u.issued, lang)}</td>
                <td class="num">{count(u.served, lang)}</td>
                <td class={cell(miss.mean)} data-fig="mean">
                  {minutesText(u.waitMean, lang)}
                </td>
                <td class="num" data-fig="p90">
                  {minutesText(u.waitP90, lang)}
                </td>
                <td class={cell(miss.within15)} data-fig="within15">
                  {percentText(u.within15Share, PLAN.within15Share, lang)}
                </td>
                <td class={cell(miss.satisfaction)} data-fig="satisfaction">
                  {percentText(u.satisfactionRate, PLAN.satisfaction, lang)} <Verdict rate={u.satisfactionRate} />
                </td>
                <td class="num" data-fig="noShows">
                  {count(u.noShows, lang)}
                </td>
                <td class="num">{count(u.officers, lang)}</td>
                <td class={below ? "num below" : "num"} data-fig="pace">
                  {paceText(u.receivedPerOfficerYear, u.yardstick, lang)}
                </td>
                <td class={below ? "num below" : "num"} data-fig="paceShare">
                  {paceShareText(u.yardstickShare, lang)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const groupName = (kind: "level" | "area", g: UnitGroupRow, p: ReturnType<typeof useProvinceT>) =>
  (kind === "level" ? p.levels[g.id as UnitLevel] : p.areas[g.id as AreaClass]) ?? g.name;

/** Units together, by level or by area class. */
function Groups({ title, kind, rows }: { title: string; kind: "level" | "area"; rows: UnitGroupRow[] }) {
  const t = useProvinceReportsT();
  const p = useProvinceT();
  const lang = useLang();
  return (
    <div class="preport-card">
      <h2>{title}</h2>
      <div class="scroll">
        <table class="preport-table" data-report={kind === "level" ? "byLevel" : "byArea"}>
          <thead>
            <tr>
              <th>{kind === "level" ? t.level : t.area}</th>
              <th class="num">{t.units}</th>
              <th class="num">{t.served}</th>
              <th class="num">{t.meanWait}</th>
              <th class="num">{t.p90}</th>
              <th class="num">{t.within15}</th>
              <th class="num">{t.satisfactionShort}</th>
              <th class="num">{t.noShows}</th>
              <th class="num">{t.perOfficerYear}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => {
              const miss = reportMisses(g);
              return (
                <tr key={g.id} data-group={g.id}>
                  <td class="name">{groupName(kind, g, p)}</td>
                  <td class="num">{count(g.units, lang)}</td>
                  <td class="num">{count(g.served, lang)}</td>
                  <td class={cell(miss.mean)}>{minutesText(g.waitMean, lang)}</td>
                  <td class="num">{minutesText(g.waitP90, lang)}</td>
                  <td class={cell(miss.within15)}>{percentText(g.within15Share, PLAN.within15Share, lang)}</td>
                  <td class={cell(miss.satisfaction)}>
                    {percentText(g.satisfactionRate, PLAN.satisfaction, lang)} <Verdict rate={g.satisfactionRate} />
                  </td>
                  <td class="num">{count(g.noShows, lang)}</td>
                  <td class="num">{g.receivedPerOfficerYear === null ? "—" : count(g.receivedPerOfficerYear, lang)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The officers ranked by their share of the yardstick: the first twenty, or all. */
function Officers({ report }: { report: ProvinceReport }) {
  const t = useProvinceReportsT();
  const lang: Lang = useLang();
  const all = reports.allOfficers.value;
  const shown = officersShown(report.officers, all);
  return (
    <div class="preport-card">
      <h2>{t.officersTitle}</h2>
      <p class="hint">{t.officersHint}</p>
      {report.officers.length === 0 ? (
        <p>{t.noOfficers}</p>
      ) : (
        <div class="scroll">
          <table class="preport-table" data-report="officers">
            <thead>
              <tr>
                <th class="num">{t.rank}</th>
                <th>{t.officer}</th>
                <th>{t.unit}</th>
                <th class="num">{t.served}</th>
                <th class="num">{t.perYear}</th>
                <th class="num">{t.yardstick}</th>
                <th class="num">{t.ofYardstick}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((o) => {
                const below = belowYardstick(o.yardstickShare);
                return (
                  <tr key={`${o.unitId}/${o.staffId}`} data-officer={o.staffId} data-unit={o.unitId}>
                    <td class="num rank">{o.rank}</td>
                    <td class="name">{o.name}</td>
                    <td class="name" title={o.unitName}>
                      {o.unitName}
                    </td>
                    <td class="num">{count(o.served, lang)}</td>
                    <td class="num">{count(o.receivedPerYear, lang)}</td>
                    <td class="num">{count(o.yardstick, lang)}</td>
                    <td class={below ? "num below" : "num"}>
                      <span class="pace" style={{ width: `${Math.min(100, Math.round(o.yardstickShare * 100))}%` }} /> {paceShareText(o.yardstickShare, lang)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {report.officers.length > OFFICERS_SHOWN && (
        <button type="button" class="more" data-action="all-officers" aria-expanded={all} onClick={() => (reports.allOfficers.value = !all)}>
          {all ? t.showTop(OFFICERS_SHOWN) : t.showAll(count(report.officers.length, lang))}
        </button>
      )}
    </div>
  );
}
