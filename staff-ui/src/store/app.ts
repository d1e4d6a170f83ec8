import { computed, effect, untracked } from "@preact/signals";
import { CATALOG_TEXT } from "../catalog-i18n.ts";
import { DICTIONARY } from "../i18n.ts";
import * as admin from "./admin.ts";
import * as catalog from "./catalog.ts";
import { watchCenters } from "./centers.ts";
import * as dashboard from "./dashboard.ts";
import { lang } from "./lang.ts";
import * as province from "./province.ts";
import * as provinceReports from "./province-reports.ts";
import * as reports from "./reports.ts";
import { expire, leader, session, view, type Session, type View } from "./session.ts";
import * as staffing from "./staffing.ts";
import * as terminal from "./terminal.ts";
import * as units from "./units.ts";

/**
 * The screen that shows: the tab chosen, where the role may see it; the terminal otherwise; null
 * for the login. The province's administrators belong to no center: their screens are theirs alone.
 */
export const screen = computed<View | null>(() => {
  const s = session.value;
  if (!s) return null;
  if (s.role === "province") return view.value === "centers" || view.value === "catalog" || view.value === "provinceReports" ? view.value : "province";
  const v = view.value;
  if ((v === "dashboard" || v === "reports") && leader.value) return v;
  if (v === "admin" && s.role === "admin") return v;
  return "terminal";
});

/** Unsaved administration edits (and a device key shown once) are not left behind by a stray tab. */
export function go(next: View): void {
  if (view.peek() === "admin" && next !== "admin" && admin.unsaved.peek() && !confirm(DICTIONARY[lang.peek()].leaveAdmin)) return;
  if (view.peek() === "catalog" && next !== "catalog" && catalog.dirty.peek() && !confirm(CATALOG_TEXT[lang.peek()].leave)) return;
  // "Toàn tỉnh" chosen again from a unit's dashboard goes back to every unit.
  if (next === "province") units.back();
  view.value = next;
}

/** What each screen's model opens while it shows (links, timers); each returns how to close it. */
const MODELS: Record<View, (s: Session) => (() => void)[]> = {
  terminal: (s) => [terminal.start(s)],
  dashboard: (s) => [dashboard.start(s), staffing.start()],
  reports: () => [reports.start()],
  admin: () => [admin.start()],
  province: (s) => [units.start(s)],
  centers: () => [province.start()],
  catalog: () => [catalog.start()],
  provinceReports: () => [provinceReports.start()],
};

/** Sets the staff screens going; returns how to stop them. */
export function startApp(): () => void {
  const stops = [
    effect(() => {
      document.documentElement.lang = lang.value;
    }),
    // A session ends on the server after 12 hours: the screen follows it back to the login.
    effect(() => {
      const s = session.value;
      if (!s) return;
      const timer = setTimeout(expire, Math.max(0, Date.parse(s.expiresAt) - Date.now()));
      return () => clearTimeout(timer);
    }),
    // The login's list of centers, asked each time the login shows.
    effect(() => {
      if (!session.value) return watchCenters();
    }),
    // Only the screen that shows keeps a link open: another tab, or the login, closes it.
    effect(() => {
      const s = session.value;
      const shown = screen.value;
      if (!s || !shown) return;
      const closes = untracked(() => MODELS[shown](s));
      return () => closes.forEach((close) => close());
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
