import { readFile } from "node:fs/promises";
import { ProcedureCatalog } from "@motcua/protocol";
import { DossierRecords, type DossierRecord } from "./dossiers.ts";

const DIR = new URL("../../demo-data/", import.meta.url);

/** The demo center's public listing of procedures (queue-server/demo-data/procedures.json). */
export async function demoProcedures(): Promise<ProcedureCatalog> {
  return ProcedureCatalog.parse(JSON.parse(await readFile(new URL("procedures.json", DIR), "utf8")));
}

/** The demo's dossiers: codes to scan or type at the kiosk, with no applicant on them. */
export async function demoDossiers(): Promise<DossierRecord[]> {
  return DossierRecords.parse(JSON.parse(await readFile(new URL("dossiers.json", DIR), "utf8")));
}
