import { nameIn } from "@motcua/protocol";
import { useEffect, useRef } from "preact/hooks";
import { Dashboard } from "./dashboard.tsx";
import { useLang } from "./i18n.ts";
import { useProvinceT } from "./province-i18n.ts";
import * as dashboard from "./store/dashboard.ts";
import * as units from "./store/units.ts";
import { useUnitViewT } from "./unit-view-i18n.ts";
import "./unit-view.css";

/**
 * One unit's own live dashboard as the province looks at it: the supervisor's dashboard,
 * read-only, under the unit's name, a plain notice that it is only looked at, and the way back.
 */
export function UnitView({ id }: { id: string }) {
  const t = useUnitViewT();
  const p = useProvinceT();
  const lang = useLang();
  const u = units.unit(id)?.value;
  const name = u ? nameIn(lang, u) : id;
  const state = dashboard.link.value;
  const shown = dashboard.snapshot.value !== null;
  const backButton = useRef<HTMLButtonElement>(null);
  // The keyboard lands on the way back, as it left the row it came from.
  useEffect(() => backButton.current?.focus(), [id]);
  return (
    <div class="unit-view" data-viewing={id} data-link={state}>
      <div class="unit-view-bar">
        <button type="button" ref={backButton} class="back" data-action="back" title={t.backTitle} onClick={units.back}>
          {t.back}
        </button>
        <h1>{name}</h1>
        {u && (
          <span class="place">
            {p.levels[u.level]} · {p.areas[u.area]}
          </span>
        )}
      </div>
      <p class="read-only-notice" role="note" data-notice="read-only">
        <b>{t.readOnlyLead}</b> – {t.readOnly(name)}
      </p>
      {state === "refused" ? (
        <p class="error banner" role="alert">
          {t.refused}
        </p>
      ) : !shown && state === "connecting" ? (
        <p class="loading unit-view-wait">{t.connecting}</p>
      ) : (
        <Dashboard readOnly />
      )}
    </div>
  );
}
