import { routes as stockRoutes } from "@keycloak/keycloak-account-ui";
import type { RouteObject } from "react-router-dom";

import { ApiTokens } from "./api-tokens/ApiTokens";
import { environment } from "./environment";
import { Root } from "./Root";
import { API_TOKENS_PATH } from "./api-tokens/access";

export const ApiTokensRoute: RouteObject = {
  path: API_TOKENS_PATH,
  element: <ApiTokens />,
};

/** The stock console's routes under the account base URL, plus "api-tokens". */
export const routes: RouteObject[] = [
  {
    path: decodeURIComponent(new URL(environment.baseUrl).pathname),
    element: <Root />,
    children: [...stockRoutes, ApiTokensRoute],
  },
];
