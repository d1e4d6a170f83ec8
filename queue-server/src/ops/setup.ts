import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { networkInterfaces } from "node:os";
import { dirname } from "node:path";
import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";
import { reachableByPhones } from "../app/health.ts";

/**
 * `motcua setup`: the questions an installation must answer, above all where phones reach the
 * server (a ticket's QR leads there). It writes the environment file the service reads, keeping
 * any line it does not ask about; run again, it offers the answers already given.
 */
export async function setup(opts: { envFile: string; input: Readable; output: Writable }): Promise<void> {
  const kept = await readFile(opts.envFile, "utf8").catch(() => "");
  const env = new Map<string, string>();
  for (const line of kept.split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) env.set(m[1]!, m[2]!);
  }
  const rl = createInterface({ input: opts.input, output: opts.output, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (question: string, fallback: string): Promise<string> => {
    opts.output.write(`${question}${fallback ? ` [${fallback}]` : ""}: `);
    const { value, done } = await lines.next();
    if (done) throw new Error("the answers ended before the questions did; nothing was written");
    const answer = String(value).trim();
    return answer || fallback;
  };
  const say = (text: string) => opts.output.write(`${text}\n`);

  const lan = Object.values(networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal)?.address;
  const port = await ask("Port the server listens on", env.get("PORT") ?? "8080");
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new Error(`a port is a number from 1 to 65535 (got ${port}); nothing was written`);
  say("The public address is where citizens' phones reach this server: the QR on every ticket and the booking pages lead there.");
  let publicUrl = await ask("Public address (e.g. https://motcua.lamdong.gov.vn)", env.get("MOTCUA_PUBLIC_URL") ?? (lan ? `http://${lan}:${port}` : ""));
  while (!/^https?:\/\/[^\s/]+/.test(publicUrl)) publicUrl = await ask("An address starts with http:// or https://", "");
  publicUrl = publicUrl.replace(/\/+$/, "");
  if (!reachableByPhones(publicUrl)) {
    say(`Warning: ${publicUrl} is a private or local address. Phones on mobile data cannot open it; the dashboard and /api/health will say so until it is a public one.`);
  }
  const database = await ask("PostgreSQL URL (empty: the embedded store in the data folder)", env.get("DATABASE_URL") ?? "");
  if (database && !/^postgres(ql)?:\/\//.test(database)) throw new Error("a PostgreSQL URL starts with postgres://; nothing was written");
  const metricsKey = env.get("MOTCUA_METRICS_KEY") ?? randomBytes(18).toString("base64url");

  env.set("PORT", port);
  env.set("MOTCUA_PUBLIC_URL", publicUrl);
  if (database) env.set("DATABASE_URL", database);
  else env.delete("DATABASE_URL");
  env.set("MOTCUA_METRICS_KEY", metricsKey);
  const text = ["# motcua's settings, read by the service (systemd EnvironmentFile). Written by motcua setup.", ...[...env].map(([k, v]) => `${k}=${v}`), ""].join("\n");
  await mkdir(dirname(opts.envFile), { recursive: true });
  // It may hold the database's password and the metrics key: readable by its owner only.
  await writeFile(opts.envFile, text, { mode: 0o600 });
  await chmod(opts.envFile, 0o600);
  say(`Written ${opts.envFile}. Monitors read /metrics with: Authorization: Bearer ${metricsKey}`);
  rl.close();
}
