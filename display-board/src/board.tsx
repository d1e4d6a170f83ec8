import { CENTER_TIMEZONE, type CounterState } from "@motcua/protocol";
import type { LinkState } from "@motcua/protocol/client";
import type { ReadonlySignal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { BoardStore } from "./store.ts";

// Made once: the clock reads them every second.
const TIME = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: CENTER_TIMEZONE });
const DATE = new Intl.DateTimeFormat("vi-VN", { weekday: "long", day: "2-digit", month: "2-digit", year: "numeric", timeZone: CENTER_TIMEZONE });

/** The lobby board, or a counter's own display: everything it draws comes from its store. */
export function Board({ board }: { board: BoardStore }) {
  const link = board.link.value;
  const snapshot = board.snapshot.value;
  if (link === "refused") return <Notice title="Màn hình chưa được cấp quyền" detail="Display not authorised: check the key in this screen's address." />;
  if (!snapshot) return <Notice title="Đang kết nối…" detail="Connecting…" />;
  const counterId = board.settings.counter;
  if (counterId) {
    const c = board.ownCounter.value;
    return c ? <CounterDisplay counter={c} link={link} /> : <Notice title={`Không có quầy ${counterId}`} detail={`No counter ${counterId} on this display.`} />;
  }
  return <Wall board={board} link={link} center={snapshot.center.name} />;
}

/**
 * The lobby wall: every counter's standing call, each a number over its counter, the newest
 * first and marked; below them the waiting fields (page by page when they do not all fit);
 * the ticker at the bottom. Sizes come from the space the screen has (store.resized).
 */
function Wall({ board, link, center }: { board: BoardStore; link: LinkState; center: string }) {
  const main = useRef<HTMLElement>(null);
  // The layout needs the space between the header and the ticker, again when the TV's mode changes.
  useLayoutEffect(() => {
    const el = main.current;
    if (!el) return;
    const measure = () => {
      const style = getComputedStyle(el);
      const width = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const height = el.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      board.resized({ width, height, vh: innerHeight / 100 });
    };
    measure();
    const watch = new ResizeObserver(measure);
    watch.observe(el);
    return () => watch.disconnect();
  }, []);
  const newest = board.newest.value;
  const layout = board.layout.value;
  const hallCode = board.hallCode.value;
  const ticker = board.ticker.value;
  const { page, pages } = board.fieldPage.value;
  const sizes = {
    "--columns": layout.columns,
    "--rows": layout.rows,
    "--number-em": layout.numberEm,
    "--counter-em": layout.counterEm,
    "--field-rows": layout.fieldRows,
    "--field-columns": layout.fieldColumns,
  };

  return (
    <div class="board">
      <header>
        <h1>{center}</h1>
        <Clock now={board.now} />
        {link !== "live" && <span class="link" role="status">Đang kết nối lại… · reconnecting</span>}
      </header>
      <main ref={main} style={sizes}>
        <section class="calling" aria-live="assertive" aria-label="Mời số · Now calling">
          {newest ? (
            // Keyed by the call's moment: a recall or a call-back is drawn (and flashes) as a new call.
            <div class="newest" key={`${newest.ticketId}@${newest.calledAt}`}>
              <span class="number">{newest.number}</span>
              <span class="counter">
                Quầy <b>{newest.counterNumber}</b>
              </span>
            </div>
          ) : (
            <div class="newest idle">Chưa có số nào được gọi · No calls yet</div>
          )}
          <ol class="recent">
            {board.listed.value.map((c) => (
              <li key={c.ticketId}>
                <span class="number">{c.number}</span>
                <span class="counter">Quầy {c.counterNumber}</span>
              </li>
            ))}
          </ol>
        </section>
        <section class="fields">
          <h2>
            Đang chờ
            <span class="en">
              Waiting
              {pages > 1 && (
                // Says there is more to come: the fields turn page by page.
                <span class="page">
                  {page + 1}/{pages}
                </span>
              )}
            </span>
          </h2>
          <table>
            <tbody>
              {board.fields.value.map((f) => (
                <tr key={f.id} hidden={!f.shown}>
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
        {hallCode && <HallCode code={hallCode.code} changesAt={hallCode.changesAt} />}
        <div class="ticker" aria-label={ticker}>
          <span>{ticker}</span>
          <span aria-hidden="true">{ticker}</span>
        </div>
      </footer>
    </div>
  );
}

/** The hall's clock and date, in the center's time zone whatever the TV's own is set to. */
function Clock({ now }: { now: ReadonlySignal<number> }) {
  // Read here, not in the board: each second redraws the clock alone.
  return (
    <div class="clock">
      <span class="time">{TIME.format(now.value)}</span>
      <span class="date">{DATE.format(now.value)}</span>
    </div>
  );
}

/** The small screen above a counter: its number, who it serves now, or that it is on a break. */
function CounterDisplay({ counter, link }: { counter: CounterState; link: LinkState }) {
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
