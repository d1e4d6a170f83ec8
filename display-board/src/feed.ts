import type { Link } from "@motcua/protocol/client";
import type { BoardStore } from "./store.ts";

/** How long the board waits before asking again for a picture the server did not give in time. */
const RESYNC_MS = 3000;

/**
 * Feeds the board's store from its link: the one place the board hears the server. Returns
 * how to stop.
 */
export function feedBoard(board: BoardStore, link: Link<"display">): () => void {
  let retry: ReturnType<typeof setTimeout> | undefined;
  // On every (re)connect the whole picture comes again: the server does not replay what was missed.
  const sync = (): void =>
    void link.resync("display:sync", {}, board.synced).then((r) => {
      if (r.ok) return;
      // No answer in time while the link stands: ask again rather than keep an old wall.
      if (link.state === "live") {
        clearTimeout(retry);
        retry = setTimeout(sync, RESYNC_MS);
      }
    });
  const stops = [
    link.onState((state) => board.linkChanged(state, link.refusal)),
    link.onLive(sync),
    link.on("ticket:called", ({ call }) => board.called(call)),
    link.on("ticket:recalled", ({ call }) => board.called(call)),
    link.on("call:withdrawn", ({ ticketId }) => board.withdrawn(ticketId)),
    link.on("services:updated", ({ services }) => board.servicesUpdated(services)),
    link.on("counter:updated", ({ counter }) => board.counterUpdated(counter)),
    link.on("hallCode:changed", ({ hallCode }) => board.hallCodeChanged(hallCode)),
    // A new day or a new configuration changes more than one fact could say.
    link.on("day:started", sync),
    link.on("config:changed", sync),
  ];
  return () => {
    clearTimeout(retry);
    for (const stop of stops) stop();
  };
}
