import { chmod, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { Low } from "lowdb";
import type { CenterConfig, ProcedureCatalog } from "@motcua/protocol";
import type { DossierRecord } from "../catalog/dossiers.ts";
import type { DaySummary } from "../reports/summary.ts";
import type { SessionRecord } from "../auth/sessions.ts";
import type { AppointmentBook, DayState, JournalEntry } from "@motcua/engine";
import { DurableJsonFile, sweepTempFiles } from "./durable-json-file.ts";
import { JournalFile, readJournalFile } from "./journal-file.ts";
import type { Store, StoredDay, StoredKeys } from "./types.ts";

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
const DAY_OR_JOURNAL = /^(\d{4}-\d{2}-\d{2})\.(?:json|journal\.jsonl)$/;
const JOURNAL = ".journal.jsonl";

/** A day's snapshot file: the day, and the journal entries it holds (absent in files from before the journal). */
type Snapshot = DayState & { journalSeq?: number };

/**
 * The embedded default: lowdb documents in a folder, written through DurableJsonFile; each
 * service day a snapshot (days/<day>.json) and a journal of JSON lines beside it.
 */
export class LowdbStore implements Store {
  private readonly config: Low<CenterConfig | null>;
  private readonly sessions: Low<Record<string, SessionRecord> | null>;
  private openJournal: { file: string; ready: Promise<JournalFile> } | null = null;
  /** The newest snapshot's seq per day, as this store wrote or read it. */
  private readonly snapshotSeqs = new Map<string, number>();
  private readonly procedures: Low<ProcedureCatalog | null>;
  private readonly dossiers: Low<DossierRecord[] | null>;
  private readonly appointments: Low<AppointmentBook | null>;
  private readonly keys: Low<StoredKeys | null>;

  constructor(private readonly dir: string) {
    this.config = new Low(new DurableJsonFile<CenterConfig | null>(join(dir, "config.json")), null);
    this.sessions = new Low(new DurableJsonFile<Record<string, SessionRecord> | null>(join(dir, "sessions.json")), null);
    this.procedures = new Low(new DurableJsonFile<ProcedureCatalog | null>(join(dir, "procedures.json")), null);
    this.dossiers = new Low(new DurableJsonFile<DossierRecord[] | null>(join(dir, "dossiers.json")), null);
    this.appointments = new Low(new DurableJsonFile<AppointmentBook | null>(join(dir, "appointments.json")), null);
    this.keys = new Low(new DurableJsonFile<StoredKeys | null>(join(dir, "keys.json")), null);
  }

  async loadKeys(): Promise<StoredKeys | null> {
    await this.keys.read();
    return this.keys.data;
  }

  async saveKeys(keys: StoredKeys): Promise<void> {
    await this.keys.read();
    this.keys.data = { ...keys, ...this.keys.data };
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

  private snapshotFile(day: string): DurableJsonFile<Snapshot> {
    if (!DAY_FILE.test(`${day}.json`)) throw new Error(`not a day: ${day}`);
    return new DurableJsonFile<Snapshot>(join(this.dir, "days", `${day}.json`));
  }

  /** The open journal of `day`; one at a time (today's), so a server never holds old days' files. */
  private journal(day: string): Promise<JournalFile> {
    const file = join(this.dir, "days", `${day}${JOURNAL}`);
    if (this.openJournal?.file !== file) {
      const previous = this.openJournal;
      this.openJournal = {
        file,
        ready: (async () => {
          if (previous) await (await previous.ready.catch(() => null))?.close();
          await mkdir(join(this.dir, "days"), { recursive: true });
          return JournalFile.open(file);
        })(),
      };
      // A failed open is tried again on the next call rather than remembered.
      const mine = this.openJournal;
      mine.ready.catch(() => {
        if (this.openJournal === mine) this.openJournal = null;
      });
    }
    return this.openJournal.ready;
  }

  async loadDay(day: string): Promise<StoredDay | null> {
    const stored = await this.snapshotFile(day).read();
    const { entries } = await readJournalFile(join(this.dir, "days", `${day}${JOURNAL}`));
    if (!stored && entries.length === 0) return null;
    const { journalSeq = 0, ...snapshot } = stored ?? {};
    return { snapshot: stored ? (snapshot as DayState) : null, snapshotSeq: journalSeq, tail: entries.filter((e) => e.seq > journalSeq) };
  }

  async readJournal(day: string, afterSeq: number): Promise<JournalEntry[]> {
    const { entries } = await readJournalFile(join(this.dir, "days", `${day}${JOURNAL}`));
    return entries.filter((e) => e.seq > afterSeq);
  }

  async appendJournal(day: string, entries: JournalEntry[]): Promise<void> {
    await (await this.journal(day)).append(day, entries);
  }

  async saveSnapshot(state: DayState, seq: number, opts: { final?: boolean; keepJournal?: boolean } = {}): Promise<void> {
    // Serialized before anything else: the caller goes on changing its day in place.
    const text = JSON.stringify({ ...state, journalSeq: seq });
    const file = this.snapshotFile(state.day);
    // A snapshot never goes back: an older one written late would hide journal entries.
    const known = this.snapshotSeqs.get(state.day) ?? ((await file.read())?.journalSeq ?? 0);
    if (known > seq) return;
    this.snapshotSeqs.set(state.day, seq);
    await file.writeText(text);
    if (opts.final && !opts.keepJournal) {
      if (this.openJournal?.file.endsWith(`${state.day}${JOURNAL}`)) {
        const j = await this.journal(state.day);
        this.openJournal = null;
        await j.remove();
      } else {
        await (await JournalFile.open(join(this.dir, "days", `${state.day}${JOURNAL}`))).remove();
      }
    }
  }

  /** Lets go of the open journal (the server is stopping). */
  async close(): Promise<void> {
    const j = this.openJournal;
    this.openJournal = null;
    await (await j?.ready.catch(() => null))?.close();
  }

  async listDays(): Promise<string[]> {
    try {
      const names = await readdir(join(this.dir, "days"));
      return [...new Set(names.flatMap((n) => DAY_OR_JOURNAL.exec(n)?.[1] ?? []))].sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
  }

  async openDays(): Promise<string[]> {
    try {
      const names = await readdir(join(this.dir, "days"));
      return names.flatMap((n) => (n.endsWith(JOURNAL) ? [n.slice(0, -JOURNAL.length)] : [])).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw e;
    }
  }

  async loadSessions(): Promise<Record<string, SessionRecord> | null> {
    await this.sessions.read();
    return this.sessions.data;
  }

  async loadSession(hash: string): Promise<SessionRecord | null> {
    return (await this.loadSessions())?.[hash] ?? null;
  }

  async saveSession(hash: string, record: SessionRecord | null): Promise<void> {
    // One process owns the folder: the document in memory is the file's.
    if (this.sessions.data === null) await this.sessions.read();
    const all = { ...this.sessions.data };
    if (record) all[hash] = record;
    else delete all[hash];
    this.sessions.data = all;
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
