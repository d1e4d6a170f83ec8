import { localParts } from "@motcua/engine";
import { DEVICE_KINDS, nameIn, STAFF_ROLES, type Center, type DeviceKind, type ProvinceCatalog, type StaffRole } from "@motcua/protocol";
import type { JSX } from "preact";
import { useEffect } from "preact/hooks";
import {
  BOOKING_RULES,
  QUEUE_RULES,
  blankCounter,
  blankDevice,
  blankExtraDay,
  blankField,
  blankGroup,
  blankHoliday,
  blankService,
  blankStaff,
  bookingNumber,
  isoDate,
  moveCounterService,
  offered,
  patchRow,
  removeRow,
  removeService,
  renameField,
  renameService,
  settleDates,
  slotsPerDay,
  spansOut,
  takeFromCatalog,
  weekday,
  type DBooking,
  type DCenter,
  type DDevice,
  type DField,
  type DService,
  type Draft,
  type ListName,
  type RowOf,
  type RuleName,
} from "./admin-draft.ts";
import { useAdminT } from "./admin-i18n.ts";
import { Add, Bi, Check, GridCard, IdBox, IdCell, Labelled, NameCells, Pick, ProblemNote, RowKey, Switch, Text } from "./admin-parts.tsx";
import { HoursCards } from "./admin-hours.tsx";
import { DateBox } from "./date-box.tsx";
import { useLang } from "./i18n.ts";
import { slug } from "./slug.ts";

export interface SectionProps {
  d: Draft;
  edit: (fn: (d: Draft) => Draft) => void;
  /** A row was added: the screen brings it into view and puts the cursor in it. */
  added: (key: string) => void;
  /** The province's catalog to take procedures from, as far as it has come. */
  province: ProvinceChoice;
}

export interface ProvinceChoice {
  catalog: ProvinceCatalog | null;
  error: string | null;
  retry: () => void;
}

/** A record's name in the screen's language; a new record with no English name yet shows its Vietnamese one. */
const useName = () => {
  const lang = useLang();
  return (x: { name: string; nameEn: string }) => nameIn(lang, x) || x.name || "—";
};

type Rename = (d: Draft, key: string, id: string) => Draft;
/** The lists whose records have an id (the calendar's days have a date instead). */
type IdList = { [L in ListName]: RowOf<L> extends { id: string } ? L : never }[ListName];
/** A plain change of id, for a record nothing in the draft follows. */
const patchId = <L extends IdList>(list: L): Rename => (d, key, id) => patchRow(d, list, key, { id } as Partial<RowOf<L>>);

/** Edits of one list's rows, by the row's screen key. */
const listOf = <L extends ListName>({ edit, added }: Pick<SectionProps, "edit" | "added">, list: L) => ({
  set: (key: string, patch: Partial<RowOf<L>>) => edit((d) => patchRow(d, list, key, patch)),
  remove: (key: string) => edit((d) => removeRow(d, list, key)),
  /** A new row goes last, and the screen brings it into view. */
  add: (row: RowOf<L>) => {
    edit((d) => ({ ...d, [list]: [...(d[list] as RowOf<L>[]), row] }));
    added(row._key);
  },
});

/**
 * listOf, for records with an id. An id changes through `rename`: a field's or a service's takes
 * the records that name it along (admin-draft.ts); elsewhere it is a plain patch.
 */
const rowsOf = <L extends IdList>(p: Pick<SectionProps, "edit" | "added">, list: L, rename: Rename = patchId(list)) => ({
  ...listOf(p, list),
  setId: (key: string, v: string) => p.edit((d) => rename(d, key, v.trim())),
});

/** The lists whose records have a name (staff have a username instead). */
type NamedList = { [L in IdList]: RowOf<L> extends { name: string } ? L : never }[IdList];

/** A new record's id follows its name until the admin types an id of their own. */
const follows = (row: { _new: boolean; id: string; name: string }) => row._new && (row.id === "" || row.id === slug(row.name));

/** rowsOf, and a name box whose new record's id follows it. */
const namedRowsOf = <L extends NamedList>(p: Pick<SectionProps, "edit" | "added">, list: L, rename: Rename = patchId(list)) => ({
  ...rowsOf(p, list, rename),
  setName: (row: RowOf<L>, v: string) =>
    p.edit((d) => {
      const next = patchRow(d, list, row._key, { name: v } as Partial<RowOf<L>>);
      return follows(row) ? rename(next, row._key, slug(v)) : next;
    }),
});

/** A remove button: ✕ with its words for a screen reader and a tooltip. */
function Remove({ onClick, disabled, title }: { onClick: () => void; disabled?: boolean; title?: string }) {
  const t = useAdminT();
  return (
    <button type="button" class="icon remove" data-action="remove" aria-label={title ?? t.remove} title={title ?? t.remove} disabled={disabled} onClick={onClick}>
      ✕
    </button>
  );
}

// ---------------------------------------------------------------------------------- Trung tâm

export function CenterSection({ d, edit }: SectionProps) {
  const t = useAdminT();
  const name = useName();
  const c = d.center;
  const set = (patch: Partial<DCenter>) => edit((x) => ({ ...x, center: { ...x.center, ...patch } }));
  const notices = c.notices.split("\n").filter((l) => l.trim()).length;
  const data = { "data-center": c.id };
  return (
    <RowKey.Provider value="center">
    <div class="card center-form" data-part="center">
      <Labelled label={<Bi k={(x) => x.centerName} />}>
        <Text name="name" data={data} value={c.name} set={(v) => set({ name: v })} />
      </Labelled>
      <Labelled label={<Bi k={(x) => x.nameEn} />}>
        <Text name="nameEn" data={data} value={c.nameEn} set={(v) => set({ nameEn: v })} />
      </Labelled>
      <Labelled label={<Bi k={(x) => x.address} />}>
        <Text name="address" data={data} value={c.address} set={(v) => set({ address: v })} />
      </Labelled>
      <div class="pair">
        <Labelled label={<Bi k={(x) => x.hotline} />}>
          <Text name="hotline" data={data} value={c.hotline} set={(v) => set({ hotline: v })} numeric />
        </Labelled>
        <Labelled label={<Bi k={(x) => x.dayResetTime} />} hint={t.dayResetHint}>
          <Text name="dayResetTime" data={data} value={c.dayResetTime} set={(v) => set({ dayResetTime: v })} placeholder="05:00" maxLength={5} numeric />
        </Labelled>
      </div>
      <Labelled label={<Bi k={(x) => x.returnsService} />} hint={t.returnsHint}>
        <Pick
          name="returnsServiceId"
          data={data}
          value={c.returnsServiceId}
          set={(v) => set({ returnsServiceId: v })}
          options={[["", t.none], ...d.services.filter((s) => s.id).map((s): [string, string] => [s.id, `${s.code} · ${name(s)}`])]}
        />
      </Labelled>
      <Labelled label={<Bi k={(x) => x.yearly} />} hint={t.yearlyHint}>
        <Text name="yearlyDossiersPerStaff" data={data} value={c.yearlyDossiersPerStaff} set={(v) => set({ yearlyDossiersPerStaff: v })} numeric />
      </Labelled>
      <Labelled label={<Bi k={(x) => x.notices} />} hint={<span class={notices > 20 ? "over" : ""}>{t.noticesHint(notices)}</span>}>
        <textarea {...data} name="notices" rows={Math.min(12, Math.max(4, c.notices.split("\n").length + 1))} value={c.notices} onInput={(e) => set({ notices: e.currentTarget.value })} />
        <ProblemNote field="notices" />
      </Labelled>
    </div>
    </RowKey.Provider>
  );
}

// ------------------------------------------------------------------------ Lĩnh vực & thủ tục

export function CatalogSection({ d, edit, added, province }: SectionProps) {
  const t = useAdminT();
  const name = useName();
  const fields = namedRowsOf({ edit, added }, "fields", renameField);
  const services = namedRowsOf({ edit, added }, "services", renameService);
  const counterNumbers = (id: string) => d.counters.filter((c) => c.serviceIds.includes(id)).map((c) => Number(c.number));
  const mark = <span class="province-mark" title={t.provinceMarkHint}>{t.provinceMark}</span>;
  const take = (catalog: ProvinceCatalog, id: string) => {
    let key = "";
    edit((x) => {
      const next = takeFromCatalog(x, catalog, id);
      key = next.services.find((s) => s.id === id)?._key ?? "";
      return next;
    });
    if (key) added(key);
  };
  return (
    <>
      <GridCard
        part="fields"
        title="fields"
        cols={[["id", "w-id"], ["name"], ["nameEn"], ["icon", "w-icon"], ["remoteTickets", "w-check"], ["appointments", "w-booking"]]}
        add={{ name: "addField", text: t.addField, onClick: () => fields.add(blankField()) }}
      >
        {d.fields.map((f) => {
          const data = { "data-field": f.id };
          const inUse = d.services.some((s) => s.fieldId === f.id && f.id !== "");
          return (
            <RowKey.Provider key={f._key} value={f._key}>
            <tr data-key={f._key} data-field={f.id} class={`${f._new ? "new" : ""}${f.province ? " from-province" : ""}`}>
              <IdCell row={f} data={data} rows={fields} readOnly={f.province}>
                {f.province && mark}
              </IdCell>
              <NameCells row={f} data={data} rows={fields} readOnly={f.province} />
              <td>
                <Text name="icon" data={data} value={f.icon} set={(v) => fields.set(f._key, { icon: v })} />
              </td>
              <td class="center">
                <Check name="remoteTickets" data={data} checked={f.remoteTickets} set={(v) => fields.set(f._key, { remoteTickets: v })}>
                  <span class="sr">{t.remoteTickets}</span>
                </Check>
              </td>
              <BookingCell f={f} data={data} center={{ openingHours: spansOut(d.hours.sessions) }} set={(patch) => fields.set(f._key, { appointments: { ...f.appointments, ...patch } })} />
              <td>
                <Remove onClick={() => fields.remove(f._key)} disabled={inUse} title={inUse ? t.fieldInUse : undefined} />
              </td>
            </tr>
            </RowKey.Provider>
          );
        })}
      </GridCard>

      <GridCard
        part="services"
        title="services"
        cols={[["id", "w-id"], ["code", "w-code"], ["name"], ["nameEn"], ["field", "w-field"], ["minutes", "w-min"], ["aliases"]]}
        add={{ name: "addService", text: t.addService, onClick: () => services.add(blankService(d.fields[0]?.id ?? "")) }}
        more={<FromCatalog d={d} province={province} take={take} />}
      >
        {d.services.map((s: DService) => {
          const data = { "data-service": s.id };
          const served = s.id ? counterNumbers(s.id) : [];
          return (
            <RowKey.Provider key={s._key} value={s._key}>
            <tr data-key={s._key} data-service={s.id} class={`${s._new ? "new" : ""}${s.province ? " from-province" : ""}`}>
              <IdCell row={s} data={data} rows={services} readOnly={s.province}>
                {s.province && mark}
                <span class={`served${served.length ? "" : " none"}`}>{t.servedBy(served)}</span>
              </IdCell>
              <td>
                <Text name="code" data={data} value={s.code} maxLength={2} set={(v) => services.set(s._key, { code: v.toUpperCase().trim() })} />
              </td>
              <NameCells row={s} data={data} rows={services} readOnly={s.province} />
              <td>
                <Pick
                  name="fieldId"
                  data={data}
                  disabled={s.province}
                  value={s.fieldId}
                  set={(v) => services.set(s._key, { fieldId: v })}
                  options={d.fields.filter((f) => f.id).map((f): [string, string] => [f.id, name(f)])}
                />
              </td>
              <td>
                <Text name="defaultServiceMinutes" data={data} value={s.defaultServiceMinutes} numeric set={(v) => services.set(s._key, { defaultServiceMinutes: v })} />
              </td>
              <td>
                {/* The kiosk's search finds the procedure by these too; split on commas as typed (the server drops blanks). */}
                <Text name="aliases" data={data} value={(s.aliases ?? []).join(",")} placeholder={t.aliasesHint} set={(v) => services.set(s._key, { aliases: v ? v.split(",") : [] })} />
              </td>
              <td>
                <Remove onClick={() => edit((x) => removeService(x, s._key))} />
              </td>
            </tr>
            </RowKey.Provider>
          );
        })}
      </GridCard>
    </>
  );
}

/**
 * The catalog's procedures the unit does not receive yet, by field: choosing one adds it (and its
 * field) with the province's names. Loading, a failed load and an empty catalog each say so.
 */
function FromCatalog({ d, province, take }: { d: Draft; province: ProvinceChoice; take: (catalog: ProvinceCatalog, id: string) => void }) {
  const t = useAdminT();
  const name = useName();
  const { catalog, error } = province;
  if (!catalog) {
    return error ? (
      <div class="from-catalog failed" data-catalog="error">
        <span class="over">
          {t.fromCatalogFailed} {error}
        </span>
        <button type="button" name="retryCatalog" onClick={province.retry}>
          {t.retry}
        </button>
      </div>
    ) : (
      <div class="from-catalog" data-catalog="loading">
        <span class="hint">{t.fromCatalogLoading}</span>
      </div>
    );
  }
  if (catalog.services.length === 0) {
    return (
      <div class="from-catalog" data-catalog="empty">
        <span class="hint">{t.fromCatalogEmpty}</span>
      </div>
    );
  }
  const left = offered(d, catalog);
  const own = (id: string) => d.services.find((s) => s.id === id && !s.province);
  return (
    <div class="from-catalog" data-catalog="ready">
      <select name="fromCatalog" aria-label={t.fromCatalog} value="" disabled={left.length === 0} onChange={(e) => e.currentTarget.value && take(catalog, e.currentTarget.value)}>
        <option value="">{left.length ? t.fromCatalogChoose : t.fromCatalogAll}</option>
        {catalog.fields.map((f) => {
          const inField = left.filter((s) => s.fieldId === f.id);
          return (
            inField.length > 0 && (
              <optgroup key={f.id} label={name(f)}>
                {inField.map((s) => {
                  const mine = own(s.id);
                  return (
                    <option key={s.id} value={s.id}>
                      {mine ? `${name(s)} (${t.replacesOwn(name(mine))})` : name(s)}
                    </option>
                  );
                })}
              </optgroup>
            )
          );
        })}
      </select>
      <span class="hint">{t.fromCatalogHint}</span>
    </div>
  );
}

/** Whether a field takes appointments, and when it does, its slot length and the people each slot takes. */
function BookingCell({ f, data, center, set }: { f: DField; data: Record<`data-${string}`, string>; center: Pick<Center, "openingHours">; set: (patch: Partial<DBooking>) => void }) {
  const t = useAdminT();
  const a = f.appointments;
  const slot = bookingNumber(a.slotMinutes, "slotMinutes");
  const capacity = bookingNumber(a.capacity, "capacity");
  const slots = slot === null ? 0 : slotsPerDay(center, slot);
  return (
    <td class={`booking${a.on ? " on" : ""}`}>
      <div class="booking-cell">
        <Switch name="appointments" data={data} checked={a.on} set={(on) => set({ on })}>
          {t.bookable}
        </Switch>
        {a.on && (
          <>
            <div class="booking-numbers">
              <Labelled label={t.slotMinutes}>
                <Text name="slotMinutes" data={data} value={a.slotMinutes} numeric invalid={slot === null} set={(v) => set({ slotMinutes: v })} />
              </Labelled>
              <Labelled label={t.capacity}>
                <Text name="capacity" data={data} value={a.capacity} numeric invalid={capacity === null} set={(v) => set({ capacity: v })} />
              </Labelled>
            </div>
            {slot === null || capacity === null ? (
              <span class="hint over" data-booking-note="range">
                {[slot === null && t.slotRange, capacity === null && t.capacityRange].filter(Boolean).join(" · ")}
              </span>
            ) : slots === 0 ? (
              <span class="hint over" data-booking-note="none">
                {t.noSlots}
              </span>
            ) : (
              <span class="hint" data-booking-note="ok">
                {t.slotsPerDay(slots, slots * capacity)}
              </span>
            )}
          </>
        )}
      </div>
    </td>
  );
}

// ------------------------------------------------------------------------------ Lịch làm việc

/** Today in the center's time zone, YYYY-MM-DD. */
const today = () => localParts(Date.now()).date;

export function CalendarSection({ d, edit, added }: SectionProps) {
  const t = useAdminT();
  const name = useName();
  const holidays = listOf({ edit, added }, "holidays");
  const extra = listOf({ edit, added }, "extraDays");
  const now = today();
  const toggle = (n: number) => edit((x) => ({ ...x, workingDays: x.workingDays.includes(n) ? x.workingDays.filter((w) => w !== n) : [...x.workingDays, n].sort((a, b) => a - b) }));
  const bookable = d.fields.filter((f) => f.appointments.on && f.id);
  /** How often each date is listed: the server refuses a holiday twice. */
  const counts = (dates: string[]) => dates.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>());
  const holidayCount = counts(d.holidays.map((h) => isoDate(h.date) ?? h.date));
  const extraCount = counts(d.extraDays.map((x) => isoDate(x.date) ?? x.date));
  // The lists open in date order (a row added last time goes to its place)…
  const inOrder = (x: Draft) => settleDates(settleDates(x, "holidays"), "extraDays");
  useEffect(() => {
    if (inOrder(d) !== d) edit(inOrder);
  }, []);
  /** …and leaving a row (not a box within it) puts its date in the usual form, the row staying where it is. */
  const settle = (list: "holidays" | "extraDays") => (e: JSX.TargetedFocusEvent<HTMLTableRowElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) edit((x) => settleDates(x, list, true));
  };
  /** The weekday of a row's date, and what else there is to know about it. */
  const dayCell = (date: string, twice: boolean, odd: string | null) => {
    const w = weekday(date);
    const iso = isoDate(date);
    const notes = [iso !== null && iso < now && t.past, twice && t.twice, odd].filter(Boolean);
    return (
      <td class="weekday">
        {w !== null ? <span class="day">{t.weekdays[w - 1]}</span> : date.trim() ? <span class="over">{t.badDate}</span> : <span class="hint">—</span>}
        {notes.length > 0 && <span class={`note${twice ? " over" : ""}`}>{notes.join(" · ")}</span>}
      </td>
    );
  };
  return (
    <div class="calendar">
      <div class="card" data-part="weekdays">
        <h2>
          <Bi k={(x) => x.workingDays} />
        </h2>
        <p class="hint">{t.workingDaysHint}</p>
        <div class="weekdays" role="group" aria-label={t.workingDays}>
          {t.weekdays.map((_, i) => {
            const on = d.workingDays.includes(i + 1);
            return (
              <button key={i} type="button" data-weekday={i + 1} class={on ? "on" : ""} aria-pressed={on} onClick={() => toggle(i + 1)}>
                <span class="tick" aria-hidden="true">
                  {on ? "✓" : ""}
                </span>
                <span class="words">
                  <Bi k={(x) => x.weekdays[i]!} stack />
                </span>
              </button>
            );
          })}
        </div>
        {d.workingDays.length === 0 && <p class="warn">{t.noWorkingDay}</p>}
        <RowKey.Provider value="weekdays">
          <ProblemNote field="workingDays" />
        </RowKey.Provider>
        <h3>{t.bookableFields}</h3>
        {bookable.length ? (
          <ul class="bookable">
            {bookable.map((f) => (
              <li key={f._key} data-bookable={f.id}>
                {t.bookableOne(name(f), f.appointments.slotMinutes, f.appointments.capacity)}
              </li>
            ))}
          </ul>
        ) : (
          <p class="hint">{t.bookableNone}</p>
        )}
      </div>

      <HoursCards d={d} edit={edit} added={added} />

      <div class="calendar-lists">
        <GridCard
          part="holidays"
          title="holidays"
          hint={t.holidaysHint}
          cols={[["date", "w-date"], ["weekday", "w-day"], ["name"], ["nameEn"]]}
          add={{ name: "addHoliday", text: t.addHoliday, onClick: () => holidays.add(blankHoliday()) }}
        >
          {d.holidays.map((h) => {
            // The day as the server keeps it (YYYY-MM-DD) names the row, however it was typed.
            const data = { "data-holiday": isoDate(h.date) ?? h.date };
            const w = weekday(h.date);
            const off = w !== null && !d.workingDays.includes(w);
            return (
              <RowKey.Provider key={h._key} value={h._key}>
              <tr data-key={h._key} data-holiday={data["data-holiday"]} class={`${h._new ? "new" : ""}${isoDate(h.date) && isoDate(h.date)! < now ? " past" : ""}`} onFocusOut={settle("holidays")}>
                <td>
                  <DateBox name="date" data={data} value={h.date} set={(v) => holidays.set(h._key, { date: v })} />
                </td>
                {dayCell(h.date, (holidayCount.get(isoDate(h.date) ?? h.date) ?? 0) > 1, off ? t.alreadyOff : null)}
                <td>
                  <Text name="name" data={data} value={h.name} set={(v) => holidays.set(h._key, { name: v })} />
                </td>
                <td>
                  <Text name="nameEn" data={data} value={h.nameEn} set={(v) => holidays.set(h._key, { nameEn: v })} />
                </td>
                <td>
                  <Remove onClick={() => holidays.remove(h._key)} />
                </td>
              </tr>
              </RowKey.Provider>
            );
          })}
        </GridCard>

        <GridCard
          part="extra-days"
          title="extraDays"
          hint={t.extraDaysHint}
          cols={[["date", "w-date"], ["weekday"]]}
          add={{ name: "addExtraDay", text: t.addExtraDay, onClick: () => extra.add(blankExtraDay()) }}
        >
          {d.extraDays.map((x) => {
            const data = { "data-extra-day": isoDate(x.date) ?? x.date };
            const w = weekday(x.date);
            const working = w !== null && d.workingDays.includes(w);
            return (
              <RowKey.Provider key={x._key} value={x._key}>
              <tr data-key={x._key} data-extra-day={data["data-extra-day"]} class={`${x._new ? "new" : ""}${isoDate(x.date) && isoDate(x.date)! < now ? " past" : ""}`} onFocusOut={settle("extraDays")}>
                <td>
                  <DateBox name="date" data={data} value={x.date} set={(v) => extra.set(x._key, { date: v })} />
                </td>
                {dayCell(x.date, (extraCount.get(isoDate(x.date) ?? x.date) ?? 0) > 1, working ? t.alreadyWorking : null)}
                <td>
                  <Remove onClick={() => extra.remove(x._key)} />
                </td>
              </tr>
              </RowKey.Provider>
            );
          })}
        </GridCard>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------- Quầy

export function CountersSection({ d, edit, added }: SectionProps) {
  const t = useAdminT();
  const name = useName();
  const counters = rowsOf({ edit, added }, "counters");
  const service = (id: string) => d.services.find((s) => s.id === id);
  return (
    <>
      <div class="counter-grid">
        {d.counters.map((c) => {
          const data = { "data-counter": c.id };
          const free = d.services.filter((s) => s.id && !c.serviceIds.includes(s.id));
          return (
            <RowKey.Provider key={c._key} value={c._key}>
            <div data-key={c._key} data-counter={c.id} class={`card counter${c._new ? " new" : ""}${c.serviceIds.length ? "" : " empty"}`}>
              <div class="counter-head">
                <Labelled label={<Bi k={(x) => x.id} />}>
                  <Text name="id" data={data} value={c.id} readOnly={!c._new} set={(v) => counters.setId(c._key, v)} />
                </Labelled>
                <Labelled label={<Bi k={(x) => x.number} />}>
                  <Text name="number" data={data} value={c.number} numeric set={(v) => counters.set(c._key, { number: v })} />
                </Labelled>
                <Remove onClick={() => counters.remove(c._key)} title={t.removeCounter} />
              </div>
              <div class="pair">
                <Labelled label={<Bi k={(x) => x.name} />}>
                  <Text name="name" data={data} value={c.name} set={(v) => counters.set(c._key, { name: v })} />
                </Labelled>
                <Labelled label={<Bi k={(x) => x.nameEn} />}>
                  <Text name="nameEn" data={data} value={c.nameEn} set={(v) => counters.set(c._key, { nameEn: v })} />
                </Labelled>
              </div>
              <h3>{t.counterServices}</h3>
              {c.serviceIds.length === 0 ? (
                <p class="warn">{t.noServices}</p>
              ) : (
                <ol class="order">
                  {c.serviceIds.map((id, i) => {
                    const s = service(id);
                    return (
                      <li key={id} data-counter-service={id} class={s ? "" : "unknown"}>
                        <span class="rank">{i + 1}</span>
                        <span class="code">{s?.code ?? "?"}</span>
                        <span class="what">{s ? name(s) : `${id} (${t.unknownService})`}</span>
                        <button type="button" class="icon" data-action="up" aria-label={t.up} title={t.up} disabled={i === 0} onClick={() => edit((x) => moveCounterService(x, c._key, i, -1))}>
                          ↑
                        </button>
                        <button
                          type="button"
                          class="icon"
                          data-action="down"
                          aria-label={t.down}
                          title={t.down}
                          disabled={i === c.serviceIds.length - 1}
                          onClick={() => edit((x) => moveCounterService(x, c._key, i, 1))}
                        >
                          ↓
                        </button>
                        <Remove onClick={() => counters.set(c._key, { serviceIds: c.serviceIds.filter((x) => x !== id) })} />
                      </li>
                    );
                  })}
                </ol>
              )}
              <Pick
                name="addService"
                data={data}
                value=""
                label={t.chooseService}
                disabled={free.length === 0}
                options={[["", t.chooseService], ...free.map((s): [string, string] => [s.id, `${s.code} · ${name(s)}`])]}
                set={(v) => v && counters.set(c._key, { serviceIds: [...c.serviceIds, v] })}
              />
            </div>
            </RowKey.Provider>
          );
        })}
      </div>
      <Add name="addCounter" text={t.addCounter} onClick={() => counters.add(blankCounter(Math.max(0, ...d.counters.map((c) => Number(c.number) || 0)) + 1))} />
    </>
  );
}

// -------------------------------------------------------------------------------------- Cán bộ

export function StaffSection({ d, edit, added }: SectionProps) {
  const t = useAdminT();
  const staff = rowsOf({ edit, added }, "staff");
  return (
    <GridCard
      part="staff"
      hint={t.staffHint}
      cols={[["id", "w-id"], ["username", "w-user"], ["displayName"], ["role", "w-role"], ["active", "w-check"], ["newPassword", "w-pass"]]}
      add={{ name: "addStaff", text: t.addStaff, onClick: () => staff.add(blankStaff()) }}
    >
      {d.staff.map((s) => {
        const data = { "data-staff": s.id };
        return (
          <RowKey.Provider key={s._key} value={s._key}>
          <tr data-key={s._key} data-staff={s.id} class={`${s._new ? "new" : ""}${s.active ? "" : " inactive"}`}>
            <IdCell row={s} data={data} rows={staff} />
            <td>
              <Text
                name="username"
                data={data}
                value={s.username}
                set={(v) => {
                  const username = v.trim().toLowerCase();
                  // A new account's id follows its username until the admin types another.
                  staff.set(s._key, s._new && (s.id === "" || s.id === s.username) ? { username, id: username } : { username });
                }}
              />
            </td>
            <td>
              <Text name="displayName" data={data} value={s.displayName} set={(v) => staff.set(s._key, { displayName: v })} />
            </td>
            <td>
              <Pick
                name="role"
                data={data}
                value={s.role}
                set={(v) => staff.set(s._key, { role: v as StaffRole })}
                options={STAFF_ROLES.map((r): [string, string] => [r, t.roles[r]])}
              />
            </td>
            <td class="center">
              <Check name="active" data={data} checked={s.active} set={(v) => staff.set(s._key, { active: v })}>
                <span class="sr">{t.active}</span>
              </Check>
            </td>
            <td>
              <Text
                name="password"
                data={data}
                password
                value={s.password}
                placeholder={s._new ? t.passwordRequired : t.passwordKeep}
                label={t.newPassword}
                class={s._new && !s.password ? "required" : ""}
                set={(v) => staff.set(s._key, { password: v })}
              />
            </td>
            <td>{s._new && <Remove onClick={() => staff.remove(s._key)} />}</td>
          </tr>
          </RowKey.Provider>
        );
      })}
    </GridCard>
  );
}

// ------------------------------------------------------------------------------------ Thiết bị

export function DevicesSection({ d, edit, added }: SectionProps) {
  const t = useAdminT();
  const devices = rowsOf({ edit, added }, "devices");
  const list = (x: DDevice, key: "fieldIds" | "counterIds" | "kioskIds", label: string, hint: string, examples: string[]) => (
    <Labelled label={label} hint={`${hint}${examples.length ? ` (${examples.slice(0, 4).join(", ")}${examples.length > 4 ? ", …" : ""})` : ""}`}>
      <Text name={key} data={{ "data-device": x.id }} value={x[key]} set={(v) => devices.set(x._key, { [key]: v })} />
    </Labelled>
  );
  const fieldIds = d.fields.map((f) => f.id).filter(Boolean);
  const counterIds = d.counters.map((c) => c.id).filter(Boolean);
  const kioskIds = d.devices.filter((x) => x.kind === "kiosk" && x.id).map((x) => x.id);
  return (
    <>
      <p class="hint">{t.devicesHint}</p>
      <div class="device-grid">
        {d.devices.map((x) => {
          const data = { "data-device": x.id };
          return (
            <RowKey.Provider key={x._key} value={x._key}>
            <div data-key={x._key} data-device={x.id} class={`card device${x._new ? " new" : ""}${x.revoked ? " revoked" : ""}`}>
              <div class="device-head">
                <Labelled label={<Bi k={(y) => y.id} />}>
                  <IdBox row={x} data={data} rows={devices} />
                </Labelled>
                <Labelled label={<Bi k={(y) => y.kind} />}>
                  <Pick
                    name="kind"
                    data={data}
                    value={x.kind}
                    disabled={!x._new}
                    set={(v) => devices.set(x._key, { kind: v as DeviceKind })}
                    options={DEVICE_KINDS.map((k): [string, string] => [k, t.kinds[k]])}
                  />
                </Labelled>
                {x._new && <Remove onClick={() => devices.remove(x._key)} />}
              </div>
              <Labelled label={<Bi k={(y) => y.deviceName} />}>
                <Text name="name" data={data} value={x.name} set={(v) => devices.set(x._key, { name: v })} />
              </Labelled>
              {x.kind === "display" && (
                <div class="pair">
                  {list(x, "fieldIds", t.fieldIds, t.listHint, fieldIds)}
                  {list(x, "counterIds", t.counterIds, t.listHint, counterIds)}
                </div>
              )}
              {x.kind === "station" && (
                <div class="pair">
                  {list(x, "kioskIds", t.kioskIds, t.listHint, kioskIds)}
                  {list(x, "counterIds", t.stationCounters, t.stationCountersHint, counterIds)}
                </div>
              )}
              <div class="device-foot">
                <Check name="revoked" data={data} checked={x.revoked} set={(v) => devices.set(x._key, { revoked: v })}>
                  <Bi k={(y) => y.revoked} /> <span class="hint">({t.revokedHint})</span>
                </Check>
                <span class="spacer" />
                {x.newKey ? (
                  <span class="key-pending" data-key-pending={x.id}>
                    🔑 {t.keyPending}
                    {!x._new && (
                      <button type="button" name="keepKey" onClick={() => devices.set(x._key, { newKey: false })}>
                        {t.keepKey}
                      </button>
                    )}
                  </span>
                ) : (
                  <button type="button" name="newKey" {...data} onClick={() => devices.set(x._key, { newKey: true })}>
                    {t.makeKey}
                  </button>
                )}
              </div>
            </div>
            </RowKey.Provider>
          );
        })}
      </div>
      <Add name="addDevice" text={t.addDevice} onClick={() => devices.add(blankDevice())} />
    </>
  );
}

// ---------------------------------------------------------------------------- Ưu tiên & quy tắc

export function RulesSection({ d, edit, added }: SectionProps) {
  const t = useAdminT();
  const groups = namedRowsOf({ edit, added }, "groups");
  const ruleCard = (part: string, title: "rules" | "bookingRules", rules: RuleName[]) => (
    <div class="card" data-part={part}>
      <h2>
        <Bi k={(x) => x[title]} />
      </h2>
      <div class="rules-grid">
        {rules.map((r) => (
          <Labelled key={r} label={t.rule[r]} hint={t.ruleHint[r]}>
            <RowKey.Provider value="rules">
              <Text name={r} data={{ "data-rule": r }} value={d.rules[r]} numeric set={(v) => edit((x) => ({ ...x, rules: { ...x.rules, [r]: v } }))} />
            </RowKey.Provider>
          </Labelled>
        ))}
      </div>
    </div>
  );
  return (
    <>
      <GridCard
        part="groups"
        title="groups"
        cols={[["id", "w-id"], ["name"], ["nameEn"], ["enabled", "w-check"]]}
        add={{ name: "addGroup", text: t.addGroup, onClick: () => groups.add(blankGroup()) }}
      >
        {d.groups.map((g) => {
          const data = { "data-group": g.id };
          return (
            <RowKey.Provider key={g._key} value={g._key}>
            <tr data-key={g._key} data-group={g.id} class={`${g._new ? "new" : ""}${g.enabled ? "" : " inactive"}`}>
              <IdCell row={g} data={data} rows={groups} />
              <NameCells row={g} data={data} rows={groups} />
              <td class="center">
                <Check name="enabled" data={data} checked={g.enabled} set={(v) => groups.set(g._key, { enabled: v })}>
                  <span class="sr">{t.enabled}</span>
                </Check>
              </td>
              <td>{g._new && <Remove onClick={() => groups.remove(g._key)} />}</td>
            </tr>
            </RowKey.Provider>
          );
        })}
      </GridCard>
      {ruleCard("rules", "rules", QUEUE_RULES)}
      <div class="card" data-part="outside-hours">
        <Labelled label={t.outsideHours} hint={t.outsideHoursHint}>
          <select name="issueOutsideHours" value={d.outsideHours} onChange={(e) => edit((x) => ({ ...x, outsideHours: e.currentTarget.value as typeof x.outsideHours }))}>
            {(["never", "beforeOpening", "always"] as const).map((v) => (
              <option key={v} value={v}>
                {t.outsideHoursChoice[v]}
              </option>
            ))}
          </select>
        </Labelled>
      </div>
      {ruleCard("booking-rules", "bookingRules", BOOKING_RULES)}
    </>
  );
}
