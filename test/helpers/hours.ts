import { client } from "./harness.ts";

/**
 * The demo center's kiosks issue numbers at any hour (rules.issueOutsideHours "always"): for a
 * test about something else that issues at night, on a day off, or on the machine's own clock.
 * By default numbers are issued only in the opening hours and the hour before them.
 */
export async function issueAtAnyHour(url: string, password = "admin"): Promise<void> {
  const c = client(url);
  const admin = await c.login("admin", password);
  const config = (await c.api("GET", "/api/admin/config", { token: admin })).body;
  const r = await c.api("PUT", "/api/admin/config", { token: admin, body: { ...config, rules: { ...config.rules, issueOutsideHours: "always" } } });
  if (r.status !== 200) throw new Error(`rules.issueOutsideHours: ${r.status} ${JSON.stringify(r.body)}`);
}
