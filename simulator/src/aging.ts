import { figuresOver, withPolicy, type PolicyFigures } from "./policies.ts";
import type { Scenario } from "./scenario.ts";

/** One aging limit's figures over the seeded days, beside dedicated FIFO on the same citizens. */
export interface AgingRow {
  limit: number;
  figures: PolicyFigures;
  /** Fields whose p90 is over 10 % worse than under dedicated FIFO: a specialist's queue starved. */
  starved: { id: string; p90: number; fifoP90: number }[];
}

/**
 * The engine's call order under several aging limits (the scenario's other rules kept), on the
 * same seeded days: common random numbers, so the differences are the limit's, not noise.
 */
export function compareAging(s: Scenario, limits: number[], seeds: number[]): { fifo: PolicyFigures; rows: AgingRow[] } {
  const fifo = figuresOver("dedicated", withPolicy(s, "dedicated"), seeds, { bands: false });
  const rows = limits.map((limit) => {
    const figures = figuresOver(`aging ${limit} min`, { ...s, rules: { ...s.rules, agingLimitMinutes: limit } }, seeds, { bands: false });
    const starved = figures.fields.flatMap((f, i) => {
      const base = fifo.fields[i]!;
      return f.visits > 0 && f.p90Wait > base.p90Wait * 1.1 ? [{ id: f.id, p90: f.p90Wait, fifoP90: base.p90Wait }] : [];
    });
    return { limit, figures, starved };
  });
  return { fifo, rows };
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

/** The comparison as a Markdown table: mean wait, share over 15 minutes, p90, the longest wait, fields starved. */
export function formatAging(name: string, days: number, c: ReturnType<typeof compareAging>): string {
  const head = "| aging limit | mean wait | over 15 min | p90 | longest wait | worst field p90 | fields > 10 % worse p90 than FIFO |";
  const line = (label: string, f: PolicyFigures, starved: string) => {
    const o = f.overall;
    const worst = f.fields.reduce((a, b) => (b.p90Wait > a.p90Wait ? b : a));
    return `| ${label} | ${o.meanWait.toFixed(1)} | ${pct(1 - o.within15)} | ${o.p90Wait.toFixed(1)} | ${o.longestWait.toFixed(1)} | ${worst.p90Wait.toFixed(1)} (${worst.id}) | ${starved} |`;
  };
  return [
    `${name} (${days} seeded days, waits in minutes)`,
    head,
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...c.rows.map((r) => line(`${r.limit} min`, r.figures, r.starved.length ? r.starved.map((x) => `${x.id} ${x.p90.toFixed(1)} vs ${x.fifoP90.toFixed(1)}`).join("; ") : "none")),
    line("dedicated FIFO", c.fifo, "–"),
  ].join("\n");
}
