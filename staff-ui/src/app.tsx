import { useEffect, useState } from "preact/hooks";
import { Dashboard } from "./dashboard.tsx";
import { Reports } from "./reports.tsx";
import { Admin } from "./admin.tsx";
import { DICTIONARY, LangContext, type Lang } from "./i18n.ts";
import { Login } from "./login.tsx";
import { logOut, savedSession, type Session } from "./session.ts";
import { Terminal } from "./terminal.tsx";

type View = "terminal" | "dashboard" | "reports" | "admin";

/** The staff screens: log in, then the counter terminal, and for leaders the live dashboard. */
export function App() {
  const [session, setSession] = useState<Session | null>(savedSession);
  const [lang, setLang] = useState<Lang>("vi");
  const leader = session?.role === "supervisor" || session?.role === "admin";
  const [view, setView] = useState<View>(leader ? "dashboard" : "terminal");
  const t = DICTIONARY[lang];
  // Unsaved administration edits (and a device key shown once) are not left behind by a stray tab.
  const go = (next: View) => {
    if (view === "admin" && next !== "admin" && document.querySelector(".admin[data-dirty=yes], .admin .new-keys") && !confirm(t.leaveAdmin)) return;
    setView(next);
  };
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    if (session) setView(session.role === "staff" ? "terminal" : "dashboard");
  }, [session?.token]);
  // A session ends on the server after 12 hours: the screen follows it back to the login.
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(() => setSession(null), Math.max(0, Date.parse(session.expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [session?.token]);

  return (
    <LangContext.Provider value={lang}>
      <div class="staff">
        <header>
          <strong>{t.title}</strong>
          {session && leader && (
            <nav>
              <button type="button" class={view === "dashboard" ? "on" : ""} onClick={() => go("dashboard")}>
                {t.dashboard}
              </button>
              <button type="button" class={view === "terminal" ? "on" : ""} onClick={() => go("terminal")}>
                {t.terminal}
              </button>
              <button type="button" class={view === "reports" ? "on" : ""} onClick={() => go("reports")}>
                {t.reports}
              </button>
              {session.role === "admin" && (
                <button type="button" class={view === "admin" ? "on" : ""} onClick={() => go("admin")}>
                  {t.admin}
                </button>
              )}
            </nav>
          )}
          <span class="spacer" />
          {session && <span class="who">{session.displayName}</span>}
          <button type="button" onClick={() => setLang(lang === "vi" ? "en" : "vi")}>
            {t.language}
          </button>
          {session && (
            <button
              type="button"
              onClick={() => {
                void logOut(session);
                setSession(null);
              }}
            >
              {t.logOut}
            </button>
          )}
        </header>
        {!session ? (
          <Login onSession={setSession} />
        ) : view === "dashboard" && leader ? (
          <Dashboard session={session} onExpired={() => setSession(null)} />
        ) : view === "reports" && leader ? (
          <Reports session={session} onExpired={() => setSession(null)} />
        ) : view === "admin" && session.role === "admin" ? (
          <Admin session={session} onExpired={() => setSession(null)} />
        ) : (
          <Terminal session={session} onExpired={() => setSession(null)} />
        )}
      </div>
    </LangContext.Provider>
  );
}
