import type { DossierStatus, KioskSnapshot, Procedure, Ticket } from "@motcua/protocol";
import { Fragment } from "preact";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { DICTIONARY, LangContext, type Lang } from "./i18n.ts";
import { Link, newRequestKey, type LinkState, type Outcome } from "./link.ts";
import { readScan } from "./read-scan.ts";
import { Frame, Notice } from "./frame.tsx";
import { FieldScreen, IssuingScreen, PriorityScreen, SearchScreen, StartScreen, TicketScreen } from "./screens.tsx";

type More = typeof import("./more.tsx");
/** The less used screens, fetched once the start screen is up. */
let more: Promise<More> | null = null;
const loadMore = (): Promise<More> => (more ??= import("./more.tsx"));

export type Screen =
  | { name: "start" }
  | { name: "field"; fieldId: string }
  | { name: "search" }
  | { name: "priority"; serviceId: string }
  | { name: "issuing"; serviceId: string; priority: string | null; failed: string | null }
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

export type PrintState = "pending" | "printed" | "trouble" | "paperOut";

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
  /** A calm sentence to show once (a code that could not be read, a refusal). */
  say: (message: string | null) => void;
}

/** After this long with no touch, the kiosk forgets the citizen and shows its start screen. */
const DEFAULT_IDLE_SECONDS = 60;
/** How long a ticket's paper may take before the citizen is told it is not coming. */
const PRINT_PATIENCE_MS = 12_000;
/** How long a tap keeps retrying across a dropped link before the citizen is asked to try again. */
const ISSUE_PATIENCE_MS = 60_000;

/** A keyboard-wedge scanner types a whole code in a burst and presses Enter; people type slower. */
const WEDGE_GAP_MS = 60;

export function Kiosk({ deviceKey, idleSeconds = DEFAULT_IDLE_SECONDS }: { deviceKey: string; idleSeconds?: number }) {
  const [link, setLink] = useState<LinkState>("connecting");
  const [snapshot, setSnapshot] = useState<KioskSnapshot | null>(null);
  const [procedures, setProcedures] = useState<Procedure[]>([]);
  const [screen, setScreen] = useState<Screen>({ name: "start" });
  const [visitor, setVisitor] = useState<Visitor | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [lang, setLang] = useState<Lang>("vi");
  const [large, setLarge] = useState(false);
  const [contrast, setContrast] = useState(false);
  const [printState, setPrintState] = useState<PrintState>("pending");
  const [moreScreens, setMoreScreens] = useState<More | null>(null);
  const linkRef = useRef<Link | null>(null);
  const lastTouch = useRef(Date.now());
  const screenRef = useRef(screen);
  screenRef.current = screen;
  // Each visit to a screen starts it afresh: the rating screen after a "thank you" is empty again.
  const visits = useRef(0);
  const visit = useMemo(() => ++visits.current, [screen]);
  const t = DICTIONARY[lang];

  const home = useCallback(() => {
    setScreen({ name: "start" });
    setVisitor(null);
    setMessage(null);
  }, []);

  useEffect(() => {
    if (snapshot && !moreScreens) void loadMore().then(setMoreScreens);
  }, [snapshot !== null]);

  // ---- the link: connect, resynchronise on every (re)connect, hear facts ----
  useEffect(() => {
    const l = new Link(deviceKey, setLink);
    linkRef.current = l;
    const sync = async () => {
      const r = await l.call("kiosk:sync", {});
      if (r.ok) setSnapshot(r.data);
      const p = await l.call("procedures:list", {});
      if (p.ok) setProcedures(p.data);
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
        const shown = screenRef.current;
        if (shown.name === "ticket" && report.ticketId === shown.ticket.id) {
          setPrintState(report.ok ? "printed" : report.status?.paperOut ? "paperOut" : "trouble");
        }
      }),
      l.on("scan:received", ({ text }) => lookUpRef.current(text)),
    ];
    return () => {
      offs.forEach((off) => off());
      l.close();
    };
  }, [deviceKey]);

  const call: Link["call"] = useCallback((name, payload, timeoutMs) => linkRef.current!.call(name, payload, timeoutMs), []);

  const errorText = (r: Outcome<unknown>): string => (r.ok ? "" : r.code === "OFFLINE" ? t.offlineTitle : (t.errors[r.code] ?? t.errors.other!));

  // ---- taking a ticket: one key per tap, retried across a dropped link until it is answered ----
  const issue = useCallback(
    async (serviceId: string, priority: string | null) => {
      const requestKey = newRequestKey();
      setScreen({ name: "issuing", serviceId, priority, failed: null });
      const until = Date.now() + ISSUE_PATIENCE_MS;
      for (;;) {
        await Promise.race([linkRef.current!.connected(), new Promise((r) => setTimeout(r, Math.max(0, until - Date.now())))]);
        const r = await call("ticket:issue", { serviceId, priority, requestKey });
        // The citizen went elsewhere meanwhile (idle reset, home): the ticket, if any, stands; do not jump back.
        if (screenRef.current.name !== "issuing") return;
        if (r.ok) {
          setPrintState("pending");
          setScreen({ name: "ticket", ticket: r.data });
          return;
        }
        if (r.code !== "OFFLINE" || Date.now() > until) {
          setScreen({ name: "issuing", serviceId, priority, failed: errorText(r) });
          return;
        }
        await new Promise((res) => setTimeout(res, 1000));
      }
    },
    [call, lang],
  );

  // The paper did not come: say so plainly, the ticket on screen is still good.
  useEffect(() => {
    if (screen.name !== "ticket" || printState !== "pending") return;
    const timer = setTimeout(() => setPrintState((p) => (p === "pending" ? "trouble" : p)), PRINT_PATIENCE_MS);
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
        setScreen({ name: "start" });
        return;
      }
      if (m.kind === "dossier") {
        const r = await call("dossier:lookup", { code: m.code });
        if (r.ok) setScreen({ name: "dossier", dossier: r.data });
        else setMessage(r.ok === false && r.code === "NOT_FOUND" ? t.dossierNotFound : errorText(r));
        return;
      }
      if (m.kind === "ticket" || m.kind === "ticketNumber") {
        const r = m.kind === "ticket" ? await call("ticket:get", { ticketId: m.ticketId }) : await call("ticket:find", { number: m.number });
        if (!r.ok) return setMessage(errorText(r));
        // On the rating screen a ticket means "rate this one"; elsewhere, "where am I in line?".
        setScreen(screenRef.current.name === "rate" ? { name: "rate", ticket: r.data } : { name: "status", ticket: r.data });
        return;
      }
      setMessage(t.scanUnknown);
    },
    [call, lang],
  );
  const lookUpRef = useRef(lookUp);
  lookUpRef.current = lookUp;

  useEffect(() => {
    let buffer = "";
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      const now = performance.now();
      if (now - last > WEDGE_GAP_MS * 3) buffer = "";
      last = now;
      if (e.key === "Enter") {
        if (buffer.length >= 4) lookUpRef.current(buffer);
        buffer = "";
      } else if (e.key.length === 1) buffer += e.key;
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
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

  const api: KioskApi | null = useMemo(
    () =>
      snapshot && {
        snapshot,
        procedures,
        visitor,
        go: (s: Screen) => {
          setMessage(null);
          setScreen(s);
        },
        home,
        issue: (serviceId, priority) => void issue(serviceId, priority),
        lookUp: (text) => void lookUp(text),
        call,
        printState,
        say: setMessage,
      },
    [snapshot, procedures, visitor, home, issue, lookUp, call, printState],
  );

  // Everything is sized in rem: the large-text mode scales the root and the whole screen follows.
  useEffect(() => {
    document.documentElement.classList.toggle("large", large);
  }, [large]);
  const rootClass = `kiosk${contrast ? " contrast" : ""}`;
  let body;
  if (link === "refused") body = <Notice title={t.refused} />;
  else if (!api) body = <Notice title={t.connecting} busy />;
  else {
    const s = screen;
    const m = moreScreens;
    body =
      s.name === "start" ? <StartScreen api={api} />
      : s.name === "field" ? <FieldScreen api={api} fieldId={s.fieldId} />
      : s.name === "search" ? <SearchScreen api={api} />
      : s.name === "priority" ? <PriorityScreen api={api} serviceId={s.serviceId} />
      : s.name === "issuing" ? <IssuingScreen api={api} failed={s.failed} onRetry={() => void issue(s.serviceId, s.priority)} />
      : s.name === "ticket" ? <TicketScreen api={api} ticket={s.ticket} />
      : !m ? <Notice title={t.connecting} busy />
      : s.name === "scan" ? <m.ScanScreen api={api} />
      : s.name === "dossier" ? <m.DossierScreen api={api} dossier={s.dossier} />
      : s.name === "status" ? <m.TicketStatusScreen api={api} ticket={s.ticket} />
      : s.name === "procedures" ? <m.ProceduresScreen api={api} />
      : s.name === "procedure" ? <m.ProcedureScreen api={api} procedure={s.procedure} />
      : s.name === "rate" ? <m.RateScreen api={api} ticket={s.ticket} />
      : <m.HelpScreen api={api} />;
  }
  return (
    <LangContext.Provider value={lang}>
      <div class={rootClass} data-screen={api ? screen.name : link}>
        <Frame
          snapshot={snapshot}
          screen={screen.name}
          onHome={home}
          go={(s) => {
            setMessage(null);
            setScreen(s);
          }}
          lang={lang}
          onLang={() => setLang(lang === "vi" ? "en" : "vi")}
          large={large}
          onLarge={() => setLarge(!large)}
          contrast={contrast}
          onContrast={() => setContrast(!contrast)}
          message={message}
          onMessage={() => setMessage(null)}
          offline={api !== null && link !== "live"}
        >
          <Fragment key={visit}>{body}</Fragment>
        </Frame>
      </div>
    </LangContext.Provider>
  );
}
