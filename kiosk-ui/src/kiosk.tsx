import type { DossierStatus, KioskSnapshot, Procedure, Ticket } from "@motcua/protocol";
import { Fragment } from "preact";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { checkInFailure, DICTIONARY, failure, LangContext, loadEnglish, type Dict, type Lang, type Say } from "./i18n.ts";
import { Link, newRequestKey, type LinkState } from "./link.ts";
import { readScan } from "./read-scan.ts";
import { Frame, Notice } from "./frame.tsx";
import { FieldScreen, IssuingScreen, PriorityScreen, StartScreen, TicketScreen } from "./screens.tsx";
import { loadFresh, reloadIfStale } from "./fresh.ts";

type More = typeof import("./more.tsx");
/** The less used screens, fetched once the start screen is up. */
const loadMore = (): Promise<More> => loadFresh(() => import("./more.tsx"));

export type Screen =
  | { name: "start" }
  | { name: "field"; fieldId: string }
  | { name: "search" }
  | { name: "priority"; serviceId: string }
  /** One tap being answered; its key stays with it, so a retry can never make a second ticket. */
  | { name: "issuing"; serviceId: string; priority: string | null; requestKey: string; failed: Say | null }
  | { name: "ticket"; ticket: Ticket }
  | { name: "scan" }
  | { name: "dossier"; dossier: DossierStatus }
  | { name: "status"; ticket: Ticket }
  | { name: "procedures" }
  | { name: "procedure"; procedure: Procedure }
  | { name: "rate"; ticket: Ticket | null }
  | { name: "help" };

/** Who scanned their chip ID card: enough to greet them and suggest the elderly queue, nothing more. */
export interface Visitor {
  name: string;
  elderly: boolean;
}

/** What the paper did: "late" is no word from the printer at all, which is not the same as trouble. */
export type PrintState = "pending" | "printed" | "trouble" | "paperOut" | "late";

/** Everything a screen may use: the picture from the server, the words, and ways to move on. */
export interface KioskApi {
  snapshot: KioskSnapshot;
  procedures: Procedure[];
  visitor: Visitor | null;
  go: (s: Screen) => void;
  home: () => void;
  issue: (serviceId: string, priority: string | null) => void;
  lookUp: (text: string) => void;
  call: Link["call"];
  printState: PrintState;
}

/** After this long with no touch, the kiosk forgets the citizen and shows its start screen. */
const DEFAULT_IDLE_SECONDS = 60;
/** How long a ticket's paper may take before the citizen is told it is not coming. */
const PRINT_PATIENCE_MS = 12_000;
/** How long a tap keeps retrying across a dropped link before the citizen is asked to try again. */
const ISSUE_PATIENCE_MS = 60_000;
/** A keyboard-wedge scanner types a whole code in a burst and presses Enter; people type slower. */
const WEDGE_GAP_MS = 60;
/** Printer reports kept for tickets not yet on screen (the report can beat the answer). */
const KEPT_REPORTS = 20;

export function Kiosk({ deviceKey, idleSeconds = DEFAULT_IDLE_SECONDS }: { deviceKey: string; idleSeconds?: number }) {
  const [link, setLink] = useState<LinkState>("connecting");
  const [snapshot, setSnapshot] = useState<KioskSnapshot | null>(null);
  const [procedures, setProcedures] = useState<Procedure[]>([]);
  const [screen, setScreen] = useState<Screen>({ name: "start" });
  const [visitor, setVisitor] = useState<Visitor | null>(null);
  const [message, setMessage] = useState<Say | null>(null);
  const [lang, setLang] = useState<Lang>("vi");
  const [large, setLarge] = useState(false);
  const [contrast, setContrast] = useState(false);
  const [printState, setPrintState] = useState<PrintState>("pending");
  const [moreScreens, setMoreScreens] = useState<More | null>(null);
  const linkRef = useRef<Link | null>(null);
  const lastTouch = useRef(Date.now());
  const reports = useRef(new Map<string, PrintState>());
  const lookingUp = useRef(false);
  const screenRef = useRef(screen);
  screenRef.current = screen;
  // Each visit to a screen starts it afresh: the rating screen after a "thank you" is empty again.
  const visits = useRef(0);
  const visit = useMemo(() => ++visits.current, [screen]);
  const t = DICTIONARY[lang];

  /** Shows a screen and counts it as the citizen's doing: the idle clock starts again. */
  const show = useCallback((s: Screen) => {
    lastTouch.current = Date.now();
    setScreen(s);
  }, []);

  const home = useCallback(() => {
    // A new build was installed while this page ran: take it now, between citizens.
    if (reloadIfStale()) return;
    setScreen({ name: "start" });
    setVisitor(null);
    setMessage(null);
  }, []);

  useEffect(() => {
    if (!snapshot || moreScreens) return;
    let live = true;
    // The English words come along: the language button works from the first citizen on.
    const load = () =>
      void Promise.all([loadMore(), loadEnglish()]).then(
        ([m]) => live && setMoreScreens(() => m),
        () => live && setTimeout(load, 5000),
      );
    load();
    return () => {
      live = false;
    };
  }, [snapshot !== null]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // ---- the link: connect, resynchronise on every (re)connect, hear facts ----
  useEffect(() => {
    const l = new Link(deviceKey, setLink);
    linkRef.current = l;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const sync = async () => {
      clearTimeout(retry);
      const r = await l.call("kiosk:sync", {});
      const p = r.ok ? await l.call("procedures:list", {}) : r;
      if (r.ok) setSnapshot(r.data);
      if (p.ok) setProcedures(p.data);
      // A refused or lost sync is asked again while the link stands; a reconnect asks anyway.
      if ((!r.ok || !p.ok) && l.socket.connected) retry = setTimeout(() => void sync(), 3000);
    };
    l.socket.on("connect", () => void sync());
    const offs = [
      l.on("services:updated", ({ services }) => {
        setSnapshot((s) => (s ? { ...s, services } : s));
        // The queue moved: a ticket on the status screen shows where it stands now.
        const shown = screenRef.current;
        if (shown.name === "status") {
          void l.call("ticket:get", { ticketId: shown.ticket.id }).then((r) => {
            const now = screenRef.current;
            if (r.ok && now.name === "status" && now.ticket.id === r.data.id) setScreen({ name: "status", ticket: r.data });
          });
        }
      }),
      l.on("day:started", () => void sync()),
      l.on("config:changed", () => void sync()),
      l.on("printer:reported", (report) => {
        setSnapshot((s) => (s ? { ...s, printer: { ok: report.ok, status: report.status } } : s));
        if (!report.ticketId) return;
        const state: PrintState = report.ok ? "printed" : report.status?.paperOut ? "paperOut" : "trouble";
        reports.current.set(report.ticketId, state);
        if (reports.current.size > KEPT_REPORTS) reports.current.delete(reports.current.keys().next().value!);
        const shown = screenRef.current;
        if (shown.name === "ticket" && report.ticketId === shown.ticket.id) setPrintState(state);
      }),
      l.on("scan:received", ({ text }) => lookUpRef.current(text)),
    ];
    return () => {
      clearTimeout(retry);
      offs.forEach((off) => off());
      l.close();
    };
  }, [deviceKey]);

  const call: Link["call"] = useCallback((name, payload, timeoutMs) => linkRef.current!.call(name, payload, timeoutMs), []);

  /** A ticket just issued for the citizen in front of the kiosk: the ticket screen, with its paper's fate. */
  const showIssued = useCallback(
    (ticket: Ticket) => {
      setPrintState(reports.current.get(ticket.id) ?? "pending");
      show({ name: "ticket", ticket });
    },
    [show],
  );

  // ---- taking a ticket: one key per tap, retried across a dropped link until it is answered ----
  const issue = useCallback(
    async (serviceId: string, priority: string | null, requestKey: string = newRequestKey()) => {
      const mine = (s: Screen) => s.name === "issuing" && s.requestKey === requestKey;
      show({ name: "issuing", serviceId, priority, requestKey, failed: null });
      const until = Date.now() + ISSUE_PATIENCE_MS;
      for (;;) {
        await Promise.race([linkRef.current!.connected(), new Promise((r) => setTimeout(r, Math.max(0, until - Date.now())))]);
        const r = await call("ticket:issue", { serviceId, priority, requestKey });
        // The citizen went elsewhere meanwhile (idle reset, another tap): the ticket, if any,
        // stands on the server, but it is not the next citizen's to see.
        if (!mine(screenRef.current)) return;
        if (r.ok) return showIssued(r.data);
        if (r.code !== "OFFLINE" || Date.now() > until) {
          show({ name: "issuing", serviceId, priority, requestKey, failed: r.code === "OFFLINE" ? (d) => d.issueFailed : failure(r) });
          return;
        }
        await new Promise((res) => setTimeout(res, 1000));
      }
    },
    [call, show, showIssued],
  );

  // The paper did not come: say so plainly, the ticket on screen is still good.
  useEffect(() => {
    if (screen.name !== "ticket" || printState !== "pending") return;
    const timer = setTimeout(() => setPrintState((p) => (p === "pending" ? "late" : p)), PRINT_PATIENCE_MS);
    return () => clearTimeout(timer);
  }, [screen, printState]);

  // ---- scans: camera, USB scanner (keyboard wedge), or the station's HID scanner ----
  const lookUp = useCallback(
    async (text: string) => {
      lastTouch.current = Date.now();
      const m = readScan(text);
      setMessage(null);
      if (m.kind === "citizenId") {
        setVisitor({ name: m.name, elderly: m.elderly });
        show({ name: "start" });
        return;
      }
      if (m.kind === "unknown") return setMessage(() => (d: Dict) => d.scanUnknown);
      // One question to the server at a time: a code held up to the camera must not queue ten.
      if (lookingUp.current) return;
      lookingUp.current = true;
      try {
        if (m.kind === "dossier") {
          const r = await call("dossier:lookup", { code: m.code });
          if (r.ok) show({ name: "dossier", dossier: r.data });
          else setMessage(() => (r.code === "NOT_FOUND" ? (d: Dict) => d.dossierNotFound : failure(r)));
          return;
        }
        // A booking's QR is a follow link; its code, typed, checks it in the same way.
        const checkIn = m.kind === "follow" || m.kind === "bookingCode";
        const r =
          m.kind === "bookingCode" ? await call("appointment:checkIn", { code: m.code })
          : m.kind === "follow" ? await call("ticket:follow", { token: m.token })
          : m.kind === "ticket" ? await call("ticket:get", { ticketId: m.ticketId })
          : await call("ticket:find", { number: m.number });
        if (!r.ok) return setMessage(() => (checkIn ? checkInFailure(r) : failure(r)));
        // A booking checked in by this very scan or code: a new ticket, printed like any other. The
        // server says so by answering with the follow token, as it does only to the kiosk that
        // issued a ticket; a ticket already held (its QR scanned again) comes without it.
        if (checkIn && r.data.followToken !== undefined) return showIssued(r.data);
        // On the rating screen a ticket means "rate this one"; elsewhere, "where am I in line?".
        show(screenRef.current.name === "rate" ? { name: "rate", ticket: r.data } : { name: "status", ticket: r.data });
      } finally {
        lookingUp.current = false;
      }
    },
    [call, show, showIssued],
  );
  const lookUpRef = useRef(lookUp);
  lookUpRef.current = lookUp;

  useEffect(() => {
    let buffer = "";
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      // The kiosk has no keyboard for people: Enter and space come from a scanner and must not
      // press whichever button the last finger left focused.
      if ((e.key === "Enter" || e.key === " ") && e.target instanceof HTMLButtonElement) e.preventDefault();
      const now = performance.now();
      if (now - last > WEDGE_GAP_MS * 3) buffer = "";
      last = now;
      if (e.key === "Enter") {
        if (buffer.length >= 4) lookUpRef.current(buffer);
        buffer = "";
      } else if (e.key.length === 1) buffer += e.key;
    };
    // A tapped button keeps focus in Chromium; give it back to the page.
    const onClick = () => setTimeout(() => (document.activeElement as HTMLElement | null)?.blur?.(), 0);
    window.addEventListener("keydown", onKey);
    window.addEventListener("click", onClick);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("click", onClick);
    };
  }, []);

  // ---- idle: back to the start, forgetting the citizen ----
  useEffect(() => {
    const touched = () => (lastTouch.current = Date.now());
    window.addEventListener("pointerdown", touched, true);
    window.addEventListener("keydown", touched, true);
    const timer = setInterval(() => {
      if (Date.now() - lastTouch.current < idleSeconds * 1000) return;
      const s = screenRef.current;
      if (s.name === "issuing" && s.failed === null) return; // a tap is still being answered
      lastTouch.current = Date.now();
      home();
      setLang("vi");
      setLarge(false);
      setContrast(false);
    }, 500);
    return () => {
      window.removeEventListener("pointerdown", touched, true);
      window.removeEventListener("keydown", touched, true);
      clearInterval(timer);
    };
  }, [idleSeconds, home]);

  // Everything is sized in rem: the large-text mode scales the root and the whole screen follows.
  useEffect(() => {
    document.documentElement.classList.toggle("large", large);
  }, [large]);

  const go = useCallback((s: Screen) => {
    setMessage(null);
    setScreen(s);
  }, []);
  const api: KioskApi | null = useMemo(
    () =>
      snapshot && {
        snapshot,
        procedures,
        visitor,
        go,
        home,
        issue: (serviceId, priority) => void issue(serviceId, priority),
        lookUp: (text) => void lookUp(text),
        call,
        printState,
      },
    [snapshot, procedures, visitor, go, home, issue, lookUp, call, printState],
  );

  let body;
  if (link === "refused") body = <Notice title={t.refused} />;
  else if (!api) body = link === "offline" ? <Notice title={t.offlineTitle} detail={t.offlineText} busy /> : <Notice title={t.connecting} busy />;
  else {
    const s = screen;
    const m = moreScreens;
    body =
      s.name === "start" ? <StartScreen api={api} />
      : s.name === "field" ? <FieldScreen api={api} fieldId={s.fieldId} />
      : s.name === "priority" ? <PriorityScreen api={api} serviceId={s.serviceId} />
      : s.name === "issuing" ? <IssuingScreen api={api} failed={s.failed} onRetry={() => void issue(s.serviceId, s.priority, s.requestKey)} />
      : s.name === "ticket" ? <TicketScreen api={api} ticket={s.ticket} />
      : !m ? <Notice title={t.connecting} busy />
      : s.name === "search" ? <m.SearchScreen api={api} />
      : s.name === "scan" ? <m.ScanScreen api={api} />
      : s.name === "dossier" ? <m.DossierScreen api={api} dossier={s.dossier} />
      : s.name === "status" ? <m.TicketStatusScreen api={api} ticket={s.ticket} />
      : s.name === "procedures" ? <m.ProceduresScreen api={api} />
      : s.name === "procedure" ? <m.ProcedureScreen api={api} procedure={s.procedure} />
      : s.name === "rate" ? <m.RateScreen api={api} ticket={s.ticket} />
      : <m.HelpScreen api={api} />;
  }
  // A citizen holding a number on screen keeps seeing it when the link drops; elsewhere the
  // whole screen says the kiosk is waiting for the server.
  const offline = api === null || link === "live" ? null : screen.name === "ticket" || screen.name === "status" ? "banner" : "overlay";
  return (
    <LangContext.Provider value={lang}>
      <div class={`kiosk${contrast ? " contrast" : ""}`} data-screen={api ? screen.name : link}>
        <Frame
          snapshot={snapshot}
          screen={screen.name}
          onHome={home}
          go={go}
          lang={lang}
          onLang={() => (lang === "en" ? setLang("vi") : void loadEnglish().then(() => setLang("en"), () => undefined))}
          large={large}
          onLarge={() => setLarge(!large)}
          contrast={contrast}
          onContrast={() => setContrast(!contrast)}
          message={message ? message(t) : null}
          onMessage={() => setMessage(null)}
          offline={offline}
        >
          <Fragment key={visit}>{body}</Fragment>
        </Frame>
      </div>
    </LangContext.Provider>
  );
}
