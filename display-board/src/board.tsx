import { CENTER_TIMEZONE, type CounterState } from "@motcua/protocol";
import type { LinkState } from "@motcua/protocol/client";
import type { ReadonlySignal } from "@preact/signals";
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
  const newest = board.newest.value;
  const layout = board.layout.value;
  const hallCode = board.hallCode.value;
  const ticker = board.ticker.value;

  return (
    <div class="board">
      <header>
        <h1>{snapshot.center.name}</h1>
        <Clock now={board.now} />
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
            Đang chờ <span class="en">Waiting</span>
          </h2>
          <table>
            <tbody>
              {board.fields.value.map((f) => (
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
