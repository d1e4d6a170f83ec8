import type { CenterConfig } from "@motcua/protocol";
import { DEMO_DEVICE_KEYS } from "../auth/demo-credentials.ts";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A plain page at / so a person who opens the server in a browser sees what runs here: the center,
 * or, where the deployment serves several, their list (the first one's demo links and hotline).
 */
export function landingPage(centers: CenterConfig[]): string {
  const config = centers[0]!;
  const title = centers.length === 1 ? config.center.name : `${centers.length} trung tâm / centers`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} – motcua</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.6rem}code{background:#f2f2f2;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>${esc(title)}</h1>
<p>Hệ thống xếp hàng motcua đang chạy. <span lang="en">The motcua queue server is running.</span></p>${
    centers.length > 1 ? `\n<ul>${centers.map((c) => `<li>${esc(c.center.name)} (<code>${esc(c.center.id)}</code>)</li>`).join("")}</ul>` : ""
  }
<ul>
<li>Tình trạng / Health: <a href="/api/health"><code>/api/health</code></a></li>
${centers.length === 1 ? `<li>Dịch vụ và thời gian chờ / Services and waits: <a href="/api/services"><code>/api/services</code></a></li>\n` : ""}<li>Tài liệu API / API document: <a href="/api/openapi.json"><code>/api/openapi.json</code></a></li>
</ul>${
    // The demo's screens open with the documented demo keys; a real center's carry their own.
    config.mode === "demo"
      ? `<ul>
<li>Cán bộ, giám sát / Staff and supervisor: <a href="/staff/"><code>/staff/</code></a> (canbo1 / demo, giamsat / demo)</li>
<li>Kiosk lấy số / Kiosk: <a href="/kiosk/?key=${DEMO_DEVICE_KEYS.kiosk}"><code>/kiosk/</code></a></li>
<li>Bảng gọi số / Lobby board: <a href="/board/?key=${DEMO_DEVICE_KEYS.display}"><code>/board/</code></a></li>
<li>Vé đã in / Printed tickets: <a href="/demo/printed"><code>/demo/printed</code></a></li>
</ul>`
      : ""
  }
<p>Đường dây nóng / Hotline: <strong>${esc(config.center.hotline)}</strong></p>
</body></html>`;
}

/** The demo printer's last tickets, newest first. */
export function printedPage(files: string[]): string {
  const items = files.map((f) => `<figure><img src="/demo/printed/${esc(f)}" alt="${esc(f)}" width="320"><figcaption>${esc(f)}</figcaption></figure>`);
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10"><title>Máy in mô phỏng – motcua</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}main{display:flex;flex-wrap:wrap;gap:1.5rem}
figure{margin:0;border:1px solid #ccc;box-shadow:0 2px 6px #0002}figcaption{font-size:.75rem;color:#666;padding:.3rem}</style></head>
<body><h1>Vé đã in (máy in mô phỏng) <small lang="en">· printed tickets (virtual printer)</small></h1>
${files.length ? `<main>${items.join("")}</main>` : "<p>Chưa có vé nào được in. <span lang=\"en\">Nothing printed yet.</span></p>"}
</body></html>`;
}

/** Shown when a screen has not been built: says what to run instead of a bare 404. */
export function notBuiltPage(screen: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>motcua</title></head>
<body style="font-family:system-ui,sans-serif;margin:3rem"><h1>Màn hình chưa được dựng</h1>
<p>Chạy <code>npm start</code> (tự dựng ${esc(screen)}) hoặc <code>node scripts/build-ui.mjs</code>.</p>
<p lang="en">The ${esc(screen)} screen is not built yet: run <code>npm start</code>, which builds it, or <code>node scripts/build-ui.mjs</code>.</p></body></html>`;
}
