import { DossierState, Id, type CenterConfig, type DossierStatus, type ProcedureCatalog } from "@motcua/protocol";
import { z } from "zod";

/**
 * A dossier as the local adapter keeps it: its code, procedure and progress. No applicant:
 * the kiosk only needs to say how far the dossier is and send the citizen to the right counter.
 */
export const DossierRecord = z.object({
  code: z.string().min(1).max(60),
  procedureId: Id,
  status: DossierState,
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
});
export type DossierRecord = z.infer<typeof DossierRecord>;
export const DossierRecords = z.array(DossierRecord);

/**
 * The province's one-stop system (Hệ thống thông tin giải quyết thủ tục hành chính), as the
 * kiosk sees it: read-only, one dossier by its receipt code. A real integration implements this
 * against the province's API (see docs/ARCHITECTURE.md, "Dossier status"); it must answer within
 * a few seconds or throw, and return null for a code it does not know.
 */
export interface DossierSource {
  lookup(code: string): Promise<DossierRecord | null>;
}

/** The shipped adapter: dossiers kept in the embedded store (the demo's, or a center's own list). */
export class StoredDossiers implements DossierSource {
  private byCode = new Map<string, DossierRecord>();
  constructor(records: readonly DossierRecord[]) {
    for (const r of records) this.byCode.set(r.code.toUpperCase(), r);
  }
  async lookup(code: string): Promise<DossierRecord | null> {
    return this.byCode.get(code.toUpperCase()) ?? null;
  }
}

/**
 * No dossier system connected and no list kept: every lookup is "unavailable, ask at the
 * counter", never "no such dossier", which would tell a citizen their real receipt is wrong.
 */
export const noDossierSystem: DossierSource = {
  lookup: async () => {
    throw new Error("no dossier system is connected (pass one to startServer, or keep a list in dossiers.json)");
  },
};

/** What the kiosk shows of a dossier: the procedure by name, and where to go when results are ready. */
export function dossierStatus(record: DossierRecord, procedures: ProcedureCatalog, config: CenterConfig): DossierStatus {
  const p = procedures.find((x) => x.id === record.procedureId);
  const returns = config.center.returnsServiceId;
  return {
    code: record.code,
    procedureName: p?.name ?? "Thủ tục hành chính",
    procedureNameEn: p?.nameEn ?? "Administrative procedure",
    status: record.status,
    receivedOn: record.receivedOn,
    dueOn: record.dueOn,
    returnServiceId: record.status === "ready" && returns && config.services.some((s) => s.id === returns) ? returns : null,
  };
}
