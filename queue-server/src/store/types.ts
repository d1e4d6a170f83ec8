import type { CenterConfig, ProcedureCatalog } from "@motcua/protocol";
import type { DossierRecord } from "../catalog/dossiers.ts";
import type { DaySummary } from "../reports/summary.ts";
import type { SessionRecord } from "../auth/sessions.ts";
import type { AppointmentBook, DayState } from "@motcua/engine";

/**
 * Everything the server keeps. One document per service day plus the configuration,
 * so issuing a ticket costs the same on day 365 as on day 1. Writes resolve only once
 * the data is on disk: callers acknowledge after them.
 */
export interface Store {
  loadConfig(): Promise<CenterConfig | null>;
  saveConfig(config: CenterConfig): Promise<void>;
  loadDay(day: string): Promise<DayState | null>;
  saveDay(state: DayState): Promise<void>;
  listDays(): Promise<string[]>;
  loadSessions(): Promise<Record<string, SessionRecord> | null>;
  saveSessions(sessions: Record<string, SessionRecord>): Promise<void>;
  /** The public listing of procedures the kiosk shows; null when none was ever stored. */
  loadProcedures(): Promise<ProcedureCatalog | null>;
  saveProcedures(procedures: ProcedureCatalog): Promise<void>;
  /** Dossiers for the local dossier adapter (a center without an integration, or the demo). */
  loadDossiers(): Promise<DossierRecord[] | null>;
  saveDossiers(dossiers: DossierRecord[]): Promise<void>;
  /** Appointments booked for today and the days ahead (and yesterday's, until pruned). */
  loadAppointments(): Promise<AppointmentBook | null>;
  saveAppointments(book: AppointmentBook): Promise<void>;
  /** Secrets the server makes once per data folder (the phone-hash key); kept apart from what they protect. */
  loadKeys(): Promise<{ phone?: string } | null>;
  saveKeys(keys: { phone?: string }): Promise<void>;
  /** A finished day's report summary; null until one is made (reports make it on first use). */
  loadSummary(day: string): Promise<DaySummary | null>;
  saveSummary(summary: DaySummary): Promise<void>;
}
