import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// Served by the queue-server under /kiosk/; everything ships in dist (no CDN). The camera's QR
// decoder and the rarer screens are split off so the start screen loads small.
export default defineConfig({
  base: "/kiosk/",
  plugins: [preact()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // Kiosks run a current Chromium, which preloads modules itself: the polyfill would only weigh
    // on the start screen's budget.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // zxing does not declare itself free of side effects, so without this every barcode format
      // it knows (PDF417, Aztec, …) rides along with the QR reader: 122 kB gzipped instead of 29.
      treeshake: { moduleSideEffects: (id: string) => !id.includes("/@zxing/library/") },
    },
  },
});
