import type { CatalogApplied, CatalogField, CatalogService, Holiday, ProvinceCatalog } from "@motcua/protocol";
import { byDate, isoDate } from "./admin-draft.ts";
import { slug } from "./slug.ts";

/**
 * The province's catalog as its screen edits it. A new field's or procedure's id follows its
 * name (without diacritics) until the catalog is saved; a saved id stays, as every unit that
 * received the entry knows it by that id. Minutes stay as typed until the save.
 */
interface Row {
  /** A key for this screen only. */
  _key: string;
  /** Added here and not saved yet: its id still follows its name. */
  _new: boolean;
}
export type CField = CatalogField & Row;
export type CService = Omit<CatalogService, "defaultServiceMinutes"> & Row & { defaultServiceMinutes: string };
export type CHoliday = Holiday & Row;
export interface CatalogDraft {
  /** The catalog as loaded: its listing and rule defaults go back as they came (this screen does not edit them). */
  base: ProvinceCatalog;
  fields: CField[];
  services: CService[];
  holidays: CHoliday[];
}
export type CList = Exclude<keyof CatalogDraft, "base">;
type RowIn<L extends CList> = CatalogDraft[L][number];

let seq = 0;
const rowKey = (): string => `c${++seq}`;
const old = <T extends object>(x: T): T & Row => ({ ...x, _key: rowKey(), _new: false });

export function toCatalogDraft(c: ProvinceCatalog): CatalogDraft {
  return {
    base: c,
    fields: c.fields.map((f) => old({ ...f })),
    services: c.services.map((s) => old({ ...s, defaultServiceMinutes: String(s.defaultServiceMinutes) })),
    holidays: byDate(c.holidays.map((h) => old({ ...h }))),
  };
}

const strip = <T extends Row>({ _key: _k, _new: _n, ...rest }: T): Omit<T, "_key" | "_new"> => rest;
const minutes = (s: string): number => Number(s.trim().replace(",", "."));

/** The body of PUT /api/province/catalog: names trimmed, minutes as numbers, holidays as dates in date order. */
export function fromCatalogDraft(d: CatalogDraft): ProvinceCatalog {
  const ids = new Set(d.services.map((s) => s.id));
  return {
    ...d.base,
    // A procedure taken out of the catalog takes its listing with it.
    listing: d.base.listing.filter((p) => ids.has(p.serviceId)),
    fields: d.fields.map((f) => ({ ...strip(f), name: f.name.trim(), nameEn: f.nameEn.trim() })),
    services: d.services.map((s) => ({ ...strip(s), name: s.name.trim(), nameEn: s.nameEn.trim(), defaultServiceMinutes: minutes(s.defaultServiceMinutes) })),
    holidays: byDate(d.holidays).map((h) => ({ date: isoDate(h.date) ?? h.date.trim(), name: h.name.trim(), nameEn: h.nameEn.trim() })),
  };
}

/** An id made from a name that no other entry of the list has: "ho-tich", else "ho-tich-2", "ho-tich-3"… */
export function freeId(name: string, taken: string[]): string {
  const base = slug(name).slice(0, 36).replace(/-+$/, "");
  if (!base) return "";
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

export const blankCatalogField = (): CField => ({ _key: rowKey(), _new: true, id: "", name: "", nameEn: "" });
export const blankCatalogService = (fieldId: string): CService => ({ _key: rowKey(), _new: true, id: "", name: "", nameEn: "", fieldId, defaultServiceMinutes: "8" });
export const blankCatalogHoliday = (): CHoliday => ({ _key: rowKey(), _new: true, date: "", name: "", nameEn: "" });

/** A row added at the end of its list. */
export function addRow<L extends CList>(d: CatalogDraft, list: L, row: RowIn<L>): CatalogDraft {
  return { ...d, [list]: [...(d[list] as RowIn<L>[]), row] };
}

export function patchRow<L extends CList>(d: CatalogDraft, list: L, key: string, patch: Partial<RowIn<L>>): CatalogDraft {
  return { ...d, [list]: (d[list] as RowIn<L>[]).map((r) => (r._key === key ? { ...r, ...patch } : r)) };
}

/** A field goes only once no procedure is in it (the screen's button says so); a procedure or a holiday goes at once. */
export function removeRow<L extends CList>(d: CatalogDraft, list: L, key: string): CatalogDraft {
  if (list === "fields") {
    const f = d.fields.find((x) => x._key === key);
    if (f && inUse(d, f)) return d;
  }
  return { ...d, [list]: (d[list] as RowIn<L>[]).filter((r) => r._key !== key) };
}

/** Procedures are in this field. */
export const inUse = (d: CatalogDraft, f: CField): boolean => f.id !== "" && d.services.some((s) => s.fieldId === f.id);

/** A field renamed: a new one's id follows the name, and its procedures follow the id. */
export function nameField(d: CatalogDraft, key: string, name: string): CatalogDraft {
  const f = d.fields.find((x) => x._key === key);
  if (!f) return d;
  if (!f._new) return patchRow(d, "fields", key, { name });
  const id = freeId(name, d.fields.filter((x) => x._key !== key).map((x) => x.id));
  const next = patchRow(d, "fields", key, { name, id });
  return f.id === "" || f.id === id ? next : { ...next, services: next.services.map((s) => (s.fieldId === f.id ? { ...s, fieldId: id } : s)) };
}

/** A procedure renamed: a new one's id follows the name. */
export function nameService(d: CatalogDraft, key: string, name: string): CatalogDraft {
  const s = d.services.find((x) => x._key === key);
  if (!s) return d;
  if (!s._new) return patchRow(d, "services", key, { name });
  return patchRow(d, "services", key, { name, id: freeId(name, d.services.filter((x) => x._key !== key).map((x) => x.id)) });
}

/** The boxes the screen marks, by row key: the save waits until there are none (the server still decides). */
export type CBox = "name" | "nameEn" | "minutes" | "date";
export interface CProblem {
  key: string;
  box: CBox;
}

export function catalogProblems(d: CatalogDraft): CProblem[] {
  const out: CProblem[] = [];
  const named = (rows: { _key: string; id?: string; name: string; nameEn: string }[]) => {
    for (const r of rows) {
      // A name with no letter or digit makes no id.
      if (!r.name.trim() || r.id === "") out.push({ key: r._key, box: "name" });
      if (!r.nameEn.trim()) out.push({ key: r._key, box: "nameEn" });
    }
  };
  named(d.fields);
  named(d.services);
  for (const s of d.services) {
    const m = minutes(s.defaultServiceMinutes);
    if (!s.defaultServiceMinutes.trim() || !(m > 0 && m <= 240)) out.push({ key: s._key, box: "minutes" });
  }
  const dates = d.holidays.map((h) => isoDate(h.date));
  d.holidays.forEach((h, i) => {
    const date = dates[i];
    if (!date || dates.indexOf(date) !== i) out.push({ key: h._key, box: "date" });
  });
  named(d.holidays);
  return out;
}

/** What a save came to in the units: how many took it, and those that could not yet, with why. */
export function appliedIn(units: CatalogApplied["units"]): { updated: number; refused: { id: string; message: string }[] } {
  return {
    updated: units.filter((u) => u.ok).length,
    refused: units.filter((u) => !u.ok).map((u) => ({ id: u.id, message: u.message ?? "" })),
  };
}
