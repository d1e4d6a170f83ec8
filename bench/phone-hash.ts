// How long a copy of the data folder takes to give up a phone number (issue 18, finding 4): one
// scrypt guess at the server's cost, times Vietnam's mobile numbers. `npx tsx bench/phone-hash.ts`
import { createHmac } from "node:crypto";
import { PHONE_HASH_COST, phoneHasher } from "@motcua/queue-server";

/** 0 and nine digits behind about forty mobile prefixes (03x, 05x, 07x, 08x, 09x in use). */
const NUMBERS = 4e8;
const YEAR_S = 365 * 24 * 3600;
const KEY = "k".repeat(43);
const GUESSES = 12;

const hash = phoneHasher(KEY);
await hash("0900000000"); // warm up
let t = performance.now();
for (let i = 0; i < GUESSES; i++) await hash(`09123456${String(i).padStart(2, "0")}`);
const scryptMs = (performance.now() - t) / GUESSES;

t = performance.now();
for (let i = 0; i < 100_000; i++) createHmac("sha256", KEY).update(`09${String(i).padStart(8, "0")}`).digest("hex");
const hmacUs = ((performance.now() - t) / 100_000) * 1000;

const years = (s: number) => (s / YEAR_S).toFixed(1);
console.log(`phone hash: scrypt N=2^${Math.log2(PHONE_HASH_COST.N)} r=${PHONE_HASH_COST.r} p=${PHONE_HASH_COST.p}: ${scryptMs.toFixed(0)} ms a guess on one core`);
console.log(`  all ${NUMBERS.toExponential(0)} numbers: ${years((NUMBERS * scryptMs) / 1000)} years of one core; one number on average ${years((NUMBERS * scryptMs) / 2000)}`);
console.log(`  before (HMAC-SHA256 under the same key): ${hmacUs.toFixed(2)} µs a guess, all numbers in ${((NUMBERS * hmacUs) / 1e6 / 60).toFixed(0)} minutes`);
