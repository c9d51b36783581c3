import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Styles go to a CSS file, never inline <style> tags: the CSP only allows 'self' styles.
    css: "external",
  },
};
