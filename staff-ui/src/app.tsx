import { Admin } from "./admin.tsx";
import { Catalog } from "./catalog.tsx";
import { CATALOG_TEXT } from "./catalog-i18n.ts";
import { Dashboard } from "./dashboard.tsx";
import { useT } from "./i18n.ts";
import { Login } from "./login.tsx";
import { Province } from "./province.tsx";
import { ProvinceReports } from "./province-reports.tsx";
import { PROVINCE_REPORTS_TEXT } from "./province-reports-i18n.ts";
import { Reports } from "./reports.tsx";
import { go, screen } from "./store/app.ts";
import { lang, toggleLang } from "./store/lang.ts";
import { leader, logOut, session, view, type View } from "./store/session.ts";
import { Terminal } from "./terminal.tsx";
import { Units } from "./units.tsx";

/**
 * The staff screens: log in, then the counter terminal, for leaders the live dashboard, for the
 * province every unit's live figures and its centers to manage.
 */
export function App() {
  const t = useT();
  const s = session.value;
  const shown = screen.value;
  const tab = (v: View, label: string) => (
    <button type="button" class={view.value === v ? "on" : ""} onClick={() => go(v)}>
      {label}
    </button>
  );

  return (
    <div class="staff">
      <header>
        <strong>{t.title}</strong>
        {s && leader.value && (
          <nav>
            {tab("dashboard", t.dashboard)}
            {tab("terminal", t.terminal)}
            {tab("reports", t.reports)}
            {s.role === "admin" && tab("admin", t.admin)}
          </nav>
        )}
        {s?.role === "province" && (
          <nav>
            {tab("province", t.provinceUnits)}
            {tab("centers", t.provinceCenters)}
            {tab("provinceReports", PROVINCE_REPORTS_TEXT[lang.value].tab)}
            {tab("catalog", CATALOG_TEXT[lang.value].tab)}
          </nav>
        )}
        <span class="spacer" />
        {s && <span class="who">{s.displayName}</span>}
        <button type="button" onClick={toggleLang}>
          {t.language}
        </button>
        {s && (
          <button type="button" onClick={logOut}>
            {t.logOut}
          </button>
        )}
      </header>
      {!s ? (
        <Login />
      ) : shown === "province" ? (
        <Units />
      ) : shown === "centers" ? (
        <Province />
      ) : shown === "provinceReports" ? (
        <ProvinceReports />
      ) : shown === "catalog" ? (
        <Catalog />
      ) : shown === "dashboard" ? (
        <Dashboard />
      ) : shown === "reports" ? (
        <Reports />
      ) : shown === "admin" ? (
        <Admin />
      ) : (
        <Terminal />
      )}
    </div>
  );
}
