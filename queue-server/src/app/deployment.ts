import { fail, ok, PROVINCE_SCOPE, type Ack, type CentersResponse, type CenterConfig, type CreatedCenter, type Failure, type NewCenterRequest, type ProvinceCatalog, type CatalogApplied, type ProvinceCenter, type ProvinceReport, type ProvinceUnits, worstFirst } from "@motcua/protocol";
import { createVoice } from "../voice/voice.ts";
import { authenticate } from "../auth/authenticate.ts";
import { hashPassword, newSecret, sha256 } from "../auth/passwords.ts";
import type { LinkPrincipal, Principal, ProvincePrincipal } from "../auth/principal.ts";
import { Province } from "../auth/province.ts";
import { RateLimiter, SharedRateLimiter, type Limiter } from "../auth/rate-limit.ts";
import type { DossierSource } from "../catalog/dossiers.ts";
import { demoConfig } from "../config/demo.ts";
import { starterConfig } from "../config/starter.ts";
import type { Logger } from "../log.ts";
import type { CenterStores } from "../store/types.ts";
import type { App, Limits } from "./context.ts";
import { followedNow } from "./follow.ts";
import { openHall, type HallOptions } from "./hall.ts";
import { UnitActivity } from "./unit-activity.ts";
import { emptyCatalog, withCatalog } from "./province-catalog.ts";
import { buildProvinceReport, type UnitSpan } from "../reports/province-report.ts";
import { daysBetween } from "../reports/report.ts";

export interface DeploymentOptions {
  clock: () => number;
  log: Logger;
  publicUrl: () => string;
  dossiers?: DossierSource | undefined;
  /** Tickets per minute per kiosk (and twice that per network address). */
  issuePerMinute?: number | undefined;
  loginPerMinute?: number | undefined;
  ratingsPerMinute?: number | undefined;
  /** Serve only this center of the stores (a server kept to one center of a shared database). */
  only?: string | undefined;
  /** This server is a linked unit's own hall (`--province`): see HallOptions.linkedHall. */
  linkedHall?: boolean | undefined;
}

/**
 * Who a bearer token belongs to: someone of a center's hall, one of the province's administrators,
 * or a linked unit's own hall server (by its link key).
 */
export type Caller = { hall: App; principal: Principal } | { province: ProvincePrincipal } | { link: App; principal: LinkPrincipal };

/** How often an instance writes down that a linked hall spoke (it speaks every 10 s). */
const CONTACT_KEPT_EVERY_MS = 15_000;

/** A link key starts so: it is found among the links, not the centers. */
const LINK_SCOPE = "link";

/**
 * Every center one deployment serves, each its own hall (App), and the province above them.
 * Transports come here first: a device key, a session token or a follow token names its center,
 * and a public page names it in the CENTER_HEADER (or leaves it out where there is one center).
 */
export class Deployment {
  private readonly halls = new Map<string, App>();
  /** sha256 of a device key → its hall; rebuilt after any center's configuration changes. */
  private devices: Map<string, App> | null = null;
  private readonly hallListeners: ((hall: App) => void)[] = [];
  private province!: Province;
  /** When each unit last stored a command, and which changed since the province page last heard. */
  readonly activity = new UnitActivity();

  private constructor(
    readonly stores: CenterStores,
    private readonly hallOptions: HallOptions,
    private readonly only: string | undefined,
  ) {}

  static async open(stores: CenterStores, opts: DeploymentOptions): Promise<Deployment> {
    const d: Deployment = new Deployment(
      stores,
      {
        clock: opts.clock,
        log: opts.log,
        limits: deploymentLimits(stores, opts),
        voice: createVoice({ log: opts.log, clock: opts.clock }),
        publicUrl: opts.publicUrl,
        dossiers: opts.dossiers,
        linkedHall: opts.linkedHall,
        provinceCatalog: () => d.catalogNow,
      },
      opts.only,
    );
    d.catalogNow = (await stores.province.loadCatalog()) ?? emptyCatalog();
    const known = await stores.centers();
    if (opts.only && !known.includes(opts.only)) {
      throw new Error(`There is no center ${opts.only} here (${known.join(", ") || "none yet"}); start without --center, or create it as the province.`);
    }
    const ids = opts.only ? [opts.only] : known;
    if (ids.length === 0) {
      // An empty folder or database starts as the demo center, as `npm start` always has.
      const demo = await demoConfig();
      await d.add(await openHall(stores.store(demo.center.id), { ...d.hallOptions, firstConfig: async () => demo }));
    }
    for (const id of ids) await d.add(await openHall(stores.store(id), d.hallOptions));
    d.province = await Province.open(stores.province, opts.clock, () => d.demo);
    await d.readLinks();
    return d;
  }

  /**
   * A linked hall spoke: noted here, and where instances share the database now and then there
   * too, so every instance's province page knows it is reporting.
   */
  private noteContact(unit: string): void {
    const now = this.now();
    this.activity.contact(unit, now);
    const { noteContact } = this.stores.province;
    if (!noteContact || now - (this.contactsKept.get(unit) ?? 0) < CONTACT_KEPT_EVERY_MS) return;
    this.contactsKept.set(unit, now);
    void noteContact.call(this.stores.province, unit, now).catch((e) => this.hallOptions.log.warn({ err: e }, "could not note a linked hall's contact"));
  }
  private readonly contactsKept = new Map<string, number>();

  /** Linked halls' keys (by hash) → their units. */
  private links = new Map<string, string>();
  private async readLinks(): Promise<void> {
    this.links = new Map(Object.entries((await this.stores.province.loadLinks()) ?? {}));
  }

  private async add(hall: App): Promise<void> {
    this.halls.set(hall.center, hall);
    this.activity.watch(hall);
    this.devices = null;
    hall.service.onConfigChanged(() => (this.devices = null));
    for (const fn of this.hallListeners) fn(hall);
  }

  /** Calls `fn` for every hall, now and as centers are added. */
  eachHall(fn: (hall: App) => void): void {
    this.hallListeners.push(fn);
    for (const h of this.halls.values()) fn(h);
  }

  get shared(): boolean {
    return this.stores.shared;
  }

  /** A deployment with a demo center honours the documented demo credentials of the province too. */
  get demo(): boolean {
    for (const h of this.halls.values()) if (h.service.config.mode === "demo") return true;
    return false;
  }

  get log(): Logger {
    return this.hallOptions.log;
  }

  /** The deployment's clock (the halls' own). */
  now(): number {
    return this.hallOptions.clock();
  }

  hall(id: string): App | undefined {
    return this.halls.get(id);
  }

  all(): App[] {
    return [...this.halls.values()];
  }

  /** The one center, where the deployment serves one: its addresses need no center named. */
  get single(): App | null {
    return this.halls.size === 1 ? this.halls.values().next().value! : null;
  }

  /** The hall a public request is for: the one it names, or the only one. */
  named(id: string | undefined): App | Failure {
    if (id) return this.halls.get(id) ?? fail("NOT_FOUND", `No center ${JSON.stringify(id.slice(0, 64))} here; GET /api/centers lists them.`);
    return this.single ?? fail("BAD_REQUEST", "center: this server serves several centers; name one in the X-Motcua-Center header (GET /api/centers lists them).");
  }

  /** The hall whose ticket, booking or remote number a follow token opens today. */
  byFollowToken(token: string): App | undefined {
    for (const h of this.halls.values()) if (followedNow(h, token)) return h;
    return undefined;
  }

  /** Who is calling with this bearer token; a failure saying what to do when nobody. */
  async caller(token: string | undefined): Promise<Caller | Failure> {
    if (!token) return fail("UNAUTHENTICATED", "Send a device key or a session token as 'Authorization: Bearer …'.");
    if (token.length > 512) return fail("UNAUTHENTICATED", "That credential is not valid.");
    const dot = token.indexOf(".");
    const scope = dot > 0 ? token.slice(0, dot) : null;
    if (scope === PROVINCE_SCOPE) {
      const p = await this.province.authenticate(token, this.shared);
      return p ? { province: p } : expired();
    }
    if (scope === LINK_SCOPE) {
      const hash = sha256(token);
      // A unit linked on another instance since this one read the links.
      if (!this.links.has(hash) && this.shared) await this.readLinks();
      const unit = this.halls.get(this.links.get(hash) ?? "");
      if (!unit?.service.config.center.linked) return expired();
      this.noteContact(unit.center);
      return { link: unit, principal: { kind: "hall", role: "hall", id: unit.center } };
    }
    // A session token starts with its center's id; a device key is found by its hash; a token
    // from before tokens carried their center belongs to the only center.
    const hall = (scope && this.halls.get(scope)) || this.deviceIndex().get(sha256(token)) || this.single;
    if (!hall) return expired();
    const { service } = hall;
    let who = authenticate(service.config, service.sessions, token);
    if ("ok" in who && service.shared) {
      // A session another instance opened is read on first sight; later changes come as notices.
      await service.sessions.learn(token).catch(() => undefined);
      who = authenticate(service.config, service.sessions, token);
    }
    return "ok" in who ? who : { hall, principal: who };
  }

  private deviceIndex(): Map<string, App> {
    if (!this.devices) {
      this.devices = new Map();
      for (const h of this.halls.values()) for (const d of h.service.config.devices) if (!d.revoked) this.devices.set(d.keyHash, h);
    }
    return this.devices;
  }

  /** The login page's list: every center, and whether the province has accounts to log in to. */
  listing(): CentersResponse {
    const centers = this.all().map((h) => ({ id: h.center, name: h.service.config.center.name }));
    return { centers: centers.sort((a, b) => a.name.localeCompare(b.name, "vi")), province: this.province.hasAccounts };
  }

  /** A province administrator's login, held back as a hall's are (auth/login-guard.ts), with the deployment's limits. */
  logInProvince(username: string, password: string, from: { ip: string; deviceToken?: string | undefined }) {
    return this.province.login(username, password, { ...from, limits: this.hallOptions.limits });
  }

  /** A province session as this instance holds it now, without reading the store. */
  provinceNow(token: string | undefined): ProvincePrincipal | null {
    return token && token.length <= 512 ? this.province.known(token) : null;
  }

  /** Every unit's figures now, worst first. */
  units(): ProvinceUnits {
    const now = this.now();
    return { at: new Date(now).toISOString(), units: this.all().map((h) => this.activity.figures(h, now)).sort(worstFirst) };
  }

  async logOutProvince(p: ProvincePrincipal): Promise<void> {
    await this.province.sessions.revoke(p.session);
  }

  /** Makes (or gives a new password to) a province administrator's account: the server's operator does this. */
  setProvinceAccount(username: string, password: string): Promise<void> {
    return this.province.setAccount(username, password);
  }

  provinceCenters(): ProvinceCenter[] {
    return this.all()
      .map((h) => describe(h.service.config))
      .sort((a, b) => a.name.localeCompare(b.name, "vi"));
  }

  /** Every unit over a span, against the plan (reports/province-report.ts). */
  async provinceReport(from: string, to: string): Promise<ProvinceReport> {
    await this.discover();
    const days = daysBetween(from, to);
    const units: UnitSpan[] = [];
    // One unit at a time: a year of 150 units is read a unit's year at a time.
    for (const h of this.all()) units.push({ config: h.service.config, summaries: [...(await h.reports.summaries(days)).values()] });
    return buildProvinceReport(units, from, to, this.all()[0]!.service.state.day);
  }

  /** A new center with its first admin, stored before it is answered, and served at once. */
  createCenter(req: NewCenterRequest): Promise<Ack<CreatedCenter>> {
    // One at a time: two requests for one id must not both find it free.
    const made = this.creating.then(() => this.create(req));
    this.creating = made.catch(() => undefined);
    return made;
  }
  private creating: Promise<unknown> = Promise.resolve();

  private async create(req: NewCenterRequest): Promise<Ack<CreatedCenter>> {
    await this.discover();
    if (this.halls.has(req.id)) return fail("CENTER_EXISTS", `A center with the id ${req.id} exists already; choose another id.`);
    if (req.parentId && !this.halls.has(req.parentId)) return fail("BAD_REQUEST", `parentId: there is no center ${req.parentId}`);
    const store = this.stores.store(req.id);
    if (await store.loadConfig()) return fail("CENTER_EXISTS", `A center with the id ${req.id} exists already; choose another id.`);
    const config = starterConfig(req, await hashPassword(req.admin.password), this.catalogNow.rules);
    // A linked unit's hall server proves itself with this key; the province keeps only its hash.
    const linkKey = req.linked ? `${LINK_SCOPE}.${newSecret()}` : undefined;
    if (linkKey) {
      await this.readLinks();
      this.links.set(sha256(linkKey), req.id);
      await this.stores.province.saveLinks(Object.fromEntries(this.links));
    }
    await store.saveConfig(config);
    const hall = await openHall(store, this.hallOptions);
    await this.add(hall);
    this.hallOptions.log.info({ center: req.id, linked: req.linked }, "center created");
    return ok({ ...describe(config), ...(linkKey ? { linkKey } : {}) });
  }

  /** Stores and serves a center whose whole configuration is made on the server (the demo province's). */
  async addCenter(config: CenterConfig): Promise<void> {
    if (this.halls.has(config.center.id)) return;
    const store = this.stores.store(config.center.id);
    if (!(await store.loadConfig())) await store.saveConfig(config);
    await this.add(await openHall(store, this.hallOptions));
  }

  /** The province's catalog as this instance holds it (read at start, on a change, and on each look for new centers). */
  private catalogNow: ProvinceCatalog = emptyCatalog();

  catalog(): ProvinceCatalog {
    return this.catalogNow;
  }

  /**
   * Keeps the province's catalog and brings every unit's entries of it up to date, as a config
   * change each (their kiosks and boards hear it at once). A unit that cannot take it now (live
   * tickets of a procedure the catalog dropped) says why and takes it at its next change.
   */
  async saveCatalog(catalog: ProvinceCatalog): Promise<CatalogApplied> {
    await this.stores.province.saveCatalog(catalog);
    this.catalogNow = catalog;
    const units: CatalogApplied["units"] = [];
    for (const h of this.all()) {
      const current = h.service.config;
      const next = withCatalog(current, catalog);
      if (JSON.stringify(next) === JSON.stringify(current)) {
        // Its listing may have changed: its kiosks ask for their procedures again.
        h.service.announceConfig();
        units.push({ id: h.center, ok: true });
        continue;
      }
      const r = await h.service.updateConfig(next);
      units.push(r.ok ? { id: h.center, ok: true } : { id: h.center, ok: false, message: r.message });
    }
    return { catalog, units };
  }

  /** A linked hall keeps the province's catalog as it is given, and tells its kiosks. */
  async keepCatalog(catalog: ProvinceCatalog): Promise<void> {
    await this.stores.province.saveCatalog(catalog);
    this.catalogNow = catalog;
    for (const h of this.all()) h.service.announceConfig();
  }

  /** Where instances share the database: opens the centers another instance created. */
  async discover(): Promise<void> {
    if (this.shared) {
      this.catalogNow = (await this.stores.province.loadCatalog()) ?? this.catalogNow;
      for (const [unit, at] of Object.entries((await this.stores.province.loadContacts?.()) ?? {})) this.activity.contact(unit, at);
    }
    if (!this.shared || this.only) return;
    for (const id of await this.stores.centers()) {
      if (!this.halls.has(id)) await this.add(await openHall(this.stores.store(id), this.hallOptions));
    }
  }

  async close(): Promise<void> {
    this.hallOptions.voice.close();
    for (const h of this.halls.values()) await h.service.close();
  }
}

const expired = (): Failure => fail("UNAUTHENTICATED", "That key or session is not valid (or has expired); log in again.");

function describe(config: CenterConfig): ProvinceCenter {
  return {
    id: config.center.id,
    name: config.center.name,
    mode: config.mode,
    level: config.center.level,
    area: config.center.area,
    parentId: config.center.parentId ?? null,
    admins: config.staff.filter((s) => s.role === "admin" && s.active).length,
    counters: config.counters.length,
  };
}

/**
 * The deployment's rate limits. Per network address they count across centers (an attacker does
 * not get a fresh allowance per center); per device and account each hall keeps its own (hall.ts).
 * Where instances share the database, every instance counts together.
 */
function deploymentLimits(stores: CenterStores, opts: DeploymentOptions): Limits {
  const { clock } = opts;
  const issue = opts.issuePerMinute ?? 30;
  const login = opts.loginPerMinute ?? 10;
  const takeRate = stores.shared ? stores.takeRate?.bind(stores) : undefined;
  const limiter = (name: string, perMinute: number): Limiter =>
    takeRate ? new SharedRateLimiter(name, perMinute, (key, n) => takeRate(key, n, clock()), clock) : new RateLimiter(perMinute, clock);
  return {
    issuePerDevice: limiter("issue-device", issue),
    issuePerIp: limiter("issue-ip", issue * 2),
    // Logins from browsers without the account's device token (auth/login-guard.ts): per address a
    // flood guard, generous for a hall whose counter PCs share one address; per account, from
    // every address together. A trusted device takes from neither.
    loginPerIp: limiter("login-ip", login * 6),
    loginPerUser: limiter("login-account", login),
    ratingPerDevice: limiter("rating-device", opts.ratingsPerMinute ?? 10),
    remotePerNetwork: limiter("remote-network", 5),
    bookingsPerNetwork: limiter("booking-network", 5),
  };
}
