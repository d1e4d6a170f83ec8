import { access, constants, readdir } from "node:fs/promises";
import { join } from "node:path";
import { DurableJsonFile } from "./durable-json-file.ts";
import { LowdbStore } from "./lowdb-store.ts";
import type { CenterStores, ProvinceAccount, ProvinceStore } from "./types.ts";
import type { SessionRecord } from "../auth/sessions.ts";
import type { ProvinceCatalog } from "@motcua/protocol";

/**
 * The embedded deployment: one folder. Its first center lives at the folder's top, exactly as a
 * one-center folder always has (so an existing hall's data needs no move); every center added
 * later gets `centers/<id>/`, and the province's accounts `province/`.
 */
export class LowdbCenters implements CenterStores {
  readonly shared = false;
  readonly province: ProvinceStore;
  private readonly stores = new Map<string, LowdbStore>();
  /** The id of the center at the folder's top; undefined until read, null when there is none yet. */
  private topCenter: string | null | undefined;

  constructor(private readonly dir: string) {
    this.province = new LowdbProvince(join(dir, "province"));
  }

  async centers(): Promise<string[]> {
    const top = await this.topId();
    const more = await readdir(join(this.dir, "centers"), { withFileTypes: true }).catch(() => []);
    const ids: string[] = top ? [top] : [];
    for (const d of more) {
      if (!d.isDirectory() || ids.includes(d.name)) continue;
      if (await new DurableJsonFile(join(this.dir, "centers", d.name, "config.json")).read()) ids.push(d.name);
    }
    return ids;
  }

  store(center: string): LowdbStore {
    let s = this.stores.get(center);
    if (!s) {
      // The first center of an empty folder takes the top, as a one-center folder always had.
      if (this.topCenter === undefined) throw new Error("LowdbCenters: list the centers before opening one");
      if (this.topCenter === null) this.topCenter = center;
      s = new LowdbStore(center === this.topCenter ? this.dir : join(this.dir, "centers", center));
      this.stores.set(center, s);
    }
    return s;
  }

  private async topId(): Promise<string | null> {
    if (this.topCenter === undefined) {
      const config = await new DurableJsonFile<{ center?: { id?: string } }>(join(this.dir, "config.json")).read();
      this.topCenter = config?.center?.id ?? null;
    }
    return this.topCenter;
  }

  async ping(): Promise<void> {
    await access(this.dir, constants.W_OK);
  }

  async close(): Promise<void> {
    await Promise.all([...this.stores.values()].map((s) => s.close()));
  }
}

/** The province's accounts and sessions, in a folder of their own beside the centers. */
class LowdbProvince implements ProvinceStore {
  private readonly accounts: DurableJsonFile<ProvinceAccount[]>;
  private readonly links: DurableJsonFile<Record<string, string>>;
  private readonly catalog: DurableJsonFile<ProvinceCatalog>;
  private readonly sessions: LowdbStore;

  constructor(dir: string) {
    this.accounts = new DurableJsonFile(join(dir, "accounts.json"));
    this.links = new DurableJsonFile(join(dir, "links.json"));
    this.catalog = new DurableJsonFile(join(dir, "catalog.json"));
    // Only its session file is used: the same per-row writes as a center's.
    this.sessions = new LowdbStore(dir);
  }

  loadAccounts = () => this.accounts.read();
  saveAccounts = (accounts: ProvinceAccount[]) => this.accounts.write(accounts);
  loadLinks = () => this.links.read();
  loadCatalog = () => this.catalog.read();
  saveCatalog = (catalog: ProvinceCatalog) => this.catalog.write(catalog);
  saveLinks = (links: Record<string, string>) => this.links.write(links);
  loadSessions = () => this.sessions.loadSessions();
  loadSession = (hash: string) => this.sessions.loadSession(hash);
  saveSession = (hash: string, record: SessionRecord | null) => this.sessions.saveSession(hash, record);
}
