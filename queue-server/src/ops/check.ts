/**
 * `motcua check`: a running server's /api/health as lines a person reads (or cron mails), with an
 * exit status a script tests. A server that does not answer is a failure, said as such.
 */
export async function checkHealth(url: string, timeoutMs = 5000): Promise<{ ok: boolean; text: string }> {
  const base = url.replace(/\/+$/, "");
  let body: { status?: string; checks?: { name: string; status: string; detail: string }[] };
  try {
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    body = (await res.json()) as typeof body;
  } catch (e) {
    return { ok: false, text: `FAIL  ${base} does not answer (${(e as Error).message}): is the service running? (systemctl status motcua)` };
  }
  const lines = (body.checks ?? []).map((c) => `${c.status.toUpperCase().padEnd(5)} ${c.name}: ${c.detail}`);
  return { ok: body.status === "ok" || body.status === "warn", text: [`${(body.status ?? "?").toUpperCase()}  ${base}`, ...lines].join("\n") };
}
