import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig, type AliasOptions } from "vite";

// React comes from Keycloak's own copy through index.ftl's import map, as in the stock consoles.
const fromImportMap = ["react", "react/jsx-runtime", "react-dom", "react-dom/client"];

type ThemeBuild = {
  /** "account" or "admin": the folder of the theme type in the JAR. */
  themeType: "account" | "admin";
  alias?: AliasOptions;
  chunkSizeWarningLimit: number;
};

/**
 * The build of one console page: the manifest and assets go straight into the theme module's Maven output
 * (target/classes/theme/personal-api-tokens/{account,admin}/resources); Maven adds theme.properties, messages and
 * content.json from src/main/resources after this step (process-resources); index.ftl is the parent theme's.
 */
export const themeBuild = ({ themeType, alias, chunkSizeWarningLimit }: ThemeBuild) =>
  defineConfig({
    // index.ftl prefixes every file of the manifest with the theme's resource URL.
    base: "",
    plugins: [react()],
    resolve: { alias },
    build: {
      outDir: fileURLToPath(
        new URL(`../target/classes/theme/personal-api-tokens/${themeType}/resources`, import.meta.url),
      ),
      emptyOutDir: true,
      manifest: true,
      target: "es2022",
      sourcemap: false,
      chunkSizeWarningLimit,
      rollupOptions: {
        input: "src/main.tsx",
        external: fromImportMap,
        // the import map knows "react-dom" only; its module also exports createRoot
        output: {
          paths: { "react-dom/client": "react-dom" },
          // One chunk: index.ftl turns the entry's "imports" into modulepreload links by their manifest keys
          // ("_index-….js"), which are no URLs; the stock consoles' entries have no static imports either.
          inlineDynamicImports: true,
        },
      },
    },
  });
