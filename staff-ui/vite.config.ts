import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// Served by the queue-server under /staff/: the counter terminal, the supervisor's dashboard and
// (later) administration and reports. Everything ships in dist (no CDN).
export default defineConfig({
  base: "/staff/",
  plugins: [preact()],
  build: { outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0 },
});
