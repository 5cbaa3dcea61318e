import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// React comes from Keycloak's own copy through index.ftl's import map, as in the stock console.
const shared = ["react", "react/jsx-runtime", "react-dom", "react-dom/client"];

export default defineConfig({
  // index.ftl prefixes every file of the manifest with the theme's resource URL.
  base: "",
  plugins: [react()],
  build: {
    // Into the theme module's Maven output, next to the account console; Maven adds theme.properties and
    // index.ftl (themes/src/main/resources) after this step.
    outDir: "../target/classes/theme/personal-api-tokens/admin/resources",
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 8192,
    rollupOptions: {
      input: "src/main.tsx",
      external: shared,
      // the import map knows "react-dom" only; its module also exports createRoot
      output: {
        paths: { "react-dom/client": "react-dom" },
        // One chunk: index.ftl turns the entry's "imports" into modulepreload links by their manifest keys,
        // which are no URLs (see the account console's vite.config.ts).
        inlineDynamicImports: true,
      },
    },
  },
});
