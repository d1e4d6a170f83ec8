import { displayCommands, ok, supervisorCommands } from "@motcua/protocol";
import { statsToday } from "@motcua/engine";
import { dashboardSnapshot, displaySnapshot } from "../app/snapshots.ts";
import { bindCommands } from "./bind.ts";
import type { Realtime } from "./sockets.ts";

/**
 * The boards that show the whole hall (no fields or counters of their own): one room of their
 * center, so a call is encoded once for all of them however many there are. Boards that show part of the hall are in
 * PART_OF_HALL and are sent to one by one (facts.ts).
 */
export const WHOLE_HALL = "hall:whole";
export const PART_OF_HALL = "hall:part";

/** Boards (lobby, counter displays) and the supervisor's dashboard: they listen, and sync on connect. */
export function boardNamespaces({ app, nsp, admit }: Realtime): void {
  nsp.display.on("connection", (socket) => {
    const p = socket.data.principal;
    void socket.join(nsp.display.room(p.kind === "device" && (p.fieldIds.length > 0 || p.counterIds.length > 0) ? PART_OF_HALL : WHOLE_HALL));
    bindCommands(socket, displayCommands, { "display:sync": async (_b, s) => ok(displaySnapshot(app, s.data.principal)) }, app.log, admit);
  });
  nsp.supervisor.on("connection", (socket) => {
    bindCommands(
      socket,
      supervisorCommands,
      {
        "stats:today": async () => ok(statsToday(app.service.config, app.service.state, app.service.now())),
        "display:sync": async (_b, s) => ok(displaySnapshot(app, s.data.principal)),
        "dashboard:sync": async () => ok(dashboardSnapshot(app)),
      },
      app.log,
      admit,
    );
  });
}
