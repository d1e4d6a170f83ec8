import type { CenterConfig } from "@motcua/protocol";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page at / so a person who opens the server in a browser sees what runs here. */
export function landingPage(config: CenterConfig): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(config.center.name)} – motcua</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.6rem}code{background:#f2f2f2;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>${esc(config.center.name)}</h1>
<p>Hệ thống xếp hàng motcua đang chạy. <span lang="en">The motcua queue server is running.</span></p>
<ul>
<li>Tình trạng / Health: <a href="/api/health"><code>/api/health</code></a></li>
<li>Dịch vụ và thời gian chờ / Services and waits: <a href="/api/services"><code>/api/services</code></a></li>
<li>Tài liệu API / API document: <a href="/api/openapi.json"><code>/api/openapi.json</code></a></li>
</ul>
<p>Đường dây nóng / Hotline: <strong>${esc(config.center.hotline)}</strong></p>
</body></html>`;
}
