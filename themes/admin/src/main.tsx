import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "@keycloak/keycloak-admin-ui/styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider, createHashRouter } from "react-router-dom";

import { installUiExtFallback } from "./compat/uiExtFallback";
import { i18n } from "./i18n";
import { routes } from "./routes";

// Keycloak 26.4/26.5 lack three ui-ext endpoints the 26.7 role mapping tabs call: answer them from the standard API.
installUiExtFallback();

await i18n.init();

// As the stock console: hash routes (#/{realm}/users …) under /admin/{realm}/console/.
const router = createHashRouter(routes);

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
