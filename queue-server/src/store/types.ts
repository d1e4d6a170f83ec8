import type { CenterConfig } from "@motcua/protocol";
import type { SessionRecord } from "../auth/sessions.ts";
import type { DayState } from "../engine/index.ts";

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
}
