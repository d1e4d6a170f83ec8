import { ok, type linkRoutes } from "@motcua/protocol";
import type { JournalEntry } from "@motcua/engine";
import type { App } from "../app/context.ts";
import type { LinkPrincipal } from "../auth/principal.ts";
import type { RouteHandlers } from "./route.ts";

/** A linked unit's hall server: where the province stands in its journal, its entries, its configuration. */
export function linkHandlers(app: App): RouteHandlers<typeof linkRoutes, LinkPrincipal> {
  const { service } = app;
  return {
    linkPosition: async ({ query }) => ok({ day: query.day, seq: await service.heldThrough(query.day) }),
    linkJournal: async ({ body }) => {
      const r = await service.ingest(body.day, body.entries as JournalEntry[]);
      return "ok" in r && r.ok === true ? ok({ day: body.day, seq: r.seq }) : (r as Exclude<typeof r, { ok: true }>);
    },
    linkConfig: async () => ok({ config: service.config, catalog: app.provinceCatalog() }),
  };
}
