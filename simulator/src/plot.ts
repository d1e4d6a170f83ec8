import { TARGET_WAIT_MINUTES as TARGET } from "@motcua/protocol";
import { countedWait } from "./report.ts";
import type { SimResult } from "./simulate.ts";

const COLORS = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8e6c8a", "#30638e", "#e07a5f", "#3d405b", "#81b29a"];
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Waits over the day as an SVG a supervisor can open in any browser: one dot per citizen
 * at the time they took a ticket, and the target wait as a line (grid lines every target).
 */
export function waitsSvg(r: SimResult, fields: { id: string; name: string }[]): string {
  const W = 1100;
  const H = 480;
  const pad = { l: 56, r: 290, t: 40, b: 44 };
  const x0 = 7 * 60;
  const x1 = 17 * 60;
  const maxWait = Math.max(30, ...r.visits.map(countedWait));
  const yMax = Math.ceil(maxWait / TARGET) * TARGET;
  const x = (m: number) => pad.l + ((m - x0) / (x1 - x0)) * (W - pad.l - pad.r);
  const y = (w: number) => H - pad.b - (w / yMax) * (H - pad.t - pad.b);
  const color = new Map(fields.map((f, i) => [f.id, COLORS[i % COLORS.length]!] as const));
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${pad.l}" y="24" font-size="14" font-weight="bold">${esc(r.scenario)} — thời gian chờ theo giờ lấy số / waits by time of ticket</text>`);
  for (let h = 7; h <= 17; h++) {
    parts.push(`<line x1="${x(h * 60)}" x2="${x(h * 60)}" y1="${pad.t}" y2="${H - pad.b}" stroke="#eee"/>`);
    parts.push(`<text x="${x(h * 60)}" y="${H - pad.b + 16}" text-anchor="middle">${h}:00</text>`);
  }
  for (let w = 0; w <= yMax; w += TARGET) {
    parts.push(`<text x="${pad.l - 8}" y="${y(w) + 4}" text-anchor="end">${w}</text>`);
  }
  parts.push(`<text x="14" y="${(pad.t + H - pad.b) / 2}" transform="rotate(-90 14 ${(pad.t + H - pad.b) / 2})" text-anchor="middle">phút / minutes</text>`);
  parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(TARGET)}" y2="${y(TARGET)}" stroke="#d1495b" stroke-dasharray="6 4"/>`);
  parts.push(`<text x="${W - pad.r - 4}" y="${y(TARGET) - 6}" text-anchor="end" fill="#d1495b">${TARGET} phút / ${TARGET} min</text>`);
  for (const v of r.visits) {
    parts.push(`<circle cx="${x(v.issuedMinute).toFixed(1)}" cy="${y(countedWait(v)).toFixed(1)}" r="2.2" fill="${color.get(v.fieldId) ?? "#999"}" fill-opacity="0.7"/>`);
  }
  fields.forEach((f, i) => {
    const ly = pad.t + 10 + i * 18;
    parts.push(`<circle cx="${W - pad.r + 16}" cy="${ly}" r="5" fill="${color.get(f.id)}"/>`);
    parts.push(`<text x="${W - pad.r + 26}" y="${ly + 4}">${esc(f.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}
