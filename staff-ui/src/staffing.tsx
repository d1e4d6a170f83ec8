import { localParts } from "@motcua/engine";
import { nameIn, type DashboardSnapshot, type StaffingPlan } from "@motcua/protocol";
import { useLang } from "./i18n.ts";
import { snapshot } from "./store/dashboard.ts";
import { leader } from "./store/session.ts";
import * as staffing from "./store/staffing.ts";
import { useStaffingT } from "./staffing-i18n.ts";
import "./staffing.css";

/** What the planner holds every field and every half hour to, whatever the day's target. */
const STANDARD = staffing.DEFAULT_TARGET;

/**
 * Counters open right now per field. A counter takes its services in order of preference, and the
 * planner plans counters for a field the same way, so each counter counts once: for the field of
 * its first service.
 */
export function openNowByField(d: DashboardSnapshot): Map<string, number> {
  const fieldOf = new Map(d.services.map((s) => [s.id, s.fieldId] as const));
  const out = new Map<string, number>();
  for (const c of d.counters) {
    if (c.status !== "open") continue;
    const first = d.counterServices.find((x) => x.counterId === c.counterId)?.serviceIds[0];
    const field = first ? fieldOf.get(first) : undefined;
    if (field) out.set(field, (out.get(field) ?? 0) + 1);
  }
  return out;
}

/**
 * The staffing planner for the supervisor: counters per field per half hour from a recorded day,
 * checked on simulated days by the server (POST /api/staffing/plan, seconds of work), set against
 * the counters open now.
 */
export function StaffingPanel() {
  const t = useStaffingT();
  const lang = useLang();
  const d = snapshot.value;
  if (!d || !leader.value) return null;
  const open = staffing.expanded.value;
  const source = staffing.source.value;
  const state = staffing.state.value;

  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  const num = (x: number, digits = 1) => x.toLocaleString(locale, { maximumFractionDigits: digits });
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const name = (x: { name: string; nameEn: string }) => nameIn(lang, x);

  return (
    <div class="staffing" data-open={open ? "yes" : "no"}>
      <header>
        <div>
          <h2>{t.title}</h2>
          <p class="hint">{t.intro}</p>
        </div>
        <button type="button" class="toggle" aria-expanded={open} onClick={() => (staffing.expanded.value = !open)}>
          {open ? t.hide : t.show}
        </button>
      </header>
      {open && (
        <>
          <form
            class="ask"
            onSubmit={(e) => {
              e.preventDefault();
              void staffing.plan();
            }}
          >
            <fieldset>
              <legend>{t.source}</legend>
              {(["latest", "today", "day"] as const).map((s) => (
                <label key={s} class="choice">
                  <input type="radio" name="source" value={s} checked={source === s} onChange={() => (staffing.source.value = s)} />
                  {s === "latest" ? t.latest : s === "today" ? t.today : t.pastDay}
                </label>
              ))}
              <input
                type="date"
                name="day"
                class="day"
                value={staffing.chosenDay.value}
                max={staffing.lastDay.value}
                disabled={source !== "day"}
                onInput={(e) => (staffing.pastDay.value = e.currentTarget.value)}
              />
            </fieldset>
            <fieldset>
              <legend>{t.targets}</legend>
              <label>
                {t.meanWait}
                <input type="number" name="meanWait" min={1} max={60} step={0.5} value={staffing.meanWait.value} onInput={(e) => (staffing.meanWait.value = e.currentTarget.value)} />
              </label>
              <label>
                {t.within15}
                <input type="number" name="within15" min={50} max={99} step={1} value={staffing.within.value} onInput={(e) => (staffing.within.value = e.currentTarget.value)} />
              </label>
            </fieldset>
            <button type="submit" class="primary" disabled={state.kind === "loading"}>
              {state.kind === "loading" ? t.planning : t.plan}
            </button>
          </form>
          {state.kind === "loading" && (
            <p class="busy" role="status" data-state="loading">
              <span class="spinner" aria-hidden="true" />
              {t.planningLong(Math.floor((staffing.now.value - state.started) / 1000))}
            </p>
          )}
          {state.kind === "error" && (
            <div class="failed" role="alert" data-state="error">
              <p>{state.text}</p>
              <button type="button" onClick={() => void staffing.plan()}>
                {t.retry}
              </button>
            </div>
          )}
          {state.kind === "done" && <PlanView plan={state.plan} d={d} num={num} pct={pct} name={name} />}
        </>
      )}
    </div>
  );
}

function PlanView({
  plan: p,
  d,
  num,
  pct,
  name,
}: {
  plan: StaffingPlan;
  d: DashboardSnapshot;
  num: (x: number, digits?: number) => string;
  pct: (x: number) => string;
  name: (x: { name: string; nameEn: string }) => string;
}) {
  const t = useStaffingT();
  const now = openNowByField(d);
  const planned = new Set(p.slots.flatMap((s) => Object.keys(s.counters)));
  // The dashboard's order of fields; a field the configuration no longer names goes last, by id.
  const fieldIds = [...d.fields.map((f) => f.id).filter((id) => planned.has(id)), ...[...planned].filter((id) => !d.fields.some((f) => f.id === id))];
  const fieldName = (id: string) => {
    const f = d.fields.find((x) => x.id === id);
    return f ? name(f) : id;
  };
  const figures = new Map(p.check.fields.map((f) => [f.fieldId, f]));
  const short = (id: string) => {
    const f = figures.get(id);
    return !!f && f.visits > 0 && (f.meanWaitMinutes > STANDARD.meanWaitMinutes || f.within15Share < STANDARD.within15Share);
  };
  // The half hour going on now, by the center's clock whatever the PC's time zone.
  const clock = localParts(Date.now()).time;
  const current = p.slots.findIndex((s) => s.from <= clock && clock < s.to);
  const gapBefore = (j: number) => j > 0 && p.slots[j]!.from !== p.slots[j - 1]!.to;
  const slotClass = (j: number, extra = "") => [extra, j === current ? "now-slot" : "", gapBefore(j) ? "gap" : ""].filter(Boolean).join(" ");
  const label = (hhmm: string) => hhmm.replace(/^0/, "");
  const openAll = [...now.values()].reduce((a, b) => a + b, 0);
  const o = p.check.overall;
  const anyShort = fieldIds.some(short);

  return (
    <div class="plan" data-state="done" data-day={p.basedOn.day}>
      <div class="summary">
        <p data-summary="basis">{t.basedOn(p.basedOn.day, num(p.basedOn.tickets, 0))}</p>
        <p data-summary="check">{t.check(p.check.days, num(o.meanWaitMinutes), pct(o.within15Share), num(o.p90WaitMinutes, 0))}</p>
        <p data-summary="verdict" class={p.met ? "met" : "not-met"}>
          <b>{p.met ? t.metLead : t.notMetLead}</b>
          {(p.met ? t.met : t.notMet)(num(p.target.meanWaitMinutes), pct(p.target.within15Share))}
        </p>
        <p data-summary="hours">{t.hours(num(p.staffHours), num(p.configuredStaffHours), p.peakCounters, p.desks)}</p>
      </div>
      <div class="grid">
        <table>
          <thead>
            <tr>
              <th class="fname">{t.field}</th>
              <th class="open-now" title={t.openNowHint}>
                {t.openNow}
              </th>
              {p.slots.map((s, j) => (
                <th key={s.from} class={slotClass(j, "slot")} data-slot={s.from} title={`${s.from}–${s.to}`}>
                  {label(s.from)}
                </th>
              ))}
              <th class="sim" title={t.simHint}>
                {t.simMean}
              </th>
              <th class="sim" title={t.simHint}>
                {t.simWithin}
              </th>
            </tr>
          </thead>
          <tbody>
            {fieldIds.map((id) => {
              const open = now.get(id) ?? 0;
              const f = figures.get(id);
              return (
                <tr key={id} data-field={id} class={short(id) ? "short" : ""}>
                  <td class="fname">{fieldName(id)}</td>
                  <td class="open-now" data-now={open}>
                    {open}
                  </td>
                  {p.slots.map((s, j) => {
                    const n = s.counters[id] ?? 0;
                    const more = n > open;
                    return (
                      <td key={s.from} class={slotClass(j, `n${n === 0 ? " zero" : ""}${more ? " more" : ""}`)} data-slot={s.from} data-count={n} title={more ? t.cellMore(n, open) : undefined}>
                        {n}
                      </td>
                    );
                  })}
                  <td class="sim">{f && f.visits > 0 ? t.minutes(num(f.meanWaitMinutes)) : "—"}</td>
                  <td class="sim">{f && f.visits > 0 ? pct(f.within15Share) : "—"}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr data-field="total">
              <th class="fname">{t.total}</th>
              <td class="open-now" data-now={openAll}>
                {openAll}
              </td>
              {p.slots.map((s, j) => {
                const n = Object.values(s.counters).reduce((a, b) => a + b, 0);
                return (
                  <td key={s.from} class={slotClass(j, `n${n > openAll ? " more" : ""}`)} data-slot={s.from} data-count={n} title={n > openAll ? t.cellMore(n, openAll) : undefined}>
                    {n}
                  </td>
                );
              })}
              <td class="sim">{t.minutes(num(o.meanWaitMinutes))}</td>
              <td class="sim">{pct(o.within15Share)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="legend">
        <span class="key key-more" /> {t.legendMore}
        {current >= 0 && (
          <>
            <span class="key key-current" /> {t.legendNow}
          </>
        )}
        {anyShort && (
          <>
            <span class="key key-short" /> {t.legendShort}
          </>
        )}
      </p>
    </div>
  );
}
