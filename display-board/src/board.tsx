import { askServer, checkFact, displayCommands, facts, type Call, type CounterState, type DisplaySnapshot, type Fact, type ServiceSummary } from "@motcua/protocol";
import { useEffect, useState } from "preact/hooks";
import { io } from "socket.io-client";
import { boardVoice, clipPlayer, createAnnouncer, type Voice } from "./announce.ts";
import { LIST_MAX, listLayout, tickerOf, wallCalls, withCall } from "./wall.ts";

type Link = "connecting" | "live" | "reconnecting" | "refused";

interface BoardState {
  snapshot: DisplaySnapshot | null;
  calls: Call[];
  link: Link;
  message: string | null;
}

/**
 * A pushed fact, checked against the protocol before the wall shows it: a malformed message
 * (an old server, a bug) is dropped, not drawn.
 */
function checked<K extends keyof typeof facts>(name: K, handle: (payload: Fact<K>) => void) {
  return (payload: unknown) => {
    const r = checkFact(name, payload);
    if (r) handle(r);
    else console.warn(`motcua board: dropped a malformed ${name}`);
  };
}

export interface BoardProps {
  deviceKey: string;
  /** Only these fields and counters (empty: all the server shows this display). */
  fields?: string[];
  counters?: string[];
  /** A counter's own small display instead of the lobby board. */
  counter?: string | null;
  /**
   * Spoken calls: off on a muted board; 0–1; "auto" and "speech" speak with the browser's
   * Vietnamese voice whenever it has one (after the chime clip), else the shipped clips; "clips" always the clips.
   */
  muted?: boolean;
  volume?: number;
  voice?: "auto" | "clips" | "speech";
}

/** What the board has said, newest last; tests and the installer read it (window.motcuaAnnounced). */
declare global {
  interface Window {
    motcuaAnnounced?: { number: string; counter: number; started: number; ended: number }[];
  }
}

/** A bare kiosk PC has no Vietnamese voice: the clips are what it says then. The voice is looked for at each call. */
function pickVoice(kind: "auto" | "clips" | "speech", volume: number): Voice {
  return boardVoice({ kind, volume, clips: clipPlayer(import.meta.env.BASE_URL, volume), synth: "speechSynthesis" in window ? window.speechSynthesis : undefined });
}

export function Board({ deviceKey, fields: onlyFields = [], counters: onlyCounters = [], counter: ownCounter = null, muted = false, volume = 1, voice = "auto" }: BoardProps) {
  const [state, setState] = useState<BoardState>({ snapshot: null, calls: [], link: "connecting", message: null });
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    const socket = io("/display", { auth: { token: deviceKey }, transports: ["websocket"] });
    const shown = (c: Call) => (onlyFields.length === 0 || onlyFields.includes(c.fieldId)) && (onlyCounters.length === 0 || onlyCounters.includes(c.counterId));
    // A counter's own display stays quiet: the lobby speaks for the hall.
    const announce = muted || ownCounter
      ? () => {}
      : createAnnouncer(pickVoice(voice, Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : 1), (e) => {
          // The last hundred are enough to check what was said; a week of calls must not pile up.
          const log = (window.motcuaAnnounced ??= []);
          log.push(e);
          if (log.length > 100) log.shift();
        });
    const heard = (call: Call) => {
      if (shown(call)) announce(call);
    };
    // On every (re)connect the whole picture comes again: the server does not replay what was
    // missed, and a call it undid meanwhile must not stay on the wall.
    const sync = (): void =>
      void askServer(socket, displayCommands, "display:sync", {}).then((r) => {
        if (r.ok) setState({ snapshot: r.data, calls: wallCalls(r.data), link: "live", message: null });
        // No answer in time while the link stands: ask again rather than keep an old wall.
        else if (socket.connected) setTimeout(sync, 3000);
      });
    socket.on("connect", sync);
    socket.on("disconnect", () => setState((s) => ({ ...s, link: "reconnecting" })));
    socket.on("connect_error", (e: Error & { data?: { code?: string } }) => {
      const refused = e.data?.code === "UNAUTHENTICATED" || e.data?.code === "FORBIDDEN";
      setState((s) => ({ ...s, link: refused ? "refused" : "reconnecting", message: refused ? e.message : s.message }));
    });
    const called = ({ call }: { call: Call }) => {
      setState((s) => ({ ...s, calls: withCall(s.calls, call) }));
      heard(call);
    };
    socket.on("ticket:called", checked("ticket:called", called));
    socket.on("ticket:recalled", checked("ticket:recalled", called));
    socket.on("call:withdrawn", checked("call:withdrawn", ({ ticketId }) => setState((s) => ({ ...s, calls: s.calls.filter((c) => c.ticketId !== ticketId) }))));
    socket.on(
      "services:updated",
      checked("services:updated", ({ services }) => setState((s) => (s.snapshot ? { ...s, snapshot: { ...s.snapshot, services } } : s))),
    );
    socket.on(
      "counter:updated",
      checked("counter:updated", ({ counter }) =>
        setState((s) =>
          s.snapshot ? { ...s, snapshot: { ...s.snapshot, counters: s.snapshot.counters.map((c) => (c.counterId === counter.counterId ? counter : c)) } } : s,
        ),
      ),
    );
    // Every ten minutes a new hall code (the server keeps the one before good for ten more).
    socket.on(
      "hallCode:changed",
      checked("hallCode:changed", ({ hallCode }) => setState((s) => (s.snapshot ? { ...s, snapshot: { ...s.snapshot, hallCode } } : s))),
    );
    socket.on("day:started", sync);
    socket.on("config:changed", sync);
    return () => socket.close();
  }, [deviceKey, muted, volume, voice, ownCounter, onlyFields.join(), onlyCounters.join()]);

  const { snapshot, link } = state;
  if (link === "refused") return <Notice title="Màn hình chưa được cấp quyền" detail="Display not authorised: check the key in this screen's address." />;
  if (!snapshot) return <Notice title="Đang kết nối…" detail="Connecting…" />;
  if (ownCounter) {
    const c = snapshot.counters.find((x) => x.counterId === ownCounter);
    return c ? <CounterDisplay counter={c} link={link} /> : <Notice title={`Không có quầy ${ownCounter}`} detail={`No counter ${ownCounter} on this display.`} />;
  }
  const shown = (fieldId: string, counterId: string | null) =>
    (onlyFields.length === 0 || onlyFields.includes(fieldId)) && (counterId === null || onlyCounters.length === 0 || onlyCounters.includes(counterId));
  const calls = state.calls.filter((c) => shown(c.fieldId, c.counterId));

  const newest = calls[0];
  // Below the newest call: each other counter's latest call (the board keeps one per counter),
  // in as many columns as it takes for every desk's number to stay on the screen.
  const perCounter = calls.slice(1, 1 + LIST_MAX);
  const layout = listLayout(perCounter.length);
  const fields = snapshot.fields.filter((f) => shown(f.id, null)).map((f) => {
    const services = snapshot.services.filter((s) => s.fieldId === f.id);
    const waiting = services.reduce((n, s) => n + s.waiting, 0);
    const band = services.reduce<ServiceSummary["estimatedWait"] | null>(
      (b, s) => (s.waiting > 0 && (!b || s.estimatedWait.maxMinutes > b.maxMinutes) ? s.estimatedWait : b),
      null,
    );
    return { ...f, waiting, band };
  });
  const ticker = tickerOf(snapshot.center);

  return (
    <div class="board">
      <header>
        <h1>{snapshot.center.name}</h1>
        <div class="clock">
          <span class="time">{now.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" })}</span>
          <span class="date">{now.toLocaleDateString("vi-VN", { weekday: "long", day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" })}</span>
        </div>
        {link !== "live" && <span class="link" role="status">Đang kết nối lại… · reconnecting</span>}
      </header>
      <main>
        <section class="calling" aria-live="assertive">
          <h2>
            Xin mời công dân có số <span class="en">Now calling</span>
          </h2>
          {newest ? (
            <div class="newest" key={`${newest.ticketId}-${newest.recalls}`}>
              <span class="number">{newest.number}</span>
              <span class="arrow">→</span>
              <span class="counter">
                Quầy <b>{newest.counterNumber}</b>
              </span>
            </div>
          ) : (
            <div class="newest idle">Chưa có số nào được gọi · No calls yet</div>
          )}
          <ol class={layout.columns > 2 ? "recent stacked" : "recent"} style={{ "--columns": layout.columns, "--rows": layout.rows }}>
            {perCounter.map((c) => (
              <li key={c.ticketId}>
                <span class="number">{c.number}</span>
                <span class="counter">Quầy {c.counterNumber}</span>
              </li>
            ))}
          </ol>
        </section>
        <section class="fields">
          <h2>
            Đang chờ <span class="en">Waiting</span>
          </h2>
          <table>
            <tbody>
              {fields.map((f) => (
                <tr key={f.id}>
                  <th>{f.name}</th>
                  <td class="waiting">{f.waiting}</td>
                  <td class="band">{f.band ? `${f.band.minMinutes}–${f.band.maxMinutes} phút` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
      <footer>
        {/* A code from before the link dropped may be dead by now: wrong tries count against the hall's
            Wi-Fi. While live, the server pushes each new code (the board's own clock may be off). */}
        {snapshot.hallCode && link === "live" && (
          <HallCode code={snapshot.hallCode.code} changesAt={snapshot.hallCode.changesAt} />
        )}
        <div class="ticker" aria-label={ticker}>
          <span>{ticker}</span>
          <span aria-hidden="true">{ticker}</span>
        </div>
      </footer>
    </div>
  );
}

/** The small screen above a counter: its number, who it serves now, or that it is on a break. */
function CounterDisplay({ counter, link }: { counter: CounterState; link: Link }) {
  const [vi, en] =
    counter.status === "paused" ? ["Tạm nghỉ", "On a break"] : counter.status === "closed" ? ["Quầy đóng", "Closed"] : counter.currentNumber ? ["Đang phục vụ số", "Now serving"] : ["Mời số tiếp theo", "Next please"];
  return (
    <div class={`counter-display ${counter.status}`}>
      <div class="name">
        Quầy <b>{counter.number}</b>
      </div>
      <div class="state">
        {vi} <span class="en">{en}</span>
      </div>
      {counter.status === "open" && counter.currentNumber && <div class="number">{counter.currentNumber}</div>}
      {link !== "live" && <span class="link" role="status">Đang kết nối lại… · reconnecting</span>}
    </div>
  );
}

/**
 * The hall code in the bottom corner, for a citizen holding a number taken from home: typed on
 * the phone, it says "I have arrived". Quiet beside the ticker, but readable from the seats.
 */
function HallCode({ code, changesAt }: { code: string; changesAt: string }) {
  return (
    <aside class="hall-code" data-changes-at={changesAt}>
      <span class="label">
        Mã có mặt <span class="en">Check-in code</span>
      </span>
      <span class="hint">Lấy số từ xa? Nhập mã này trên điện thoại</span>
      <span class="code">{code}</span>
    </aside>
  );
}

function Notice({ title, detail }: { title: string; detail: string }) {
  return (
    <div class="notice">
      <h1>{title}</h1>
      <p>{detail}</p>
    </div>
  );
}
