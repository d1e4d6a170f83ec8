import { fail, ok, stationCommands } from "@motcua/protocol";
import type { DevicePrincipal } from "../auth/principal.ts";
import * as commands from "../app/commands.ts";
import { bindCommands } from "./bind.ts";
import { kioskRoom } from "./kiosk.ts";
import type { Realtime, SocketOf } from "./sockets.ts";

/** A station: the PC beside a kiosk or counter, with its printer, scanner, keypad and rating pad. */
export function stationNamespace({ app, nsp, admit }: Realtime): void {
  const { prints } = app;
  const station = (s: SocketOf<"station">) => s.data.principal as DevicePrincipal;
  nsp.station.on("connection", (socket) => {
    bindCommands(
      socket,
      stationCommands,
      {
        "print:sync": async (_b, s) => ok({ jobs: prints.pendingFor(station(s)) }),
        "print:report": async (body, s) =>
          prints.done(station(s), body) ? ok({ recorded: true as const }) : fail("NOT_FOUND", `No print job ${body.jobId} for this station.`),
        "printer:status": async (body, s) => {
          prints.statusChanged(station(s), body);
          return ok({ recorded: true as const });
        },
        "counter:press": (body, s) => commands.pressKey(app, s.data.principal, body.counterId, body.key),
        "rating:press": (body, s) => commands.rateAtCounter(app, s.data.principal, body.counterId, body.level),
        "scan:forward": async (body, s) => {
          // A chip ID card's text goes only where the station is set up to send it: a station with
          // no kiosks listed prints for all of them, but may not pour scans into every one.
          if (!station(s).kioskIds.includes(body.kioskId)) return fail("FORBIDDEN", `This station does not serve kiosk ${body.kioskId}; list it in the station's kioskIds.`);
          // Through the adapter: the kiosk's screen may be connected to another instance.
          nsp.kiosk.nsp.to(nsp.kiosk.room(kioskRoom(body.kioskId))).emit("scan:received", { text: body.text });
          return ok({ delivered: nsp.kiosk.members(kioskRoom(body.kioskId))?.size ?? 0 });
        },
      },
      app.log,
      admit,
    );
  });
  // One socket prints a job, even if a station runs twice; the other copy sees it at its next sync only if it is still pending.
  prints.onJob((job) => {
    for (const s of nsp.station.sockets.values()) {
      const p = station(s);
      if (p.kioskIds.length === 0 || p.kioskIds.includes(job.kioskId)) {
        s.emit("print:requested", { job });
        return;
      }
    }
  });
  prints.onReport((report) => {
    for (const s of nsp.kiosk.sockets.values()) {
      const p = s.data.principal;
      if (p.kind === "device" && p.role === "kiosk" && (report.kioskIds.length === 0 || report.kioskIds.includes(p.id))) s.emit("printer:reported", report);
    }
    // Each instance hears every report (PrintJobs.share) and tells its own screens.
    nsp.supervisor.local.emit("printer:reported", report);
  });
}
