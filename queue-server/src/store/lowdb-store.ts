import { chmod, readdir } from "node:fs/promises";
import { join } from "node:path";
import { Low } from "lowdb";
import type { CenterConfig, ProcedureCatalog } from "@motcua/protocol";
import type { DossierRecord } from "../catalog/dossiers.ts";
import type { DaySummary } from "../reports/summary.ts";
import type { SessionRecord } from "../auth/sessions.ts";
import type { AppointmentBook, DayState } from "@motcua/engine";
import { DurableJsonFile, sweepTempFiles } from "./durable-json-file.ts";
import type { Store } from "./types.ts";

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

/** The embedded default: lowdb documents in a folder, written through DurableJsonFile. */
export class LowdbStore implements Store {
  private readonly config: Low<CenterConfig | null>;
  private readonly sessions: Low<Record<string, SessionRecord> | null>;
  private day: Low<DayState | null> | null = null;
  private readonly procedures: Low<ProcedureCatalog | null>;
  private readonly dossiers: Low<DossierRecord[] | null>;
  private readonly appointments: Low<AppointmentBook | null>;
  private readonly keys: Low<{ phone?: string } | null>;

  constructor(private readonly dir: string) {
    this.config = new Low(new DurableJsonFile<CenterConfig | null>(join(dir, "config.json")), null);
    this.sessions = new Low(new DurableJsonFile<Record<string, SessionRecord> | null>(join(dir, "sessions.json")), null);
    this.procedures = new Low(new DurableJsonFile<ProcedureCatalog | null>(join(dir, "procedures.json")), null);
    this.dossiers = new Low(new DurableJsonFile<DossierRecord[] | null>(join(dir, "dossiers.json")), null);
    this.appointments = new Low(new DurableJsonFile<AppointmentBook | null>(join(dir, "appointments.json")), null);
    this.keys = new Low(new DurableJsonFile<{ phone?: string } | null>(join(dir, "keys.json")), null);
  }

  async loadKeys(): Promise<{ phone?: string } | null> {
    await this.keys.read();
    return this.keys.data;
  }

  async saveKeys(keys: { phone?: string }): Promise<void> {
    this.keys.data = keys;
    await this.keys.write();
    // Readable by the server's own user only: the key turns the hashes back into phone numbers.
    await chmod(join(this.dir, "keys.json"), 0o600);
  }

  async loadAppointments(): Promise<AppointmentBook | null> {
    await this.appointments.read();
    return this.appointments.data;
  }

  async saveAppointments(book: AppointmentBook): Promise<void> {
    this.appointments.data = book;
    await this.appointments.write();
  }

  async loadConfig(): Promise<CenterConfig | null> {
    // Loading the config is the first thing a server does: the moment to clear a crash's leftovers.
    await sweepTempFiles(this.dir);
    await sweepTempFiles(join(this.dir, "days"));
    await this.config.read();
    return this.config.data;
  }

  async saveConfig(config: CenterConfig): Promise<void> {
    this.config.data = config;
    await this.config.write();
  }

  private dayDb(day: string): Low<DayState | null> {
    if (!this.day || !(this.day.adapter as DurableJsonFile<DayState>).file.endsWith(`${day}.json`)) {
      this.day = new Low(new DurableJsonFile<DayState | null>(join(this.dir, "days", `${day}.json`)), null);
    }
    return this.day;
  }

  async loadDay(day: string): Promise<DayState | null> {
    const db = this.dayDb(day);
    await db.read();
    return db.data;
  }

  async saveDay(state: DayState): Promise<void> {
    const db = this.dayDb(state.day);
    db.data = state;
    await db.write();
  }

  async listDays(): Promise<string[]> {
    try {
      const names = await readdir(join(this.dir, "days"));
      return names.flatMap((n) => DAY_FILE.exec(n)?.[1] ?? []).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
  }

  async loadSessions(): Promise<Record<string, SessionRecord> | null> {
    await this.sessions.read();
    return this.sessions.data;
  }

  async saveSessions(sessions: Record<string, SessionRecord>): Promise<void> {
    this.sessions.data = sessions;
    await this.sessions.write();
  }

  async loadProcedures(): Promise<ProcedureCatalog | null> {
    await this.procedures.read();
    return this.procedures.data;
  }

  async saveProcedures(procedures: ProcedureCatalog): Promise<void> {
    this.procedures.data = procedures;
    await this.procedures.write();
  }

  async loadDossiers(): Promise<DossierRecord[] | null> {
    await this.dossiers.read();
    return this.dossiers.data;
  }

  async saveDossiers(dossiers: DossierRecord[]): Promise<void> {
    this.dossiers.data = dossiers;
    await this.dossiers.write();
  }

  private summaryDb(day: string): Low<DaySummary | null> {
    if (!DAY_FILE.test(`${day}.json`)) throw new Error(`not a day: ${day}`);
    return new Low(new DurableJsonFile<DaySummary | null>(join(this.dir, "summaries", `${day}.json`)), null);
  }

  async loadSummary(day: string): Promise<DaySummary | null> {
    const db = this.summaryDb(day);
    await db.read();
    return db.data;
  }

  async saveSummary(summary: DaySummary): Promise<void> {
    const db = this.summaryDb(summary.day);
    db.data = summary;
    await db.write();
  }
}
