import { ok, type linkRoutes } from "@motcua/protocol";
import type { JournalEntry } from "@motcua/engine";
import type { App } from "../app/context.ts";
import type { LinkPrincipal } from "../auth/principal.ts";
import type { RouteHandlers } from "./route.ts";

/** A linked unit's hall server: where the province stands in its journal, its entries, its configuration. */
export function linkHandlers(app: App): RouteHandlers<typeof linkRoutes, LinkPrincipal> {
  const { service } = app;
  return {
    linkPosition: async ({ query }) => {
      const here = service.position;
      // Another day than the one open here: what the store holds of it.
      const seq = query.day === here.day ? here.seq : ((await service.journalOf(query.day)).at(-1)?.seq ?? 0);
      return ok({ day: query.day, seq });
    },
    linkJournal: async ({ body }) => {
      const r = await service.ingest(body.day, body.entries as JournalEntry[]);
      return "ok" in r && r.ok === true ? ok({ day: body.day, seq: r.seq }) : (r as Exclude<typeof r, { ok: true }>);
    },
    linkConfig: async () => ok({ config: service.config }),
  };
}
