/**
 * Inputs for the fuzzer (fuzz.ts), made from the protocol's own zod schemas: values of the shape
 * a schema asks for, and mutations of them that a broken or hostile client would send. A seeded
 * generator and no dependency: the same seed makes the same inputs.
 */
import { BOOKING_CODE_ALPHABET } from "@motcua/protocol";
import type { z } from "zod";

/** mulberry32: small, fast, and good enough to pick inputs. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** min..max, both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

/** The seed of input `i` of a run: each input is made by its own generator, whatever ran before it. */
export const seedOf = (seed: number, i: number): number => Math.imul(seed ^ 0x5bd1e995, 0x01000193) ^ Math.imul(i + 1, 0x9e3779b1);

/**
 * Strings the hall really has, by the name of the field that takes them (serviceId, counterId,
 * ticketId, token…), and all of them together: a valid-shaped value mostly names real things.
 */
export interface Context {
  byKey: Map<string, string[]>;
  all: string[];
}

export function remember(ctx: Context, key: string, value: string, keep = 60): void {
  const list = ctx.byKey.get(key) ?? [];
  if (list.includes(value)) return;
  list.push(value);
  if (list.length > keep) list.shift();
  ctx.byKey.set(key, list);
  if (!ctx.all.includes(value)) ctx.all.push(value);
  if (ctx.all.length > 2000) ctx.all.shift();
}

// ---------------------------------------------------------------- hostile values

/** Keys that reach a prototype where an object is used as a map. */
export const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"];

const NUMBERS = [NaN, Infinity, -Infinity, -1, -0, 0, 0.5, -1e-9, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, 5e-324, 4294967296];
const STRINGS = [
  "",
  " ",
  "\t\n",
  "\u0000",
  "a\u0000b",
  "\u001b[2J",
  "\u202egnp.exe",
  "\ud800",
  "\udfff\ud800",
  "😀👨‍👩‍👧",
  "e\u0301\u0301\u0301",
  "Nguyễn Văn Ẩn",
  "ＡＢＣ",
  "\ufeff",
  "../../../etc/passwd",
  "..%2f..%2f",
  "%00",
  "%",
  "%zz",
  "%2e%2e/",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  "${7*7}{{7*7}}",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e999",
  "0x10",
  "true",
  ...PROTO_KEYS,
];

/** A string no field expects: control and unicode oddities, paths, huge ones (up to ~70 kB). */
export function hostileString(rng: Rng): string {
  switch (rng.int(6)) {
    case 0:
      return rng.pick(["x", "é", "😀", "A1-", "\u0000"]).repeat(rng.chance(0.3) ? rng.between(60_000, 70_000) : rng.between(41, 5_000));
    case 1:
      return "a".repeat(rng.between(65, 600));
    default: {
      const a = rng.pick(STRINGS);
      return rng.chance(0.5) ? a : a + rng.pick(STRINGS);
    }
  }
}

function hostileNumber(rng: Rng): number {
  return rng.chance(0.7) ? rng.pick(NUMBERS) : (rng.chance(0.5) ? -1 : 1) * rng.next() * 10 ** rng.between(0, 20);
}

/** Arrays and objects nested `depth` deep. */
export function deep(rng: Rng, depth = rng.chance(0.1) ? rng.between(500, 2_000) : rng.between(10, 200)): unknown {
  let v: unknown = rng.pick([1, "x", null, {}]);
  const asArray = rng.chance(0.5);
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** An object whose own keys would pollute a prototype, were it merged carelessly. */
export function pollution(rng: Rng): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  setOwn(o, rng.pick(["__proto__", "constructor"]), rng.chance(0.5) ? { polluted: "yes" } : { prototype: { polluted: "yes" } });
  return o;
}

/** Any value at all: wrong types, hostile strings and numbers, deep nesting, prototype keys. */
export function nasty(rng: Rng): unknown {
  switch (rng.int(10)) {
    case 0:
    case 1:
    case 2:
      return hostileString(rng);
    case 3:
    case 4:
      return hostileNumber(rng);
    case 5:
      return rng.pick([null, true, false, [], {}, [null], [[]], "", 0]);
    case 6:
      return deep(rng);
    case 7:
      return pollution(rng);
    case 8:
      return new Array<unknown>(rng.between(100, 3_000)).fill(rng.pick([0, "x", null]));
    default:
      return { [rng.pick(PROTO_KEYS)]: hostileString(rng) };
  }
}

/** A hostile value of the same kind as `v`, where it has one. */
function nastyLike(v: unknown, rng: Rng): unknown {
  if (typeof v === "string") return rng.chance(0.3) ? v + hostileString(rng) : hostileString(rng);
  if (typeof v === "number") return hostileNumber(rng);
  if (typeof v === "boolean") return rng.pick(["true", 1, 0, null]);
  return nasty(rng);
}

/** `o[k] = v` as an own property, even for "__proto__". */
export function setOwn(o: object, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === "object" && v !== null && !Buffer.isBuffer(v);

/** Changes `value` (a fresh value: it is changed in place) one to three times, anywhere inside it. */
export function mutate(value: unknown, rng: Rng): unknown {
  let v = value;
  for (let n = rng.between(1, 3); n > 0; n--) v = mutateOnce(v, rng);
  return v;
}

/** JSON's length of `v` (what it weighs on the wire), 0 for what JSON cannot carry. */
const weight = (v: unknown): number => (JSON.stringify(v) ?? "").length;

function mutateOnce(v: unknown, rng: Rng): unknown {
  if (!isContainer(v) || rng.chance(0.1)) return rng.chance(0.5) ? nasty(rng) : nastyLike(v, rng);
  // Walk down to some object or array inside.
  let target: Record<string, unknown> | unknown[] = v;
  for (let hops = rng.int(4); hops > 0; hops--) {
    const inner = Object.values(target).filter(isContainer);
    if (!inner.length) break;
    target = rng.pick(inner);
  }
  const keys = Object.keys(target);
  const key = keys.length ? rng.pick(keys) : "0";
  switch (rng.int(6)) {
    case 0: // a field missing, an element gone
      // (not splice: an own "constructor" an earlier mutation set would break it)
      if (Array.isArray(target)) target.length && (target.copyWithin(Number(key), Number(key) + 1), target.length--);
      else delete target[key];
      break;
    case 1: // a wrong type
      setOwn(target, key, nasty(rng));
      break;
    case 2: // a field too many
      setOwn(target, rng.chance(0.5) ? rng.pick(PROTO_KEYS) : hostileString(rng).slice(0, 200) || "extra", rng.chance(0.5) ? pollution(rng) : nasty(rng));
      break;
    case 3: // the right type, a hostile value
      setOwn(target, key, nastyLike((target as Record<string, unknown>)[key], rng));
      break;
    case 4: // deep nesting
      setOwn(target, key, deep(rng));
      break;
    default: {
      // The same, many times: copies, never one object shared (a mutation inside it would be
      // repeated in every place), and within ~70 kB in all.
      const one = Array.isArray(target) ? (target[0] ?? null) : (target as Record<string, unknown>)[key];
      const copies = Math.min(rng.between(2, 500), Math.floor((70_000 - weight(v)) / (weight(one) + 1)));
      const many = Array.from({ length: Math.max(0, copies) }, () => (one === undefined ? null : JSON.parse(JSON.stringify(one) ?? "null")));
      if (Array.isArray(target)) target.push(...many);
      else setOwn(target, key, many);
    }
  }
  return v;
}

// ---------------------------------------------------------------- QR texts

/** What a scanner may read: ID cards, ticket and follow links, numbers, codes, and garbage (`bases`: where links lead). */
export function qrText(rng: Rng, ctx: Context, bases: readonly string[]): string {
  const pick = (k: string, fallback: string) => rng.pick(ctx.byKey.get(k) ?? [fallback]);
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(10)).join("");
  const date = () => `${String(rng.between(0, 32)).padStart(2, "0")}${String(rng.between(0, 13)).padStart(2, "0")}${rng.between(1880, 2030)}`;
  const base = rng.pick(bases);
  let t: string;
  switch (rng.int(9)) {
    case 0:
    case 1: {
      const name = rng.pick(["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng", "Nguyn Vn An", "<b>x</b>", "", hostileString(rng).slice(0, 200)]);
      const fields = [digits(12), rng.chance(0.5) ? digits(9) : "", name, date(), rng.pick(["Nam", "Nữ", ""]), "12 Lê Lợi, Đà Lạt", date()];
      t = fields.slice(0, rng.between(4, 7)).join("|") + (rng.chance(0.2) ? "|extra|fields" : "");
      break;
    }
    case 2:
      t = `${base}/t/${pick("ticketId", "2026-12-01-A001")}`;
      break;
    case 3:
      t = `${base}/f/${pick("token", "Qx3_vT9-aB2cD4eF")}`;
      break;
    case 4:
      t = rng.chance(0.5) ? pick("number", "A001") : pick("ticketId", "2026-12-01-A001");
      break;
    case 5: {
      const code = rng.chance(0.5) ? pick("code", "7KM3PQ") : Array.from({ length: 6 }, () => rng.pick([...BOOKING_CODE_ALPHABET])).join("");
      t = rng.chance(0.3) ? `${code.slice(0, 3)}${rng.pick([" ", "-"])}${code.slice(3)}` : code;
      break;
    }
    case 6:
      t = (rng.chance(0.5) ? base : "") + (sampleRegex(/^[0-9A-Z]{1,6}(\.[0-9A-Z]{1,6}){1,5}-\d{6}-\d{4}$/, rng) ?? "000.00.12.H36-261120-0001");
      break;
    default:
      t = hostileString(rng);
  }
  if (rng.chance(0.4)) {
    const at = rng.int(t.length + 1);
    switch (rng.int(7)) {
      case 0:
        t = t.slice(0, at) + rng.pick(["\u0000", "\u001b", "\u0085", "\r\n", "|", "\ufeff", "\u200b"]) + t.slice(at);
        break;
      case 1:
        t = t.slice(0, at);
        break;
      case 2:
        t = t.repeat(rng.between(2, 300)).slice(0, 5_000);
        break;
      case 3:
        t = rng.chance(0.5) ? t.toLowerCase() : t.normalize("NFD");
        break;
      case 4:
        t = `  ${t}\r\n\r\n`;
        break;
      case 5:
        t = t.replace(/\d/g, () => String(rng.int(10)));
        break;
      default:
        t = t.split("").reverse().join("");
    }
  }
  return t;
}

// ---------------------------------------------------------------- valid-shaped values

type Def = { type: string; checks?: { _zod: { def: Record<string, any> } }[] } & Record<string, any>;
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const isOptional = (s: z.ZodType): boolean => (s as unknown as { _zod: { optin?: string } })._zod.optin !== undefined;
const checksOf = (d: Def) => (d.checks ?? []).map((c) => c._zod.def);

/**
 * A value of the shape `schema` asks for: objects with their fields (optional ones now and then),
 * strings from the hall's own (`ctx`) or made to the schema's pattern, numbers within bounds.
 * Refinements it cannot see may still refuse it: the caller checks with safeParse where it matters.
 */
export function arbitrary(schema: z.ZodType, rng: Rng, ctx: Context, key = "", depth = 0): unknown {
  const d = defOf(schema);
  switch (d.type) {
    case "string":
      return stringFor(schema, d, rng, ctx, key);
    case "number":
      return numberFor(d, rng);
    case "boolean":
      return rng.chance(0.5);
    case "null":
      return null;
    case "undefined":
    case "void":
    case "never":
      return undefined;
    case "literal":
      return rng.pick(d.values as unknown[]);
    case "enum":
      return rng.pick(Object.values(d.entries as Record<string, unknown>));
    case "array": {
      const { min, max } = lengths(d, 0, 4);
      return Array.from({ length: depth > 6 ? min : rng.between(min, Math.min(max, min + 4)) }, () => arbitrary(d.element, rng, ctx, key, depth + 1));
    }
    case "tuple":
      return (d.items as z.ZodType[]).map((s) => arbitrary(s, rng, ctx, key, depth + 1));
    case "object": {
      const o: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(d.shape as Record<string, z.ZodType>)) {
        if (isOptional(s) && (depth > 6 || rng.chance(0.35))) continue;
        const v = arbitrary(s, rng, ctx, k, depth + 1);
        if (v !== undefined) o[k] = v;
      }
      return o;
    }
    case "record": {
      const o: Record<string, unknown> = {};
      for (let n = depth > 6 ? 0 : rng.between(0, 3); n > 0; n--) {
        const k = arbitrary(d.keyType, rng, ctx, key, depth + 1);
        if (typeof k === "string") o[k] = arbitrary(d.valueType, rng, ctx, k, depth + 1);
      }
      return o;
    }
    case "union":
      return arbitrary(rng.pick(d.options as z.ZodType[]), rng, ctx, key, depth);
    case "intersection": {
      const a = arbitrary(d.left, rng, ctx, key, depth + 1);
      const b = arbitrary(d.right, rng, ctx, key, depth + 1);
      return isContainer(a) && isContainer(b) ? { ...a, ...b } : a;
    }
    case "optional":
      return rng.chance(0.15) ? undefined : arbitrary(d.innerType, rng, ctx, key, depth);
    case "nullable":
      return rng.chance(0.15) ? null : arbitrary(d.innerType, rng, ctx, key, depth);
    case "default":
    case "prefault":
      return rng.chance(0.3) ? undefined : arbitrary(d.innerType, rng, ctx, key, depth);
    case "catch":
    case "readonly":
    case "nonoptional":
    case "success":
      return arbitrary(d.innerType, rng, ctx, key, depth);
    case "pipe":
      // A string cleaned up, then checked (a phone number, a booking code): made to the check.
      return arbitrary(defOf(d.out).type === "transform" ? d.in : d.out, rng, ctx, key, depth);
    case "lazy":
      return depth > 6 ? undefined : arbitrary(d.getter(), rng, ctx, key, depth + 1);
    case "unknown":
    case "any":
      return rng.pick([null, 1, "x", true, [], {}, { a: [1, "b"] }]);
    default:
      return null;
  }
}

function lengths(d: Def, min: number, max: number): { min: number; max: number } {
  for (const c of checksOf(d)) {
    if (c.check === "min_length") min = c.minimum;
    if (c.check === "max_length") max = c.maximum;
    if (c.check === "length_equals") min = max = c.length;
  }
  return { min, max: Math.max(min, max) };
}

function stringFor(schema: z.ZodType, d: Def, rng: Rng, ctx: Context, key: string): string {
  const patterns = [d.pattern, ...checksOf(d).map((c) => c.pattern)].filter((p): p is RegExp => p instanceof RegExp);
  const { min, max } = lengths(d, 0, 24);
  const own = ctx.byKey.get(key);
  let last = "";
  for (let attempt = 0; attempt < 6; attempt++) {
    if (own?.length && attempt < 3 && rng.chance(0.85)) last = rng.pick(own);
    else if (ctx.all.length && attempt < 2 && rng.chance(0.3)) last = rng.pick(ctx.all);
    else if (d.format === "datetime" || d.format === "iso_datetime") last = new Date(Date.UTC(2026, 11, rng.between(1, 28), rng.between(0, 23), rng.between(0, 59))).toISOString();
    else if (patterns.length) last = sampleRegex(rng.pick(patterns), rng) ?? "";
    else last = Array.from({ length: rng.between(Math.max(min, 1), Math.min(max, Math.max(min, 1) + 24)) }, () => rng.pick(TEXT)).join("");
    if (schema.safeParse(last).success) return last;
  }
  return last;
}

function numberFor(d: Def, rng: Rng): number {
  let lo = -1_000;
  let hi = 1_000;
  let int = false;
  for (const c of checksOf(d)) {
    if (c.check === "greater_than") lo = c.value + (c.inclusive ? 0 : 1e-6);
    if (c.check === "less_than") hi = c.value - (c.inclusive ? 0 : 1e-6);
    if (c.check === "number_format" && /int/.test(c.format)) int = true;
    if (c.check === "multiple_of" && c.value === 1) int = true;
  }
  if (hi < lo) hi = lo;
  if (hi - lo > 10_000) hi = Math.max(lo, 0) + (rng.chance(0.8) ? 100 : 10_000);
  const v = lo + rng.next() * (hi - lo);
  return int ? Math.min(Math.floor(hi), Math.max(Math.ceil(lo), Math.round(v))) : v;
}

// ---------------------------------------------------------------- strings to a pattern

const DIGITS = [..."0123456789"];
const LOWER = [..."abcdefghijklmnopqrstuvwxyz"];
const WORD = [...LOWER, ..."ABCDEFGHIJKLMNOPQRSTUVWXYZ", ...DIGITS, "_"];
const VIETNAMESE = [..."aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐÂĂÊÔƠƯ"];
const TEXT = [...VIETNAMESE, " ", ...DIGITS];
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const UNICODE: Record<string, string[]> = { L: VIETNAMESE, M: ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"], N: DIGITS };

type Gen = (rng: Rng) => string;
const compiled = new Map<string, Gen | null>();

/** A string matching `re`, for the simple patterns the protocol uses (classes, groups, quantifiers); null for others. */
export function sampleRegex(re: RegExp, rng: Rng): string | null {
  let gen = compiled.get(re.source);
  if (gen === undefined) compiled.set(re.source, (gen = compile(re.source)));
  return gen && gen(rng);
}

function compile(src: string): Gen | null {
  let i = 0;
  const escape = (): string[] => {
    const e = src[i++]!;
    if (e === "d") return DIGITS;
    if (e === "w") return WORD;
    if (e === "s") return [" "];
    if (e === "p" || e === "P") {
      const end = src.indexOf("}", i);
      const name = src.slice(i + 1, end);
      i = end + 1;
      return UNICODE[name] ?? VIETNAMESE;
    }
    if (e === "u") return [String.fromCharCode(parseInt(src.slice(i, (i += 4)), 16))];
    if (/[bBDWS1-9]/.test(e)) throw new Error(`unsupported \\${e}`);
    return [e];
  };
  const charClass = (): Gen => {
    const negate = src[i] === "^";
    if (negate) i++;
    const chars: string[] = [];
    while (src[i] !== "]") {
      if (i >= src.length) throw new Error("unclosed class");
      const from = src[i] === "\\" ? (i++, escape()) : [src[i++]!];
      if (src[i] === "-" && src[i + 1] !== "]" && from.length === 1) {
        i++;
        const to = src[i] === "\\" ? (i++, escape())[0]! : src[i++]!;
        for (let c = from[0]!.codePointAt(0)!; c <= to.codePointAt(0)! && chars.length < 5_000; c++) chars.push(String.fromCodePoint(c));
      } else chars.push(...from);
    }
    i++;
    const set = negate ? PRINTABLE.filter((c) => !chars.includes(c)) : chars;
    return (rng) => rng.pick(set);
  };
  const atom = (): Gen => {
    const c = src[i++]!;
    if (c === "^" || c === "$") return () => "";
    if (c === "(") {
      if (src.startsWith("?:", i)) i += 2;
      else if (src[i] === "?") throw new Error("unsupported group");
      const g = alternation();
      i++;
      return g;
    }
    if (c === "[") return charClass();
    if (c === ".") return (rng) => rng.pick(PRINTABLE);
    if (c === "\\") {
      const set = escape();
      return (rng) => rng.pick(set);
    }
    return () => c;
  };
  const quantified = (g: Gen): Gen => {
    let min = 1;
    let max = 1;
    const c = src[i];
    const brace = c === "{" ? /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i)) : null;
    if (c === "?") [min, max] = [0, 1];
    else if (c === "*") [min, max] = [0, 6];
    else if (c === "+") [min, max] = [1, 6];
    else if (brace) [min, max] = [Number(brace[1]), brace[2] ? (brace[3] ? Number(brace[3]) : Number(brace[1]) + 6) : Number(brace[1])];
    else return g;
    i += brace ? brace[0].length : 1;
    if (src[i] === "?") i++;
    return (rng) => {
      let s = "";
      for (let n = rng.between(min, max); n > 0; n--) s += g(rng);
      return s;
    };
  };
  const sequence = (): Gen => {
    const parts: Gen[] = [];
    while (i < src.length && src[i] !== "|" && src[i] !== ")") parts.push(quantified(atom()));
    return (rng) => parts.map((p) => p(rng)).join("");
  };
  function alternation(): Gen {
    const branches = [sequence()];
    while (src[i] === "|") {
      i++;
      branches.push(sequence());
    }
    return branches.length === 1 ? branches[0]! : (rng) => rng.pick(branches)(rng);
  }
  try {
    const g = alternation();
    return i === src.length ? g : null;
  } catch {
    return null;
  }
}
