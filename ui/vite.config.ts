import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The UI is served by Tauri from ui/dist; no dev server is needed to run the app.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    // Every asset (fonts included) is a file of its own: the CSP allows no data: fonts or inline code.
    assetsInlineLimit: 0,
  },
  server: { port: 1420, strictPort: true },
  // Tests mount components in jsdom, which needs Svelte's browser build.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    // Lets @testing-library clean up the DOM after each test.
    globals: true,
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
  },
}));
