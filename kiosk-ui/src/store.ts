import type { DossierStatus, KioskSnapshot, Lang, Procedure, RatingRequest, SpokenClip, Ticket } from "@motcua/protocol";
import { Link, type Answer, type LinkState } from "@motcua/protocol/client";
import { batch, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { z } from "zod";
import { loadFresh, reloadIfStale } from "./fresh.ts";
import { failure, loadEnglish, type Say } from "./i18n.ts";

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
  /** Null when the scanner lost the name's letters: the kiosk greets nobody rather than a wrong name. */
  name: string | null;
  elderly: boolean;
}

/** What the paper did: "late" is no word from the printer at all, which is not the same as trouble. */
export type PrintState = "pending" | "printed" | "trouble" | "paperOut" | "late";

/** The rarer screens, fetched once the start screen is up. */
export type MoreScreens = typeof import("./more.tsx");

export interface KioskOptions {
  deviceKey: string;
  /** After this long with no touch, the kiosk forgets the citizen and shows its start screen. */
  idleSeconds?: number;
  /** How long a command waits for the server's answer before the kiosk counts it as lost. */
  ackSeconds?: number;
}

/** The kiosk's whole state, and everything a citizen can make it do. */
export interface KioskModel {
  link: ReadonlySignal<LinkState>;
  /** The picture from the server; null until the first sync. */
  snapshot: ReadonlySignal<KioskSnapshot | null>;
  procedures: ReadonlySignal<Procedure[]>;
  screen: ReadonlySignal<Screen>;
  /** Counts the screens shown: each visit to a screen starts it afresh. */
  visit: ReadonlySignal<number>;
  visitor: ReadonlySignal<Visitor | null>;
  message: ReadonlySignal<Say | null>;
  lang: ReadonlySignal<Lang>;
  large: ReadonlySignal<boolean>;
  contrast: ReadonlySignal<boolean>;
  /** The kiosk reads its screens aloud: turned on by the speaker button, or by a chip card of sixty or over. */
  reading: ReadonlySignal<boolean>;
  printState: ReadonlySignal<PrintState>;
  more: ReadonlySignal<MoreScreens | null>;

  go(s: Screen): void;
  home(): void;
  issue(serviceId: string, priority: string | null): void;
  /** Asks again for the ticket on the failed issuing screen, with the same key. */
  retryIssue(): void;
  lookUp(text: string): void;
  /** A finger or a key: the citizen is still there. */
  touched(): void;
  toggleLang(): void;
  toggleLarge(): void;
  toggleContrast(): void;
  toggleReading(): void;
  /** Words of the screen as speech made by the server, for a PC with no voice of its own. */
  voice(lang: Lang, text: string): Promise<Answer<SpokenClip>>;
  dismissMessage(): void;
  /** Sends a citizen's rating of a served ticket. */
  rate(rating: z.input<typeof RatingRequest>): Promise<Answer<unknown>>;
  close(): void;
}

const DEFAULT_IDLE_SECONDS = 60;
/** As long as a Link waits by default: a busy server answers well within it. */
const DEFAULT_ACK_SECONDS = 8;
/** How long a ticket's paper may take before the citizen is told it is not coming. */
const PRINT_PATIENCE_MS = 12_000;
/** How long a tap keeps retrying across a dropped link before the citizen is asked to try again. */
const ISSUE_PATIENCE_MS = 60_000;
/** Printer reports kept for tickets not yet on screen (the report can beat the answer). */
const KEPT_REPORTS = 20;

/** A fresh idempotency key for one tap. */
const newRequestKey = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a scanned code leads to: fetched with the rarer screens, off the start screen's first load. */
const scanLookUp = () => loadFresh(() => import("./look-up.ts"));

/** Opens the kiosk's one link to the server and keeps the kiosk's state from it and from the citizen. */
export function createKiosk({ deviceKey, idleSeconds = DEFAULT_IDLE_SECONDS, ackSeconds = DEFAULT_ACK_SECONDS }: KioskOptions): KioskModel {
  const link = new Link("kiosk", { token: deviceKey, timeoutMs: ackSeconds * 1000 });
  const linkState = signal<LinkState>(link.state);
  const snapshot = signal<KioskSnapshot | null>(null);
  const procedures = signal<Procedure[]>([]);
  const screen = signal<Screen>({ name: "start" });
  const visit = signal(0);
  const visitor = signal<Visitor | null>(null);
  const message = signal<Say | null>(null);
  const lang = signal<Lang>("vi");
  const large = signal(false);
  const contrast = signal(false);
  const reading = signal(false);
  const printState = signal<PrintState>("pending");
  const more = signal<MoreScreens | null>(null);
  let lastTouch = Date.now();
  /** What the printer said of recent tickets, by ticket id. */
  const reports = new Map<string, PrintState>();
  let lookingUp = false;

  const setScreen = (s: Screen) =>
    batch(() => {
      screen.value = s;
      visit.value++;
    });

  /** Shows a screen and counts it as the citizen's doing: the idle clock starts again. */
  const show = (s: Screen) => {
    lastTouch = Date.now();
    setScreen(s);
  };

  const go = (s: Screen) =>
    batch(() => {
      message.value = null;
      setScreen(s);
    });

  const home = () => {
    // A new build was installed while this page ran: take it now, between citizens.
    if (reloadIfStale()) return;
    batch(() => {
      setScreen({ name: "start" });
      visitor.value = null;
      message.value = null;
    });
  };

  // ---- the link: resynchronise on every (re)connect, hear facts ----
  let fetchingMore = false;
  /** The rarer screens and the English words come along: the language button works from the first citizen on. */
  const loadMore = () => {
    if (more.value || fetchingMore) return;
    fetchingMore = true;
    Promise.all([loadFresh(() => import("./more.tsx")), loadEnglish(), scanLookUp()]).then(
      ([m]) => (more.value = m),
      () =>
        setTimeout(() => {
          fetchingMore = false;
          loadMore();
        }, 5000),
    );
  };

  let retrySync: ReturnType<typeof setTimeout> | undefined;
  let hoursChange: ReturnType<typeof setTimeout> | undefined;
  const sync = async () => {
    clearTimeout(retrySync);
    // The picture is shown with the procedures, together: the screen opens once, whole.
    const r = await link.resync("kiosk:sync", {}, () => undefined);
    const p = r.ok ? await link.call("procedures:list", {}) : r;
    batch(() => {
      if (r.ok) snapshot.value = r.data;
      if (p.ok) procedures.value = p.data;
    });
    // The hall opens or closes, or starts issuing: asked again then, by the server's clock (at most hourly).
    const h = r.ok ? r.data.hours : null;
    clearTimeout(hoursChange);
    if (h?.changesAt) hoursChange = setTimeout(() => void sync(), Math.min(Date.parse(h.changesAt) - Date.parse(h.now), 3.6e6) + 1000);
    if (r.ok) loadMore();
    // A refused or lost sync is asked again while the link stands; a reconnect asks anyway.
    if ((!r.ok || !p.ok) && link.state === "live") retrySync = setTimeout(() => void sync(), 3000);
  };

  /** The queue moved: a ticket on the status screen shows where it stands now. */
  const refreshStatus = () => {
    const shown = screen.value;
    if (shown.name !== "status") return;
    void link.call("ticket:get", { ticketId: shown.ticket.id }).then((r) => {
      const now = screen.value;
      if (r.ok && now.name === "status" && now.ticket.id === r.data.id) setScreen({ name: "status", ticket: r.data });
    });
  };

  const offs = [
    link.onState((s) => (linkState.value = s)),
    link.onLive(() => void sync()),
    link.on("services:updated", ({ services }) => {
      if (snapshot.value) snapshot.value = { ...snapshot.value, services };
      refreshStatus();
    }),
    link.on("day:started", () => void sync()),
    link.on("config:changed", () => void sync()),
    link.on("printer:reported", (report) => {
      if (snapshot.value) snapshot.value = { ...snapshot.value, printer: { ok: report.ok, status: report.status } };
      if (!report.ticketId) return;
      const state: PrintState = report.ok ? "printed" : report.status?.paperOut ? "paperOut" : "trouble";
      reports.set(report.ticketId, state);
      if (reports.size > KEPT_REPORTS) reports.delete(reports.keys().next().value!);
      const shown = screen.value;
      if (shown.name === "ticket" && report.ticketId === shown.ticket.id) printState.value = state;
    }),
    link.on("scan:received", ({ text }) => void lookUp(text)),
  ];

  /** A ticket just issued for the citizen in front of the kiosk: the ticket screen, with its paper's fate. */
  const showIssued = (ticket: Ticket) =>
    batch(() => {
      printState.value = reports.get(ticket.id) ?? "pending";
      show({ name: "ticket", ticket });
    });

  // ---- taking a ticket: one key per tap, retried across a dropped link until it is answered ----
  const issue = async (serviceId: string, priority: string | null, requestKey: string = newRequestKey()) => {
    const mine = () => {
      const s = screen.value;
      return s.name === "issuing" && s.requestKey === requestKey;
    };
    show({ name: "issuing", serviceId, priority, requestKey, failed: null });
    const until = Date.now() + ISSUE_PATIENCE_MS;
    for (;;) {
      await Promise.race([link.connected(), sleep(Math.max(0, until - Date.now()))]);
      const r = await link.call("ticket:issue", { serviceId, priority, requestKey });
      // The citizen went elsewhere meanwhile (idle reset, another tap): the ticket, if any,
      // stands on the server, but it is not the next citizen's to see.
      if (!mine()) return;
      if (r.ok) return showIssued(r.data);
      // Closed meanwhile (the hours were stale): the start screen, asked afresh, says when it opens.
      if (r.code === "CENTER_CLOSED") return void sync().then(() => show({ name: "start" }));
      if (r.code !== "OFFLINE" || Date.now() > until) {
        show({ name: "issuing", serviceId, priority, requestKey, failed: r.code === "OFFLINE" ? (d) => d.issueFailed : failure(r) });
        return;
      }
      await sleep(1000);
    }
  };

  // The paper did not come: say so plainly, the ticket on screen is still good.
  const stopPrintPatience = effect(() => {
    if (screen.value.name !== "ticket" || printState.value !== "pending") return;
    const timer = setTimeout(() => {
      if (printState.value === "pending") printState.value = "late";
    }, PRINT_PATIENCE_MS);
    return () => clearTimeout(timer);
  });

  // ---- scans: camera, USB scanner (keyboard wedge), or the station's HID scanner ----
  const lookUp = async (text: string) => {
    lastTouch = Date.now();
    message.value = null;
    let scan;
    try {
      scan = await scanLookUp();
    } catch {
      message.value = (d) => d.scanUnknown;
      return;
    }
    const m = scan.readScan(text);
    if (m.kind === "citizenId") {
      batch(() => {
        visitor.value = { name: m.name, elderly: m.elderly };
        // Sixty or over: the kiosk offers its voice unasked; the speaker button turns it off.
        if (m.elderly) reading.value = true;
        show({ name: "start" });
      });
      return;
    }
    if (m.kind === "unknown") {
      message.value = (d) => d.scanUnknown;
      return;
    }
    // One question to the server at a time: a code held up to the camera must not queue ten.
    if (lookingUp) return;
    lookingUp = true;
    try {
      const found = await scan.askAbout(m, link);
      if ("failed" in found) message.value = found.failed;
      else if ("dossier" in found) show({ name: "dossier", dossier: found.dossier });
      else if (found.checkedIn) showIssued(found.ticket);
      // On the rating screen a ticket means "rate this one"; elsewhere, "where am I in line?".
      else show(screen.value.name === "rate" ? { name: "rate", ticket: found.ticket } : { name: "status", ticket: found.ticket });
    } finally {
      lookingUp = false;
    }
  };

  // ---- reading aloud: the reader is fetched the first time a citizen wants it ----
  let stopReader: (() => void) | null = null;
  const stopReading = effect(() => {
    if (!reading.value) {
      stopReader?.();
      stopReader = null;
      return;
    }
    // From the touch (or the scan) that turned it on: the first words are timed from there.
    const since = performance.now();
    void loadFresh(() => import("./reader.ts")).then(
      (r) => {
        if (reading.value && !stopReader) stopReader = r.startReader(model, since);
      },
      () => (reading.value = false),
    );
  });

  // ---- idle: back to the start, forgetting the citizen ----
  const idleTimer = setInterval(() => {
    if (Date.now() - lastTouch < idleSeconds * 1000) return;
    const s = screen.value;
    if (s.name === "issuing" && s.failed === null) return; // a tap is still being answered
    lastTouch = Date.now();
    batch(() => {
      home();
      lang.value = "vi";
      large.value = false;
      contrast.value = false;
      reading.value = false;
    });
  }, 500);

  const model: KioskModel = {
    link: linkState,
    snapshot,
    procedures,
    screen,
    visit,
    visitor,
    message,
    lang,
    large,
    contrast,
    reading,
    printState,
    more,
    go,
    home,
    issue: (serviceId, priority) => void issue(serviceId, priority),
    retryIssue: () => {
      const s = screen.value;
      if (s.name === "issuing") void issue(s.serviceId, s.priority, s.requestKey);
    },
    lookUp: (text) => void lookUp(text),
    touched: () => void (lastTouch = Date.now()),
    toggleLang: () => {
      if (lang.value === "en") lang.value = "vi";
      else void loadEnglish().then(() => (lang.value = "en"), () => undefined);
    },
    toggleLarge: () => void (large.value = !large.value),
    toggleContrast: () => void (contrast.value = !contrast.value),
    toggleReading: () => void (reading.value = !reading.value),
    voice: (l, text) => link.call("voice:say", { lang: l, text }),
    dismissMessage: () => void (message.value = null),
    rate: (rating) => link.call("rating:submit", rating),
    close: () => {
      clearTimeout(retrySync);
      clearTimeout(hoursChange);
      clearInterval(idleTimer);
      stopPrintPatience();
      stopReading();
      offs.forEach((off) => off());
      link.close();
    },
  };
  return model;
}
