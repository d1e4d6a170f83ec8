import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// Served by the queue-server under /board/; everything the board needs ships in dist (no CDN).
export default defineConfig({
  base: "/board/",
  plugins: [preact()],
  build: { outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0 },
});
