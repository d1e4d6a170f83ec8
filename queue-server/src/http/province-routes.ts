import { ok, type provinceRoutes } from "@motcua/protocol";
import type { ProvincePrincipal } from "../auth/principal.ts";
import type { Deployment } from "../app/deployment.ts";
import type { RouteHandlers } from "./route.ts";

/** The province's administrators: the centers of the deployment, and new ones. */
export function provinceHandlers(deployment: Deployment): RouteHandlers<typeof provinceRoutes, ProvincePrincipal> {
  return {
    provinceCenters: async () => {
      await deployment.discover();
      return ok({ centers: deployment.provinceCenters() });
    },
    provinceUnits: async () => ok(deployment.units()),
    createCenter: ({ body }) => deployment.createCenter(body),
  };
}
