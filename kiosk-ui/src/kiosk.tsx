import type { KioskSnapshot } from "@motcua/protocol";
import { Fragment } from "preact";
import { DICTIONARY, LangContext } from "./i18n.ts";
import { Frame, Notice } from "./frame.tsx";
import { FieldScreen, IssuingScreen, PriorityScreen, StartScreen, TicketScreen } from "./screens.tsx";
import type { KioskModel, Screen } from "./store.ts";

/** The screen the citizen is on, drawn from the kiosk's state. */
function Body({ kiosk, snapshot, screen: s }: { kiosk: KioskModel; snapshot: KioskSnapshot; screen: Screen }) {
  const p = { kiosk, snapshot };
  const m = kiosk.more.value;
  return s.name === "start" ? <StartScreen {...p} />
    : s.name === "field" ? <FieldScreen {...p} fieldId={s.fieldId} />
    : s.name === "priority" ? <PriorityScreen {...p} serviceId={s.serviceId} />
    : s.name === "issuing" ? <IssuingScreen {...p} failed={s.failed} />
    : s.name === "ticket" ? <TicketScreen {...p} ticket={s.ticket} />
    : !m ? <Notice title={DICTIONARY[kiosk.lang.value].connecting} busy />
    : s.name === "search" ? <m.SearchScreen {...p} />
    : s.name === "scan" ? <m.ScanScreen {...p} />
    : s.name === "dossier" ? <m.DossierScreen {...p} dossier={s.dossier} />
    : s.name === "status" ? <m.TicketStatusScreen {...p} ticket={s.ticket} />
    : s.name === "procedures" ? <m.ProceduresScreen {...p} />
    : s.name === "procedure" ? <m.ProcedureScreen {...p} procedure={s.procedure} />
    : s.name === "rate" ? <m.RateScreen {...p} ticket={s.ticket} />
    : <m.HelpScreen {...p} />;
}

export function Kiosk({ kiosk }: { kiosk: KioskModel }) {
  const lang = kiosk.lang.value;
  const link = kiosk.link.value;
  const snapshot = kiosk.snapshot.value;
  const screen = kiosk.screen.value;
  const t = DICTIONARY[lang];
  const body =
    link === "refused" ? <Notice title={t.refused} />
    : snapshot ? <Body kiosk={kiosk} snapshot={snapshot} screen={screen} />
    : link === "offline" ? <Notice title={t.offlineTitle} detail={t.offlineText} busy />
    : <Notice title={t.connecting} busy />;
  // A citizen holding a number on screen keeps seeing it when the link drops; elsewhere the
  // whole screen says the kiosk is waiting for the server.
  const offline = snapshot === null || link === "live" ? null : screen.name === "ticket" || screen.name === "status" ? "banner" : "overlay";
  return (
    <LangContext.Provider value={lang}>
      <div class={`kiosk${kiosk.contrast.value ? " contrast" : ""}`} data-screen={snapshot ? screen.name : link}>
        <Frame kiosk={kiosk} offline={offline}>
          {/* Each visit to a screen starts it afresh: the scan screen's typed code is gone again. */}
          <Fragment key={kiosk.visit.value}>{body}</Fragment>
        </Frame>
      </div>
    </LangContext.Provider>
  );
}
