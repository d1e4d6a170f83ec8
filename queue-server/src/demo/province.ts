import { arrivalSteps, createRandom, driveHall, shippedScenario, type LiveField, type ShippedScenario } from "@motcua/simulator";
import { DEMO_DEVICE_KEYS, DEMO_STAFF_PASSWORD } from "../auth/demo-credentials.ts";
import type { App } from "../app/context.ts";
import type { Deployment } from "../app/deployment.ts";
import { communeKey, DEMO_COMMUNES, demoCommuneConfig } from "../config/demo-province.ts";
import type { Store } from "../store/types.ts";
import { adoptCatalog } from "../app/province-catalog.ts";

const HANOI_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The demo province's clock: a working morning (07:30 in Hanoi) that runs `speed` times faster
 * than the wall clock, so a day's queues pass in an hour whatever the hour the demo starts at. It
 * starts on today's date, or on the day after the last one an earlier run of this folder reached.
 */
export async function demoProvinceClock(store: Store, speed: number, today = new Date(Date.now() + HANOI_MS).toISOString().slice(0, 10)): Promise<() => number> {
  const realNow = Date.now();
  const last = (await store.listDays()).sort().at(-1);
  const day = last && last >= today ? new Date(Date.parse(`${last}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10) : today;
  const start = Date.parse(`${day}T07:30:00+07:00`);
  return () => start + (Date.now() - realNow) * speed;
}

/** Adds the demo communes to the deployment (once) and drives every hall; answers how to stop. */
export async function startDemoProvince(deployment: Deployment, opts: { url: string; clock: () => number; speed: number; log: (m: string, d?: Record<string, unknown>) => void }): Promise<{ stop: () => void }> {
  for (const c of DEMO_COMMUNES) await deployment.addCenter(await demoCommuneConfig(c));
  await seedCatalog(deployment);
  const drivers: { stop: () => void }[] = [];
  for (const hall of deployment.all()) {
    const commune = DEMO_COMMUNES.find((c) => c.id === hall.center);
    const scenario: ShippedScenario = commune ? "commune" : "provincial";
    drivers.push(
      driveHall({
        url: opts.url,
        center: hall.center,
        kioskKey: commune ? communeKey("kiosk", hall.center) : DEMO_DEVICE_KEYS.kiosk,
        clock: opts.clock,
        speed: opts.speed,
        fields: await fieldsOf(hall, scenario, commune?.area === "urban" ? 1.5 : 1),
        officers: officersOf(hall),
        random: createRandom(`demo-${hall.center}`),
        log: opts.log,
      }),
    );
  }
  return { stop: () => drivers.forEach((d) => d.stop()) };
}

/**
 * The demo province's one catalog: the provincial center's fields and procedures, which every unit
 * then takes as the province's (the communes' names become the catalog's). Once: a province
 * that already keeps a catalog keeps its own.
 */
async function seedCatalog(deployment: Deployment): Promise<void> {
  if (deployment.catalog().services.length) return;
  const center = deployment.hall("lam-dong")?.service.config;
  if (!center) return;
  const catalog = {
    fields: center.fields.map(({ id, name, nameEn, icon }) => ({ id, name, nameEn, ...(icon ? { icon } : {}) })),
    services: center.services.map(({ id, name, nameEn, fieldId, defaultServiceMinutes }) => ({ id, name, nameEn, fieldId, defaultServiceMinutes })),
    holidays: center.calendar.holidays,
    // The provincial center's listing (niêm yết) becomes every unit's, and its rules the default.
    listing: deployment.hall("lam-dong")!.catalog.procedures(),
    rules: center.rules,
  };
  // The catalog first: a unit may take only entries the province keeps.
  await deployment.saveCatalog(catalog);
  for (const hall of deployment.all()) {
    const r = await hall.service.updateConfig(adoptCatalog(hall.service.config, catalog));
    if (!r.ok) throw new Error(`the demo unit ${hall.center} cannot take the catalog: ${r.message}`);
  }
}

/** The scenario's fields, with the hall's services for each (a busier town: more citizens). */
async function fieldsOf(hall: App, name: ShippedScenario, busier: number): Promise<LiveField[]> {
  const scenario = await shippedScenario(name);
  const { services } = hall.service.config;
  return scenario.fields.flatMap((f) => {
    const serviceIds = services.filter((s) => s.fieldId === f.id).map((s) => s.id);
    if (!serviceIds.length) return [];
    return [{ serviceIds, steps: arrivalSteps(f).map((s) => ({ ...s, perMinute: s.perMinute * busier })), serviceMinutes: { mean: f.serviceMinutes.mean, cv: f.serviceMinutes.cv } }];
  });
}

/** The demo officers, one at each counter in order, as many as the hall has. */
function officersOf(hall: App) {
  const { staff, counters } = hall.service.config;
  const officers = staff.filter((s) => s.role === "staff" && /^canbo\d+$/.test(s.username));
  return officers.slice(0, counters.length).map((s, i) => ({ username: s.username, password: DEMO_STAFF_PASSWORD, counterId: counters[i]!.id }));
}

