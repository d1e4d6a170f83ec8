import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
  /** Bars for counts and shares; a line for waits over the day. */
  bars?: boolean;
}

const bars = uPlot.paths.bars!({ size: [0.6, 60] });

/**
 * A small uPlot chart. Categories (hours, fields, counters) sit at x = 0, 1, 2…, labelled on the
 * axis; an optional horizontal line marks a target (15 minutes, 95 %).
 */
export function Chart(p: { title: string; categories: string[]; series: Series[]; yMax?: number; target?: number; targetLabel?: string; unit?: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const drawn = useRef("");
  const xs = p.categories.map((_, i) => i);
  const data: uPlot.AlignedData = [xs, ...p.series.map((s) => s.values), ...(p.target !== undefined ? [xs.map(() => p.target!)] : [])];
  const shape = `${p.series.map((s) => s.label).join("|")}|${p.categories.join("|")}|${p.target}`;

  useEffect(() => {
    const el = box.current!;
    const opts: uPlot.Options = {
      width: el.clientWidth || 480,
      height: p.height ?? 220,
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.6, Math.max(0.6, xs.length - 0.4)] }, y: { range: [0, p.yMax ?? null] as unknown as uPlot.Range.MinMax } },
      axes: [
        // One label per category, however many: categories are few and short.
        { values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? (p.categories[v] ?? "") : "")), incrs: [1], space: 8, gap: 4, size: 40, font: "11px 'Be Vietnam Pro', sans-serif" },
        { values: (_u, splits) => splits.map((v) => `${v}${p.unit ?? ""}`), size: 56 },
      ],
      series: [
        {},
        ...p.series.map((s) => ({ label: s.label, stroke: s.color, fill: s.bars ? `${s.color}cc` : undefined, width: s.bars ? 0 : 3, ...(s.bars ? { paths: bars, points: { show: false } } : {}) })),
        ...(p.target !== undefined ? [{ label: p.targetLabel ?? "—", stroke: "#b3001b", dash: [8, 6], width: 2, points: { show: false } }] : []),
      ],
    };
    plot.current = new uPlot(opts, data, el);
    drawn.current = JSON.stringify(data);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height: p.height ?? 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [shape]);

  // The page redraws every second for its clocks; a chart redraws only when its numbers change.
  useEffect(() => {
    const now = JSON.stringify(data);
    if (now === drawn.current) return;
    drawn.current = now;
    plot.current?.setData(data);
  });

  return (
    <figure class="chart">
      <figcaption>{p.title}</figcaption>
      <div ref={box} />
    </figure>
  );
}
