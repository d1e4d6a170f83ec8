import { Board } from "./board.tsx";
import type { BoardStore } from "./store.ts";

/**
 * The board, or, while it has no picture and the server does not answer (a TV that starts before
 * the server, or a page the offline shell kept through an outage), a page that says it is waiting
 * and will come back by itself: the link keeps trying and the board draws itself once it answers.
 */
export function BoardScreen({ board }: { board: BoardStore }) {
  if (board.snapshot.value || board.link.value !== "offline") return <Board board={board} />;
  return (
    <div class="notice waiting-server" role="status">
      <h1>Đang chờ kết nối tới máy chủ</h1>
      <p>Bảng sẽ tự hiển thị lại khi máy chủ hoạt động. Xin quý vị vui lòng chờ trong giây lát.</p>
      <p lang="en">Waiting for the server: this board comes back by itself.</p>
    </div>
  );
}
