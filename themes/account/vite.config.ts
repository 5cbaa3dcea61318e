import { fileURLToPath } from "node:url";

import { themeBuild } from "../shared/vite.base";

export default themeBuild({
  themeType: "account",
  alias: {
    // Not in the library's "exports", but without it the stock pages render unstyled.
    "@keycloak/keycloak-account-ui/style.css": fileURLToPath(
      new URL("keycloak-account-ui.css", import.meta.resolve("@keycloak/keycloak-account-ui")),
    ),
  },
  chunkSizeWarningLimit: 4096,
});
