import { fail, kioskCommands, ok } from "@motcua/protocol";
import { serviceSummaries, ticketByNumber } from "@motcua/engine";
import * as commands from "../app/commands.ts";
import { checkInByCode, kioskSnapshot, lookUpDossier, offeredProcedures, scanFollowLink } from "../app/kiosk.ts";
import { bindCommands } from "./bind.ts";
import type { Realtime } from "./sockets.ts";

/** The room of one kiosk's screens (in its center's rooms). */
export const kioskRoom = (kioskId: string) => `kiosk:${kioskId}`;

/** The kiosk: take a ticket, find one, check a booking in, look up a dossier, read procedures, rate. */
export function kioskNamespace({ app, nsp, admit }: Realtime): void {
  const { service, limits } = app;
  nsp.kiosk.on("connection", (socket) => {
    // A station beside it passes its scanner's reads here (station.ts), from whichever instance.
    const p = socket.data.principal;
    if (p.kind === "device") void socket.join(nsp.kiosk.room(kioskRoom(p.id)));
    bindCommands(
      socket,
      kioskCommands,
      {
        "kiosk:sync": async (_b, s) => ok(kioskSnapshot(app, s.data.principal)),
        "services:list": async () => ok(serviceSummaries(service.config, service.state, service.now())),
        "ticket:issue": async (body, s) => {
          const p = s.data.principal;
          return commands.issue(app, p, body, async () => (await limits.issuePerDevice.take(`${p.kind}:${p.id}`)) && (await limits.issuePerIp.take(s.handshake.address)));
        },
        "ticket:get": async (body) => commands.ticketToday(app, body.ticketId),
        "ticket:follow": (body, s) => scanFollowLink(app, s.data.principal, body.token),
        "appointment:checkIn": (body, s) => checkInByCode(app, s.data.principal, body.code),
        "ticket:find": async (body) => {
          const t = ticketByNumber(service.config, service.state, body.number);
          return t ? ok(commands.ticketOf(app, t.id)) : fail("UNKNOWN_TICKET", `No ticket ${body.number} today.`);
        },
        "dossier:lookup": (body) => lookUpDossier(app, body.code),
        "procedures:list": async () => ok(offeredProcedures(app)),
        "rating:submit": async (body, s) => {
          const p = s.data.principal;
          if (!(await limits.ratingPerDevice.take(`${p.kind}:${p.id}`))) return fail("RATE_LIMITED", "Too many ratings from this kiosk just now; please wait a moment.");
          return commands.rate(app, p, body);
        },
        "voice:say": async (body, s) => {
          const p = s.data.principal;
          const wav = await app.voice.say(body.lang, body.text, `${app.center}|${p.kind}:${p.id}`);
          return wav ? ok({ wav }) : fail("UNAVAILABLE", "The kiosk's voice cannot say that just now; the screen still shows it.");
        },
      },
      app.log,
      admit,
    );
  });
}
