import { hallRoutes, SessionResponse, type NamespaceName, type Role } from "@motcua/protocol";
import { restClient, type Link, type LinkState } from "@motcua/protocol/client";
import { batch, computed, signal, type Signal } from "@preact/signals";
import { DICTIONARY } from "../i18n.ts";
import { heldText } from "../login-hold.ts";
import { remember, scope } from "./centers.ts";
import { lang } from "./lang.ts";

export interface Session {
  token: string;
  role: Role;
  displayName: string;
  expiresAt: string;
}

/**
 * The province's views: every unit's live figures ("province"), its centers to manage ("centers"),
 * its one catalog of procedures ("catalog"), its reports over a month, a quarter or a year
 * ("provinceReports").
 */
export type View = "terminal" | "dashboard" | "reports" | "admin" | "province" | "centers" | "catalog" | "provinceReports";

const KEY = "motcua.session";
const SKEW_KEY = "motcua.clockSkew";

/**
 * The server's clock, read on this PC: a counter PC whose own clock is off (a flat BIOS battery)
 * still shows how long a citizen has waited as the server counts it, from the difference seen at login.
 */
export function serverNow(): number {
  const skew = Number(sessionStorage.getItem(SKEW_KEY));
  return Date.now() - (Number.isFinite(skew) ? skew : 0);
}

/** The session lives in this tab only: a shared counter PC forgets it when the browser closes. */
function savedSession(): Session | null {
  try {
    const s = SessionResponse.safeParse(JSON.parse(sessionStorage.getItem(KEY) ?? "null"));
    return s.success && Date.parse(s.data.expiresAt) > Date.now() ? s.data : null;
  } catch {
    return null;
  }
}

/** Where each role starts: officers at their counter, leaders on the dashboard, the province on every unit's figures. */
const homeOf = (role: Role): View => (role === "staff" ? "terminal" : role === "province" ? "province" : "dashboard");

/** Who is logged in on this PC; null shows the login form. */
export const session = signal<Session | null>(savedSession());
export const leader = computed(() => session.value?.role === "supervisor" || session.value?.role === "admin");
/** The tab chosen in the header (what shows also depends on the role: see app.ts). */
export const view = signal<View>(session.value ? homeOf(session.value.role) : "terminal");

/** The login form's answer: busy while the server checks, then what went wrong, if anything. */
export const loginBusy = signal(false);
export const loginError = signal<string | null>(null);

/** Every REST call of the staff screens, carrying the session's token. */
export const api = restClient(hallRoutes, { token: () => session.peek()?.token });

const DEVICES_KEY = "motcua.deviceTokens";
/** The accounts whose device tokens this browser keeps, at most (the most recent). */
const DEVICES_KEPT = 20;

function deviceTokens(): [string, string][] {
  try {
    const kept: unknown = JSON.parse(localStorage.getItem(DEVICES_KEY) ?? "[]");
    return Array.isArray(kept) ? kept.filter((e): e is [string, string] => Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "string") : [];
  } catch {
    return [];
  }
}

/**
 * The token the server gave this browser at its last login of an account (per center and
 * username). It outlives the session, in localStorage: it is no credential, only the server's
 * sign that this browser has logged in to the account before, so others' wrong passwords for
 * the account never hold this browser back.
 */
export function deviceTokenOf(account: string): string | undefined {
  return deviceTokens().find(([a]) => a === account)?.[1];
}

export function keepDeviceToken(account: string, token: string): void {
  const kept = [[account, token] as [string, string], ...deviceTokens().filter(([a]) => a !== account)].slice(0, DEVICES_KEPT);
  try {
    localStorage.setItem(DEVICES_KEY, JSON.stringify(kept));
  } catch {
    // A browser that keeps nothing logs in as a stranger next time: only slower under attack.
  }
}

/**
 * Logs in, to the center chosen where the deployment asks for one; false when refused (loginError
 * says why, in the language of the moment).
 */
export async function logIn(username: string, password: string): Promise<boolean> {
  loginBusy.value = true;
  const center = scope.peek();
  const account = `${center ?? ""}|${username}`;
  // A login sent before the list of centers came named none: its token may be this center's.
  const deviceToken = deviceTokenOf(account) ?? deviceTokenOf(`|${username}`);
  const r = await api("logIn", { body: { username, password, ...(center ? { center } : {}), ...(deviceToken ? { deviceToken } : {}) } });
  loginBusy.value = false;
  if (!r.ok) {
    const t = DICTIONARY[lang.peek()];
    // Sent before the list of centers came, to a server that needs one named.
    const unnamed = r.code === "BAD_REQUEST" && !center;
    loginError.value = r.code === "RATE_LIMITED" ? heldText(r.at, serverNow(), lang.peek()) : r.code === "OFFLINE" ? t.offline : unnamed ? t.centerNeeded : t.loginFailed;
    return false;
  }
  remember(center);
  const { deviceToken: given, ...answer } = r.data;
  if (given) keepDeviceToken(account, given);
  // The end of the session on this PC's own clock, which the screen compares it with.
  const skew = answer.serverTime ? Date.now() - Date.parse(answer.serverTime) : 0;
  const next = { ...answer, expiresAt: new Date(Date.parse(answer.expiresAt) + skew).toISOString() };
  sessionStorage.setItem(KEY, JSON.stringify(next));
  sessionStorage.setItem(SKEW_KEY, String(skew));
  batch(() => {
    loginError.value = null;
    session.value = next;
    view.value = homeOf(next.role);
  });
  return true;
}

export function logOut(): void {
  const s = session.peek();
  if (!s) return;
  sessionStorage.removeItem(KEY);
  // Told with the session's own token: the screen forgets it at once, without waiting.
  void restClient(hallRoutes, { token: () => s.token })("logOut");
  session.value = null;
}

/** The server no longer knows this session (it ended, the account changed): back to the login. */
export function expire(): void {
  session.value = null;
}

/**
 * A screen's link as the screen shows it: its state in `state`, `resync` on every (re)connect, and
 * back to the login when the server refuses the session.
 */
export function follow(link: Link<NamespaceName>, state: Signal<LinkState>, resync: () => void): void {
  link.onState((s) => {
    state.value = s;
    if (s === "refused" && link.refusal === "UNAUTHENTICATED") expire();
  });
  link.onLive(resync);
}
