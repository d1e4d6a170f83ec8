import { nameIn } from "@motcua/protocol";
import { useEffect, useRef } from "preact/hooks";
import { useLang, useT } from "./i18n.ts";
import { useProvinceT } from "./province-i18n.ts";
import { serverNow } from "./store/session.ts";
import * as units from "./store/units.ts";
import { clockText, count, minutesText, missesOf, percentText, PLAN } from "./unit-figures.ts";
import { useUnitViewT } from "./unit-view-i18n.ts";
import { UnitView } from "./unit-view.tsx";
import "./units.css";

/**
 * The province's page: every unit in one table, worst first, live. Read on a supervisor's wall
 * screen as well as at a desk: the table's columns are fixed, so a figure that changes redraws
 * its own row and moves nothing else. A unit's row opens its own dashboard, read-only.
 */
export function Units() {
  const viewing = units.viewing.value;
  return viewing ? <UnitView id={viewing} /> : <AllUnits />;
}

function AllUnits() {
  const t = useProvinceT();
  const v = useUnitViewT();
  const offline = useT().offline;
  const state = units.link.value;
  const order = units.order.value;
  const live = state === "live";
  return (
    <section class={`units${live ? "" : " offline"}`} data-link={state}>
      {!live && state !== "connecting" && (
        <p class="error banner" role="alert">
          {offline}
        </p>
      )}
      <Summary />
      {order === null ? (
        <p class="loading">{t.unitsLoading}</p>
      ) : order.length === 0 ? (
        <p>{t.noUnits}</p>
      ) : (
        <table class="unit-table">
          <colgroup>
            <col />
            <col class="w-waiting" />
            <col class="w-minutes" />
            <col class="w-minutes" />
            <col class="w-share" />
            <col class="w-satisfaction" />
            <col class="w-counters" />
            <col class="w-printers" />
          </colgroup>
          <thead>
            <tr>
              <th>{t.unit}</th>
              <th class="num">{t.waitingNow}</th>
              <th class="num">{t.longestNow}</th>
              <th class="num">{t.meanToday}</th>
              <th class="num">{t.within15}</th>
              <th class="num">{t.satisfaction}</th>
              <th class="num">{t.countersOpen}</th>
              <th>{t.printers}</th>
            </tr>
          </thead>
          <tbody>
            {order.map((id) => (
              <UnitRow key={id} id={id} />
            ))}
          </tbody>
        </table>
      )}
      {order && order.length > 0 && (
        <p class="hint">
          {t.planNote} {v.openHint}
        </p>
      )}
    </section>
  );
}

/** The province in a line: its units, who waits, where someone waits too long, how satisfied it is. */
function Summary() {
  const t = useProvinceT();
  const lang = useLang();
  const s = units.summary.value;
  if (!s) return null;
  const item = (key: string, value: string, label: string, miss = false) => (
    <p class={miss ? "miss" : undefined} data-sum={key}>
      <b>{value}</b> {label}
    </p>
  );
  return (
    <div class="summary">
      {item("units", count(s.units, lang), t.sumUnits)}
      {item("waiting", count(s.waiting, lang), t.sumWaiting)}
      {item("late", count(s.late, lang), t.sumLate, s.late > 0)}
      {item(
        "satisfaction",
        percentText(s.satisfaction, PLAN.satisfaction, lang),
        `${t.sumSatisfaction} (${t.sumRatings(count(s.ratings, lang))})`,
        s.satisfaction !== null && s.satisfaction < PLAN.satisfaction,
      )}
      {s.notReporting > 0 && item("notReporting", count(s.notReporting, lang), t.sumNotReporting, true)}
      {units.link.value === "live" && <span class="live">{t.live}</span>}
    </div>
  );
}

/** One unit's line; it reads its own unit's signal, so it alone redraws when that unit changes. */
function UnitRow({ id }: { id: string }) {
  const t = useProvinceT();
  const v = useUnitViewT();
  const lang = useLang();
  const u = units.unit(id)?.value;
  const button = useRef<HTMLButtonElement>(null);
  // Back from this unit's dashboard, the keyboard is where it was.
  useEffect(() => {
    if (units.lastViewed.peek() === id) button.current?.focus();
  }, [id]);
  if (!u) return null;
  const miss = missesOf(u);
  const cell = (missed: boolean) => (missed ? "num miss" : "num");
  const name = nameIn(lang, u);
  // A click anywhere on the row opens the unit; its name is the button the keyboard reaches.
  return (
    <tr data-unit={u.id} data-waiting={u.waiting} data-issued={u.issued} class={u.notReportingSince ? "silent" : undefined} onClick={() => units.look(u.id)}>
      <td class="unit">
        <div>
          <button type="button" ref={button} class="name" title={v.open(name)} data-action="open-unit">
            {name}
          </button>
          <span class="place">
            {t.levels[u.level]} · {t.areas[u.area]}
          </span>
          {u.notReportingSince && <span class="since">{t.notReporting(clockText(u.notReportingSince, serverNow()))}</span>}
        </div>
      </td>
      <td class="num big" data-fig="waiting">
        {count(u.waiting, lang)}
      </td>
      <td class={cell(miss.longest)} data-fig="longest">
        {minutesText(u.longestWaitMinutes, lang)}
      </td>
      <td class={cell(miss.mean)} data-fig="mean">
        {minutesText(u.meanWaitMinutes, lang)}
      </td>
      <td class={cell(miss.within15)} data-fig="within15">
        {percentText(u.within15Share, PLAN.within15Share, lang)}
      </td>
      <td class={cell(miss.satisfaction)} data-fig="satisfaction">
        {percentText(u.satisfaction, PLAN.satisfaction, lang)}
        {u.ratings > 0 && <small> ({count(u.ratings, lang)})</small>}
      </td>
      <td class="num" data-fig="counters">
        {u.countersOpen}/{u.countersTotal}
      </td>
      <td data-fig="printers">
        {u.printerTrouble > 0 && (
          <span class="trouble" title={t.printerTroubleTitle(u.printerTrouble)}>
            {t.printerTrouble(u.printerTrouble)}
          </span>
        )}
      </td>
    </tr>
  );
}
