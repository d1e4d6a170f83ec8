import { slotTimes } from "@motcua/engine";
import { fold, type Center, type CenterConfig, type Counter, type Device, type Field, type Holiday, type PriorityGroup, type ProvinceCatalog, type QueueRules, type Season, type Service, type Sessions, type Staff, type WeekdayHours } from "@motcua/protocol";
import { isoOf, readTime, shownDate, tidyDate, weekdayOf } from "./date-input.ts";

/** What GET /api/admin/config answers: the configuration without password or key hashes. */
export type StaffOut = Omit<Staff, "passwordHash">;
export type DeviceOut = Omit<Device, "keyHash">;
export type AdminConfig = Omit<CenterConfig, "staff" | "devices"> & { staff: StaffOut[]; devices: DeviceOut[] };

/**
 * The admin's working copy. Numbers, notices and id lists stay as typed (strings) until the
 * save, so a half-typed "1," or an emptied number box is never rewritten under the cursor.
 * Every record keeps the fields this screen does not show (number ranges, opening hours, …):
 * the server gets back everything it sent.
 */
interface Row {
  /** A key for this screen only; ids are editable on new records, so they cannot key the lists. */
  _key: string;
  /** Added here and not saved yet: its id may still change and it may be removed outright. */
  _new: boolean;
}
export type DCenter = Omit<Center, "yearlyDossiersPerStaff" | "notices" | "address" | "returnsServiceId" | "openingHours" | "weekdayHours" | "seasons"> & {
  yearlyDossiersPerStaff: string;
  notices: string;
  address: string;
  returnsServiceId: string;
};
/** A field's appointments as typed: switched off, the numbers stay for when it is switched back on. */
export interface DBooking {
  on: boolean;
  slotMinutes: string;
  capacity: string;
}
export type DField = Omit<Field, "icon" | "appointments"> & Row & { icon: string; appointments: DBooking };
export type DService = Omit<Service, "defaultServiceMinutes"> & Row & { defaultServiceMinutes: string };
export type DCounter = Omit<Counter, "number"> & Row & { number: string };
export type DGroup = PriorityGroup & Row;
export type DStaff = StaffOut & Row & { password: string };
export type DDevice = Omit<DeviceOut, "fieldIds" | "counterIds" | "kioskIds"> &
  Row & { fieldIds: string; counterIds: string; kioskIds: string; newKey: boolean };
/** A working session as typed (7:30 becomes 07:30 when sent). */
export interface DSpan {
  from: string;
  to: string;
}
/** A weekday with sessions of its own (Saturday morning). */
export type DWeekday = Row & { weekday: number; sessions: DSpan[] };
/** Hours of the year or of a season: the sessions of a working day, and the weekdays that differ. */
export interface DPlan {
  sessions: DSpan[];
  weekdays: DWeekday[];
}
/** A season's hours, between two dates as typed (dd/mm/yyyy). */
export type DSeason = Row & { name: string; nameEn: string; from: string; to: string; plan: DPlan };
/** A holiday, and a day worked in exchange (làm bù): dates as typed (dd/mm/yyyy), see isoDate. */
export type DHoliday = Holiday & Row;
export type DExtraDay = Row & { date: string };
/** The rules typed as numbers; when numbers are issued outside opening hours is a choice of its own. */
export type RuleName = Exclude<keyof QueueRules, "issueOutsideHours">;
/** The rules of the queue, then those of appointments (the rules screen shows them in two cards). */
export const QUEUE_RULES: RuleName[] = ["fairnessCap", "agingLimitMinutes", "recallsBeforeNoShow", "serviceTimeSample", "ratingWindowMinutes", "alertWaitingPerField", "remotePerPhonePerDay", "remotePerIpPerDay", "issueBeforeOpeningMinutes"];
export const BOOKING_RULES: RuleName[] = ["bookAheadDays", "checkInEarlyMinutes", "checkInLateMinutes", "appointmentsPerPhone", "appointmentsPerIpPerDay"];
export const RULES: RuleName[] = [...QUEUE_RULES, ...BOOKING_RULES];
export type DRules = Record<RuleName, string>;

export interface Draft {
  base: AdminConfig;
  center: DCenter;
  fields: DField[];
  services: DService[];
  counters: DCounter[];
  groups: DGroup[];
  rules: DRules;
  outsideHours: QueueRules["issueOutsideHours"];
  staff: DStaff[];
  devices: DDevice[];
  /** The working calendar: ISO weekdays (1 Monday … 7 Sunday), holidays, and extra working days. */
  workingDays: number[];
  holidays: DHoliday[];
  extraDays: DExtraDay[];
  /** Opening hours through the year, and the seasons with hours of their own. */
  hours: DPlan;
  seasons: DSeason[];
}
export type Lists = Pick<Draft, "fields" | "services" | "counters" | "groups" | "staff" | "devices" | "holidays" | "extraDays" | "seasons">;
export type ListName = keyof Lists;
export type RowOf<L extends ListName> = Lists[L][number];

let seq = 0;
export const rowKey = (): string => `r${++seq}`;
const old = <T extends object>(x: T): T & Row => ({ ...x, _key: rowKey(), _new: false });

const planDraft = (sessions: Sessions, weekdays: WeekdayHours[] | undefined): DPlan => ({
  sessions: sessions.map((s) => ({ ...s })),
  weekdays: (weekdays ?? []).map((w) => old({ weekday: w.weekday, sessions: w.sessions.map((s) => ({ ...s })) })),
});

export function toDraft(c: AdminConfig): Draft {
  const { yearlyDossiersPerStaff, notices, address, returnsServiceId, openingHours, weekdayHours, seasons, ...center } = c.center;
  return {
    base: c,
    center: { ...center, yearlyDossiersPerStaff: yearlyDossiersPerStaff === undefined ? "" : String(yearlyDossiersPerStaff), notices: notices.join("\n"), address: address ?? "", returnsServiceId: returnsServiceId ?? "" },
    fields: c.fields.map((f) => old({ ...f, icon: f.icon ?? "", appointments: bookingDraft(f.appointments) })),
    services: c.services.map((s) => old({ ...s, defaultServiceMinutes: String(s.defaultServiceMinutes) })),
    counters: c.counters.map((x) => old({ ...x, number: String(x.number) })),
    groups: c.priorityGroups.map((g) => old(g)),
    rules: Object.fromEntries(RULES.map((r) => [r, String(c.rules[r])])) as DRules,
    outsideHours: c.rules.issueOutsideHours,
    staff: c.staff.map((s) => old({ ...s, password: "" })),
    devices: c.devices.map((d) => old({ ...d, fieldIds: d.fieldIds.join(", "), counterIds: d.counterIds.join(", "), kioskIds: d.kioskIds.join(", "), newKey: false })),
    workingDays: [...c.calendar.workingDays].sort((a, b) => a - b),
    holidays: byDate(c.calendar.holidays.map((h) => old({ ...h, date: shownDate(h.date) }))),
    extraDays: byDate(c.calendar.extraWorkingDays.map((date) => old({ date: shownDate(date) }))),
    hours: planDraft(openingHours, weekdayHours),
    seasons: (seasons ?? []).map((s) => old({ name: s.name, nameEn: s.nameEn ?? "", from: shownDate(s.from), to: shownDate(s.to), plan: planDraft(s.openingHours, s.weekdayHours) })),
  };
}

/** A field's appointments as the draft keeps them; a field never bookable starts from the usual 30 minutes × 2. */
const bookingDraft = (a: Field["appointments"]): DBooking => ({ on: a !== null, slotMinutes: String(a?.slotMinutes ?? 30), capacity: String(a?.capacity ?? 2) });

/**
 * A date as the server wants it (YYYY-MM-DD), from that or from the way people here write one
 * (1/12/2026, 01-12-2026, 1.12.2026: day first); null when it is no date at all (date-input.ts).
 */
export const isoDate = isoOf;

/** ISO weekday of a date (1 Monday … 7 Sunday), or null for no date. */
export function weekday(s: string): number | null {
  const iso = isoDate(s);
  return iso ? weekdayOf(iso) : null;
}

/** Rows in date order; a date not (yet) readable goes last, in the order typed. */
export function byDate<T extends { date: string }>(rows: T[]): T[] {
  const key = (r: T) => isoDate(r.date) ?? "~";
  return rows
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : i - j))
    .map(([r]) => r);
}

/**
 * A list of dates in the usual form (dd/mm/yyyy), and in date order unless `keepOrder`: rows are
 * put in order only where none can move under the pointer (the list opens, the draft is saved);
 * a row that jumped when its box lost focus would take the admin's next click with it.
 */
export function settleDates<L extends "holidays" | "extraDays">(d: Draft, list: L, keepOrder = false): Draft {
  const rows = (d[list] as RowOf<L>[]).map((r) => {
    const tidy = tidyDate(r.date);
    return tidy !== r.date ? { ...r, date: tidy } : r;
  });
  const next = keepOrder ? rows : byDate(rows);
  return next.every((r, i) => r === d[list][i]) ? d : { ...d, [list]: next };
}

/** How many whole slots of this length fit in the center's opening hours of a day: the engine's own count, the one the server books by. */
export function slotsPerDay(center: Pick<Center, "openingHours">, slotMinutes: number): number {
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) return 0;
  const field: Field = { id: "", name: "", nameEn: "", remoteTickets: false, appointments: { slotMinutes, capacity: 1 } };
  // An ordinary working day's count (a Saturday or a season may have fewer): the date only places the slots.
  return slotTimes({ center: { openingHours: center.openingHours } as Center }, field, "2026-01-01").length;
}

/** The bounds the server holds a field's appointments to (protocol's Field), marked here as the admin types. */
const BOOKING_BOUNDS = { slotMinutes: [5, 240], capacity: [1, 200] } as const;

/** A slot length or capacity as typed, when it is a whole number the server takes; null marks the box. */
export function bookingNumber(typed: string, which: keyof typeof BOOKING_BOUNDS): number | null {
  const [min, max] = BOOKING_BOUNDS[which];
  const n = Number(typed.trim());
  return typed.trim() !== "" && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** Sessions as the server wants them: times in HH:mm once they are times; every row kept, so a problem's place is the row's. */
export const spansOut = (spans: DSpan[]): { from: string; to: string }[] => spans.map((s) => ({ from: readTime(s.from) ?? s.from.trim(), to: readTime(s.to) ?? s.to.trim() }));
const planOut = (p: DPlan): { openingHours: Sessions; weekdayHours?: WeekdayHours[] } => ({
  openingHours: spansOut(p.sessions),
  // Left out when none: a configuration without weekdays of their own reads as it always did.
  ...(p.weekdays.length ? { weekdayHours: p.weekdays.map((w) => ({ weekday: w.weekday, sessions: spansOut(w.sessions) })) } : {}),
});
const seasonOut = (s: DSeason): Season => ({
  name: s.name,
  ...(s.nameEn.trim() ? { nameEn: s.nameEn } : {}),
  from: isoDate(s.from) ?? s.from.trim(),
  to: isoDate(s.to) ?? s.to.trim(),
  ...planOut(s.plan),
});

/** A typed number, or null for an empty or non-numeric box: the server then names the field. */
const num = (s: string): number | null => {
  const t = s.trim().replace(",", ".");
  return t === "" || !Number.isFinite(Number(t)) ? null : Number(t);
};
export const idList = (s: string): string[] =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const strip = <T extends Row>({ _key: _k, _new: _n, ...rest }: T): Omit<T, "_key" | "_new"> => rest;
const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> => (value.trim() ? ({ [key]: value.trim() } as Record<K, string>) : {});

/**
 * The body of PUT /api/admin/config. A password goes only where one was typed, and `newKey`
 * only on devices that asked for one; every other record keeps its secret on the server.
 */
export function fromDraft(d: Draft): Record<string, unknown> {
  const { yearlyDossiersPerStaff, notices, address, returnsServiceId, ...center } = d.center;
  return {
    ...d.base,
    center: {
      ...center,
      ...planOut(d.hours),
      ...(d.seasons.length ? { seasons: d.seasons.map(seasonOut) } : {}),
      ...optional("address", address),
      ...optional("returnsServiceId", returnsServiceId),
      // Left empty: the area class's yardstick.
      ...(yearlyDossiersPerStaff.trim() ? { yearlyDossiersPerStaff: num(yearlyDossiersPerStaff) } : {}),
      notices: notices
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    },
    fields: d.fields.map((f) => {
      const { icon, appointments: a, ...rest } = strip(f);
      return { ...rest, ...optional("icon", icon), appointments: a.on ? { slotMinutes: num(a.slotMinutes), capacity: num(a.capacity) } : null };
    }),
    services: d.services.map((s) => ({ ...strip(s), defaultServiceMinutes: num(s.defaultServiceMinutes) })),
    counters: d.counters.map((x) => ({ ...strip(x), number: num(x.number) })),
    priorityGroups: d.groups.map(strip),
    rules: { ...d.base.rules, ...Object.fromEntries(RULES.map((r) => [r, num(d.rules[r])])), issueOutsideHours: d.outsideHours },
    staff: d.staff.map((s) => {
      const { password, ...rest } = strip(s);
      return password ? { ...rest, password } : rest;
    }),
    devices: d.devices.map((x) => {
      const { newKey, fieldIds, counterIds, kioskIds, ...rest } = strip(x);
      return { ...rest, fieldIds: idList(fieldIds), counterIds: idList(counterIds), kioskIds: idList(kioskIds), ...(newKey ? { newKey: true } : {}) };
    }),
    calendar: {
      ...d.base.calendar,
      workingDays: [...d.workingDays].sort((a, b) => a - b),
      // Sent in date order: what comes back, and the next load, reads as a calendar.
      holidays: byDate(d.holidays).map((h) => ({ date: isoDate(h.date) ?? h.date.trim(), name: h.name, nameEn: h.nameEn })),
      extraWorkingDays: byDate(d.extraDays).map((x) => isoDate(x.date) ?? x.date.trim()),
    },
  };
}

/** One row of a list changed. */
export function patchRow<L extends ListName>(d: Draft, list: L, key: string, patch: Partial<RowOf<L>>): Draft {
  const rows = d[list] as RowOf<L>[];
  return { ...d, [list]: rows.map((r) => (r._key === key ? { ...r, ...patch } : r)) };
}

export function removeRow<L extends ListName>(d: Draft, list: L, key: string): Draft {
  const rows = d[list] as RowOf<L>[];
  return { ...d, [list]: rows.filter((r) => r._key !== key) };
}

/** Whether `id` names exactly one row of the list: only then do references follow a rename. */
const sole = (rows: { id: string }[], id: string) => id !== "" && rows.filter((r) => r.id === id).length === 1;

/** A new service's id changes: the counters and the results service that name it follow. */
export function renameService(d: Draft, key: string, id: string): Draft {
  const was = d.services.find((s) => s._key === key)?.id ?? "";
  const next = patchRow(d, "services", key, { id });
  if (!sole(d.services, was)) return next;
  return {
    ...next,
    counters: next.counters.map((c) => (c.serviceIds.includes(was) ? { ...c, serviceIds: c.serviceIds.map((s) => (s === was ? id : s)) } : c)),
    center: next.center.returnsServiceId === was ? { ...next.center, returnsServiceId: id } : next.center,
  };
}

/** A new field's id changes: its services follow. */
export function renameField(d: Draft, key: string, id: string): Draft {
  const was = d.fields.find((f) => f._key === key)?.id ?? "";
  const next = patchRow(d, "fields", key, { id });
  if (!sole(d.fields, was)) return next;
  return { ...next, services: next.services.map((s) => (s.fieldId === was ? { ...s, fieldId: id } : s)) };
}

/** A service goes, and with it its place at every counter (a counter left with none is the server's to refuse). */
export function removeService(d: Draft, key: string): Draft {
  const was = d.services.find((s) => s._key === key)?.id ?? "";
  const next = removeRow(d, "services", key);
  if (!sole(d.services, was)) return next;
  return {
    ...next,
    counters: next.counters.map((c) => (c.serviceIds.includes(was) ? { ...c, serviceIds: c.serviceIds.filter((s) => s !== was) } : c)),
    center: next.center.returnsServiceId === was ? { ...next.center, returnsServiceId: "" } : next.center,
  };
}

/** Moves one of a counter's services up (-1) or down (+1) in its order of preference. */
export function moveCounterService(d: Draft, key: string, index: number, by: -1 | 1): Draft {
  const c = d.counters.find((x) => x._key === key);
  if (!c) return d;
  const to = index + by;
  if (to < 0 || to >= c.serviceIds.length) return d;
  const ids = [...c.serviceIds];
  [ids[index], ids[to]] = [ids[to]!, ids[index]!];
  return patchRow(d, "counters", key, { serviceIds: ids });
}

export const blankField = (): DField => ({ _key: rowKey(), _new: true, id: "", name: "", nameEn: "", icon: "", remoteTickets: false, appointments: bookingDraft(null) });
export const blankHoliday = (): DHoliday => ({ _key: rowKey(), _new: true, date: "", name: "", nameEn: "" });
export const blankExtraDay = (): DExtraDay => ({ _key: rowKey(), _new: true, date: "" });
/** A weekday of its own starts as a morning (the usual Saturday), its times the week's first session. */
export const blankWeekday = (weekday: number, like: DSpan[]): DWeekday => ({ _key: rowKey(), _new: true, weekday, sessions: [{ ...(like[0] ?? { from: "07:30", to: "11:30" }) }] });
/** A new season starts from the year's hours: the admin changes what differs. */
export const blankSeason = (like: DPlan): DSeason => ({
  _key: rowKey(),
  _new: true,
  name: "",
  nameEn: "",
  from: "",
  to: "",
  plan: { sessions: like.sessions.map((s) => ({ ...s })), weekdays: like.weekdays.map((w) => ({ ...w, _key: rowKey(), _new: true, sessions: w.sessions.map((s) => ({ ...s })) })) },
});
export const blankService = (fieldId: string): DService => ({
  _key: rowKey(),
  _new: true,
  id: "",
  code: "",
  name: "",
  nameEn: "",
  fieldId,
  numberRange: { from: 1, to: 999 },
  defaultServiceMinutes: "8",
});
export const blankCounter = (number: number): DCounter => ({
  _key: rowKey(),
  _new: true,
  id: `quay-${number}`,
  number: String(number),
  name: `Quầy ${number}`,
  nameEn: `Counter ${number}`,
  serviceIds: [],
});
export const blankGroup = (): DGroup => ({ _key: rowKey(), _new: true, id: "", name: "", nameEn: "", enabled: true });
export const blankStaff = (): DStaff => ({ _key: rowKey(), _new: true, id: "", username: "", displayName: "", role: "staff", active: true, password: "" });
export const blankDevice = (): DDevice => ({
  _key: rowKey(),
  _new: true,
  id: "",
  kind: "kiosk",
  name: "",
  revoked: false,
  fieldIds: "",
  counterIds: "",
  kioskIds: "",
  // A device without a key could never connect: a new one always gets one.
  newKey: true,
});

// ------------------------------------------------------------------ The province's catalog

/**
 * A ticket code no other procedure of the unit has: the first letter of the name where it is
 * free, else the first free letter, else two letters. The admin may change it.
 */
export function freeCode(services: { code: string }[], name: string): string {
  const taken = new Set(services.map((s) => s.code.trim().toUpperCase()));
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
  const first = fold(name).charAt(0).toUpperCase();
  if (letters.includes(first) && !taken.has(first)) return first;
  const one = letters.find((l) => !taken.has(l));
  if (one) return one;
  for (const a of letters) for (const b of letters) if (!taken.has(a + b)) return a + b;
  return "";
}

/** The catalog's procedures this unit does not receive yet (one of its own of the same id it may hand over to the province's). */
export function offered(d: Draft, catalog: ProvinceCatalog): ProvinceCatalog["services"] {
  return catalog.services.filter((c) => !d.services.some((s) => s.id === c.id && s.province));
}

/**
 * The unit takes a procedure of the catalog: names, field and minutes the province's, a free code,
 * and its field too when the unit has not got it. An entry of its own with the same id becomes the
 * province's, keeping its code, numbers and counters; so does a field of its own.
 */
export function takeFromCatalog(d: Draft, catalog: ProvinceCatalog, serviceId: string): Draft {
  const c = catalog.services.find((x) => x.id === serviceId);
  const cf = c && catalog.fields.find((x) => x.id === c.fieldId);
  if (!c || !cf) return d;
  const named = { name: cf.name, nameEn: cf.nameEn, province: true, ...(cf.icon ? { icon: cf.icon } : {}) };
  const fields = d.fields.some((f) => f.id === cf.id)
    ? d.fields.map((f) => (f.id === cf.id ? { ...f, ...named } : f))
    : [...d.fields, { ...blankField(), id: cf.id, ...named }];
  const service = { name: c.name, nameEn: c.nameEn, fieldId: c.fieldId, province: true };
  const services = d.services.some((s) => s.id === c.id)
    ? d.services.map((s) => (s.id === c.id ? { ...s, ...service } : s))
    : [...d.services, { ...blankService(c.fieldId), id: c.id, code: freeCode(d.services, c.name), defaultServiceMinutes: String(c.defaultServiceMinutes), ...service }];
  return { ...d, fields, services };
}
