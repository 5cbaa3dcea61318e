import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// React comes from Keycloak's own copy through index.ftl's import map, as in the stock console.
const shared = ["react", "react/jsx-runtime", "react-dom", "react-dom/client"];

export default defineConfig({
  // index.ftl prefixes every file of the manifest with the theme's resource URL.
  base: "",
  plugins: [react()],
  resolve: {
    alias: {
      // Not in the library's "exports", but without it the stock pages render unstyled.
      "@keycloak/keycloak-account-ui/style.css": fileURLToPath(
        new URL("node_modules/@keycloak/keycloak-account-ui/lib/keycloak-account-ui.css", import.meta.url),
      ),
    },
  },
  build: {
    // Straight into the theme inside the module's Maven output; Maven adds theme.properties, index.ftl,
    // messages and content.json after this step (process-resources).
    outDir: "target/classes/theme/personal-api-tokens/account/resources",
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: "src/main.tsx",
      external: shared,
      // the import map knows "react-dom" only; its module also exports createRoot
      output: {
        paths: { "react-dom/client": "react-dom" },
        // One chunk: index.ftl turns the entry's "imports" into modulepreload links by their manifest keys
        // ("_index-….js"), which are no URLs; the stock console's entry has no static imports either.
        inlineDynamicImports: true,
      },
    },
  },
});
