import { CenterConfig, Device, Staff, type Lang } from "@motcua/protocol";
import { ADMIN_TEXT, type AdminDict } from "./admin-i18n.ts";
import { byDate, fromDraft, type Draft, type RuleName } from "./admin-draft.ts";
import { dateProblem, isoOf } from "./date-input.ts";

// What is wrong with a draft, said where it is: each problem names the section, the row (its
// screen key, or "center", "rules", "weekdays", "hours") and the box (its name) it belongs to,
// in Vietnamese and English. The protocol's schema is the one judge of a value, so the limits a
// sentence states are read from it; the server's rules between records come back as its lines
// and are placed here by what they name.

export type Section = keyof AdminDict["sections"];
export type Said = Record<Lang, string>;
export interface Problem {
  section: Section;
  /** The row's screen key, or the form's: "center", "rules", "weekdays", "hours". */
  key: string;
  /** The box's name (a session's: sessions.0.from), or a block's: "sessions", "weekdays", "workingDays". */
  field: string;
  /** Which record, for the list at the top: «Thủ tục "Đăng ký thường trú"». */
  where: Said;
  text: Said;
}

type Path = readonly PropertyKey[];
interface Issue {
  code: string;
  path: Path;
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
}

const both = (vi: string, en: string): Said => ({ vi, en });
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** What each box is called in a sentence, and the unit its number counts. */
const LABELS: Record<string, [vi: string, en: string, unit?: [string, string]]> = {
  "center.name": ["Tên trung tâm", "Center name"],
  "center.address": ["Địa chỉ", "Address"],
  "center.hotline": ["Đường dây nóng", "Hotline"],
  "center.dayResetTime": ["Giờ bắt đầu ngày mới", "Start of a new day"],
  "center.yearlyDossiersPerStaff": ["Định mức hồ sơ mỗi cán bộ một năm", "Dossiers per officer a year", ["hồ sơ", "dossiers"]],
  "center.notices": ["Thông báo", "Notices"],
  "fields.name": ["Tên lĩnh vực", "Field name"],
  "fields.icon": ["Biểu tượng", "Icon"],
  "fields.slotMinutes": ["Khung giờ hẹn", "Appointment slot", ["phút", "minutes"]],
  "fields.capacity": ["Số người mỗi khung giờ", "People per slot", ["người", "people"]],
  "services.code": ["Ký hiệu", "Code"],
  "services.name": ["Tên thủ tục", "Procedure name"],
  "services.fieldId": ["Lĩnh vực", "Field"],
  "services.defaultServiceMinutes": ["Thời gian phục vụ", "Service time", ["phút", "minutes"]],
  "services.aliases": ["Tên gọi khác", "Other names"],
  "counters.number": ["Số quầy", "Counter number"],
  "counters.name": ["Tên quầy", "Counter name"],
  "groups.name": ["Tên nhóm ưu tiên", "Group name"],
  "staff.username": ["Tên đăng nhập", "Username"],
  "staff.displayName": ["Họ tên", "Full name"],
  "devices.name": ["Tên thiết bị", "Device name"],
  "holidays.name": ["Tên ngày nghỉ", "Holiday name"],
  "seasons.name": ["Tên khoảng giờ", "Name of the period"],
  "hours.from": ["Giờ bắt đầu", "Opening time"],
  "hours.to": ["Giờ kết thúc", "Closing time"],
  id: ["Mã định danh", "Id"],
  name: ["Tên", "Name"],
  nameEn: ["Tên tiếng Anh", "English name"],
};

/** Words for a refinement's own message (protocol/src/domain.ts). */
const CUSTOM: Record<string, Said> = {
  "id: this word is reserved, choose another": both("Hệ thống đã dùng từ này; vui lòng chọn mã khác.", "This word is reserved; please choose another id."),
  "from must be before to": both("Giờ kết thúc phải sau giờ bắt đầu.", "The closing time must be after the opening time."),
  "opening hours must be in order and must not overlap": both(
    "Các buổi phải theo thứ tự trong ngày và không chồng lên nhau (ví dụ sáng 07:30–11:30, chiều 13:30–17:00).",
    "Sessions must follow each other through the day without overlapping (for example 07:30–11:30, 13:30–17:00).",
  ),
  "seasons must not overlap": both("Khoảng ngày này trùng với một khoảng giờ theo mùa khác; mỗi ngày chỉ theo một khoảng.", "These dates overlap another period; each day follows one period only."),
  "a season must end on or after the day it starts": both("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.", "The last day must be on or after the first."),
  "each weekday once": both("Mỗi ngày trong tuần chỉ đặt giờ riêng một lần.", "Give each weekday its own hours once only."),
  "must not contain control characters": both("Ô này có ký tự lạ (xuống dòng, tab); vui lòng gõ lại.", "This box holds odd characters (a line break, a tab); please type it again."),
  "numberRange.from must be below numberRange.to": both("Dãy số phải có số đầu nhỏ hơn số cuối.", "The number range must start below its end."),
  "a counter must serve at least one service": both(
    "Quầy cần phục vụ ít nhất một thủ tục: chọn ở ô «Thêm thủ tục cho quầy» hoặc xoá quầy.",
    "A counter must serve at least one procedure: choose one in “Add a procedure” or remove the counter.",
  ),
};

/** Words for a value of the wrong form, by the kind of box. */
const FORMAT: Record<string, Said> = {
  id: both("Mã định danh chỉ gồm chữ thường không dấu, chữ số và dấu '-', tối đa 40 ký tự (ví dụ dang-ky-khai-sinh).", "An id has lowercase letters without accents, digits and '-', at most 40 (for example birth-registration)."),
  code: both("Ký hiệu là một hoặc hai chữ cái in hoa, ví dụ A hoặc KS.", "A code is one or two capital letters, for example A or KS."),
  hotline: both("Đường dây nóng chỉ gồm chữ số, dấu cách, dấu chấm hoặc dấu +, từ 3 đến 20 ký tự.", "A hotline has digits, spaces, dots or +, 3 to 20 of them."),
  username: both("Tên đăng nhập gồm 2–32 chữ thường không dấu, chữ số, dấu '.', '_' hoặc '-'.", "A username is 2–32 lowercase letters, digits, '.', '_' or '-'."),
  time: both("Giờ viết theo dạng giờ:phút, 24 giờ, ví dụ 07:30 hoặc 13:30.", "Write the time as hours:minutes on a 24-hour clock, for example 07:30 or 13:30."),
};

const formatOf = (field: string): string | null => {
  const last = field.split(".").pop()!;
  if (last === "from" || last === "to" || last === "dayResetTime") return "time";
  return last in FORMAT ? last : null;
};

// ---------------------------------------------------------------------------- the schema's limits

type Schema = { _zod: { def: Record<string, unknown> } } & Record<string, unknown>;
const unwrap = (s: Schema | undefined): Schema | undefined => {
  let x = s;
  while (x && ["default", "optional", "nullable", "prefault"].includes(x._zod.def.type as string)) x = x._zod.def.innerType as Schema;
  return x;
};

/** The schema of the value at `path` within `root`, as far as it can be followed. */
export function schemaAt(root: unknown, path: Path): Schema | undefined {
  let s = unwrap(root as Schema);
  for (const k of path) {
    if (!s) return undefined;
    const def = s._zod.def;
    if (def.type === "object") s = unwrap((def.shape as Record<string, Schema>)[String(k)]);
    else if (def.type === "array") s = unwrap(def.element as Schema);
    else return undefined;
  }
  return s;
}

/** A number's bounds as the schema holds them. */
function boundsOf(s: Schema | undefined): { min: number; max: number; int: boolean } | null {
  if (!s || s._zod.def.type !== "number") return null;
  const min = s.minValue as number | null;
  const max = s.maxValue as number | null;
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return null;
  return { min, max, int: Boolean(s.isInt) };
}

// ----------------------------------------------------------------------------------- sentences

function labelOf(list: string, field: string, lang: Lang): { label: string; unit: string | null } {
  const last = field.split(".").pop()!;
  if (list === "rules") {
    const rule = ADMIN_TEXT[lang].rule[last as RuleName];
    if (rule) return { label: rule, unit: null };
  }
  const row = LABELS[`${list}.${last}`] ?? LABELS[last];
  if (!row) return { label: lang === "vi" ? "Ô này" : "This box", unit: null };
  return { label: lang === "vi" ? row[0] : row[1], unit: row[2] ? (lang === "vi" ? row[2][0] : row[2][1]) : null };
}

function numberSentence(label: string, unit: string | null, b: { min: number; max: number; int: boolean }, lang: Lang): string {
  if (lang === "vi") {
    if (b.int) return `${label} phải là số nguyên từ ${b.min} đến ${b.max}${unit ? ` ${unit}` : ""}.`;
    return `${label} phải là số ${unit ?? ""} lớn hơn ${b.min}, tối đa ${b.max}.`.replace("số  lớn", "số lớn");
  }
  if (b.int) return `${label} must be a whole number from ${b.min} to ${b.max}${unit ? ` ${unit}` : ""}.`;
  return `${label} must be a number of ${unit ?? "units"} above ${b.min}, at most ${b.max}.`;
}

/** One issue of the schema's, in the clerk's words. `typed` is the box's text where the draft keeps one (a date). */
export function sentence(issue: Issue, list: string, field: string, lang: Lang, leaf: Schema | undefined, typed?: string): string {
  const vi = lang === "vi";
  const custom = CUSTOM[issue.message];
  if (custom && issue.code === "custom") return custom[lang];
  if (typed !== undefined) {
    const d = dateProblem(typed, lang);
    if (d) return d;
  }
  const { label, unit } = labelOf(list, field, lang);
  const bounds = boundsOf(leaf);
  if (bounds && (issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_type" || issue.origin === "number")) {
    return numberSentence(label, unit, bounds, lang);
  }
  if (custom) return custom[lang];
  if (issue.code === "invalid_format") {
    const kind = formatOf(field);
    if (kind) return FORMAT[kind]![lang];
    return vi ? `${label} chưa đúng dạng.` : `${label} is not in the right form.`;
  }
  if (issue.origin === "string" && issue.code === "too_small") return vi ? `Vui lòng nhập ${lower(label)}.` : `Please fill in the ${lower(label)}.`;
  if (issue.origin === "string" && issue.code === "too_big") return vi ? `${label} dài tối đa ${issue.maximum} ký tự.` : `${label} takes at most ${issue.maximum} characters.`;
  if (issue.origin === "array" && field === "sessions" && issue.code === "too_small") return vi ? "Cần ít nhất một buổi làm việc." : "At least one session is needed.";
  if (issue.origin === "array" && field === "workingDays") return vi ? "Chọn ít nhất một ngày làm việc." : "Choose at least one working day.";
  if (issue.origin === "array" && issue.code === "too_big") return vi ? `${label}: tối đa ${issue.maximum} dòng.` : `${label}: at most ${issue.maximum} lines.`;
  if (issue.code === "invalid_type") return vi ? `Vui lòng nhập ${lower(label)}.` : `Please fill in the ${lower(label)}.`;
  if (issue.code === "invalid_value") return vi ? `${label}: vui lòng chọn lại.` : `${label}: please choose again.`;
  return vi ? `${label} chưa đúng.` : `${label} is not right.`;
}

// ------------------------------------------------------------------------------------ places

const quoted = (lang: Lang, x: { name?: string; nameEn?: string; id?: string }) => {
  const n = (lang === "en" ? x.nameEn || x.name : x.name) || x.id || "…";
  return lang === "vi" ? `«${n}»` : `“${n}”`;
};
const W = (fn: (lang: Lang, t: AdminDict) => string): Said => ({ vi: fn("vi", ADMIN_TEXT.vi), en: fn("en", ADMIN_TEXT.en) });

interface Place {
  section: Section;
  key: string;
  field: string;
  /** The list whose labels name the box (LABELS' first part). */
  list: string;
  where: Said;
  /** The box's text where the sentence needs it (a date as typed). */
  typed?: string;
}

/** A session's box from the rest of its path: [0, "from"], [0] (its order), [] (the list). */
const sessionField = (rest: Path): string => (rest.length === 0 ? "sessions" : `sessions.${String(rest[0])}.${rest[1] === undefined ? "to" : String(rest[1])}`);

/** Where a path of the body (the PUT's, or the schema's) is on the screen; null for nothing shown. */
export function placeOf(d: Draft, path: Path): Place | null {
  const [top, ...rest] = path;
  const i = Number(rest[0]);
  const field = (k: PropertyKey | undefined, or: string) => (k === undefined ? or : String(k));
  switch (top) {
    case "center": {
      const [f, ...more] = rest;
      const hours = W((_, t) => t.hoursTitle);
      if (f === "openingHours") return { section: "calendar", key: "hours", field: sessionField(more), list: "hours", where: hours };
      if (f === "weekdayHours") {
        const w = d.hours.weekdays[Number(more[0])];
        if (!w || more[1] !== "sessions") return { section: "calendar", key: "hours", field: "weekdays", list: "hours", where: hours };
        return { section: "calendar", key: w._key, field: sessionField(more.slice(2)), list: "hours", where: W((_, t) => `${t.hoursTitle} · ${t.weekdays[w.weekday - 1]}`) };
      }
      if (f === "seasons") {
        const s = d.seasons[Number(more[0])];
        if (!s) return { section: "calendar", key: "seasons", field: "seasons", list: "seasons", where: W((_, t) => t.seasons) };
        const where = W((lang, t) => `${t.season} ${quoted(lang, s)}`);
        const [g, ...m] = more.slice(1);
        if (g === "openingHours") return { section: "calendar", key: s._key, field: sessionField(m), list: "hours", where };
        if (g === "weekdayHours") {
          const w = s.plan.weekdays[Number(m[0])];
          if (!w || m[1] !== "sessions") return { section: "calendar", key: s._key, field: "weekdays", list: "hours", where };
          return { section: "calendar", key: w._key, field: sessionField(m.slice(2)), list: "hours", where };
        }
        const box = field(g, "name");
        return { section: "calendar", key: s._key, field: box, list: "seasons", where, ...(box === "from" || box === "to" ? { typed: s[box] } : {}) };
      }
      return { section: "center", key: "center", field: field(f, "name"), list: "center", where: W((_, t) => t.sections.center) };
    }
    case "fields": {
      const f = d.fields[i];
      if (!f) return null;
      const box = rest[1] === "appointments" ? field(rest[2], "slotMinutes") : field(rest[1], "id");
      return { section: "catalog", key: f._key, field: box, list: "fields", where: W((lang, t) => `${t.field} ${quoted(lang, f)}`) };
    }
    case "services": {
      const s = d.services[i];
      if (!s) return null;
      // Its number range is not on this screen: its code is what a clerk changes to part two procedures.
      const box = rest[1] === "numberRange" ? "code" : field(rest[1], "id");
      return { section: "catalog", key: s._key, field: box, list: "services", where: W((lang, t) => `${t.service} ${quoted(lang, s)}`) };
    }
    case "counters": {
      const c = d.counters[i];
      if (!c) return null;
      const box = rest[1] === "serviceIds" ? "addService" : field(rest[1], "id");
      return { section: "counters", key: c._key, field: box, list: "counters", where: W((lang, t) => `${t.counter} ${c.number || quoted(lang, c)}`) };
    }
    case "priorityGroups": {
      const g = d.groups[i];
      if (!g) return null;
      return { section: "rules", key: g._key, field: field(rest[1], "id"), list: "groups", where: W((lang, t) => `${t.groups} ${quoted(lang, g)}`) };
    }
    case "staff": {
      const s = d.staff[i];
      if (!s) return null;
      return { section: "staff", key: s._key, field: field(rest[1], "id"), list: "staff", where: W((lang, t) => `${t.account} ${quoted(lang, { name: s.username || s.id })}`) };
    }
    case "devices": {
      const x = d.devices[i];
      if (!x) return null;
      return { section: "devices", key: x._key, field: field(rest[1], "id"), list: "devices", where: W((lang, t) => `${t.device} ${quoted(lang, x)}`) };
    }
    case "rules":
      return { section: "rules", key: "rules", field: field(rest[0], "fairnessCap"), list: "rules", where: W((_, t) => t.rules) };
    case "calendar": {
      const [list, at, box] = rest;
      if (list === "holidays") {
        const h = byDate(d.holidays)[Number(at)];
        if (!h) return null;
        const b = field(box, "date");
        return { section: "calendar", key: h._key, field: b, list: "holidays", where: W((_, t) => `${t.holiday} ${h.date.trim() || "…"}`), ...(b === "date" ? { typed: h.date } : {}) };
      }
      if (list === "extraWorkingDays") {
        const x = byDate(d.extraDays)[Number(at)];
        if (!x) return null;
        return { section: "calendar", key: x._key, field: "date", list: "extraDays", where: W((_, t) => `${t.extraDay} ${x.date.trim() || "…"}`), typed: x.date };
      }
      return { section: "calendar", key: "weekdays", field: "workingDays", list: "calendar", where: W((_, t) => t.workingDays) };
    }
    default:
      return null;
  }
}

const problemOf = (d: Draft, issue: Issue, leaf: Schema | undefined): Problem | null => {
  const place = placeOf(d, issue.path);
  if (!place) return null;
  const text = W((lang) => sentence(issue, place.list, place.field, lang, leaf, place.typed));
  return { section: place.section, key: place.key, field: place.field, where: place.where, text };
};

/** One problem a box: the first the schema finds there. */
const firstPerBox = (list: Problem[]): Problem[] => list.filter((p, i) => list.findIndex((q) => q.key === p.key && q.field === p.field) === i);

/** The configuration's schema without the secrets the screen never holds (the server keeps them). */
const Body = CenterConfig.omit({ staff: true, devices: true });
const StaffOut = Staff.omit({ passwordHash: true });
const DeviceOut = Device.omit({ keyHash: true });

/**
 * What the protocol's schema says of the draft, placed and worded, before anything is sent: the
 * server would refuse the same, with paths only. Passwords follow the server's own rule (6–128
 * characters, a new account must have one).
 */
export function checkDraft(d: Draft): Problem[] {
  const body = fromDraft(d) as Record<string, unknown> & { staff: unknown[]; devices: unknown[] };
  const out: (Problem | null)[] = [];
  const r = Body.safeParse(body);
  if (!r.success) for (const e of r.error.issues as Issue[]) out.push(problemOf(d, e, schemaAt(CenterConfig, e.path)));
  // Each account and device on its own: their schema's limits are read from it, their place from the list.
  const each = (list: "staff" | "devices", schema: typeof StaffOut | typeof DeviceOut) =>
    body[list].forEach((x, i) => {
      const v = schema.safeParse(x);
      if (!v.success) for (const e of v.error.issues as Issue[]) out.push(problemOf(d, { ...e, path: [list, i, ...e.path] }, schemaAt(schema, e.path)));
    });
  each("staff", StaffOut);
  each("devices", DeviceOut);
  const passwords = d.staff.flatMap((s): Problem[] => {
    const p = s.password;
    const bad = s._new ? p.replace(/\s/g, "").length < 6 || p.length > 128 : p !== "" && (p.replace(/\s/g, "").length < 6 || p.length > 128);
    if (!bad) return [];
    return [{ section: "staff", key: s._key, field: "password", where: W((lang, t) => `${t.account} ${quoted(lang, { name: s.username || s.id })}`), text: W((lang, t) => (s._new && p === "" ? t.passwordNeeded : t.passwordRule)) }];
  });
  return firstPerBox([...out.filter((p): p is Problem => p !== null), ...passwords]);
}

// ----------------------------------------------------------------------- the server's own lines

const byId = <T extends { id: string }>(rows: T[], id: string) => rows.filter((r) => r.id === id);

/**
 * The server's refusal, one line a problem ("services.3.code: …", "duplicate counter number: 4",
 * "service x: unknown field y"), placed on the rows it names; lines that name nothing on the
 * screen (a counter still open, say) come back as `rest`, in words where they are known.
 */
export function serverProblems(d: Draft, message: string, sent?: Record<string, unknown>): { problems: Problem[]; rest: Said[] } {
  const problems: Problem[] = [];
  const rest: Said[] = [];
  const at = (section: Section, key: string, field: string, where: Said, text: Said) => problems.push({ section, key, field, where, text });
  const named = (lang: Lang, x: { name?: string; nameEn?: string; id?: string }) => quoted(lang, x);
  for (const line of message.split("; ").filter(Boolean)) {
    let m: RegExpExecArray | null;
    // A schema path first: the body's own place.
    if ((m = /^((?:center|fields|services|counters|priorityGroups|staff|devices|rules|calendar)(?:\.[\w]+)*): (.*)$/.exec(line))) {
      const path = m[1]!.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k));
      const place = placeOf(d, path);
      if (place) {
        let value: unknown = sent;
        for (const k of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[k as string];
        const leaf = schemaAt(CenterConfig, path);
        const issue = (leaf as unknown as { safeParse?: (v: unknown) => { error?: { issues: Issue[] } } } | undefined)?.safeParse?.(value).error?.issues[0];
        const text = W((lang) => sentence(issue ? { ...issue, path } : { code: "custom", path, message: m![2]! }, place.list, place.field, lang, leaf, place.typed));
        at(place.section, place.key, place.field, place.where, text);
        continue;
      }
    }
    if ((m = /^duplicate (field id|service id|counter id|counter number|priority group id|staff id|username|device id|holiday date|extra working day): (.+)$/.exec(line))) {
      const values = m[2]!.split(", ");
      const what = m[1]!;
      const twice = W((_, t) => t.twiceText[what as keyof AdminDict["twiceText"]]);
      const mark = <R extends { _key: string }>(section: Section, rows: R[], value: (r: R) => string, field: string, where: (lang: Lang, t: AdminDict, r: R) => string) => {
        for (const r of rows.filter((r) => values.includes(value(r)))) at(section, r._key, field, W((lang, t) => where(lang, t, r)), twice);
      };
      if (what === "field id") mark("catalog", d.fields, (r) => r.id, "id", (l, t, r) => `${t.field} ${named(l, r)}`);
      else if (what === "service id") mark("catalog", d.services, (r) => r.id, "id", (l, t, r) => `${t.service} ${named(l, r)}`);
      else if (what === "counter id") mark("counters", d.counters, (r) => r.id, "id", (_, t, r) => `${t.counter} ${r.number}`);
      else if (what === "counter number") mark("counters", d.counters, (r) => String(Number(r.number)), "number", (_, t, r) => `${t.counter} ${r.number}`);
      else if (what === "priority group id") mark("rules", d.groups, (r) => r.id, "id", (l, t, r) => `${t.groups} ${named(l, r)}`);
      else if (what === "staff id") mark("staff", d.staff, (r) => r.id, "id", (l, t, r) => `${t.account} ${named(l, { name: r.username })}`);
      else if (what === "username") mark("staff", d.staff, (r) => r.username, "username", (l, t, r) => `${t.account} ${named(l, { name: r.username })}`);
      else if (what === "device id") mark("devices", d.devices, (r) => r.id, "id", (l, t, r) => `${t.device} ${named(l, r)}`);
      else if (what === "holiday date") mark("calendar", d.holidays, (r) => isoOf(r.date) ?? "", "date", (_, t, r) => `${t.holiday} ${r.date}`);
      else mark("calendar", d.extraDays, (r) => isoOf(r.date) ?? "", "date", (_, t, r) => `${t.extraDay} ${r.date}`);
      continue;
    }
    if ((m = /^service (\S+): unknown field (\S+)$/.exec(line))) {
      for (const s of byId(d.services, m[1]!)) at("catalog", s._key, "fieldId", W((l, t) => `${t.service} ${named(l, s)}`), W((_, t) => t.chooseAgain));
      continue;
    }
    if ((m = /^services (\S+) and (\S+) share code (\S+) with overlapping number ranges$/.exec(line))) {
      const code = m[3]!;
      for (const s of d.services.filter((x) => x.id === m![1] || x.id === m![2])) at("catalog", s._key, "code", W((l, t) => `${t.service} ${named(l, s)}`), W((_, t) => t.codeTaken(code)));
      continue;
    }
    if ((m = /^counter (\S+): (?:unknown service|service listed twice:) (.+)$/.exec(line))) {
      for (const c of byId(d.counters, m[1]!)) at("counters", c._key, "addService", W((_, t) => `${t.counter} ${c.number}`), W((_, t) => t.counterServiceWrong));
      continue;
    }
    if (/^center\.returnsServiceId: no service/.test(line)) {
      at("center", "center", "returnsServiceId", W((_, t) => t.sections.center), W((_, t) => t.chooseAgain));
      continue;
    }
    if ((m = /^calendar: (\S+) is both a holiday and an extra working day$/.exec(line))) {
      const day = m[1]!;
      for (const x of d.extraDays.filter((r) => isoOf(r.date) === day)) at("calendar", x._key, "date", W((_, t) => `${t.extraDay} ${x.date}`), W((_, t) => t.bothHolidayAndExtra));
      continue;
    }
    if (line === "keep at least one active admin account") {
      rest.push(W((_, t) => t.keepAdmin));
      continue;
    }
    if ((m = /^staff "(.+)": /.exec(line))) {
      for (const s of byId(d.staff, m[1]!)) at("staff", s._key, "password", W((l, t) => `${t.account} ${named(l, { name: s.username })}`), W((_, t) => (s._new && !s.password ? t.passwordNeeded : t.passwordRule)));
      continue;
    }
    if ((m = /^close counter (\S+) before removing it$/.exec(line))) {
      const id = m[1]!;
      rest.push(W((_, t) => t.closeFirst(id)));
      continue;
    }
    if ((m = /^(?:counter|service) (\S+) (?:still has|has remote numbers)/.exec(line))) {
      const id = m[1]!;
      rest.push(W((_, t) => t.stillInUse(id)));
      continue;
    }
    rest.push({ vi: line, en: line });
  }
  return { problems: firstPerBox(problems), rest };
}
