import type { CenterConfig, ProcedureCatalog, ProvinceCatalog } from "@motcua/protocol";
import type { DossierRecord } from "../catalog/dossiers.ts";
import type { DaySummary } from "../reports/summary.ts";
import type { SessionRecord } from "../auth/sessions.ts";
import type { AppointmentBook, DayState, JournalEntry } from "@motcua/engine";

/** A service day as stored: its last snapshot and the journal entries after it. */
export interface StoredDay {
  /** Null when the day has a journal but was never snapshotted (a crash in its first minutes). */
  snapshot: DayState | null;
  /** The last journal entry the snapshot holds; 0 for none. */
  snapshotSeq: number;
  /** Entries after `snapshotSeq`, in order. */
  tail: JournalEntry[];
}

/** Another writer took this journal position first: catch up on the journal and decide again. */
export class JournalConflict extends Error {
  constructor(day: string, seq: number) {
    super(`journal entry ${seq} of ${day} is already written`);
    this.name = "JournalConflict";
  }
}

/**
 * Everything the server keeps for one center. A service day is a snapshot plus an append-only
 * journal of the commands applied since, so a write costs the same with 10 or 10,000 tickets
 * today, and the same on day 365 as on day 1. Writes resolve only once the data is durable:
 * callers acknowledge after them.
 */
export interface Store {
  loadConfig(): Promise<CenterConfig | null>;
  saveConfig(config: CenterConfig): Promise<void>;
  /** The day's snapshot and journal tail; null when nothing of that day is stored. */
  loadDay(day: string): Promise<StoredDay | null>;
  /** Journal entries of `day` after `afterSeq`: how an instance catches up with another's writes. */
  readJournal(day: string, afterSeq: number): Promise<JournalEntry[]>;
  /**
   * Appends entries numbered on from the journal's last, durably, all or none. A position already
   * taken (another instance wrote it) rejects with JournalConflict and writes nothing.
   */
  appendJournal(day: string, entries: JournalEntry[]): Promise<void>;
  /**
   * Keeps `state` as the day's snapshot, holding entries up to `seq`. With `final`, the day is
   * over: its journal is dropped (its remote numbers' phone hashes go with it), unless
   * `keepJournal` (a linked hall keeps it until the province holds it). `state` is read before the
   * call returns: the caller may go on changing it in place at once.
   */
  saveSnapshot(state: DayState, seq: number, opts?: { final?: boolean; keepJournal?: boolean }): Promise<void>;
  /** Days on record (a snapshot, a journal or both). */
  listDays(): Promise<string[]>;
  /** Days whose journal is still kept: today, and any day a stopped server never closed. */
  openDays(): Promise<string[]>;
  /** Every staff session, by its token's hash; null when none was ever kept. */
  loadSessions(): Promise<Record<string, SessionRecord> | null>;
  /** One session, fresh from the store (another instance may have made or changed it). */
  loadSession(hash: string): Promise<SessionRecord | null>;
  /** Keeps one session, or with null ends it; the others are untouched. */
  saveSession(hash: string, record: SessionRecord | null): Promise<void>;
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
  loadKeys(): Promise<StoredKeys | null>;
  /** Adds keys; one already stored is kept, so instances starting together end up with one key. */
  saveKeys(keys: StoredKeys): Promise<void>;
  /** A finished day's report summary; null until one is made (reports make it on first use). */
  loadSummary(day: string): Promise<DaySummary | null>;
  saveSummary(summary: DaySummary): Promise<void>;
  /**
   * Only in a store several instances share: keeps `book` only if the stored book is still
   * `previous` (null: none stored yet), so two instances booking at once never overwrite each
   * other's bookings; false when another instance changed it first (read it again and redo).
   */
  saveAppointmentsIf?(book: AppointmentBook, previous: AppointmentBook | null): Promise<boolean>;
  /**
   * Only in a store several instances share: takes one request from `key`'s allowance of
   * `perMinute` in the current minute, counted across instances; false once it is spent.
   */
  takeRate?(key: string, perMinute: number, now: number): Promise<boolean>;
  /**
   * Only in a store several instances share: with "take", takes one of `key`'s `limit` for `day`
   * (false once spent, or when the day holds DAILY_KEYS keys and this one is new); with "peek",
   * answers whether a take would succeed. Earlier days' counts are swept.
   */
  countDaily?(key: string, day: string, limit: number, mode: "take" | "peek"): Promise<boolean>;
  /**
   * Only in a store several instances share: calls `listener` when any instance (this one too)
   * appends to this center's journal, changes one of its sessions, saves its configuration or
   * its appointment book.
   * Returns the unsubscribe.
   */
  watch?(listener: StoreListener): () => void;
  /** Lets go of files and connections; the store is not used afterwards. */
  close(): Promise<void>;
}

/** The server's own secrets: the phone-hash key, and (where instances share the store) the hall code's. */
export interface StoredKeys {
  phone?: string;
  hall?: string;
}

export type StoreChange =
  /** Entries appended up to `seq`; the entries themselves when the notice could carry them. */
  | { kind: "journal"; day: string; seq: number; entries?: JournalEntry[] }
  | { kind: "session"; hash: string }
  | { kind: "config" }
  | { kind: "book" };
export type StoreListener = (change: StoreChange) => void;

/** An account of the province's administrators: above the centers, in no center's configuration. */
export interface ProvinceAccount {
  id: string;
  username: string;
  displayName: string;
  /** scrypt, as for center staff; never leaves the server. */
  passwordHash: string;
  active: boolean;
}

/** What the deployment keeps for the province itself: its accounts and their sessions. */
export interface ProvinceStore {
  loadAccounts(): Promise<ProvinceAccount[] | null>;
  saveAccounts(accounts: ProvinceAccount[]): Promise<void>;
  /** The province's one catalog of fields, procedures and holidays; null until the province keeps one. */
  loadCatalog(): Promise<ProvinceCatalog | null>;
  saveCatalog(catalog: ProvinceCatalog): Promise<void>;
  /**
   * Only where instances share the store: when each linked hall last spoke to any instance, so
   * the province page on every instance knows which halls are reporting.
   */
  noteContact?(unit: string, at: number): Promise<void>;
  loadContacts?(): Promise<Record<string, number>>;
  /** Linked halls' keys: sha256 of the key → the unit it links. */
  loadLinks(): Promise<Record<string, string> | null>;
  saveLinks(links: Record<string, string>): Promise<void>;
  loadSessions(): Promise<Record<string, SessionRecord> | null>;
  loadSession(hash: string): Promise<SessionRecord | null>;
  saveSession(hash: string, record: SessionRecord | null): Promise<void>;
}

/**
 * One deployment's stores: a Store per center, and the province's own. The embedded store keeps
 * a center per folder, PostgreSQL a center per key in the same tables.
 */
export interface CenterStores {
  /** The centers that have a configuration, by id. */
  centers(): Promise<string[]>;
  /** The store of one center, the same object for the same id (a new id is a new, empty center). */
  store(center: string): Store;
  readonly province: ProvinceStore;
  /** Several instances share these stores (the database): counts and keys go through them. */
  readonly shared: boolean;
  /** Throws when the store cannot be written now (the health check). */
  ping(): Promise<void>;
  /** Where shared: a rate limit counted across the deployment's instances (see Store.takeRate). */
  takeRate?(key: string, perMinute: number, now: number): Promise<boolean>;
  close(): Promise<void>;
}
