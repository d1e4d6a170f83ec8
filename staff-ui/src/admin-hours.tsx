import { localParts } from "@motcua/engine";
import { blankSeason, blankWeekday, isoDate, type DPlan, type DSeason, type DSpan, type Draft } from "./admin-draft.ts";
import { useAdminT } from "./admin-i18n.ts";
import { Bi, Labelled, ProblemNote, RowKey, Text } from "./admin-parts.tsx";
import { tidyTime } from "./date-input.ts";
import { DateBox } from "./date-box.tsx";

// Opening hours on screen: the sessions of a working day (morning, afternoon), the weekdays with
// hours of their own (a Saturday morning), and seasons with other hours between two dates. Times
// are text boxes read as 24-hour HH:mm (Chromium's time input shows AM/PM on an English Windows).

type Edit = (fn: (d: Draft) => Draft) => void;
const MAX_SESSIONS = 6;

/** Today in the center's time zone: a season that holds it is marked as in force. */
const today = () => localParts(Date.now()).date;

function Sessions({ spans, set }: { spans: DSpan[]; set: (spans: DSpan[]) => void }) {
  const t = useAdminT();
  const put = (i: number, patch: Partial<DSpan>) => set(spans.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  // 7:30 or 7h30 becomes 07:30 when the box is left; a time not yet readable stays as typed.
  const tidy = (i: number, which: keyof DSpan) => {
    const v = spans[i]![which];
    if (tidyTime(v) !== v) put(i, { [which]: tidyTime(v) });
  };
  return (
    <div class="sessions">
      {spans.map((s, i) => (
        <div class="session" key={i} data-session={i}>
          <span class="session-name">{t.session(i)}</span>
          <span class="session-times">
            <span class="time-label">{t.fromTime}</span>
            <Text name="from" field={`sessions.${i}.from`} value={s.from} maxLength={5} placeholder="07:30" label={`${t.session(i)} · ${t.fromTime}`} set={(v) => put(i, { from: v })} onBlur={() => tidy(i, "from")} />
            <span class="time-label">{t.toTime}</span>
            <Text name="to" field={`sessions.${i}.to`} value={s.to} maxLength={5} placeholder="11:30" label={`${t.session(i)} · ${t.toTime}`} set={(v) => put(i, { to: v })} onBlur={() => tidy(i, "to")} />
          </span>
          {spans.length > 1 && (
            <button type="button" class="icon remove" data-action="remove-session" aria-label={t.removeSession} title={t.removeSession} onClick={() => set(spans.filter((_, j) => j !== i))}>
              ✕
            </button>
          )}
        </div>
      ))}
      <ProblemNote field="sessions" />
      {spans.length < MAX_SESSIONS && (
        <button type="button" class="add-session" name="addSession" onClick={() => set([...spans, { from: "", to: "" }])}>
          + {t.addSession}
        </button>
      )}
    </div>
  );
}

/** A year's or a season's hours: its sessions, then its weekdays of their own. */
function Plan({ plan, set, workingDays, own }: { plan: DPlan; set: (fn: (p: DPlan) => DPlan) => void; workingDays: number[]; own: string }) {
  const t = useAdminT();
  const used = new Set(plan.weekdays.map((w) => w.weekday));
  // Saturday first: it is the day that usually keeps a morning only.
  const free = [6, 1, 2, 3, 4, 5, 7].filter((w) => !used.has(w));
  return (
    <>
      <RowKey.Provider value={own}>
        <Sessions spans={plan.sessions} set={(sessions) => set((p) => ({ ...p, sessions }))} />
        <ProblemNote field="weekdays" />
      </RowKey.Provider>
      <div class="weekday-hours">
        <h3>{t.weekdayOwn}</h3>
        <p class="hint">{t.weekdayOwnHint}</p>
        {plan.weekdays.map((w) => (
          <RowKey.Provider key={w._key} value={w._key}>
            <div class="weekday-row" data-key={w._key} data-weekday-hours={w.weekday}>
              <span class="weekday-pick">
                <select
                  name="weekday"
                  aria-label={t.weekday}
                  value={String(w.weekday)}
                  onChange={(e) => {
                    const weekday = Number(e.currentTarget.value);
                    set((p) => ({ ...p, weekdays: p.weekdays.map((x) => (x._key === w._key ? { ...x, weekday } : x)) }));
                  }}
                >
                  {t.weekdays.map((name, i) => (
                    <option key={i} value={String(i + 1)} disabled={i + 1 !== w.weekday && used.has(i + 1)}>
                      {name}
                    </option>
                  ))}
                </select>
                {!workingDays.includes(w.weekday) && <span class="hint over">{t.notWorkingDay}</span>}
              </span>
              <Sessions spans={w.sessions} set={(sessions) => set((p) => ({ ...p, weekdays: p.weekdays.map((x) => (x._key === w._key ? { ...x, sessions } : x)) }))} />
              <button type="button" class="icon remove" data-action="remove" aria-label={t.remove} title={t.remove} onClick={() => set((p) => ({ ...p, weekdays: p.weekdays.filter((x) => x._key !== w._key) }))}>
                ✕
              </button>
            </div>
          </RowKey.Provider>
        ))}
        {free.length > 0 && (
          <button type="button" name="addWeekday" class="add-weekday" onClick={() => set((p) => ({ ...p, weekdays: [...p.weekdays, blankWeekday(free[0]!, p.sessions)] }))}>
            + {t.addWeekday}
          </button>
        )}
      </div>
    </>
  );
}

/** The calendar section's hours: the year's, then the seasons'. */
export function HoursCards({ d, edit, added }: { d: Draft; edit: Edit; added: (key: string) => void }) {
  const t = useAdminT();
  const now = today();
  const setSeason = (key: string, fn: (s: DSeason) => DSeason) => edit((x) => ({ ...x, seasons: x.seasons.map((s) => (s._key === key ? fn(s) : s)) }));
  return (
    <>
      <div class="card hours" data-part="hours">
        <h2>
          <Bi k={(x) => x.hoursTitle} />
        </h2>
        <p class="hint">{t.hoursHint}</p>
        <Plan plan={d.hours} own="hours" workingDays={d.workingDays} set={(fn) => edit((x) => ({ ...x, hours: fn(x.hours) }))} />
      </div>

      <div class="card seasons" data-part="seasons">
        <h2>
          <Bi k={(x) => x.seasons} />
        </h2>
        <p class="hint">{t.seasonsHint}</p>
        {d.seasons.map((s, i) => {
          const from = isoDate(s.from);
          const to = isoDate(s.to);
          const inForce = from !== null && to !== null && from <= now && now <= to;
          return (
            <RowKey.Provider key={s._key} value={s._key}>
              <div class={`season${s._new ? " new" : ""}`} data-key={s._key} data-season={i}>
                <div class="season-head">
                  <Labelled label={<Bi k={(x) => x.seasonName} />}>
                    <Text name="name" value={s.name} set={(v) => setSeason(s._key, (x) => ({ ...x, name: v }))} />
                  </Labelled>
                  <Labelled label={<Bi k={(x) => x.nameEn} />}>
                    <Text name="nameEn" value={s.nameEn} set={(v) => setSeason(s._key, (x) => ({ ...x, nameEn: v }))} />
                  </Labelled>
                  <Labelled label={<Bi k={(x) => x.fromDate} />}>
                    <DateBox name="from" weekday value={s.from} set={(v) => setSeason(s._key, (x) => ({ ...x, from: v }))} />
                  </Labelled>
                  <Labelled label={<Bi k={(x) => x.toDate} />}>
                    <DateBox name="to" weekday value={s.to} set={(v) => setSeason(s._key, (x) => ({ ...x, to: v }))} />
                  </Labelled>
                  <button type="button" class="icon remove" data-action="remove" aria-label={t.removeSeason} title={t.removeSeason} onClick={() => edit((x) => ({ ...x, seasons: x.seasons.filter((y) => y._key !== s._key) }))}>
                    ✕
                  </button>
                </div>
                {inForce && <p class="in-force">{t.seasonNow}</p>}
                <Plan plan={s.plan} own={s._key} workingDays={d.workingDays} set={(fn) => setSeason(s._key, (x) => ({ ...x, plan: fn(x.plan) }))} />
              </div>
            </RowKey.Provider>
          );
        })}
        <div class="add">
          <button
            type="button"
            name="addSeason"
            onClick={() => {
              const season = blankSeason(d.hours);
              edit((x) => ({ ...x, seasons: [...x.seasons, season] }));
              added(season._key);
            }}
          >
            + {t.addSeason}
          </button>
        </div>
      </div>
    </>
  );
}
