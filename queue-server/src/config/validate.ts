import { CenterConfig, describeZodError } from "@motcua/protocol";
import { BOOK, REMOTE } from "../auth/principal.ts";

export type ConfigCheck = { ok: true; config: CenterConfig } | { ok: false; message: string };


function duplicates<T>(items: T[], key: (t: T) => string | number): string[] {
  const seen = new Set<string | number>();
  const dup = new Set<string>();
  for (const it of items) {
    const k = key(it);
    if (seen.has(k)) dup.add(String(k));
    seen.add(k);
  }
  return [...dup];
}

/** Schema first, then the rules between records; every refusal names what to fix. */
export function validateConfig(input: unknown): ConfigCheck {
  const parsed = CenterConfig.safeParse(input);
  if (!parsed.success) return { ok: false, message: describeZodError(parsed.error) };
  const c = parsed.data;
  const problems: string[] = [];
  const unique = (what: string, list: string[]) => list.length && problems.push(`duplicate ${what}: ${list.join(", ")}`);
  unique("field id", duplicates(c.fields, (f) => f.id));
  unique("service id", duplicates(c.services, (s) => s.id));
  unique("counter id", duplicates(c.counters, (x) => x.id));
  unique("counter number", duplicates(c.counters, (x) => x.number));
  unique("priority group id", duplicates(c.priorityGroups, (g) => g.id));
  unique("staff id", duplicates(c.staff, (s) => s.id));
  unique("username", duplicates(c.staff, (s) => s.username));
  unique("device id", duplicates(c.devices, (d) => d.id));
  if (c.devices.some((d) => d.id === REMOTE.id)) problems.push(`device ${REMOTE.id}: this id is kept for citizens' phones, choose another`);
  if (c.devices.some((d) => d.id === BOOK.id)) problems.push(`device ${BOOK.id}: this id is kept for the appointment book, choose another`);
  unique("device key", duplicates(c.devices, (d) => d.keyHash));

  const fieldIds = new Set(c.fields.map((f) => f.id));
  const serviceIds = new Set(c.services.map((s) => s.id));
  if (c.center.returnsServiceId !== undefined && !serviceIds.has(c.center.returnsServiceId)) {
    problems.push(`center.returnsServiceId: no service ${c.center.returnsServiceId}`);
  }
  for (const s of c.services) {
    // One no counter serves is saved, and not offered until one does (the engine's isServed).
    if (!fieldIds.has(s.fieldId)) problems.push(`service ${s.id}: unknown field ${s.fieldId}`);
  }
  // Two services may share a prefix only with number ranges that never overlap.
  for (let i = 0; i < c.services.length; i++) {
    for (let j = i + 1; j < c.services.length; j++) {
      const a = c.services[i]!;
      const b = c.services[j]!;
      if (a.code === b.code && a.numberRange.from <= b.numberRange.to && b.numberRange.from <= a.numberRange.to) {
        problems.push(`services ${a.id} and ${b.id} share code ${a.code} with overlapping number ranges`);
      }
    }
  }
  for (const x of c.counters) {
    for (const sid of x.serviceIds) if (!serviceIds.has(sid)) problems.push(`counter ${x.id}: unknown service ${sid}`);
    const dup = duplicates(x.serviceIds, (s) => s);
    if (dup.length) problems.push(`counter ${x.id}: service listed twice: ${dup.join(", ")}`);
  }
  for (const d of c.devices) {
    for (const f of d.fieldIds) if (!fieldIds.has(f)) problems.push(`device ${d.id}: unknown field ${f}`);
    for (const k of d.counterIds) if (!c.counters.some((x) => x.id === k)) problems.push(`device ${d.id}: unknown counter ${k}`);
    for (const k of d.kioskIds) if (!c.devices.some((x) => x.id === k && x.kind === "kiosk")) problems.push(`device ${d.id}: no kiosk ${k}`);
  }
  // One printer per kiosk: two stations for the same kiosk would print each ticket twice.
  const stations = c.devices.filter((d) => d.kind === "station" && !d.revoked);
  for (const k of c.devices.filter((d) => d.kind === "kiosk")) {
    const printing = stations.filter((s) => s.kioskIds.length === 0 || s.kioskIds.includes(k.id)).map((s) => s.id);
    if (printing.length > 1) problems.push(`kiosk ${k.id} is printed for by several stations (${printing.join(", ")}): give each station its own kioskIds`);
  }
  unique("holiday date", duplicates(c.calendar.holidays, (h) => h.date));
  unique("extra working day", duplicates(c.calendar.extraWorkingDays, (d) => d));
  for (const d of c.calendar.extraWorkingDays) {
    if (c.calendar.holidays.some((h) => h.date === d)) problems.push(`calendar: ${d} is both a holiday and an extra working day`);
  }
  if (!c.staff.some((s) => s.role === "admin" && s.active)) problems.push("keep at least one active admin account");
  return problems.length ? { ok: false, message: problems.join("; ") } : { ok: true, config: c };
}
