import { hashPassword } from "./passwords.ts";
/** The documented demo credentials. They work only in demo mode; any other mode refuses them. */
export const DEMO_DEVICE_KEYS = {
  kiosk: "kiosk-demo-key",
  display: "display-demo-key",
  station: "station-demo-key",
} as const;

export const DEMO_ADMIN = { username: "admin", password: "admin" } as const;
export const DEMO_SUPERVISOR = { username: "giamsat", password: "demo" } as const;
export const DEMO_STAFF_PASSWORD = "demo";
/** The province's administrator in a demo deployment. */
export const DEMO_PROVINCE = { username: "tinh", password: "demo" } as const;
export const demoStaffUsername = (i: number) => `canbo${i}`;

const DEMO_PAIRS = new Set<string>([
  `${DEMO_ADMIN.username}\u0000${DEMO_ADMIN.password}`,
  `${DEMO_SUPERVISOR.username}\u0000${DEMO_SUPERVISOR.password}`,
  `${DEMO_PROVINCE.username}\u0000${DEMO_PROVINCE.password}`,
  ...Array.from({ length: 10 }, (_, i) => `${demoStaffUsername(i + 1)}\u0000${DEMO_STAFF_PASSWORD}`),
]);
const DEMO_KEYS = new Set<string>(Object.values(DEMO_DEVICE_KEYS));

export const isDemoLogin = (username: string, password: string) => DEMO_PAIRS.has(`${username}\u0000${password}`);
/** The demo province's communes have keys of their own (config/demo-province.ts), demo keys as well. */
const COMMUNE_DEMO_KEY = /^(kiosk|display)-[a-z0-9-]+-demo-key$/;
export const isDemoKey = (key: string) => DEMO_KEYS.has(key) || COMMUNE_DEMO_KEY.test(key);

const demoHashes = new Map<string, Promise<string>>();
/**
 * A demo password's hash, made once per process: the passwords are public anyway, and a demo
 * (or a test) starting many demo centers need not pay scrypt's cost for every account again.
 */
export function demoPasswordHash(password: string): Promise<string> {
  let hash = demoHashes.get(password);
  if (!hash) demoHashes.set(password, (hash = hashPassword(password)));
  return hash;
}
