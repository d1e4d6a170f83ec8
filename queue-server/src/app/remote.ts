import { fail, ok, type Ack, type RemoteOffer, type RemoteRequest } from "@motcua/protocol";
import { scrypt } from "node:crypto";
import type { z } from "zod";
import { newSecret } from "../auth/passwords.ts";
import { REMOTE } from "../auth/principal.ts";
import { WrongTries, type Limiter } from "../auth/rate-limit.ts";
import { callsFromOn, hallHours, isOpenAt, issueRefusal, nextOpening, serviceSummaries } from "@motcua/engine";
import { dailyCounts, type DailyCounts } from "./daily-counts.ts";
import type { HallCode } from "./hall-code.ts";
import type { PrintJobs } from "./print-jobs.ts";
import type { QueueService } from "./queue-service.ts";
import type { Store, StoredKeys } from "../store/types.ts";

/**
 * Numbers taken from a phone (lấy số từ xa): what may be taken, and the limits a public route
 * needs before the engine's `reserve` (which counts a phone's share of the day).
 */
export class RemoteNumbers {
  private readonly perDay: DailyCounts;

  // Wrong hall codes: per number a few a minute and a score a day (of 10 000 codes, two stand
  // at a time), per network more, as a hall's Wi-Fi is one network for everyone in it.
  private readonly wrongPerToken: WrongTries;
  private readonly wrongPerNetwork: WrongTries;
  private readonly wrongToday: DailyCounts;

  constructor(
    private readonly service: QueueService,
    private readonly prints: PrintJobs,
    private readonly hall: HallCode,
    private readonly phoneHash: PhoneHasher,
    store: Store,
    /** A burst from one network is refused at once, before the day's counts are read. */
    private readonly burst: Limiter,
  ) {
    const today = () => service.state.day;
    this.perDay = dailyCounts("remote", store, service.shared, today);
    this.wrongPerToken = new WrongTries(WRONG_CODES_PER_MINUTE, () => service.now());
    this.wrongPerNetwork = new WrongTries(WRONG_CODES_PER_NETWORK_PER_MINUTE, () => service.now());
    this.wrongToday = dailyCounts("wrong-code", store, service.shared, today);
  }

  private isOpen(now: number): boolean {
    return isOpenAt(this.service.config, now);
  }

  /** The procedures in fields that take numbers from phones, with their waits now. */
  offer(): RemoteOffer {
    const { config, state } = this.service;
    const now = this.service.now();
    const fields = new Set(config.fields.filter((f) => f.remoteTickets).map((f) => f.id));
    const services = serviceSummaries(config, state, now)
      .filter((s) => fields.has(s.fieldId))
      .map(({ id, name, nameEn, waiting, estimatedWait }) => ({ id, name, nameEn, waiting, estimatedWait }));
    const open = this.isOpen(now);
    // Closed: in a lunch break the afternoon session, else the next working day's opening.
    const opensAt = open ? null : hallHours(config, now).open ? callsFromOn(config, now) : nextOpening(config, now);
    return { open, ...(opensAt !== null ? { opensAt: new Date(opensAt).toISOString() } : {}), centerName: config.center.name, centerNameEn: config.center.nameEn, services };
  }

  async take(body: z.infer<typeof RemoteRequest>, ip: string): Promise<Ack<{ token: string; followUrl: string }>> {
    const { config } = this.service;
    const s = config.services.find((x) => x.id === body.serviceId);
    const field = s && config.fields.find((f) => f.id === s.fieldId);
    // Rules of the center, each with its own code: FORBIDDEN says only that a role may not.
    if (!s || !field?.remoteTickets) return fail("NOT_OFFERED", `Service ${body.serviceId} does not take numbers from phones.`);
    const now = this.service.now();
    if (!this.isOpen(now)) {
      const opensAt = hallHours(config, now).open ? callsFromOn(config, now) : nextOpening(config, now);
      return fail("CENTER_CLOSED", "The center is closed now; take a number from home while it is open.", opensAt ?? undefined);
    }
    const network = networkOf(ip);
    if (!(await this.burst.take(network)) || !(await this.perDay.take(network, config.rules.remotePerIpPerDay)) || !(await this.perDay.take(`service:${s.id}`, REMOTE_PER_SERVICE_PER_DAY))) {
      return fail("RATE_LIMITED", "The daily limit of remote numbers is reached.");
    }
    // 96 random bits, as for any ticket: the link is the only key to the number.
    const token = newSecret(12);
    const phoneHash = await this.phoneHash(body.phone);
    if (phoneHash === null) return hashingBusy();
    const r = await this.service.execute(REMOTE, { type: "reserve", serviceId: s.id, token, phoneHash });
    return r.ok ? ok({ token, followUrl: this.prints.followUrl(token) }) : r;
  }

  /**
   * "I have arrived" (Tôi đã đến): a held number checks in with the code on the hall's boards,
   * without a kiosk. Only a number taken from a phone; once checked in, asking again changes nothing.
   */
  async arrive(token: string, code: string, ip: string): Promise<Ack<null>> {
    const r = Object.hasOwn(this.service.state.reservations ?? {}, token) ? this.service.state.reservations![token]! : undefined;
    if (!r) return fail("NOT_OFFERED", "Only a number taken from a phone checks in with the hall code; an appointment or a ticket checks in at the kiosk (scan its QR).");
    if (r.ticketId !== null) return ok(null);
    if (r.cancelledAt !== undefined) return fail("INVALID_TRANSITION", "This remote number was given up; take a number at the kiosk.");
    const network = `arrive:${networkOf(ip)}`;
    // Refused before the code is looked at: a blocked number learns nothing from its tries.
    if (!this.wrongPerToken.allows(token) || !this.wrongPerNetwork.allows(network) || !(await this.wrongToday.allows(token, WRONG_CODES_PER_DAY))) {
      return fail("RATE_LIMITED", "Too many wrong codes: wait a minute and try again, or scan the QR at the kiosk.");
    }
    if (!this.hall.accepts(code)) {
      this.wrongPerToken.record(token);
      this.wrongPerNetwork.record(network);
      await this.wrongToday.take(token, WRONG_CODES_PER_DAY);
      return fail("WRONG_CODE", "Mã chưa đúng. Xin xem mã trên màn hình lớn ở sảnh. (Wrong code: see the code on the big screen in the hall.)");
    }
    // Arriving, a number held from a phone joins the queue: not outside what the hours rule allows.
    const closed = issueRefusal(this.service.config, this.service.now());
    if (closed) return fail(closed.code, closed.message, closed.at);
    const done = await this.service.execute(REMOTE, { type: "checkIn", token });
    return done.ok ? ok(null) : done;
  }
}

/** Gives up a remote number not yet checked in: the phone's page, by its token. */
export async function cancelRemote(service: QueueService, token: string): Promise<Ack<null>> {
  const r = await service.execute(REMOTE, { type: "cancelReservation", token });
  return r.ok ? ok(null) : r;
}

/**
 * A phone number as it is kept: a keyed, slow hash, enough to count a phone's numbers and
 * bookings. Null when the server is making too many at once (the caller says "busy, try again").
 */
export type PhoneHasher = (phone: string) => Promise<string | null>;

/**
 * scrypt's cost for one phone. The key sits in the data folder (`keys.json`, the server's user
 * only): a copy of the folder, or a backup, holds it beside the hashes, so what protects the
 * numbers is the work per guess. Vietnam's mobile numbers are about 4×10⁸ (0 and nine digits,
 * behind some forty prefixes); a keyed SHA-256 tried them all in half an hour on one core. At
 * N = 2^16, r = 8, p = 2 a guess takes about 0.26 s of one core (64 MB): all of them, about 3.3
 * years, one number on average 1.7 (`npx tsx bench/phone-hash.ts` measures it). The key is still
 * kept: without it no precomputed table helps.
 */
export const PHONE_HASH_COST = { N: 2 ** 16, r: 8, p: 2 } as const;
/** Hashes made at once: each holds one of libuv's four threads, which the store's files need too. */
const HASHING_AT_ONCE = 2;
/** Waiting beyond this, a request is told the server is busy rather than queued for seconds. */
const HASHES_WAITING = 32;

/** Scrypt hashes carry their scheme, so a later change can tell them from these. */
const SCHEME = "s1:";

export function phoneHasher(key: string, cost: { N: number; r: number; p: number } = PHONE_HASH_COST): PhoneHasher {
  const maxmem = 128 * cost.N * cost.r * 2 + 1024 * 1024;
  let running = 0;
  const waiting: (() => void)[] = [];
  const hash = (phone: string) =>
    new Promise<string>((resolve, reject) =>
      scrypt(phone, key, 32, { ...cost, maxmem }, (err, out) => (err ? reject(err) : resolve(SCHEME + out.toString("hex")))),
    );
  return async (phone) => {
    if (running >= HASHING_AT_ONCE) {
      if (waiting.length >= HASHES_WAITING) return null;
      await new Promise<void>((r) => waiting.push(r));
    }
    running++;
    try {
      return await hash(phone);
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** The answer for a phone hash the server could not make now. */
export const hashingBusy = () => fail("RATE_LIMITED", "The server is busy just now; please try again in a moment.");

/** The phone-hash key of this data folder, made on first start. */
export const phoneKey = (store: Store): Promise<string> => storedKey(store, "phone");

/**
 * A secret of the store's, made on first use. Read back after it is made: an instance starting at
 * the same moment may have made it first, and the first one made is the one kept.
 */
export async function storedKey(store: Store, name: keyof StoredKeys): Promise<string> {
  const kept = (await store.loadKeys())?.[name];
  if (kept) return kept;
  await store.saveKeys({ [name]: newSecret(32) });
  const made = (await store.loadKeys())?.[name];
  if (!made) throw new Error(`the store did not keep the ${name} key`);
  return made;
}

/** Wrong hall codes a held number may type: per minute, and in all today (then the kiosk's scanner). */
const WRONG_CODES_PER_MINUTE = 5;
const WRONG_CODES_PER_DAY = 20;
/** Wrong hall codes from one network a minute: a hall's Wi-Fi carries every arriving phone. */
const WRONG_CODES_PER_NETWORK_PER_MINUTE = 20;

/** However many phones ask, a service holds at most this many remote numbers a day. */
const REMOTE_PER_SERVICE_PER_DAY = 500;
/** One IPv6 /64 is one network (a phone may use any address in it); IPv4 as it is. */
export const networkOf = (ip: string) => (ip.includes(":") && !ip.startsWith("::ffff:") ? ip.split(":").slice(0, 4).join(":") : ip);
