import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const DIST = join(ROOT, "kiosk-ui", "dist");
/** The issue's budget for the start screen's JavaScript, gzipped. */
const BUDGET_BYTES = 60_000;

describe("the kiosk's start screen", () => {
  beforeAll(() => {
    // npm test builds the screens first; this makes the test stand on its own too.
    execFileSync(process.execPath, [join(ROOT, "scripts", "build-ui.mjs")], { stdio: "inherit" });
  }, 120_000);

  it(`loads at most ${BUDGET_BYTES / 1000} kB of JavaScript, gzipped, before its first screen`, () => {
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    // What the page fetches before it runs: its entry script and what that entry preloads.
    const scripts = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/kiosk\/([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((f) => ({ file: f, gzipped: gzipSync(readFileSync(join(DIST, f))).length }));
    const total = sizes.reduce((n, s) => n + s.gzipped, 0);
    console.log(`kiosk start screen JS: ${sizes.map((s) => `${s.file} ${(s.gzipped / 1000).toFixed(1)} kB`).join(", ")} = ${(total / 1000).toFixed(1)} kB gzipped`);
    // The camera's decoder is not among them: it loads when someone opens the scan screen.
    expect(scripts.some((f) => f.includes("camera"))).toBe(false);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
