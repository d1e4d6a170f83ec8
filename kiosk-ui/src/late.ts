import type { DossierStatus } from "@motcua/protocol";

/**
 * Is the dossier past the day its results were promised, on `today` (YYYY-MM-DD, the center's
 * day)? Only while the agency still holds it: a dossier waiting for the citizen's papers has its
 * clock stopped, and one ready, returned or refused is no longer late.
 */
export function isLate(d: Pick<DossierStatus, "status" | "dueOn">, today: string): boolean {
  return (d.status === "received" || d.status === "processing") && d.dueOn !== null && d.dueOn < today;
}
