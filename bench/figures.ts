import { performance } from "node:perf_hooks";

export interface Figures {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  perSecond: number;
}

/** Percentiles by rank (no interpolation), and the rate over the wall time the sample took. */
export function figures(latencies: number[], wallMs: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return {
    n: sorted.length,
    p50: rank(0.5),
    p99: rank(0.99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    max: sorted[sorted.length - 1]!,
    perSecond: (sorted.length / wallMs) * 1000,
  };
}

/** Issues one ticket through the API as the demo kiosk; resolves to the milliseconds it took. */
export async function issueTicket(url: string, serviceId: string, key = "kiosk-demo-key"): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/tickets`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ serviceId }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 201) throw new Error(`issue ${serviceId}: ${res.status} ${body}`);
  return ms;
}
