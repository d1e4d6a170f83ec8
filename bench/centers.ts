/**
 * Durable tickets per second through the API for a deployment of 20 centers: 8 clients issue at
 * the kiosks of every center in turn, on the embedded store (one process) and on PostgreSQL (one
 * process, then three processes on one database with the clients spread over them). Every answer
 * came after its journal entry was durable; PostgreSQL runs with fsync on.
 *
 * Prints a line per case and one JSON line. Run with `npm run bench`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { instanceOnFreePort, kill, start, type Instance } from "@motcua/test/chaos";
import { issueAtAnyHour } from "@motcua/test/hours";
import { startPostgres } from "@motcua/test/postgres";
import { figures, issueTicket, type Figures } from "./figures.ts";

const CENTERS = 20;
const CLIENTS = 8;
const TICKETS = Number(process.env.BENCH_THROUGHPUT ?? 2_000);

/** A center's kiosk and the service it issues for. */
interface Kiosk {
  center: string;
  key: string;
  serviceId: string;
}

async function call(url: string, method: string, path: string, token: string | null, body?: unknown, center?: string): Promise<any> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (center) headers["x-motcua-center"] = center;
  const res = await fetch(`${url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** The demo center and 19 more, made as the province makes them, each with a kiosk its admin adds. */
async function makeCenters(url: string): Promise<Kiosk[]> {
  const kiosks: Kiosk[] = [{ center: "lam-dong", key: "kiosk-demo-key", serviceId: "chung-thuc-ban-sao" }];
  const { token: province } = await call(url, "POST", "/session", null, { username: "tinh", password: "demo", center: "province" });
  await issueAtAnyHour(url);
  for (let n = 1; n < CENTERS; n++) {
    const id = `xa-${String(n).padStart(2, "0")}`;
    const admin = { username: "quantri", displayName: "Quản trị xã", password: `mat-khau-cua-${id}` };
    await call(url, "POST", "/province/centers", province, { id, name: `Bộ phận Một cửa xã số ${n}`, admin });
    const { token } = await call(url, "POST", "/session", null, { username: admin.username, password: admin.password, center: id });
    const config = await call(url, "GET", "/admin/config", token);
    config.devices.push({ id: "kiosk", kind: "kiosk", name: "Kiosk", newKey: true });
    // A bench runs at whatever hour it is run: its kiosks issue outside opening hours too.
    config.rules = { ...config.rules, issueOutsideHours: "always" };
    const saved = await call(url, "PUT", "/admin/config", token, config);
    kiosks.push({ center: id, key: saved.newKeys.kiosk, serviceId: "tiep-nhan-ho-so" });
  }
  return kiosks;
}

/** `n` tickets from `CLIENTS` clients, each ticket at the next center's kiosk, through the next instance. */
async function issueAcross(urls: string[], kiosks: Kiosk[], n: number): Promise<Figures> {
  const times: number[] = [];
  let k = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (k < n) {
        const i = k++;
        const kiosk = kiosks[i % kiosks.length]!;
        times.push(await issueTicket(urls[i % urls.length]!, kiosk.serviceId, kiosk.key));
      }
    }),
  );
  return figures(times, performance.now() - t0);
}

interface Case {
  store: string;
  instances: number;
  centers: number;
  clients: number;
  throughput: Figures;
}

async function measure(store: string, where: string, count: number): Promise<Case> {
  const instances: Instance[] = [];
  try {
    for (let n = 0; n < count; n++) instances.push(await instanceOnFreePort(`i${n}`));
    await start(instances[0]!, where);
    const kiosks = await makeCenters(instances[0]!.url);
    // The others start on the database that holds the 20 centers already.
    for (const i of instances.slice(1)) await start(i, where);
    const urls = instances.map((i) => i.url);
    await issueAcross(urls, kiosks, 100);
    return { store, instances: count, centers: kiosks.length, clients: CLIENTS, throughput: await issueAcross(urls, kiosks, TICKETS) };
  } finally {
    for (const i of instances) await kill(i);
  }
}

const root = await mkdtemp(join(tmpdir(), "motcua-centers-bench-"));
const cluster = await startPostgres({ fsync: true });
try {
  const cases = [
    await measure("embedded", join(root, "data"), 1),
    await measure("postgresql", await cluster.createDatabase("one"), 1),
    await measure("postgresql", await cluster.createDatabase("three"), 3),
  ];
  for (const c of cases) {
    const t = c.throughput;
    console.log(
      `motcua centers bench: ${c.store}, ${c.instances} instance(s), ${c.centers} centers, ${c.clients} clients — ` +
        `${t.perSecond.toFixed(0)} tickets/s (target ≥ 500), p50/p99 ${t.p50.toFixed(1)}/${t.p99.toFixed(1)} ms`,
    );
  }
  console.log(JSON.stringify({ bench: "centers", node: process.version, cpus: cpus().length, tickets: TICKETS, cases }));
} finally {
  await cluster.stop();
  await rm(root, { recursive: true, force: true });
}
