import type { AreaClass, NewCenterInput, UnitLevel } from "@motcua/protocol";
import { slug } from "./slug.ts";

/** The province's form for a new center and its first admin, as typed. */
export interface NewCenter {
  id: string;
  name: string;
  nameEn: string;
  /** Its place in the province and its area class (which sets its yardstick). */
  level: UnitLevel;
  area: AreaClass;
  /** The unit above it; "" for none. */
  parentId: string;
  address: string;
  username: string;
  displayName: string;
  password: string;
  /** The admin typed an id: it no longer follows the name. */
  idTyped: boolean;
}

/** A new unit is a rural commune's unless the province says otherwise (the protocol's defaults). */
export const blankCenter = (): NewCenter => ({
  id: "",
  name: "",
  nameEn: "",
  level: "commune",
  area: "rural",
  parentId: "",
  address: "",
  username: "",
  displayName: "",
  password: "",
  idTyped: false,
});

export type Box = "id" | "name" | "username" | "displayName" | "password";
export type Field = Box | "nameEn" | "address";
/** What the form's selects choose. */
export type Choice = "level" | "area" | "parentId";

/** The form after a box is typed in: the id follows the name (without diacritics) until one is typed; emptied, it follows again. */
export function typeInto(c: NewCenter, field: Field, value: string): NewCenter {
  if (field === "id") return { ...c, id: value, idTyped: value !== "" };
  if (field === "name" && !c.idTyped) return { ...c, name: value, id: slug(value) };
  return { ...c, [field]: value };
}

/** The form after a select is set. */
export const choose = <K extends Choice>(c: NewCenter, key: K, value: NewCenter[K]): NewCenter => ({ ...c, [key]: value });

/** The least a password must have: ten characters that are not spaces (the protocol's rule). */
export const PASSWORD_MIN = 10;

/**
 * The boxes the server would refuse as typed, by the protocol's rules: a hint for the form, which
 * cannot be sent while one is left. The server still decides (an id taken, say).
 */
export function problems(c: NewCenter): Box[] {
  const bad: [Box, boolean][] = [
    ["id", !/^[a-z0-9][a-z0-9-]{0,39}$/.test(c.id.trim())],
    ["name", c.name.trim() === ""],
    ["username", !/^[a-z0-9._-]{2,32}$/.test(c.username.trim())],
    ["displayName", c.displayName.trim() === ""],
    ["password", c.password.replace(/\s/g, "").length < PASSWORD_MIN],
  ];
  return bad.filter(([, wrong]) => wrong).map(([box]) => box);
}

/** What POST /api/province/centers is sent: trimmed, the English name, parent and address only when there are some. */
export function requestOf(c: NewCenter): NewCenterInput {
  const nameEn = c.nameEn.trim();
  const address = c.address.trim();
  return {
    id: c.id.trim(),
    name: c.name.trim(),
    ...(nameEn ? { nameEn } : {}),
    level: c.level,
    area: c.area,
    ...(c.parentId ? { parentId: c.parentId } : {}),
    ...(address ? { address } : {}),
    admin: { username: c.username.trim(), displayName: c.displayName.trim(), password: c.password },
  };
}
