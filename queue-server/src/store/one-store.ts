import type { ProvinceCatalog } from "@motcua/protocol";
import type { SessionRecord } from "../auth/sessions.ts";
import type { CenterStores, ProvinceAccount, ProvinceStore, Store } from "./types.ts";

/**
 * A deployment of one center given as its Store alone (tests and benches hand the server one):
 * the province keeps its accounts in memory.
 */
export class OneStore implements CenterStores {
  readonly shared: boolean;
  readonly province: ProvinceStore = new MemoryProvince();

  constructor(private readonly only: Store) {
    this.shared = only.takeRate !== undefined;
  }

  private id: string | undefined;

  async centers(): Promise<string[]> {
    const config = await this.only.loadConfig();
    if (config) this.id = config.center.id;
    return config ? [config.center.id] : [];
  }

  store(center: string): Store {
    this.id ??= center;
    if (center !== this.id) throw new Error(`This server was given the store of center ${this.id} alone; it cannot hold ${center}.`);
    return this.only;
  }

  takeRate(key: string, perMinute: number, now: number): Promise<boolean> {
    return this.only.takeRate!(`*|${key}`, perMinute, now);
  }

  /** What this store holds of its day answers: it is there. */
  async ping(): Promise<void> {
    await this.only.listDays();
  }

  async close(): Promise<void> {}
}

class MemoryProvince implements ProvinceStore {
  private accounts: ProvinceAccount[] | null = null;
  private links: Record<string, string> | null = null;
  private catalog: ProvinceCatalog | null = null;
  loadCatalog = async () => this.catalog;
  saveCatalog = async (c: ProvinceCatalog) => void (this.catalog = c);
  loadLinks = async () => this.links;
  saveLinks = async (l: Record<string, string>) => void (this.links = l);
  private readonly sessions = new Map<string, SessionRecord>();
  loadAccounts = async () => this.accounts;
  saveAccounts = async (a: ProvinceAccount[]) => void (this.accounts = a);
  loadSessions = async () => Object.fromEntries(this.sessions);
  loadSession = async (hash: string) => this.sessions.get(hash) ?? null;
  saveSession = async (hash: string, r: SessionRecord | null) => void (r ? this.sessions.set(hash, r) : this.sessions.delete(hash));
}
