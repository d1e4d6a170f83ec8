import { displayCommands, ok, supervisorCommands } from "@motcua/protocol";
import { statsToday } from "@motcua/engine";
import { dashboardSnapshot, displaySnapshot } from "../app/snapshots.ts";
import { bindCommands } from "./bind.ts";
import type { Realtime } from "./sockets.ts";

/** Boards (lobby, counter displays) and the supervisor's dashboard: they listen, and sync on connect. */
export function boardNamespaces({ app, nsp, admit }: Realtime): void {
  nsp.display.on("connection", (socket) => {
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
