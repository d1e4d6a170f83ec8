import type { DeviceKind, Role, StaffRole } from "@motcua/protocol";

export interface DevicePrincipal {
  kind: "device";
  role: DeviceKind;
  id: string;
  name: string;
  fieldIds: string[];
  counterIds: string[];
  /** For a station: the kiosks it prints for (empty = all). */
  kioskIds: string[];
}

export interface StaffPrincipal {
  kind: "staff";
  role: StaffRole;
  id: string;
  username: string;
  name: string;
  /** sha256 of the session token: the session this request belongs to. */
  session: string;
  /** The counter this session has opened; a staff member acts only for it. */
  counterId: string | null;
}

export type Principal = DevicePrincipal | StaffPrincipal;

/** A linked unit's own hall server, by its link key: it sends its journal and takes its configuration. */
export interface LinkPrincipal {
  kind: "hall";
  role: "hall";
  /** The unit it serves. */
  id: string;
}

/** One of the province's administrators: above the centers, acting on none of their queues. */
export interface ProvincePrincipal {
  kind: "province";
  role: "province";
  id: string;
  username: string;
  name: string;
  session: string;
}

export const roleOf = (p: Principal): Role => p.role;
export const isStaff = (p: Principal): p is StaffPrincipal => p.kind === "staff";

/**
 * A citizen's phone taking a remote number through the public route. It is no device and logs
 * in with nothing: the route acts as this principal, which may only reserve, give up and (with
 * the hall code) check in a held number (authorize.ts).
 */
export const REMOTE: DevicePrincipal = {
  kind: "device",
  role: "kiosk",
  id: "dien-thoai-cong-dan",
  name: "Điện thoại công dân",
  fieldIds: [],
  counterIds: [],
  kioskIds: [],
};

/**
 * The server's appointment book telling the queue which of today's bookings are still to come
 * (for honest walk-in estimates). It may do only that (authorize.ts).
 */
export const BOOK: DevicePrincipal = {
  kind: "device",
  role: "kiosk",
  id: "so-lich-hen",
  name: "Sổ lịch hẹn",
  fieldIds: [],
  counterIds: [],
  kioskIds: [],
};
