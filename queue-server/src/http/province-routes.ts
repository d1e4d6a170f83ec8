import { ok, type provinceRoutes } from "@motcua/protocol";
import type { ProvincePrincipal } from "../auth/principal.ts";
import type { Deployment } from "../app/deployment.ts";
import { provinceCsv, provinceHeading, provinceXlsx } from "../reports/province-export.ts";
import { exportFileName } from "../reports/heading.ts";
import type { RouteHandlers } from "./route.ts";

/** The province's administrators: the centers of the deployment, and new ones. */
export function provinceHandlers(deployment: Deployment): RouteHandlers<typeof provinceRoutes, ProvincePrincipal> {
  return {
    provinceCenters: async () => {
      await deployment.discover();
      return ok({ centers: deployment.provinceCenters() });
    },
    provinceUnits: async () => ok(deployment.units()),
    provinceReport: async ({ body }) => ok(await deployment.provinceReport(body.from, body.to)),
    provinceExport: async ({ body }) => {
      const r = await deployment.provinceReport(body.from, body.to);
      // The file says it is the province's and when it was made (the deployment's clock).
      const heading = provinceHeading(r, deployment.now());
      const name = exportFileName("toan-tinh", body.from, body.to, body.format);
      return ok(
        body.format === "csv"
          ? { name, type: "text/csv; charset=utf-8", bytes: provinceCsv(r, heading) }
          : { name, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: await provinceXlsx(r, heading) },
      );
    },
    provinceCatalog: async () => ok(deployment.catalog()),
    saveProvinceCatalog: async ({ body }) => ok(await deployment.saveCatalog(body)),
    createCenter: ({ body }) => deployment.createCenter(body),
  };
}
