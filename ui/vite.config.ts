import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The UI is loaded by Tauri from disk (WebKitGTK on Linux, WKWebView on macOS,
// WebView2 on Windows): relative asset paths, everything bundled, no remote content.
export default defineConfig({
  base: "./",
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: "127.0.0.1",
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.50 and the other Tauri webviews all support ES2021.
    target: "es2021",
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
  },
});
