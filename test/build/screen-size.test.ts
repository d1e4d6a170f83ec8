import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

/** What a page fetches before it runs, gzipped: its HTML, entry script, preloads and styles. */
function firstLoad(screen: string, base: string, withCss: boolean): { files: string[]; bytes: number } {
  const dist = join(ROOT, screen, "dist");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const pattern = new RegExp(`<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="(?:modulepreload${withCss ? "|stylesheet" : ""})"[^>]*href)="${base}([^"]+\\.(?:js|css))"`, "g");
  const files = [...html.matchAll(pattern)].map((m) => m[1]!);
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0) + (withCss ? gzipSync(html).length : 0);
  return { files, bytes };
}

// vitest's global setup builds the screens from the tree before any test runs.
describe("first loads", () => {
  // 60 kB until the province's schemas joined the one contract every screen's Link carries (its
  // namespaces' commands); 61 until the hall's human gaps (issue 17) added the speaker button, the
  // opening-hours and seasonal schemas, the scroll cue and the late-dossier words (61.9 kB; the
  // reader, search and shell load later). The way down is to give each screen only its own
  // namespace's schemas: the fact and command schemas of every namespace are most of the rest.
  it("of the kiosk's start screen: at most 63 kB of JavaScript, gzipped, without the camera's decoder", () => {
    const { files, bytes } = firstLoad("kiosk-ui", "/kiosk/", false);
    console.log(`kiosk start screen JS: ${files.join(", ")} = ${(bytes / 1000).toFixed(1)} kB gzipped`);
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => f.includes("camera"))).toBe(false);
    expect(bytes).toBeLessThanOrEqual(63_000);
  });

  it("of a citizen's phone page: at most 80 kB gzipped in all, for a slow connection", () => {
    const { files, bytes } = firstLoad("citizen-web", "/c/", true);
    console.log(`citizen page first load: ${files.join(", ")} + index.html = ${(bytes / 1000).toFixed(1)} kB gzipped`);
    expect(files.some((f) => f.endsWith(".js"))).toBe(true);
    expect(bytes).toBeLessThanOrEqual(80_000);
  });
});
