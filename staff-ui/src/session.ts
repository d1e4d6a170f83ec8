import { SessionResponse, type Role } from "@motcua/protocol";

export interface Session {
  token: string;
  role: Role;
  displayName: string;
  expiresAt: string;
}

const KEY = "motcua.session";

/** The session lives in this tab only: a shared counter PC forgets it when the browser closes. */
export function savedSession(): Session | null {
  try {
    const s = SessionResponse.safeParse(JSON.parse(sessionStorage.getItem(KEY) ?? "null"));
    return s.success && Date.parse(s.data.expiresAt) > Date.now() ? s.data : null;
  } catch {
    return null;
  }
}

export async function logIn(username: string, password: string): Promise<Session | { error: string; status: number }> {
  try {
    const res = await fetch("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });
    const body = (await res.json()) as unknown;
    const s = SessionResponse.safeParse(body);
    if (res.ok && s.success) {
      // The end of the session on this PC's own clock, which the screen compares it with.
      const skew = s.data.serverTime ? Date.now() - Date.parse(s.data.serverTime) : 0;
      const session = { ...s.data, expiresAt: new Date(Date.parse(s.data.expiresAt) + skew).toISOString() };
      sessionStorage.setItem(KEY, JSON.stringify(session));
      return session;
    }
    return { error: (body as { code?: string }).code ?? "INTERNAL", status: res.status };
  } catch {
    return { error: "OFFLINE", status: 0 };
  }
}

export async function logOut(session: Session): Promise<void> {
  sessionStorage.removeItem(KEY);
  await fetch("/api/session", { method: "DELETE", headers: { authorization: `Bearer ${session.token}` } }).catch(() => undefined);
}
