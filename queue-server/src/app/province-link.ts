import { LINK_BATCH, LinkPosition, type LinkEntry, type ProvinceCatalog } from "@motcua/protocol";
import type { Logger } from "../log.ts";
import { configVersion } from "../config/secrets.ts";
import type { App } from "./context.ts";

export interface LinkOptions {
  /** The province deployment's address. */
  url: string;
  /** The unit's link key, as the province gave it when it created the unit. */
  key: string;
  log: Logger;
  /** How often the hall speaks when nothing happens, so the province knows it is there. */
  heartbeatMs?: number | undefined;
  /** How often it asks for its configuration. */
  configEveryMs?: number | undefined;
  /** Keeps the province's catalog here (the kiosk's listing; what the unit's province entries must match). */
  takeCatalog: (catalog: ProvinceCatalog) => Promise<void>;
}

/** What the link has done, for the hall's own figures and for tests. */
export interface LinkState {
  /** The last entry of today the province acknowledged. */
  held: number;
  /** When the province last answered; null before the first answer. */
  lastAnswer: number | null;
  /** Entries the province acknowledged through this link since start. */
  sent: number;
}

/**
 * A linked hall's side of the link: its journal goes up to the province after each change and on a
 * heartbeat, from the position the province says it holds, so a batch lost on the way, a link cut
 * for a day or a province restarted changes nothing but when. Nothing here stands in the hall's
 * way: commands are stored and answered locally whether the province answers or not.
 */
export function linkToProvince(hall: App, opts: LinkOptions): { state: LinkState; stop: () => void; push: () => Promise<void> } {
  const { service } = hall;
  const state: LinkState = { held: 0, lastAnswer: null, sent: 0 };
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${opts.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${opts.key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const data = (await res.json().catch(() => null)) as unknown;
    return { status: res.status, data };
  };

  /**
   * Sends what the province lacks, in order: first any day that ended while the line was down
   * (its journal kept until now, then dropped), then today. Resumes from the province's word.
   */
  const send = async () => {
    for (const day of await service.keptDays()) {
      await sendDay(day);
      await service.dropKeptJournal(day);
    }
    state.held = await sendDay(service.position.day);
    state.lastAnswer = Date.now();
  };

  /** One day's entries after the province's position; answers the position after. */
  const sendDay = async (day: string): Promise<number> => {
    const at = await call("GET", `/link/position?day=${day}`);
    if (at.status !== 200) throw new Error(`the province answered ${at.status} for the position`);
    let held = LinkPosition.parse(at.data).seq;
    // Only what the province lacks: PostgreSQL reads no more, and nothing is sent twice.
    const missing = (await service.journalOf(day, held)) as LinkEntry[];
    for (let i = 0; i === 0 || i < missing.length; i += LINK_BATCH) {
      const entries = missing.slice(i, i + LINK_BATCH);
      const r = await call("POST", "/link/journal", { day, entries });
      if (r.status !== 200) throw new Error(`the province refused entries ${entries[0]?.seq ?? "(heartbeat)"}: ${r.status} ${JSON.stringify(r.data)}`);
      const now = LinkPosition.parse(r.data).seq;
      state.sent += Math.max(0, now - held);
      held = now;
    }
    return held;
  };

  let failures = 0;
  let retry: NodeJS.Timeout | null = null;
  const push = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await send();
          failures = 0;
        } catch (e) {
          failures++;
          // Quietly while the link is down: a commune's line may be out for a day.
          if (failures === 1 || failures % 20 === 0) opts.log.warn({ err: (e as Error).message, failures }, "cannot reach the province; the hall goes on and sends later");
          const wait = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
          retry ??= setTimeout(() => {
            retry = null;
            void push();
          }, wait);
          retry.unref();
          return;
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  /** The unit's configuration as the province keeps it, taken up when it changed. */
  const takeConfig = async () => {
    try {
      const r = await call("GET", "/link/config");
      if (r.status !== 200) return;
      const { config, catalog } = r.data as { config: unknown; catalog: ProvinceCatalog };
      // The catalog first: the configuration's province entries are checked against it.
      if (JSON.stringify(catalog) !== JSON.stringify(hall.provinceCatalog())) await opts.takeCatalog(catalog);
      if (configVersion(config) === configVersion(service.config)) return;
      const taken = await service.updateConfig(config);
      if (!taken.ok) opts.log.warn({ problem: taken.message }, "the province's configuration for this hall does not apply yet");
    } catch {
      // Down: the hall keeps the configuration it has.
    }
  };

  service.onChange(() => void push());
  service.onDayStarted(() => void push());
  const beat = setInterval(() => void push(), opts.heartbeatMs ?? 10_000);
  beat.unref();
  const configTimer = setInterval(() => void takeConfig(), opts.configEveryMs ?? 60_000);
  configTimer.unref();
  void push();
  return {
    state,
    push,
    stop: () => {
      stopped = true;
      clearInterval(beat);
      clearInterval(configTimer);
      if (retry) clearTimeout(retry);
    },
  };
}

/**
 * The unit's configuration from the province, before the hall opens (a new hall's folder has
 * none); null when the province cannot be reached (the hall then starts on the one it kept).
 */
export async function provinceConfig(url: string, key: string): Promise<{ config: unknown; catalog: ProvinceCatalog } | null> {
  try {
    const res = await fetch(`${url}/api/link/config`, { headers: { authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(5000) });
    if (!res.ok) return null;
    return (await res.json()) as { config: unknown; catalog: ProvinceCatalog };
  } catch {
    return null;
  }
}
