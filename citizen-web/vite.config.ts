import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The citizen's phone pages, served by the queue-server under /c/ (a ticket's QR opens /f/<token>,
// which serves the same page). Phones already have fonts with Vietnamese: no font is shipped, so
// the first load stays small on a slow connection.
export default defineConfig({
  base: "/c/",
  plugins: [preact()],
  build: { outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0 },
});
